// File: keras/layers/reshaping/repeat_vector.h
// -----------------------------------------------------------------------------
// RepeatVector (Python: keras/src/layers/reshaping/repeat_vector.py):
// repeats a (batch, features) input n times: (batch, n, features).
//
//   auto seq = keras::layers::RepeatVector(3)(x);   // (B, 4) -> (B, 3, 4)
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

class RepeatVectorLayer : public Layer {
 public:
  explicit RepeatVectorLayer(std::int64_t n, LayerOptions base = {});

  std::string class_name() const override { return "RepeatVector"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<RepeatVectorLayer> from_config(const Json& config);

  std::int64_t n() const { return n_; }

 private:
  std::int64_t n_;
};

class RepeatVector : public Ref<RepeatVectorLayer> {
 public:
  explicit RepeatVector(std::int64_t n, LayerOptions base = {})
      : Ref(std::make_shared<RepeatVectorLayer>(n, std::move(base))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
