// File: keras/initializers/initializer.h
// -----------------------------------------------------------------------------
// Initializers (Python: keras/src/initializers/): how a new variable is
// filled. InitializerBase is the class hierarchy; keras::initializers::
// Initializer is the value users pass, built from a name or an object:
//
//   Dense(64, {.kernel_initializer = "he_normal"});
//   Dense(64, {.kernel_initializer = initializers::RandomNormal({.stddev =
//   0.1})});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "keras/backend/tensor.h"
#include "keras/saving/object_registration.h"
#include "keras/saving/serializable.h"

namespace keras::initializers {

class InitializerBase : public Serializable {
 public:
  using Kind = InitializerBase;
  virtual Tensor operator()(const Shape& shape, DType dtype) const = 0;
  std::string module() const override { return "keras.initializers"; }
};

class Initializer {
 public:
  Initializer(const char* identifier);  // "glorot_uniform", "zeros", ...
  Initializer(const std::string& identifier);
  Initializer(std::shared_ptr<InitializerBase> object);
  template <class T>
  requires std::derived_from<T, InitializerBase> Initializer(T object)
      : object_(std::make_shared<T>(std::move(object))) {}

  Tensor operator()(const Shape& shape, DType dtype) const {
    return (*object_)(shape, dtype);
  }
  const InitializerBase& object() const { return *object_; }
  const std::shared_ptr<InitializerBase>& shared() const { return object_; }

 private:
  std::shared_ptr<InitializerBase> object_;
};

// keras.initializers.get: a snake_case or class name.
std::shared_ptr<InitializerBase> get(const std::string& identifier);

// ---- constant initializers ----
class Zeros : public InitializerBase {
 public:
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "Zeros"; }
  Json get_config() const override { return Json::object(); }
};

class Ones : public InitializerBase {
 public:
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "Ones"; }
  Json get_config() const override { return Json::object(); }
};

class Constant : public InitializerBase {
 public:
  explicit Constant(double value = 0.0) : value_(value) {}
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "Constant"; }
  Json get_config() const override;

 private:
  double value_;
};

// ---- random initializers ----
struct RandomOptions {
  double mean = 0.0;  // RandomNormal / TruncatedNormal
  double stddev = 0.05;
  double minval = -0.05;  // RandomUniform
  double maxval = 0.05;
  std::optional<std::int64_t> seed = std::nullopt;
};

class RandomNormal : public InitializerBase {
 public:
  explicit RandomNormal(RandomOptions options = {}) : o_(options) {}
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "RandomNormal"; }
  Json get_config() const override;

 private:
  RandomOptions o_;
};

class TruncatedNormal : public InitializerBase {
 public:
  explicit TruncatedNormal(RandomOptions options = {}) : o_(options) {}
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "TruncatedNormal"; }
  Json get_config() const override;

 private:
  RandomOptions o_;
};

class RandomUniform : public InitializerBase {
 public:
  explicit RandomUniform(RandomOptions options = {}) : o_(options) {}
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "RandomUniform"; }
  Json get_config() const override;

 private:
  RandomOptions o_;
};

struct VarianceScalingOptions {
  double scale = 1.0;
  std::string mode = "fan_in";  // fan_in | fan_out | fan_avg
  std::string distribution =
      "truncated_normal";  // | untruncated_normal | uniform
  std::optional<std::int64_t> seed = std::nullopt;
};

// Glorot/He/Lecun are VarianceScaling with fixed scale/mode/distribution and
// their own class names.
class VarianceScaling : public InitializerBase {
 public:
  explicit VarianceScaling(VarianceScalingOptions options = {},
                           std::string class_name = "VarianceScaling");
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return class_name_; }
  Json get_config() const override;

 private:
  VarianceScalingOptions o_;
  std::string class_name_;
};

// A random (semi-)orthogonal matrix times `gain` (Keras' Orthogonal; the
// default recurrent_initializer of LSTM/GRU/SimpleRNN).
class Orthogonal : public InitializerBase {
 public:
  explicit Orthogonal(double gain = 1.0,
                      std::optional<std::int64_t> seed = std::nullopt)
      : gain_(gain), seed_(seed) {}
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "Orthogonal"; }
  Json get_config() const override;

 private:
  double gain_;
  std::optional<std::int64_t> seed_;
};

// `gain` times the identity matrix (Keras' Identity); 2D shapes only.
class Identity : public InitializerBase {
 public:
  explicit Identity(double gain = 1.0) : gain_(gain) {}
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "Identity"; }
  // Keras writes an empty config: `gain` is not saved (a Keras quirk).
  Json get_config() const override { return Json::object(); }

 private:
  double gain_;
};

VarianceScaling GlorotUniform(std::optional<std::int64_t> seed = std::nullopt);
VarianceScaling GlorotNormal(std::optional<std::int64_t> seed = std::nullopt);
VarianceScaling HeUniform(std::optional<std::int64_t> seed = std::nullopt);
VarianceScaling HeNormal(std::optional<std::int64_t> seed = std::nullopt);
VarianceScaling LecunUniform(std::optional<std::int64_t> seed = std::nullopt);
VarianceScaling LecunNormal(std::optional<std::int64_t> seed = std::nullopt);

void register_builtins();

}  // namespace keras::initializers

namespace keras::saving {
template <>
struct KindName<initializers::InitializerBase> {
  static constexpr const char* value = "initializer";
};
}  // namespace keras::saving
