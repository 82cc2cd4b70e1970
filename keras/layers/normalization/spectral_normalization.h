// File: keras/layers/normalization/spectral_normalization.h
// -----------------------------------------------------------------------------
// SpectralNormalization (Python: keras/src/layers/normalization/
// spectral_normalization.py): a wrapper that keeps the spectral norm of a
// layer's `kernel` (or Embedding's `embeddings`) near one, for GAN training.
//   * training calls first run `power_iterations` steps of the power method
//     from the stored vector_u and assign kernel / sigma to the kernel and the
//     new u to vector_u (skipped while the kernel is all zeros), then call
//     the layer;
//   * inference calls only call the layer: the kernel is whatever the last
//     training call (or the weights file) left, as in Keras.
// As in Keras, the wrapper also holds the wrapped kernel as its own
// variable, so its weights are vars/0 = the layer's kernel (shared), vars/1 =
// vector_u (1, kernel.shape[-1]), non-trainable; the layer's own weights stay
// under `<wrapper>/layer/vars`.
//
//   auto y = keras::layers::SpectralNormalization(keras::layers::Dense(8))(x);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct SpectralNormalizationOptions {
  std::int64_t power_iterations = 1;
  LayerOptions base = {};
};

class SpectralNormalizationLayer : public Layer {
 public:
  SpectralNormalizationLayer(LayerPtr layer,
                             SpectralNormalizationOptions options = {});

  std::string class_name() const override { return "SpectralNormalization"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  // The wrapped kernel, then vector_u (Keras' tracked attributes).
  Variables own_variables() const override;
  Json get_config() const override;
  static std::shared_ptr<SpectralNormalizationLayer> from_config(
      const Json& config);

  const LayerPtr& layer() const { return layer_; }
  std::int64_t power_iterations() const { return power_iterations_; }
  const VariablePtr& kernel() const { return kernel_; }
  const VariablePtr& vector_u() const { return vector_u_; }
  // Keras' normalized_weights(): {new vector_u, kernel / sigma}.
  Tensors normalized_weights() const;

 private:
  LayerPtr layer_;
  std::int64_t power_iterations_;
  VariablePtr kernel_, vector_u_;
  std::int64_t input_dim_ = -1;
};

class SpectralNormalization : public Ref<SpectralNormalizationLayer> {
 public:
  explicit SpectralNormalization(LayerPtr layer,
                                 SpectralNormalizationOptions options = {})
      : Ref(std::make_shared<SpectralNormalizationLayer>(std::move(layer),
                                                         std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
