#include "keras/layers/rnn/simple_rnn_cell.h"

namespace keras::layers {

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
