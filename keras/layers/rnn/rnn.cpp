#include "keras/layers/rnn/rnn.h"

#include <algorithm>

#include "keras/layers/rnn/stacked_rnn_cells.h"
#include "keras/ops/autograd.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {
// x[:, t] or x[t] (time-major) as [batch, ...].
Tensor time_slice(const Tensor& x, std::int64_t axis, std::int64_t t) {
  return ops::squeeze(ops::slice_axis(x, axis, t, t + 1), {axis});
}
}  // namespace

RNNLayer::RNNLayer(RNNCellPtr cell, RNNOptions options)
    : RNNLayer(std::move(cell), rnn_flags_of(options), std::move(options.base),
               "rnn") {}

RNNLayer::RNNLayer(RNNCellPtr cell, const RNNFlags& flags, LayerOptions base,
                   const std::string& base_name)
    : Layer(std::move(base), base_name), cell_(std::move(cell)), flags_(flags) {
  if (!cell_) throw ValueError("RNN: `cell` must not be null.");
  if (flags_.stateful) {
    throw NotImplementedError(
        str("Layer '", name(),
            "': stateful RNN layers (stateful=True) are not supported by "
            "keras.cpp yet. Received: stateful=True"));
  }
  set_supports_masking(true);
  track("cell", cell_);
}

void RNNLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  if (shape.size() != 3) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected ndim=3, "
                         "found ndim=",
                         shape.size(),
                         ". Full shape received: ", shape_str(shape)));
  }
  if (!cell_->built()) {
    cell_->build_from_config(
        {{"input_shape", shape_to_json({shape[0], shape[2]})}});
  }
}

Tensors RNNLayer::call(const Tensors& inputs, const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  if (x.ndim() != 3) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected ndim=3, "
                         "found ndim=",
                         x.ndim(),
                         ". Full shape received: ", shape_str(x.shape())));
  }
  const std::vector<std::int64_t> state_sizes = cell_->state_size();
  const std::int64_t batch = x.shape()[0], steps = x.shape()[1];
  if (x.is_symbolic()) {
    Tensors out = {Tensor::symbolic(
        flags_.return_sequences ? Shape{batch, steps, cell_->output_size()}
                                : Shape{batch, cell_->output_size()},
        x.dtype())};
    if (flags_.return_state) {
      for (std::int64_t s : state_sizes) {
        out.push_back(Tensor::symbolic({batch, s}, x.dtype()));
      }
    }
    return out;
  }
  if (steps == 0) {
    throw ValueError(str("Layer '", name(),
                         "' received a sequence of 0 "
                         "timesteps. Received: input_shape=",
                         shape_str(x.shape())));
  }
  cell_->begin_sequence(batch, ctx.training, x.dtype());
  // One matmul for every step's input projection.
  const Tensor projections = cell_->project_inputs(x);
  Tensor mask = ctx.masks.empty() ? Tensor() : ctx.masks[0];
  if (mask.defined()) {
    if (mask.ndim() != 2 || mask.shape()[1] != steps) {
      throw ValueError(str("Layer '", name(),
                           "': the mask must have shape "
                           "(batch, timesteps). Received: mask.shape=",
                           shape_str(mask.shape())));
    }
    mask = ops::not_equal(mask, Tensor::scalar(0.0, mask.dtype()));
  }
  if (!autograd::is_grad_enabled() && projections.dtype() == DType::float32) {
    if (auto recurrence = cell_->fused_recurrence(batch)) {
      return run_fused(*recurrence, projections, mask);
    }
  }
  // Time-major, so each step reads a contiguous block.
  const Tensor projected = ops::transpose(projections, {1, 0, 2});
  Tensors states;
  for (std::int64_t s : state_sizes) {
    states.push_back(Tensor::zeros({batch, s}, x.dtype()));
  }
  Tensors outputs;
  Tensors step_masks;
  outputs.reserve(steps);
  for (std::int64_t k = 0; k < steps; ++k) {
    const std::int64_t t = flags_.go_backwards ? steps - 1 - k : k;
    Tensors new_states;
    Tensor out = cell_->step(time_slice(projected, 0, t), states, &new_states);
    if (mask.defined()) {
      // A masked step carries the previous output and states (Keras' rnn).
      const Tensor m =
          ops::reshape(ops::slice_axis(mask, 1, t, t + 1), {batch, 1});
      out = ops::where(m, out,
                       outputs.empty() ? ops::zeros_like(out) : outputs.back());
      for (std::size_t i = 0; i < new_states.size(); ++i) {
        new_states[i] = ops::where(m, new_states[i], states[i]);
      }
      step_masks.push_back(m);
    }
    states = std::move(new_states);
    outputs.push_back(out);
  }
  if (mask.defined() && flags_.zero_output_for_mask) {
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      outputs[k] =
          ops::where(step_masks[k], outputs[k], ops::zeros_like(outputs[k]));
    }
  }
  Tensors result = {flags_.return_sequences ? ops::stack(outputs, 1)
                                            : outputs.back()};
  if (flags_.return_state) {
    result.insert(result.end(), states.begin(), states.end());
  }
  return result;
}

Tensors RNNLayer::run_fused(FusedRecurrence& recurrence,
                            const Tensor& projected, const Tensor& mask) const {
  const std::int64_t batch = projected.dim(0), steps = projected.dim(1),
                     width = projected.dim(2);
  const std::vector<std::int64_t> sizes = cell_->state_size();
  const std::size_t n = sizes.size();
  // Double-buffered states, swapped after each step.
  Tensors states, next;
  for (std::int64_t s : sizes) {
    states.push_back(Tensor::zeros({batch, s}));
    next.push_back(Tensor::empty({batch, s}));
  }
  const std::int64_t units = sizes[0];
  Tensor sequence =
      flags_.return_sequences ? Tensor::empty({batch, steps, units}) : Tensor();
  const float* proj = projected.data<float>();
  const bool* keep = mask.defined() ? mask.data<bool>() : nullptr;
  const bool zero_masked = keep && flags_.zero_output_for_mask;
  std::vector<const float*> in(n);
  std::vector<float*> out(n);
  std::int64_t t = 0;
  for (std::int64_t k = 0; k < steps; ++k) {
    t = flags_.go_backwards ? steps - 1 - k : k;
    for (std::size_t i = 0; i < n; ++i) {
      in[i] = states[i].data<float>();
      out[i] = next[i].data<float>();
    }
    recurrence.step(proj + t * width, steps * width, in.data(), out.data());
    if (keep) {
      // A masked step carries the previous states (and so the output).
      for (std::int64_t b = 0; b < batch; ++b) {
        if (keep[b * steps + t]) continue;
        for (std::size_t i = 0; i < n; ++i) {
          std::copy_n(in[i] + b * sizes[i], sizes[i], out[i] + b * sizes[i]);
        }
      }
    }
    std::swap(states, next);
    if (sequence.defined()) {
      const float* h = states[0].data<float>();
      float* dst = sequence.data<float>();
      for (std::int64_t b = 0; b < batch; ++b) {
        float* row = dst + (b * steps + k) * units;
        if (zero_masked && !keep[b * steps + t]) {
          std::fill_n(row, units, 0.0f);
        } else {
          std::copy_n(h + b * units, units, row);
        }
      }
    }
  }
  Tensor last = states[0];
  if (!sequence.defined() && zero_masked) {
    // The last output is zero where the last step is masked.
    last = states[0].clone();
    float* h = last.data<float>();
    for (std::int64_t b = 0; b < batch; ++b) {
      if (!keep[b * steps + t]) std::fill_n(h + b * units, units, 0.0f);
    }
  }
  Tensors result = {sequence.defined() ? sequence : last};
  if (flags_.return_state) {
    result.insert(result.end(), states.begin(), states.end());
  }
  return result;
}

Tensors RNNLayer::compute_mask(const Tensors&, const Tensors& masks) const {
  // Only returned sequences keep the time axis the mask describes.
  Tensors out = {flags_.return_sequences && !masks.empty() ? masks[0]
                                                           : Tensor()};
  return out;
}

Json RNNLayer::rnn_config() const {
  Json config = Layer::get_config();
  // LSTM/GRU/SimpleRNN write it among their own keys, RNN not at all.
  config.erase("activity_regularizer");
  config["return_sequences"] = flags_.return_sequences;
  config["return_state"] = flags_.return_state;
  config["go_backwards"] = flags_.go_backwards;
  config["stateful"] = flags_.stateful;
  config["unroll"] = flags_.unroll;
  config["zero_output_for_mask"] = flags_.zero_output_for_mask;
  return config;
}

Json RNNLayer::get_config() const {
  Json config = rnn_config();
  config["cell"] = cell_->serialize();
  return config;
}

std::shared_ptr<RNNLayer> RNNLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "RNN");
  RNNOptions o;
  read_recurrent_options(r, o);
  auto cell =
      std::dynamic_pointer_cast<RNNCellBase>(deserialize_layer(r.raw("cell")));
  if (!cell) {
    throw NotImplementedError(
        "RNN: only the built-in cells (SimpleRNNCell, LSTMCell, GRUCell, "
        "StackedRNNCells) are supported. Received: cell=" +
        saving::safe_dump(r.raw("cell")).substr(0, 120));
  }
  return std::make_shared<RNNLayer>(std::move(cell), std::move(o));
}

RNN::RNN(std::vector<RNNCellPtr> cells, RNNOptions options)
    : Ref(std::make_shared<RNNLayer>(
          std::make_shared<StackedRNNCellsLayer>(std::move(cells)),
          std::move(options))) {}

}  // namespace keras::layers
