// File: keras/layers/rnn/conv_lstm.h
// -----------------------------------------------------------------------------
// ConvLSTM (Python: keras/src/layers/rnn/conv_lstm.py): an LSTM whose input
// and recurrent transformations are convolutions; the shared base of
// ConvLSTM1D/2D/3D. Inputs are [batch, time, *spatial, channels]
// (channels_last) or [batch, time, channels, *spatial] (channels_first);
// states h and c are [batch, *out_spatial, filters] (or channels first).
//
// ConvLSTMCell keeps the weights (tracked as "cell", always named
// "conv_lstm_cell" as in Keras, so HDF5 paths are `<layer>/cell/vars/0..2`):
//   kernel           (*kernel_size, in_channels, 4 * filters)
//   recurrent_kernel (*kernel_size, filters, 4 * filters)
//   bias             (4 * filters,)  (forget slice = ones: unit_forget_bias)
// with Keras' gate order i, f, c, o along the last kernel axis.
//
// The Keras RNN machinery (rnn.h) works on [batch, time, features], so
// ConvLSTM runs its own loop: the input convolution of every timestep is
// one conv over [batch * time, ...]; each step then convolves h with the
// recurrent kernel (padding "same", strides 1, no dilation, as Keras does).
// A Keras mask [batch, time] keeps the previous output and states at masked
// steps. Dropout applies in training calls only: as in Keras, each gate has
// its own input mask and recurrent mask, drawn once per sequence.
// stateful=True is refused; unroll is accepted and ignored.
//
//   auto y = keras::layers::ConvLSTM2D(8, {3, 3}, {.padding = "same"})(x);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "keras/layers/rnn/recurrent_options.h"

namespace keras::layers {

using ConvLSTMSizes = std::vector<std::int64_t>;

// Arguments after `filters` and `kernel_size`, in Python's __init__ order;
// unroll and zero_output_for_mask are RNN keyword arguments. One-element
// strides / dilation_rate stand for Python's int.
struct ConvLSTMOptions {
  ConvLSTMSizes strides = {1};
  std::string padding = "valid";
  std::string data_format = "channels_last";
  ConvLSTMSizes dilation_rate = {1};
  activations::Activation activation = "tanh";
  activations::Activation recurrent_activation = "sigmoid";
  bool use_bias = true;
  initializers::Initializer kernel_initializer = "glorot_uniform";
  initializers::Initializer recurrent_initializer = "orthogonal";
  initializers::Initializer bias_initializer = "zeros";
  bool unit_forget_bias = true;
  regularizers::RegularizerPtr kernel_regularizer = nullptr;
  regularizers::RegularizerPtr recurrent_regularizer = nullptr;
  regularizers::RegularizerPtr bias_regularizer = nullptr;
  regularizers::RegularizerPtr activity_regularizer = nullptr;
  constraints::ConstraintPtr kernel_constraint = nullptr;
  constraints::ConstraintPtr recurrent_constraint = nullptr;
  constraints::ConstraintPtr bias_constraint = nullptr;
  double dropout = 0.0;
  double recurrent_dropout = 0.0;
  std::optional<std::int64_t> seed = std::nullopt;
  bool return_sequences = false;
  bool return_state = false;
  bool go_backwards = false;
  bool stateful = false;
  bool unroll = false;
  bool zero_output_for_mask = false;
  LayerOptions base = {};
};

// The cell: standardized arguments, the weights and one step's math.
class ConvLSTMCellLayer : public Layer {
 public:
  ConvLSTMCellLayer(int rank, std::int64_t filters, ConvLSTMSizes kernel_size,
                    ConvLSTMOptions options);

  std::string class_name() const override { return "ConvLSTMCell"; }
  // input_shapes[0]: one step, [batch, *spatial, channels] (or channels
  // first).
  void build(const std::vector<Shape>& input_shapes) override;
  // A single step: inputs = {x_t, h, c}; returns {h', h', c'}.
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Json get_config() const override;

  // The input convolution plus bias of step inputs [n, ...] -> [n, ..., 4f]:
  // xs = {x}, or the four dropout-masked copies of x, one per gate.
  Tensor input_conv(const Tensors& xs) const;
  // One step from the input convolution `xz` of x_t: writes h' and c'.
  // h_masks: none, or the four recurrent dropout masks (one per gate).
  void step(const Tensor& xz, const Tensor& h, const Tensor& c,
            const Tensors& h_masks, Tensor* h_new, Tensor* c_new) const;
  // The shape of h and c for step inputs of `step_shape`.
  Shape state_shape(const Shape& step_shape) const;

  int rank() const { return rank_; }
  std::int64_t filters() const { return filters_; }
  const ConvLSTMSizes& kernel_size() const { return kernel_size_; }
  const ConvLSTMSizes& strides() const { return strides_; }
  const ConvLSTMSizes& dilation_rate() const { return dilation_rate_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }
  const ConvLSTMOptions& options() const { return options_; }
  int channel_axis() const {
    return data_format_ == "channels_last" ? rank_ + 1 : 1;
  }
  const VariablePtr& kernel() const { return kernel_; }
  const VariablePtr& recurrent_kernel() const { return recurrent_kernel_; }
  const VariablePtr& bias() const { return bias_; }

 private:
  using ConvFn = std::function<Tensor(const Tensor&, const Tensor&)>;
  // conv(xs[0], kernel), or gate k's conv(xs[k], kernel[..., k-th slice])
  // concatenated along the channel axis.
  Tensor per_gate(const Tensors& xs, const Tensor& kernel,
                  const ConvFn& conv) const;

  int rank_;
  std::int64_t filters_;
  ConvLSTMSizes kernel_size_, strides_, dilation_rate_;
  std::string padding_, data_format_;
  ConvLSTMOptions options_;
  VariablePtr kernel_, recurrent_kernel_, bias_;
};

class ConvLSTMLayer : public Layer {
 public:
  void build(const std::vector<Shape>& input_shapes) override;
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  Tensors compute_mask(const Tensors& inputs,
                       const Tensors& masks) const override;
  // Keras' call() takes `mask=`.
  bool call_takes_mask() const override { return true; }
  Json get_config() const override;

  ConvLSTMCellLayer& cell() const { return *cell_; }
  std::int64_t filters() const { return cell_->filters(); }
  const ConvLSTMOptions& options() const { return cell_->options(); }

 protected:
  ConvLSTMLayer(int rank, std::int64_t filters, ConvLSTMSizes kernel_size,
                ConvLSTMOptions options, const std::string& base_name);

  // Builds a ConvLSTM<rank>D layer `L` from a Keras config.
  template <class L>
  static std::shared_ptr<L> from_config_as(const Json& config,
                                           const std::string& class_name) {
    std::int64_t filters = 0;
    ConvLSTMSizes kernel_size;
    ConvLSTMOptions o = read_config(config, class_name, filters, kernel_size);
    return std::make_shared<L>(filters, std::move(kernel_size), std::move(o));
  }

 private:
  static ConvLSTMOptions read_config(const Json& config,
                                     const std::string& class_name,
                                     std::int64_t& filters,
                                     ConvLSTMSizes& kernel_size);
  void check_input(const Shape& shape) const;
  Tensors symbolic_outputs(const Tensor& x) const;

  int rank_;
  std::shared_ptr<ConvLSTMCellLayer> cell_;
};

}  // namespace keras::layers
