// File: keras/layers/regularization/activity_regularization.h
// -----------------------------------------------------------------------------
// ActivityRegularization (Python: keras/src/layers/regularization/
// activity_regularization.py): returns its input unchanged; in training
// calls it adds l1 * sum(|y|) + l2 * sum(y^2), divided by the batch size, to
// the layer's losses() (Keras' activity regularization). No weights.
//
//   auto y = keras::layers::ActivityRegularization(0.01, 0.001)(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

class ActivityRegularizationLayer : public Layer {
 public:
  explicit ActivityRegularizationLayer(double l1 = 0.0, double l2 = 0.0,
                                       LayerOptions base = {});

  std::string class_name() const override { return "ActivityRegularization"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<ActivityRegularizationLayer> from_config(
      const Json& config);

 private:
  double l1_, l2_;
};

class ActivityRegularization : public Ref<ActivityRegularizationLayer> {
 public:
  explicit ActivityRegularization(double l1 = 0.0, double l2 = 0.0,
                                  LayerOptions base = {})
      : Ref(std::make_shared<ActivityRegularizationLayer>(l1, l2,
                                                          std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
