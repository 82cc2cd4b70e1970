// File: keras/layers/rnn/bidirectional.h
// -----------------------------------------------------------------------------
// Bidirectional (Python: keras/src/layers/rnn/bidirectional.py): runs a
// recurrent layer forwards and a copy (or `backward_layer`) backwards, and
// merges the two outputs (concat / sum / mul / ave, or both when merge_mode
// is None). The forward copy is re-created from the layer's config and named
// forward_<name>; weights live under forward_layer/cell/vars and
// backward_layer/cell/vars.
//
//   auto y = keras::layers::Bidirectional(keras::layers::LSTM(16))(x);
// -----------------------------------------------------------------------------
#pragma once

#include <optional>

#include "keras/core/ref.h"
#include "keras/layers/rnn/rnn.h"

namespace keras::layers {

// Field order is Python's __init__ order (after `layer`; `weights` omitted).
struct BidirectionalOptions {
  std::optional<std::string> merge_mode = "concat";  // nullopt = None
  std::shared_ptr<RNNLayer> backward_layer = nullptr;
  LayerOptions base = {};
};

class BidirectionalLayer : public Layer {
 public:
  BidirectionalLayer(const std::shared_ptr<RNNLayer>& layer,
                     BidirectionalOptions options = {});

  std::string class_name() const override { return "Bidirectional"; }
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  Json get_config() const override;
  static std::shared_ptr<BidirectionalLayer> from_config(const Json& config);

  const std::shared_ptr<RNNLayer>& forward_layer() const { return forward_; }
  const std::shared_ptr<RNNLayer>& backward_layer() const { return backward_; }
  const std::optional<std::string>& merge_mode() const { return merge_mode_; }

 private:
  std::optional<std::string> merge_mode_;
  std::shared_ptr<RNNLayer> forward_, backward_;
};

class Bidirectional : public Ref<BidirectionalLayer> {
 public:
  explicit Bidirectional(const std::shared_ptr<RNNLayer>& layer,
                         BidirectionalOptions options = {})
      : Ref(std::make_shared<BidirectionalLayer>(layer, std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
