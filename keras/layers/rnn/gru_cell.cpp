#include "keras/layers/rnn/gru_cell.h"

namespace keras::layers {

GRUCellLayer::GRUCellLayer(std::int64_t units, GRUCellOptions options)
    : WeightedCell(units, std::move(options), "gru_cell") {}

void GRUCellLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape bias_shape =
      options_.reset_after ? Shape{2, 3 * units_} : Shape{3 * units_};
  create_weights(input_shapes.at(0), 3, bias_shape, options_.bias_initializer);
}

Tensor GRUCellLayer::project_inputs(const Tensor& x) {
  Tensor m = ops::matmul(drop_inputs(x), kernel_->value());
  if (!bias_) return m;
  if (!options_.reset_after) return m + bias_->value();
  return m +
         ops::reshape(ops::slice_axis(bias_->value(), 0, 0, 1), {3 * units_});
}

Tensor GRUCellLayer::step(const Tensor& projected, const Tensors& states,
                          Tensors* new_states) {
  // Keras uses the dropped-out previous state in the final mix as well.
  const Tensor h = drop_recurrent(states.at(0));
  const Tensor rk = recurrent_kernel_->value();
  const std::int64_t u = units_;
  auto cols = [](const Tensor& t, std::int64_t a, std::int64_t b) {
    return ops::slice_axis(t, t.ndim() - 1, a, b);
  };
  const auto& ract = options_.recurrent_activation;
  Tensor z, hh;
  if (options_.reset_after) {
    Tensor inner = ops::matmul(h, rk);
    if (bias_) {
      inner = inner +
              ops::reshape(ops::slice_axis(bias_->value(), 0, 1, 2), {3 * u});
    }
    z = ract(cols(projected, 0, u) + cols(inner, 0, u));
    const Tensor r = ract(cols(projected, u, 2 * u) + cols(inner, u, 2 * u));
    hh = options_.activation(cols(projected, 2 * u, 3 * u) +
                             r * cols(inner, 2 * u, 3 * u));
  } else {
    const Tensor inner = ops::matmul(h, cols(rk, 0, 2 * u));
    z = ract(cols(projected, 0, u) + cols(inner, 0, u));
    const Tensor r = ract(cols(projected, u, 2 * u) + cols(inner, u, 2 * u));
    hh = options_.activation(cols(projected, 2 * u, 3 * u) +
                             ops::matmul(r * h, cols(rk, 2 * u, 3 * u)));
  }
  const Tensor h_new = z * h + (1.0 - z) * hh;
  *new_states = {h_new};
  return h_new;
}

Json GRUCellLayer::get_config() const {
  return config_with(
      {"units", "activation", "recurrent_activation", "use_bias",
       "kernel_initializer", "recurrent_initializer", "bias_initializer",
       "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
       "kernel_constraint", "recurrent_constraint", "bias_constraint",
       "dropout", "recurrent_dropout", "reset_after", "seed"});
}

std::shared_ptr<GRUCellLayer> GRUCellLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "GRUCell");
  GRUCellOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<GRUCellLayer>(r.required<std::int64_t>("units"),
                                        std::move(o));
}

}  // namespace keras::layers
