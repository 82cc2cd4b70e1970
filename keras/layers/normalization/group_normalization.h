// File: keras/layers/normalization/group_normalization.h
// -----------------------------------------------------------------------------
// GroupNormalization (Python: keras/src/layers/normalization/
// group_normalization.py): splits the channels (`axis`) into `groups` and
// normalizes each group of each example over its channels and all other
// non-batch dims. groups=-1 is instance normalization (one channel per
// group); groups=1 normalizes like LayerNormalization over all non-batch
// dims. Weights (vars/<i>): gamma (scale), beta (center), one per channel.
//
//   auto y = keras::layers::GroupNormalization({.groups = 8})(x);
// -----------------------------------------------------------------------------
#pragma once

#include "keras/core/ref.h"
#include "keras/layers/layer.h"

namespace keras::layers {

struct GroupNormalizationOptions {
  std::int64_t groups = 32;
  std::int64_t axis = -1;
  double epsilon = 1e-3;
  bool center = true;
  bool scale = true;
  initializers::Initializer beta_initializer = "zeros";
  initializers::Initializer gamma_initializer = "ones";
  regularizers::RegularizerPtr beta_regularizer = nullptr;
  regularizers::RegularizerPtr gamma_regularizer = nullptr;
  constraints::ConstraintPtr beta_constraint = nullptr;
  constraints::ConstraintPtr gamma_constraint = nullptr;
  LayerOptions base = {};
};

class GroupNormalizationLayer : public Layer {
 public:
  explicit GroupNormalizationLayer(GroupNormalizationOptions options = {});

  std::string class_name() const override { return "GroupNormalization"; }
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;
  static std::shared_ptr<GroupNormalizationLayer> from_config(
      const Json& config);

  const GroupNormalizationOptions& options() const { return options_; }
  const VariablePtr& gamma() const { return gamma_; }
  const VariablePtr& beta() const { return beta_; }

 private:
  GroupNormalizationOptions options_;
  std::int64_t axis_ = -1;  // non-negative once built
  VariablePtr gamma_, beta_;
};

class GroupNormalization : public Ref<GroupNormalizationLayer> {
 public:
  explicit GroupNormalization(GroupNormalizationOptions options = {})
      : Ref(std::make_shared<GroupNormalizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
