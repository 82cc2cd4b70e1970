#include "keras/layers/rnn/rnn_cell.h"

#include "keras/ops/ops.h"
#include "keras/random/random.h"

namespace keras::layers {

RNNCellBase::RNNCellBase(LayerOptions options, const std::string& base_name,
                         double dropout, double recurrent_dropout,
                         std::optional<std::int64_t> seed)
    : Layer(std::move(options), base_name),
      // Keras clips the rates to [0, 1] rather than refusing them.
      dropout_(clip_rate(dropout)),
      recurrent_dropout_(clip_rate(recurrent_dropout)),
      seed_(seed) {}

std::int64_t RNNCellBase::input_dim_of(const Shape& shape) {
  if (shape.empty() || shape.back() < 0) {
    throw ValueError(str("Layer '", name(),
                         "' needs inputs whose last dimension is known. "
                         "Received: input_shape=",
                         shape_str(shape)));
  }
  input_dim_ = shape.back();
  return shape.back();
}

void RNNCellBase::begin_sequence(std::int64_t batch, bool training,
                                 DType dtype) {
  if (!training) {
    // Only cleared when set: concurrent predictions then never write the
    // shared cell (docs/thread-safety.md).
    if (input_mask_.defined()) input_mask_ = Tensor();
    if (recurrent_mask_.defined()) recurrent_mask_ = Tensor();
    return;
  }
  input_mask_ = Tensor();
  recurrent_mask_ = Tensor();
  // Keras applies dropout only for rates strictly between 0 and 1.
  auto draw = [&](std::int64_t width, double rate) {
    return ops::cast(random::dropout_mask({batch, width}, rate, seed_), dtype);
  };
  if (dropout_ > 0.0 && dropout_ < 1.0 && input_dim_ > 0) {
    input_mask_ = draw(input_dim_, dropout_);
  }
  if (recurrent_dropout_ > 0.0 && recurrent_dropout_ < 1.0) {
    recurrent_mask_ = draw(state_size().at(0), recurrent_dropout_);
  }
}

std::unique_ptr<FusedRecurrence> RNNCellBase::fused_recurrence(
    std::int64_t) const {
  return nullptr;
}

Tensor RNNCellBase::drop_inputs(const Tensor& x) const {
  if (!input_mask_.defined()) return x;
  return x.ndim() == 3 ? x * ops::expand_dims(input_mask_, 1) : x * input_mask_;
}

Tensor RNNCellBase::drop_recurrent(const Tensor& h) const {
  return recurrent_mask_.defined() ? h * recurrent_mask_ : h;
}

Tensors RNNCellBase::call(const Tensors& inputs, const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  const Tensors states(inputs.begin() + 1, inputs.end());
  if (states.size() != state_size().size()) {
    throw ValueError(str("Cell '", name(), "' expects ", state_size().size(),
                         " state tensors. Received: ", states.size()));
  }
  begin_sequence(x.dim(0), ctx.training && !x.is_symbolic(), x.dtype());
  Tensors new_states;
  Tensors out = {step(project_inputs(x), states, &new_states)};
  out.insert(out.end(), new_states.begin(), new_states.end());
  return out;
}

}  // namespace keras::layers
