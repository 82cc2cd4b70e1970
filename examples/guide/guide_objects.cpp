#include "examples/guide/guide_objects.h"

#include <mutex>

#include "keras/saving/config_reader.h"

namespace guide {

using keras::Json;
using keras::LayerPtr;
using keras::Tensor;
using keras::Tensors;

// ---- CustomLayer ----

CustomLayer::CustomLayer(double factor, std::string registered_name)
    : Layer({}, "custom_layer"),
      factor_(factor),
      registered_name_(std::move(registered_name)) {}

Tensors CustomLayer::call(const Tensors& inputs, const keras::CallContext&) {
  const Tensor& x = inputs.at(0);
  return {keras::ops::multiply(x, keras::ops::scalar_like(factor_, x))};
}

Tensor custom_fn(const Tensor& x) { return keras::ops::square(x); }

// ---- MyDense ----

MyDense::MyDense(std::int64_t units, MyDenseOptions options)
    : Layer(options.base, "my_dense"),
      units_(units),
      options_(std::move(options)) {}

void MyDense::build(const std::vector<keras::Shape>& input_shapes) {
  const Json& reg = options_.kernel_regularizer;
  const Json& init = options_.kernel_initializer;
  kernel_ = add_weight(
      {.name = "kernel",
       .shape = {input_shapes.at(0).back(), units_},
       // add_weight(initializer=None) means glorot_uniform for floats.
       .initializer =
           init.is_null() ? keras::initializers::Initializer("glorot_uniform")
           : init.is_string()
               ? keras::initializers::Initializer(init.get<std::string>())
               : keras::initializers::Initializer(
                     keras::saving::deserialize_keras_object<
                         keras::initializers::InitializerBase>(init)),
       .regularizer = reg.is_string()
                          ? keras::regularizers::get(reg.get<std::string>())
                          : keras::saving::deserialize_keras_object<
                                keras::regularizers::Regularizer>(reg)});
}

Tensors MyDense::call(const Tensors& inputs, const keras::CallContext&) {
  return {keras::ops::matmul(inputs.at(0), kernel_->value())};
}

Json MyDense::get_config() const {
  Json config = Layer::get_config();
  config["units"] = units_;
  config["kernel_regularizer"] = options_.kernel_regularizer;
  config["kernel_initializer"] = options_.kernel_initializer;
  config["nested_model"] =
      options_.nested_model ? options_.nested_model->serialize() : Json();
  return config;
}

std::shared_ptr<MyDense> MyDense::from_config(const Json& config) {
  keras::saving::ConfigReader r(config, "MyDense");
  MyDenseOptions o;
  o.kernel_regularizer = r.raw("kernel_regularizer");
  o.kernel_initializer = r.raw("kernel_initializer");
  if (r.raw("nested_model").is_object()) {
    o.nested_model = keras::deserialize_layer(r.raw("nested_model"));
  }
  o.base = keras::layer_options_from_config(r);
  return std::make_shared<MyDense>(r.required<std::int64_t>("units"),
                                   std::move(o));
}

// ---- CustomModel ----

CustomModel::CustomModel(LayerPtr first_layer, LayerPtr second_layer,
                         keras::LayerOptions base)
    : Layer(std::move(base), "custom_model") {
  if (!first_layer) throw keras::ValueError("CustomModel needs first_layer.");
  if (!second_layer) second_layer = keras::layers::Dense(8).shared();
  first_layer_ = track("first_layer", std::move(first_layer));
  second_layer_ = track("second_layer", std::move(second_layer));
}

Tensors CustomModel::call(const Tensors& inputs, const keras::CallContext&) {
  return {(*first_layer_)((*second_layer_)(inputs.at(0)))};
}

Json CustomModel::get_config() const {
  Json config = Layer::get_config();
  config["first_layer"] = first_layer_->serialize();
  config["second_layer"] = second_layer_->serialize();
  return config;
}

std::shared_ptr<CustomModel> CustomModel::from_config(const Json& config) {
  // As the guide's from_config override: the sublayers are records that
  // must be deserialized explicitly.
  keras::saving::ConfigReader r(config, "CustomModel");
  LayerPtr first = keras::deserialize_layer(r.raw("first_layer"));
  LayerPtr second = r.raw("second_layer").is_null()
                        ? nullptr
                        : keras::deserialize_layer(r.raw("second_layer"));
  return std::make_shared<CustomModel>(first, second,
                                       keras::layer_options_from_config(r));
}

// ---- NestedDenseLayer ----

NestedDenseLayer::NestedDenseLayer(std::int64_t units, const std::string& name)
    : Layer({.name = name}, "nested_dense_layer") {
  dense_1 = track(
      "dense_1",
      keras::layers::Dense(units, {.base = {.name = "dense_1"}}).shared());
  dense_2 = track(
      "dense_2",
      keras::layers::Dense(units, {.base = {.name = "dense_2"}}).shared());
}

Tensors NestedDenseLayer::call(const Tensors& inputs,
                               const keras::CallContext&) {
  return {(*dense_2)((*dense_1)(inputs.at(0)))};
}

// ---- SubclassedModel ----

SubclassedModel::SubclassedModel(std::int64_t output_dim,
                                 const std::string& name)
    : Model({.name = name}, "subclassed_model"), output_dim_(output_dim) {
  using keras::layers::Dense;
  dense_1 = track(
      "dense_1",
      Dense(64, {.activation = "relu", .base = {.name = "dense_1"}}).shared());
  dense_2 = track(
      "dense_2",
      Dense(64, {.activation = "relu", .base = {.name = "dense_2"}}).shared());
  dense_3 = track(
      "dense_3", Dense(output_dim, {.base = {.name = "predictions"}}).shared());
}

Tensors SubclassedModel::call(const Tensors& inputs,
                              const keras::CallContext&) {
  return {(*dense_3)((*dense_2)((*dense_1)(inputs.at(0))))};
}

// ---- registration ----

namespace {

keras::saving::ObjectFactory custom_layer_factory(std::string registered) {
  return keras::saving::make_factory<keras::Layer>(
      [registered](const Json& config) -> LayerPtr {
        keras::saving::ConfigReader r(config, "CustomLayer");
        return std::make_shared<CustomLayer>(r.required<double>("factor"),
                                             registered);
      });
}

}  // namespace

void register_guide_objects() {
  static std::once_flag once;
  std::call_once(once, [] {
    using namespace keras::saving;
    register_object("MyLayers", "CustomLayer",
                    custom_layer_factory("MyLayers>CustomLayer"));
    // The same class registered without a package (Keras' default
    // package "Custom"), as the guide's second variant does.
    register_object("Custom", "CustomLayer",
                    custom_layer_factory("Custom>CustomLayer"));
    register_keras_serializable_function("my_package", "custom_fn", custom_fn);
    register_keras_serializable<MyDense>("MyLayers", "KernelMult");
    register_keras_serializable<CustomModel>("ComplexModels", "CustomModel");
  });
}

const keras::saving::CustomObjects& guide_custom_objects() {
  static const keras::saving::CustomObjects objects = {
      {"CustomLayer", custom_layer_factory("MyLayers>CustomLayer")},
      {"custom_fn", keras::saving::function_object(custom_fn)}};
  return objects;
}

namespace {
// Registration when the program or the plugin is loaded.
const bool registered_at_load = (register_guide_objects(), true);
}  // namespace

}  // namespace guide
