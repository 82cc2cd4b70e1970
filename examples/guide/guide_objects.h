// File: examples/guide/guide_objects.h
// -----------------------------------------------------------------------------
// The custom objects of the Keras guide "Save, serialize, and export models",
// written in C++ under the names the guide registers them with in Python, so
// that files the guide writes in Python load here and files written here
// load in Python:
//
//   CustomLayer     x * factor          'MyLayers>CustomLayer' and
//                                        'Custom>CustomLayer' (default package)
//   custom_fn       x ** 2              'my_package>custom_fn'
//   MyDense         x @ kernel          'MyLayers>KernelMult'
//   CustomModel     first(second(x))    'ComplexModels>CustomModel'
//   NestedDenseLayer, SubclassedModel   (not registered; built in code)
//
// guide_objects.cpp registers them when it is loaded: it is compiled into
// the guide program and into the plugin libguide_objects.so, which lets the
// command-line tool read the guide's files:
//
//   keras-cpp --plugin build/examples/guide/libguide_objects.so
//             summary custom_model.keras
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/keras.h"

namespace guide {

// The guide's CustomLayer: its get_config() returns only {"factor": ...}
// (no name/trainable/dtype), so a loaded layer gets a fresh automatic name.
class CustomLayer : public keras::Layer {
 public:
  explicit CustomLayer(double factor,
                       std::string registered_name = "MyLayers>CustomLayer");

  std::string class_name() const override { return "CustomLayer"; }
  std::string module() const override { return ""; }
  std::string registered_name() const override { return registered_name_; }
  keras::Tensors call(const keras::Tensors& inputs,
                      const keras::CallContext& ctx) override;
  keras::Json get_config() const override { return {{"factor", factor_}}; }

  double factor() const { return factor_; }

 private:
  double factor_;
  std::string registered_name_;
};

// x ** 2, registered as 'my_package>custom_fn'.
keras::Tensor custom_fn(const keras::Tensor& x);

// The appendix's MyDense: a kernel-only dense layer registered as
// 'MyLayers>KernelMult'. kernel_regularizer / kernel_initializer are kept as
// given (a name such as "l1" or an object record) and written back as such.
struct MyDenseOptions {
  keras::Json kernel_regularizer = nullptr;
  keras::Json kernel_initializer = nullptr;
  keras::LayerPtr nested_model = nullptr;
  keras::LayerOptions base = {};
};

class MyDense : public keras::Layer {
 public:
  explicit MyDense(std::int64_t units, MyDenseOptions options = {});

  std::string class_name() const override { return "MyDense"; }
  std::string module() const override { return ""; }
  std::string registered_name() const override { return "MyLayers>KernelMult"; }
  void build(const std::vector<keras::Shape>& input_shapes) override;
  keras::Tensors call(const keras::Tensors& inputs,
                      const keras::CallContext& ctx) override;
  keras::Json get_config() const override;
  static std::shared_ptr<MyDense> from_config(const keras::Json& config);

 private:
  std::int64_t units_;
  MyDenseOptions options_;
  keras::VariablePtr kernel_;
};

// The appendix's CustomModel (a layer holding two sublayers; its
// from_config deserializes them, as the guide's override does).
class CustomModel : public keras::Layer {
 public:
  explicit CustomModel(keras::LayerPtr first_layer,
                       keras::LayerPtr second_layer = nullptr,
                       keras::LayerOptions base = {});

  std::string class_name() const override { return "CustomModel"; }
  std::string module() const override { return ""; }
  std::string registered_name() const override {
    return "ComplexModels>CustomModel";
  }
  keras::Tensors call(const keras::Tensors& inputs,
                      const keras::CallContext& ctx) override;
  keras::Json get_config() const override;
  static std::shared_ptr<CustomModel> from_config(const keras::Json& config);

 private:
  keras::LayerPtr first_layer_, second_layer_;
};

// The guide's NestedDenseLayer (weights in-memory section): two Dense
// sublayers in the attributes dense_1 and dense_2.
class NestedDenseLayer : public keras::Layer {
 public:
  NestedDenseLayer(std::int64_t units, const std::string& name);

  std::string class_name() const override { return "NestedDenseLayer"; }
  std::string module() const override { return ""; }
  keras::Tensors call(const keras::Tensors& inputs,
                      const keras::CallContext& ctx) override;

  std::shared_ptr<keras::layers::DenseLayer> dense_1, dense_2;
};

// The guide's subclassed 3-layer MLP (weights transfer section), with the
// attribute names Python uses (they are its weight paths).
class SubclassedModel : public keras::Model {
 public:
  explicit SubclassedModel(std::int64_t output_dim,
                           const std::string& name = "");

  std::string class_name() const override { return "SubclassedModel"; }
  keras::Tensors call(const keras::Tensors& inputs,
                      const keras::CallContext& ctx) override;
  keras::Json get_config() const override {
    return {{"output_dim", output_dim_}, {"name", name()}};
  }

  std::shared_ptr<keras::layers::DenseLayer> dense_1, dense_2, dense_3;

 private:
  std::int64_t output_dim_;
};

// Registers the objects above (idempotent; also run when the library or
// plugin is loaded).
void register_guide_objects();

// custom_objects={"CustomLayer": CustomLayer, "custom_fn": custom_fn}
const keras::saving::CustomObjects& guide_custom_objects();

}  // namespace guide
