// File: keras/layers/rnn/time_distributed.h
// -----------------------------------------------------------------------------
// TimeDistributed (Python: keras/src/layers/rnn/time_distributed.py): applies
// one layer to every timestep of [batch, time, ...] inputs by folding time
// into the batch ([batch * time, ...]), so the inner layer runs once. The
// inner layer's weights live under `<td>/layer/vars`.
//
//   auto y = keras::layers::TimeDistributed(keras::layers::Dense(8))(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct TimeDistributedOptions {
  LayerOptions base = {};
};

class TimeDistributedLayer : public Layer {
 public:
  TimeDistributedLayer(LayerPtr layer, TimeDistributedOptions options = {});

  std::string class_name() const override { return "TimeDistributed"; }
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<TimeDistributedLayer> from_config(const Json& config);

  const LayerPtr& layer() const { return layer_; }

 private:
  LayerPtr layer_;
};

class TimeDistributed : public Ref<TimeDistributedLayer> {
 public:
  explicit TimeDistributed(LayerPtr layer, TimeDistributedOptions options = {})
      : Ref(std::make_shared<TimeDistributedLayer>(std::move(layer),
                                                   std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
