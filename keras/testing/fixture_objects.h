// File: keras/testing/fixture_objects.h
// -----------------------------------------------------------------------------
// C++ twins of the custom objects the serialization fixtures were written
// with (fixtures/serialization/custom_*, to_json_custom_registered,
// get_registered_name): the registered layer 'fixtures>ScaledDense', the
// registered function 'fixtures>clipped_relu' and the unregistered layer
// PlainScale (loaded through custom_objects). Test-only, header-only.
//
//   keras::testing::register_fixture_objects();   // idempotent
//   auto m = saving::load_model(p, {.custom_objects = &plain_scale_objects()});
// -----------------------------------------------------------------------------
#pragma once

#include <mutex>

#include "keras/keras.h"
#include "keras/saving/config_reader.h"

namespace keras::testing {

// ops.minimum(ops.relu(x), 2.0)
inline Tensor clipped_relu(const Tensor& x) {
  return ops::minimum(ops::relu(x), ops::scalar_like(2.0, x));
}

// activation(scale * (x @ kernel + bias)), registered as fixtures>ScaledDense.
class ScaledDense : public Layer {
 public:
  ScaledDense(std::int64_t units, double scale,
              activations::Activation activation, LayerOptions base = {})
      : Layer(std::move(base), "scaled_dense"),
        units_(units),
        scale_(scale),
        activation_(std::move(activation)) {}

  std::string class_name() const override { return "ScaledDense"; }
  std::string module() const override { return ""; }
  std::string registered_name() const override {
    return "fixtures>ScaledDense";
  }

  void build(const std::vector<Shape>& shapes) override {
    kernel_ = add_weight({.name = "kernel",
                          .shape = {shapes.at(0).back(), units_},
                          .initializer = "glorot_uniform"});
    bias_ =
        add_weight({.name = "bias", .shape = {units_}, .initializer = "zeros"});
  }
  Tensors call(const Tensors& inputs, const CallContext&) override {
    Tensor y =
        ops::add(ops::matmul(inputs.at(0), kernel_->value()), bias_->value());
    return {activation_(ops::multiply(y, ops::scalar_like(scale_, y)))};
  }
  Json get_config() const override {
    Json config = Layer::get_config();
    config["units"] = units_;
    config["scale"] = scale_;
    config["activation"] = activation_.serialize();
    return config;
  }
  static std::shared_ptr<ScaledDense> from_config(const Json& config) {
    saving::ConfigReader r(config, "ScaledDense");
    return std::make_shared<ScaledDense>(
        r.required<std::int64_t>("units"), r.get("scale", 1.0),
        activations::deserialize(r.raw("activation")),
        layer_options_from_config(r));
  }

 private:
  std::int64_t units_;
  double scale_;
  activations::Activation activation_;
  VariablePtr kernel_, bias_;
};

// x * factor; NOT registered (found through custom_objects by class name).
class PlainScale : public Layer {
 public:
  explicit PlainScale(double factor, LayerOptions base = {})
      : Layer(std::move(base), "plain_scale"), factor_(factor) {}
  std::string class_name() const override { return "PlainScale"; }
  std::string module() const override { return ""; }
  // Keras writes the class name as registered_name for unregistered classes.
  std::string registered_name() const override { return "PlainScale"; }
  Tensors call(const Tensors& inputs, const CallContext&) override {
    const Tensor& x = inputs.at(0);
    return {ops::multiply(x, ops::scalar_like(factor_, x))};
  }
  Json get_config() const override {
    Json config = Layer::get_config();
    config["factor"] = factor_;
    return config;
  }
  static std::shared_ptr<PlainScale> from_config(const Json& config) {
    saving::ConfigReader r(config, "PlainScale");
    return std::make_shared<PlainScale>(r.get("factor", 2.0),
                                        layer_options_from_config(r));
  }

 private:
  double factor_;
};

inline void register_fixture_objects() {
  static std::once_flag once;
  std::call_once(once, [] {
    saving::register_keras_serializable<ScaledDense>("fixtures", "ScaledDense");
    saving::register_keras_serializable_function("fixtures", "clipped_relu",
                                                 clipped_relu);
  });
}

// custom_objects={"PlainScale": PlainScale}
inline const saving::CustomObjects& plain_scale_objects() {
  static const saving::CustomObjects objects = {
      {"PlainScale", saving::make_factory<Layer>([](const Json& c) -> LayerPtr {
         return PlainScale::from_config(c);
       })}};
  return objects;
}

}  // namespace keras::testing
