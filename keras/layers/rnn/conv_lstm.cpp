#include "keras/layers/rnn/conv_lstm.h"

#include <algorithm>
#include <cctype>

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/ops/conv.h"
#include "keras/ops/ops.h"
#include "keras/random/random.h"

namespace keras::layers {

namespace {

std::string conv_lstm_tuple_str(const ConvLSTMSizes& v) {
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + (v.size() == 1 ? ",)" : ")");
}

// Keras' standardize_padding for a string (no "causal" here).
std::string conv_lstm_padding(const std::string& padding) {
  std::string lower = padding;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (lower != "valid" && lower != "same") {
    throw ValueError(
        str("The `padding` argument must be a list/tuple or one of {'valid', "
            "'same'}. Received: ",
            padding));
  }
  return lower;
}

// Keras' unit_forget_bias: [init(f), ones(f), init(2f)], so the forget gate
// starts open. Used only to create the variable, never serialized.
class ConvLSTMForgetBias : public initializers::InitializerBase {
 public:
  ConvLSTMForgetBias(initializers::Initializer base, std::int64_t filters)
      : base_(std::move(base)), filters_(filters) {}
  Tensor operator()(const Shape&, DType dtype) const override {
    return ops::concatenate({base_({filters_}, dtype),
                             Tensor::ones({filters_}, dtype),
                             base_({2 * filters_}, dtype)});
  }
  std::string class_name() const override { return "ConvLSTMForgetBias"; }
  Json get_config() const override { return Json::object(); }

 private:
  initializers::Initializer base_;
  std::int64_t filters_;
};

LayerOptions cell_base(const ConvLSTMOptions& o) {
  return {.name = "conv_lstm_cell", .dtype = o.base.dtype};
}

// Four dropout masks of `shape` (none unless 0 < rate < 1). A given seed
// gives each mask its own stream: seed + offset + k.
Tensors gate_masks(const Shape& shape, double rate,
                   std::optional<std::int64_t> seed, std::int64_t offset,
                   DType dtype) {
  Tensors masks;
  if (!(rate > 0.0 && rate < 1.0)) return masks;
  for (std::int64_t k = 0; k < 4; ++k) {
    const random::Seed s =
        seed ? random::Seed(*seed + offset + k) : random::Seed();
    masks.push_back(ops::cast(random::dropout_mask(shape, rate, s), dtype));
  }
  return masks;
}

Shape drop_axis(const Shape& shape, std::size_t axis) {
  Shape out = shape;
  out.erase(out.begin() + std::ptrdiff_t(axis));
  return out;
}

}  // namespace

// ---- ConvLSTMCell ----------------------------------------------------------

ConvLSTMCellLayer::ConvLSTMCellLayer(int rank, std::int64_t filters,
                                     ConvLSTMSizes kernel_size,
                                     ConvLSTMOptions options)
    : Layer(cell_base(options), "conv_lstm_cell"),
      rank_(rank),
      filters_(filters),
      kernel_size_(standardize_tuple(kernel_size, rank, "kernel_size")),
      strides_(standardize_tuple(options.strides, rank, "strides", true)),
      dilation_rate_(
          standardize_tuple(options.dilation_rate, rank, "dilation_rate")),
      padding_(conv_lstm_padding(options.padding)),
      data_format_(standardize_data_format(options.data_format)),
      options_(std::move(options)) {
  if (filters_ <= 0) {
    throw ValueError(
        str("Invalid value for argument `filters`. Expected a strictly "
            "positive value. Received filters=",
            filters_, "."));
  }
  if (*std::max_element(strides_.begin(), strides_.end()) > 1 &&
      *std::max_element(dilation_rate_.begin(), dilation_rate_.end()) > 1) {
    throw ValueError(str(
        "Specifying `strides > 1` is not compatible with `dilation_rate > 1`. "
        "Please provide `strides=1` or `dilation_rate=1`. Received: strides=",
        conv_lstm_tuple_str(strides_),
        " and dilation_rate=", conv_lstm_tuple_str(dilation_rate_)));
  }
  // Keras keeps the rates clipped to [0, 1].
  options_.dropout = clip_rate(options_.dropout);
  options_.recurrent_dropout = clip_rate(options_.recurrent_dropout);
}

void ConvLSTMCellLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  if (int(shape.size()) != rank_ + 2) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected ndim=",
                         rank_ + 2, ", found ndim=", shape.size(),
                         ". Full shape received: ", shape_str(shape)));
  }
  const std::int64_t channels = shape[std::size_t(channel_axis())];
  const Shape spatial = drop_axis(Shape(shape.begin() + 1, shape.end()),
                                  std::size_t(channel_axis() - 1));
  if (std::any_of(spatial.begin(), spatial.end(),
                  [](std::int64_t d) { return d < 0; })) {
    throw ValueError(
        str("ConvLSTM layers only support static input shapes for the "
            "spatial dimension. Received invalid input shape: input_shape=",
            shape_str(shape)));
  }
  if (channels < 0) {
    throw ValueError(
        str("The channel dimension of the inputs (last axis) should be "
            "defined. Found None. Full input shape received: input_shape=",
            shape_str(shape)));
  }
  Shape kernel_shape = kernel_size_;
  kernel_shape.push_back(channels);
  kernel_shape.push_back(4 * filters_);
  Shape recurrent_shape = kernel_size_;
  recurrent_shape.push_back(filters_);
  recurrent_shape.push_back(4 * filters_);
  // Validates the spatial dims (too small for the kernel) before any weight.
  state_shape(shape);
  kernel_ = add_weight({.name = "kernel",
                        .shape = kernel_shape,
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint});
  recurrent_kernel_ = add_weight({.name = "recurrent_kernel",
                                  .shape = recurrent_shape,
                                  .initializer = options_.recurrent_initializer,
                                  .regularizer = options_.recurrent_regularizer,
                                  .constraint = options_.recurrent_constraint});
  if (options_.use_bias) {
    const initializers::Initializer bias_init =
        options_.unit_forget_bias
            ? initializers::Initializer(std::make_shared<ConvLSTMForgetBias>(
                  options_.bias_initializer, filters_))
            : options_.bias_initializer;
    bias_ = add_weight({.name = "bias",
                        .shape = {4 * filters_},
                        .initializer = bias_init,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint});
  }
}

Shape ConvLSTMCellLayer::state_shape(const Shape& step_shape) const {
  Shape kernel_shape = kernel_size_;
  kernel_shape.push_back(step_shape[std::size_t(channel_axis())]);
  kernel_shape.push_back(filters_);
  return ops::conv(Tensor::symbolic(step_shape), Tensor::symbolic(kernel_shape),
                   strides_, padding_, data_format_, dilation_rate_)
      .shape();
}

Tensor ConvLSTMCellLayer::per_gate(const Tensors& xs, const Tensor& kernel,
                                   const ConvFn& conv) const {
  if (xs.size() == 1) return conv(xs[0], kernel);
  // Keras' dropout: gate k convolves its own masked copy with its slice.
  Tensors parts;
  for (int k = 0; k < 4; ++k) {
    parts.push_back(conv(
        xs.at(std::size_t(k)),
        ops::slice_axis(kernel, rank_ + 1, k * filters_, (k + 1) * filters_)));
  }
  return ops::concatenate(parts, channel_axis());
}

Tensor ConvLSTMCellLayer::input_conv(const Tensors& xs) const {
  Tensor z =
      per_gate(xs, kernel_->value(), [&](const Tensor& x, const Tensor& w) {
        return ops::conv(x, w, strides_, padding_, data_format_,
                         dilation_rate_);
      });
  if (!bias_) return z;
  Shape bias_shape(std::size_t(rank_ + 2), 1);
  bias_shape[std::size_t(channel_axis())] = 4 * filters_;
  return z + ops::reshape(bias_->value(), bias_shape);
}

void ConvLSTMCellLayer::step(const Tensor& xz, const Tensor& h, const Tensor& c,
                             const Tensors& h_masks, Tensor* h_new,
                             Tensor* c_new) const {
  Tensors hs;
  for (const Tensor& m : h_masks) hs.push_back(h * m);
  if (hs.empty()) hs.push_back(h);
  const Tensor z =
      xz + per_gate(hs, recurrent_kernel_->value(),
                    [&](const Tensor& x, const Tensor& w) {
                      return ops::conv(x, w, {1}, "same", data_format_, {1});
                    });
  const int axis = channel_axis();
  auto gate = [&](int k) {
    return ops::slice_axis(z, axis, k * filters_, (k + 1) * filters_);
  };
  const auto& ract = options_.recurrent_activation;
  const Tensor i = ract(gate(0));
  const Tensor f = ract(gate(1));
  *c_new = f * c + i * options_.activation(gate(2));
  const Tensor o = ract(gate(3));
  *h_new = o * options_.activation(*c_new);
}

Tensors ConvLSTMCellLayer::call(const Tensors& inputs, const CallContext&) {
  if (inputs.size() != 3) {
    throw ValueError(str(
        "Cell '", name(),
        "' expects inputs {x, h, c}. Received: ", inputs.size(), " tensors"));
  }
  Tensor h, c;
  step(input_conv({inputs[0]}), inputs[1], inputs[2], {}, &h, &c);
  return {h, h, c};
}

Json ConvLSTMCellLayer::get_config() const {
  Json config = Layer::get_config();
  config.erase("activity_regularizer");
  config["filters"] = filters_;
  config["kernel_size"] = kernel_size_;
  config["strides"] = strides_;
  config["padding"] = padding_;
  config["data_format"] = data_format_;
  config["dilation_rate"] = dilation_rate_;
  write_recurrent_keys(
      config, options_,
      {"activation", "recurrent_activation", "use_bias", "kernel_initializer",
       "recurrent_initializer", "bias_initializer", "unit_forget_bias",
       "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
       "kernel_constraint", "recurrent_constraint", "bias_constraint",
       "dropout", "recurrent_dropout", "seed"},
      filters_);
  return config;
}

// ---- ConvLSTM --------------------------------------------------------------

ConvLSTMLayer::ConvLSTMLayer(int rank, std::int64_t filters,
                             ConvLSTMSizes kernel_size, ConvLSTMOptions options,
                             const std::string& base_name)
    : Layer(rnn_base_options(options), base_name), rank_(rank) {
  if (options.stateful) {
    throw NotImplementedError(
        str("Layer '", name(),
            "': stateful ConvLSTM layers (stateful=True) are not supported by "
            "keras.cpp yet. Received: stateful=True"));
  }
  cell_ = track("cell",
                std::make_shared<ConvLSTMCellLayer>(
                    rank, filters, std::move(kernel_size), std::move(options)));
  set_supports_masking(true);
}

void ConvLSTMLayer::check_input(const Shape& shape) const {
  if (int(shape.size()) != rank_ + 3) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected ndim=",
                         rank_ + 3, ", found ndim=", shape.size(),
                         ". Full shape received: ", shape_str(shape)));
  }
}

void ConvLSTMLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  check_input(shape);
  if (!cell_->built()) {
    cell_->build_from_config(
        {{"input_shape", shape_to_json(drop_axis(shape, 1))}});
  }
}

Tensors ConvLSTMLayer::symbolic_outputs(const Tensor& x) const {
  const Shape state = cell_->state_shape(drop_axis(x.shape(), 1));
  Shape seq = state;
  seq.insert(seq.begin() + 1, x.shape()[1]);
  Tensors out = {Tensor::symbolic(
      cell_->options().return_sequences ? seq : state, x.dtype())};
  if (cell_->options().return_state) {
    out.push_back(Tensor::symbolic(state, x.dtype()));
    out.push_back(Tensor::symbolic(state, x.dtype()));
  }
  return out;
}

Tensors ConvLSTMLayer::call(const Tensors& inputs, const CallContext& ctx) {
  Tensor x = inputs.at(0);
  check_input(x.shape());
  if (x.is_symbolic()) return symbolic_outputs(x);
  const ConvLSTMOptions& o = cell_->options();
  const std::int64_t batch = x.shape()[0], steps = x.shape()[1];
  if (steps == 0) {
    throw ValueError(str("Layer '", name(),
                         "' received a sequence of 0 timesteps. Received: "
                         "input_shape=",
                         shape_str(x.shape())));
  }
  const Shape step_shape = drop_axis(x.shape(), 1);
  const Shape state = cell_->state_shape(step_shape);
  // Dropout (training only): one mask per gate, drawn once per sequence
  // and used at every timestep (Keras' DropoutRNNCell).
  const Tensors in_masks =
      ctx.training ? gate_masks(step_shape, o.dropout, o.seed, 0, x.dtype())
                   : Tensors();
  const Tensors h_masks = ctx.training ? gate_masks(state, o.recurrent_dropout,
                                                    o.seed, 4, x.dtype())
                                       : Tensors();
  // Every step's input convolution at once, laid out time-major so that a
  // step reads one contiguous [batch, ...] block.
  Shape flat = step_shape;
  flat[0] = batch * steps;
  Tensors xs;
  for (const Tensor& m : in_masks) {
    xs.push_back(ops::reshape(x * ops::expand_dims(m, 1), flat));
  }
  if (xs.empty()) xs.push_back(ops::reshape(x, flat));
  const Tensor xz = cell_->input_conv(xs);
  Shape xz_step = xz.shape();
  xz_step[0] = batch;
  const Tensor projected = ops::transpose(
      ops::reshape(xz, {batch, steps, xz.size() / (batch * steps)}), {1, 0, 2});

  Tensor mask = ctx.masks.empty() ? Tensor() : ctx.masks[0];
  Shape mask_shape(state.size(), 1);
  mask_shape[0] = batch;
  if (mask.defined()) {
    if (mask.ndim() != 2 || mask.shape()[1] != steps) {
      throw ValueError(str("Layer '", name(),
                           "': the mask must have shape (batch, timesteps). "
                           "Received: mask.shape=",
                           shape_str(mask.shape())));
    }
    mask = ops::not_equal(mask, Tensor::scalar(0.0, mask.dtype()));
  }
  Tensor h = Tensor::zeros(state, x.dtype()), c = h;
  Tensors outputs, step_masks;
  outputs.reserve(std::size_t(steps));
  for (std::int64_t k = 0; k < steps; ++k) {
    const std::int64_t t = o.go_backwards ? steps - 1 - k : k;
    const Tensor xz_t =
        ops::reshape(ops::slice_axis(projected, 0, t, t + 1), xz_step);
    Tensor h_new, c_new;
    cell_->step(xz_t, h, c, h_masks, &h_new, &c_new);
    Tensor out = h_new;
    if (mask.defined()) {
      // A masked step carries the previous output and states.
      const Tensor m =
          ops::reshape(ops::slice_axis(mask, 1, t, t + 1), mask_shape);
      out = ops::where(m, out,
                       outputs.empty() ? ops::zeros_like(out) : outputs.back());
      h_new = ops::where(m, h_new, h);
      c_new = ops::where(m, c_new, c);
      step_masks.push_back(m);
    }
    h = h_new;
    c = c_new;
    outputs.push_back(out);
  }
  if (mask.defined() && o.zero_output_for_mask) {
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      outputs[k] =
          ops::where(step_masks[k], outputs[k], ops::zeros_like(outputs[k]));
    }
  }
  Tensors result = {o.return_sequences ? ops::stack(outputs, 1)
                                       : outputs.back()};
  if (o.return_state) {
    result.push_back(h);
    result.push_back(c);
  }
  return result;
}

Tensors ConvLSTMLayer::compute_mask(const Tensors&,
                                    const Tensors& masks) const {
  // Only returned sequences keep the time axis the mask describes.
  Tensors out = {cell_->options().return_sequences && !masks.empty()
                     ? masks[0]
                     : Tensor()};
  if (cell_->options().return_state) {
    out.push_back(Tensor());
    out.push_back(Tensor());
  }
  return out;
}

Json ConvLSTMLayer::get_config() const {
  Json config = Layer::get_config();
  // Written among the cell's keys below.
  config.erase("activity_regularizer");
  const ConvLSTMOptions& o = cell_->options();
  config["return_sequences"] = o.return_sequences;
  config["return_state"] = o.return_state;
  config["go_backwards"] = o.go_backwards;
  config["stateful"] = o.stateful;
  config["unroll"] = o.unroll;
  config["zero_output_for_mask"] = o.zero_output_for_mask;
  config["filters"] = cell_->filters();
  config["kernel_size"] = cell_->kernel_size();
  config["strides"] = cell_->strides();
  config["padding"] = cell_->padding();
  config["data_format"] = cell_->data_format();
  config["dilation_rate"] = cell_->dilation_rate();
  write_recurrent_keys(
      config, o,
      {"activation", "recurrent_activation", "use_bias", "kernel_initializer",
       "recurrent_initializer", "bias_initializer", "unit_forget_bias",
       "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
       "activity_regularizer", "kernel_constraint", "recurrent_constraint",
       "bias_constraint", "dropout", "recurrent_dropout", "seed"},
      cell_->filters());
  return config;
}

ConvLSTMOptions ConvLSTMLayer::read_config(const Json& config,
                                           const std::string& class_name,
                                           std::int64_t& filters,
                                           ConvLSTMSizes& kernel_size) {
  saving::ConfigReader r(config, class_name);
  ConvLSTMOptions o;
  read_recurrent_options(r, o);
  filters = r.required<std::int64_t>("filters");
  kernel_size = read_tuple(r, "kernel_size", {});
  o.strides = read_tuple(r, "strides", {1});
  o.padding = r.get<std::string>("padding", "valid");
  // null: Keras' image_data_format(), channels_last by default.
  if (!r.raw("data_format").is_null()) {
    o.data_format = r.get<std::string>("data_format", "channels_last");
  }
  o.dilation_rate = read_tuple(r, "dilation_rate", {1});
  return o;
}

}  // namespace keras::layers
