// File: keras/models/sequential.h
// -----------------------------------------------------------------------------
// keras::Sequential (Python: keras/src/models/sequential.py): a stack of
// layers, each called on the previous one's output. Given an input shape
// (an InputLayer first, or build()), it builds a Functional graph at once;
// otherwise on the first call.
//
//   keras::Sequential model({keras::layers::InputLayer({784}).shared(),
//                            keras::layers::Dense(64, {.activation = "relu"}),
//                            keras::layers::Dense(10)});
//   model.add(keras::layers::Dropout(0.5));
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/core/input_layer.h"
#include "keras/models/model.h"

namespace keras {

// An entry of Sequential's layer list: a layer, or the symbolic tensor of
// keras::Input() (whose InputLayer then starts the model), as in Python's
// Sequential([keras.Input((32,)), Dense(1)]).
class SequentialItem {
 public:
  SequentialItem(LayerPtr layer);
  template <class T>
  requires std::is_base_of_v<Layer, T> SequentialItem(std::shared_ptr<T> layer)
      : SequentialItem(LayerPtr(layer)) {}
  template <class T>
  requires std::is_base_of_v<Layer, T> SequentialItem(const Ref<T>& layer)
      : SequentialItem(LayerPtr(layer.shared())) {}
  SequentialItem(const Tensor& input);

  const LayerPtr& layer() const { return layer_; }

 private:
  LayerPtr layer_;
};

class Sequential : public Model {
 public:
  explicit Sequential(std::vector<SequentialItem> layers = {},
                      ModelOptions options = {});

  std::string class_name() const override { return "Sequential"; }
  std::string module() const override { return "keras"; }
  std::string registered_name() const override { return ""; }

  void add(LayerPtr layer);
  // Removes the last layer.
  void pop();

  // Layers without the leading InputLayer (Keras' Sequential.layers).
  std::vector<LayerPtr> layers() const override;
  std::vector<LayerPtr> sublayers() const override;

  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_build_config() const override;
  void build_from_config(const Json& build_config) override;
  Json get_config() const override;
  static std::shared_ptr<Sequential> from_config(const Json& config);

 private:
  // Rebuilds the Functional graph when the input shape is known.
  void maybe_rebuild();

  std::vector<LayerPtr> layers_;  // may start with an InputLayer
  std::optional<Shape> build_input_shape_;
};

}  // namespace keras
