// File: keras/layers/activations/softmax.h
// -----------------------------------------------------------------------------
// Softmax layer (Python: keras/src/layers/activations/softmax.py): softmax
// along `axis`, or jointly over several axes (exp(x - logsumexp(x, axes))).
// With a mask (ctx.masks[0], broadcastable to the input; MultiHeadAttention
// passes one), masked positions are excluded and come out as 0.
//
//   auto p = keras::layers::Softmax({.axis = {1}})(scores);
// -----------------------------------------------------------------------------
#pragma once

#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct SoftmaxOptions {
  // One axis is written as an int in the config, several as a list (as
  // Keras writes what it was given).
  std::vector<std::int64_t> axis = {-1};
  LayerOptions base = {};
};

class SoftmaxLayer : public Layer {
 public:
  explicit SoftmaxLayer(SoftmaxOptions options = {}, bool axis_is_list = false);

  std::string class_name() const override { return "Softmax"; }
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<SoftmaxLayer> from_config(const Json& config);

  const std::vector<std::int64_t>& axis() const { return options_.axis; }

 private:
  SoftmaxOptions options_;
  bool axis_is_list_;
};

class Softmax : public Ref<SoftmaxLayer> {
 public:
  explicit Softmax(SoftmaxOptions options = {})
      : Ref(std::make_shared<SoftmaxLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
