#include "keras/layers/rnn/lstm_cell.h"

#include <cmath>

#include "keras/ops/autograd.h"

namespace keras::layers {

namespace {
// Keras' unit_forget_bias: [init(u), ones(u), init(2u)], so the forget gate
// starts open. Used only to create the variable, never serialized.
class UnitForgetBias : public initializers::InitializerBase {
 public:
  UnitForgetBias(initializers::Initializer base, std::int64_t units)
      : base_(std::move(base)), units_(units) {}
  Tensor operator()(const Shape&, DType dtype) const override {
    return ops::concatenate({base_({units_}, dtype),
                             Tensor::ones({units_}, dtype),
                             base_({2 * units_}, dtype)});
  }
  std::string class_name() const override { return "UnitForgetBias"; }
  Json get_config() const override { return Json::object(); }

 private:
  initializers::Initializer base_;
  std::int64_t units_;
};

// ops::sigmoid's formula, so the fused step below matches the op path.
float sigmoid(float v) {
  if (v >= 0) return 1.0f / (1.0f + std::exp(-v));
  const float e = std::exp(v);
  return e / (1.0f + e);
}

bool is_float32(const Tensors& ts) {
  for (const Tensor& t : ts) {
    if (t.dtype() != DType::float32) return false;
  }
  return true;
}
}  // namespace

LSTMCellLayer::LSTMCellLayer(std::int64_t units, LSTMCellOptions options)
    : WeightedCell(units, std::move(options), "lstm_cell") {}

void LSTMCellLayer::build(const std::vector<Shape>& input_shapes) {
  const initializers::Initializer bias_init =
      options_.unit_forget_bias
          ? initializers::Initializer(std::make_shared<UnitForgetBias>(
                options_.bias_initializer, units_))
          : options_.bias_initializer;
  create_weights(input_shapes.at(0), 4, {4 * units_}, bias_init);
}

Tensor LSTMCellLayer::project_inputs(const Tensor& x) {
  Tensor z = ops::matmul(drop_inputs(x), kernel_->value());
  return bias_ ? z + bias_->value() : z;
}

Tensor LSTMCellLayer::step(const Tensor& projected, const Tensors& states,
                           Tensors* new_states) {
  const Tensor h = drop_recurrent(states.at(0));
  const Tensor& c = states.at(1);
  if (!autograd::is_grad_enabled() && options_.activation.name() == "tanh" &&
      options_.recurrent_activation.name() == "sigmoid" &&
      is_float32({projected, h, c})) {
    // Inference: the gates and the cell update in one pass over (batch,
    // units), where the op path makes ten intermediate tensors per step.
    const Tensor r = ops::matmul(h, recurrent_kernel_->value());
    const std::int64_t batch = r.dim(0), u = units_;
    Tensor c_new = Tensor::empty({batch, u}), h_new = Tensor::empty({batch, u});
    const float* pz = projected.data<float>();
    const float* pr = r.data<float>();
    const float* pc = c.data<float>();
    float* oc = c_new.data<float>();
    float* oh = h_new.data<float>();
    for (std::int64_t b = 0; b < batch; ++b) {
      const float* zb = pz + b * 4 * u;
      const float* rb = pr + b * 4 * u;
      for (std::int64_t j = 0; j < u; ++j) {
        const float i = sigmoid(zb[j] + rb[j]);
        const float f = sigmoid(zb[u + j] + rb[u + j]);
        const float g = std::tanh(zb[2 * u + j] + rb[2 * u + j]);
        const float o = sigmoid(zb[3 * u + j] + rb[3 * u + j]);
        const float cn = f * pc[b * u + j] + i * g;
        oc[b * u + j] = cn;
        oh[b * u + j] = o * std::tanh(cn);
      }
    }
    *new_states = {h_new, c_new};
    return h_new;
  }
  const Tensor z = projected + ops::matmul(h, recurrent_kernel_->value());
  auto gate = [&](int k) {
    return ops::slice_axis(z, 1, k * units_, (k + 1) * units_);
  };
  const auto& ract = options_.recurrent_activation;
  const Tensor i = ract(gate(0));
  const Tensor f = ract(gate(1));
  const Tensor c_new = f * c + i * options_.activation(gate(2));
  const Tensor o = ract(gate(3));
  const Tensor h_new = o * options_.activation(c_new);
  *new_states = {h_new, c_new};
  return h_new;
}

Json LSTMCellLayer::get_config() const {
  return config_with(
      {"units", "activation", "recurrent_activation", "use_bias",
       "unit_forget_bias", "kernel_initializer", "recurrent_initializer",
       "bias_initializer", "kernel_regularizer", "recurrent_regularizer",
       "bias_regularizer", "kernel_constraint", "recurrent_constraint",
       "bias_constraint", "dropout", "recurrent_dropout", "seed"});
}

std::shared_ptr<LSTMCellLayer> LSTMCellLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "LSTMCell");
  LSTMCellOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<LSTMCellLayer>(r.required<std::int64_t>("units"),
                                         std::move(o));
}

}  // namespace keras::layers
