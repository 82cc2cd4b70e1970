#include "keras/layers/rnn/lstm_cell.h"

#include "keras/layers/rnn/recurrent_kernels.h"
#include "keras/layers/rnn/recurrent_product.h"

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

// The inference recurrence (RNNCellBase::fused_recurrence): per step one
// product with the recurrent kernel, then the gates with vectorised
// activations, in scratch memory of its own.
class LSTMRecurrence : public FusedRecurrence {
 public:
  LSTMRecurrence(Tensor recurrent_kernel, std::int64_t batch,
                 std::int64_t units, rnn_kernels::Act act,
                 rnn_kernels::Act recurrent_act)
      : rk_(std::move(recurrent_kernel)),
        product_(rk_.data<float>(), units, 4 * units, 4 * units, batch),
        batch_(batch),
        u_(units),
        act_(act),
        ract_(recurrent_act),
        z_(static_cast<std::size_t>(batch * 4 * units)),
        t_(static_cast<std::size_t>(units)) {}

  void step(const float* projected, std::int64_t stride,
            const float* const* states, float* const* new_states) override {
    const std::int64_t u = u_;
    float* z = z_.data();
    product_(states[0], u, z, 4 * u);
    for (std::int64_t b = 0; b < batch_; ++b) {
      float* zb = z + b * 4 * u;
      const float* pb = projected + b * stride;
      for (std::int64_t j = 0; j < 4 * u; ++j) zb[j] = pb[j] + zb[j];
      // Gates i, f, g, o (Keras' order).
      rnn_kernels::activate(ract_, zb, 2 * u);
      rnn_kernels::activate(act_, zb + 2 * u, u);
      rnn_kernels::activate(ract_, zb + 3 * u, u);
      const float* c = states[1] + b * u;
      float* c_new = new_states[1] + b * u;
      float* h_new = new_states[0] + b * u;
      float* t = t_.data();
      for (std::int64_t j = 0; j < u; ++j) {
        c_new[j] = zb[u + j] * c[j] + zb[j] * zb[2 * u + j];
        t[j] = c_new[j];
      }
      rnn_kernels::activate(act_, t, u);
      for (std::int64_t j = 0; j < u; ++j) h_new[j] = zb[3 * u + j] * t[j];
    }
  }

 private:
  Tensor rk_;  // keeps product_'s kernel alive
  rnn_kernels::RecurrentProduct product_;
  std::int64_t batch_, u_;
  rnn_kernels::Act act_, ract_;
  std::vector<float> z_, t_;
};
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

std::unique_ptr<FusedRecurrence> LSTMCellLayer::fused_recurrence(
    std::int64_t batch) const {
  const auto parts = fused_parts();
  if (!parts) return nullptr;
  return std::make_unique<LSTMRecurrence>(
      parts->recurrent_kernel, batch, units_, parts->act, parts->recurrent_act);
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
