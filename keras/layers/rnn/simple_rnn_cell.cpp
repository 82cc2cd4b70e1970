#include "keras/layers/rnn/simple_rnn_cell.h"

#include "keras/layers/rnn/recurrent_kernels.h"
#include "keras/layers/rnn/recurrent_product.h"

namespace keras::layers {

namespace {
// The inference recurrence (RNNCellBase::fused_recurrence):
// act(projected + h @ recurrent_kernel), written straight into the new state.
class SimpleRNNRecurrence : public FusedRecurrence {
 public:
  SimpleRNNRecurrence(Tensor recurrent_kernel, std::int64_t batch,
                      std::int64_t units, rnn_kernels::Act act)
      : rk_(std::move(recurrent_kernel)),
        product_(rk_.data<float>(), units, units, units, batch),
        batch_(batch),
        u_(units),
        act_(act) {}

  void step(const float* projected, std::int64_t stride,
            const float* const* states, float* const* new_states) override {
    float* out = new_states[0];
    product_(states[0], u_, out, u_);
    for (std::int64_t b = 0; b < batch_; ++b) {
      const float* pb = projected + b * stride;
      float* ob = out + b * u_;
      for (std::int64_t j = 0; j < u_; ++j) ob[j] = pb[j] + ob[j];
    }
    rnn_kernels::activate(act_, out, batch_ * u_);
  }

 private:
  Tensor rk_;  // keeps product_'s kernel alive
  rnn_kernels::RecurrentProduct product_;
  std::int64_t batch_, u_;
  rnn_kernels::Act act_;
};
}  // namespace

SimpleRNNCellLayer::SimpleRNNCellLayer(std::int64_t units,
                                       SimpleRNNCellOptions options)
    : WeightedCell(units, std::move(options), "simple_rnn_cell") {}

void SimpleRNNCellLayer::build(const std::vector<Shape>& input_shapes) {
  create_weights(input_shapes.at(0), 1, {units_}, options_.bias_initializer);
}

Tensor SimpleRNNCellLayer::project_inputs(const Tensor& x) {
  Tensor h = ops::matmul(drop_inputs(x), kernel_->value());
  return bias_ ? h + bias_->value() : h;
}

Tensor SimpleRNNCellLayer::step(const Tensor& projected, const Tensors& states,
                                Tensors* new_states) {
  const Tensor prev = drop_recurrent(states.at(0));
  Tensor out = options_.activation(
      projected + ops::matmul(prev, recurrent_kernel_->value()));
  *new_states = {out};
  return out;
}

std::unique_ptr<FusedRecurrence> SimpleRNNCellLayer::fused_recurrence(
    std::int64_t batch) const {
  const auto parts = fused_parts();
  if (!parts) return nullptr;
  return std::make_unique<SimpleRNNRecurrence>(parts->recurrent_kernel, batch,
                                               units_, parts->act);
}

Json SimpleRNNCellLayer::get_config() const {
  return config_with({"units", "activation", "use_bias", "kernel_initializer",
                      "recurrent_initializer", "bias_initializer",
                      "kernel_regularizer", "recurrent_regularizer",
                      "bias_regularizer", "kernel_constraint",
                      "recurrent_constraint", "bias_constraint", "dropout",
                      "recurrent_dropout", "seed"});
}

std::shared_ptr<SimpleRNNCellLayer> SimpleRNNCellLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "SimpleRNNCell");
  SimpleRNNCellOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<SimpleRNNCellLayer>(r.required<std::int64_t>("units"),
                                              std::move(o));
}

}  // namespace keras::layers
