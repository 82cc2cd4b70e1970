// File: keras/regularizers/regularizers.h
// -----------------------------------------------------------------------------
// Weight regularizers (Python: keras/src/regularizers/regularizers.py): a
// penalty computed from a variable and added to the training loss.
//
//   Dense(64, {.kernel_regularizer = regularizers::L2(1e-4)});
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

#include "keras/backend/tensor.h"
#include "keras/saving/object_registration.h"
#include "keras/saving/serializable.h"

namespace keras::regularizers {

class Regularizer : public Serializable {
 public:
  using Kind = Regularizer;
  virtual Tensor operator()(const Tensor& x) const = 0;
  std::string module() const override { return "keras.regularizers"; }
};

using RegularizerPtr = std::shared_ptr<Regularizer>;

class L1L2 : public Regularizer {
 public:
  explicit L1L2(double l1 = 0.0, double l2 = 0.0);
  Tensor operator()(const Tensor& x) const override;
  std::string class_name() const override { return "L1L2"; }
  Json get_config() const override;

 protected:
  double l1_, l2_;
};

// Keras stores L1's factor as a float32 tensor, so its config shows the
// float32 value widened (0.01 -> 0.009999999776482582).
class L1 : public L1L2 {
 public:
  explicit L1(double l1 = 0.01);
  std::string class_name() const override { return "L1"; }
  Json get_config() const override;
};

class L2 : public L1L2 {
 public:
  explicit L2(double l2 = 0.01) : L1L2(0.0, l2) {}
  std::string class_name() const override { return "L2"; }
  Json get_config() const override;
};

// keras.regularizers.get: "l1", "l2", "l1_l2" or a class name.
RegularizerPtr get(const std::string& identifier);

void register_builtins();

}  // namespace keras::regularizers

namespace keras::saving {
template <>
struct KindName<regularizers::Regularizer> {
  static constexpr const char* value = "regularizer";
};
}  // namespace keras::saving
