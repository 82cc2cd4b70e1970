// File: keras/testing/fixture_objects.h
// -----------------------------------------------------------------------------
// C++ twins of the custom objects the serialization fixtures were written
// with (fixtures/serialization/custom_*, to_json_custom_registered,
// get_registered_name): the registered layer 'fixtures>ScaledDense', the
// registered function 'fixtures>clipped_relu' and the unregistered layer
// PlainScale (loaded through custom_objects); and of models/subclassed_*:
// 'fixtures>AttrBlock' and 'fixtures>AttrModel'. Test-only, header-only.
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

// fixtures>AttrBlock (models/subclassed_registered_attr_paths): sublayers in
// an attribute, in a list and in a list nested in that list.
//   self.dense_a = Dense(units, activation="relu")
//   self.sublist = [Dense(units), [Dense(units, use_bias=False)]]
//   self.zz_norm = LayerNormalization()
class AttrBlock : public Layer {
 public:
  explicit AttrBlock(std::int64_t units, LayerOptions base = {})
      : Layer(std::move(base), "attr_block"), units_(units) {
    dense_a_ =
        track("dense_a", layers::Dense(units, {.activation = "relu"}).shared());
    first_ = layers::Dense(units).shared();
    nested_ = layers::Dense(units, {.use_bias = false}).shared();
    track_container("sublist", {first_, TrackedValue::list({nested_})});
    zz_norm_ = track("zz_norm", layers::LayerNormalization().shared());
  }
  std::string class_name() const override { return "AttrBlock"; }
  std::string module() const override { return ""; }
  std::string registered_name() const override { return "fixtures>AttrBlock"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override {
    CallContext sub;
    sub.training = ctx.training;
    const Tensor h = (*dense_a_)(inputs.at(0), sub);
    return {(*zz_norm_)(ops::add((*first_)(h, sub), (*nested_)(h, sub)), sub)};
  }
  Json get_config() const override {
    Json config = Layer::get_config();
    config["units"] = units_;
    return config;
  }
  static std::shared_ptr<AttrBlock> from_config(const Json& config) {
    saving::ConfigReader r(config, "AttrBlock");
    return std::make_shared<AttrBlock>(r.required<std::int64_t>("units"),
                                       layer_options_from_config(r));
  }

 private:
  std::int64_t units_;
  LayerPtr dense_a_, first_, nested_, zz_norm_;
};

// fixtures>AttrModel: a subclassed model whose attributes sort before and
// after `layers`, with a private attribute, a dict and a list.
//   self.block = AttrBlock(hidden); self.encoder = Dense(hidden, "tanh")
//   self.heads = {"b_head": Dense(out), "a_head": Dense(out)}
//   self.my_head = Dense(out); self._private = Dense(out)
//   self.stack = [Dense(hidden), BatchNormalization()]
class AttrModel : public Model {
 public:
  AttrModel(std::int64_t hidden, std::int64_t out, LayerOptions base = {})
      : Model(std::move(base), "attr_model"), hidden_(hidden), out_(out) {
    block_ = track("block", std::make_shared<AttrBlock>(hidden));
    encoder_ = track("encoder",
                     layers::Dense(hidden, {.activation = "tanh"}).shared());
    b_head_ = layers::Dense(out).shared();
    a_head_ = layers::Dense(out).shared();
    track_container("heads", {b_head_, a_head_});  // dict values, in order
    my_head_ = track("my_head", layers::Dense(out).shared());
    private_ = track("_private", layers::Dense(out).shared());
    stack_ = {layers::Dense(hidden).shared(),
              layers::BatchNormalization().shared()};
    track_list("stack", stack_);
  }
  std::string class_name() const override { return "AttrModel"; }
  std::string module() const override { return ""; }
  std::string registered_name() const override { return "fixtures>AttrModel"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override {
    // Keras passes `training` on to sublayer calls.
    CallContext sub;
    sub.training = ctx.training;
    Tensor h = (*block_)((*encoder_)(inputs.at(0), sub), sub);
    for (const LayerPtr& layer : stack_) h = (*layer)(h, sub);
    return {ops::subtract(
        ops::add(ops::add((*my_head_)(h, sub), (*private_)(h, sub)),
                 (*a_head_)(h, sub)),
        (*b_head_)(h, sub))};
  }
  Json get_config() const override {
    Json config = Model::get_config();
    config["hidden"] = hidden_;
    config["out"] = out_;
    return config;
  }
  static std::shared_ptr<AttrModel> from_config(const Json& config) {
    saving::ConfigReader r(config, "AttrModel");
    return std::make_shared<AttrModel>(r.get<std::int64_t>("hidden", 6),
                                       r.get<std::int64_t>("out", 3),
                                       layer_options_from_config(r));
  }

 private:
  std::int64_t hidden_, out_;
  LayerPtr block_, encoder_, b_head_, a_head_, my_head_, private_;
  std::vector<LayerPtr> stack_;
};

inline void register_fixture_objects() {
  static std::once_flag once;
  std::call_once(once, [] {
    saving::register_keras_serializable<ScaledDense>("fixtures", "ScaledDense");
    saving::register_keras_serializable<AttrBlock>("fixtures", "AttrBlock");
    saving::register_keras_serializable<AttrModel>("fixtures", "AttrModel");
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
