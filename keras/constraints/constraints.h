// File: keras/constraints/constraints.h
// -----------------------------------------------------------------------------
// Weight constraints (Python: keras/src/constraints/constraints.py): a
// projection applied to a variable after each optimizer update.
//
//   Dense(64, {.kernel_constraint = constraints::MaxNorm(2.0)});
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/saving/object_registration.h"
#include "keras/saving/serializable.h"

namespace keras::constraints {

class Constraint : public Serializable {
 public:
  using Kind = Constraint;
  virtual Tensor operator()(const Tensor& w) const = 0;
  std::string module() const override { return "keras.constraints"; }
};

using ConstraintPtr = std::shared_ptr<Constraint>;

class NonNeg : public Constraint {
 public:
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "NonNeg"; }
  Json get_config() const override { return Json::object(); }
};

// Norms are taken over `axis` (a list, as Keras writes for UnitNorm).
class MinMaxNorm : public Constraint {
 public:
  explicit MinMaxNorm(double min_value = 0.0, double max_value = 1.0,
                      double rate = 1.0, Json axis = 0);
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "MinMaxNorm"; }
  Json get_config() const override;

 protected:
  double min_value_, max_value_, rate_;
  Json axis_;
};

class MaxNorm : public MinMaxNorm {
 public:
  explicit MaxNorm(double max_value = 2.0, Json axis = 0);
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "MaxNorm"; }
  Json get_config() const override;
};

class UnitNorm : public MinMaxNorm {
 public:
  explicit UnitNorm(Json axis = 0) : MinMaxNorm(1.0, 1.0, 1.0, axis) {}
  std::string class_name() const override { return "UnitNorm"; }
  Json get_config() const override { return {{"axis", axis_}}; }
};

ConstraintPtr get(const std::string& identifier);

void register_builtins();

}  // namespace keras::constraints

namespace keras::saving {
template <>
struct KindName<constraints::Constraint> {
  static constexpr const char* value = "constraint";
};
}  // namespace keras::saving
