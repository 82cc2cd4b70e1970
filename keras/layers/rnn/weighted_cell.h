// File: keras/layers/rnn/weighted_cell.h
// -----------------------------------------------------------------------------
// WeightedCell<Options>: the part SimpleRNNCell, LSTMCell and GRUCell share —
// `units`, an options struct with Keras' per-weight arguments, and the three
// weights kernel (input_dim, gates*units), recurrent_kernel (units,
// gates*units) and bias, created in Keras' order (vars/0..2).
// -----------------------------------------------------------------------------
#pragma once

#include <initializer_list>
#include <optional>

#include "keras/layers/rnn/recurrent_kernels.h"
#include "keras/layers/rnn/recurrent_options.h"
#include "keras/layers/rnn/rnn_cell.h"
#include "keras/ops/ops.h"

namespace keras::layers {

template <class O>
class WeightedCell : public RNNCellBase {
 public:
  WeightedCell(std::int64_t units, O options, const std::string& base_name)
      : RNNCellBase(options.base, base_name, options.dropout,
                    options.recurrent_dropout, options.seed),
        units_(units),
        options_(std::move(options)) {
    if (units_ <= 0) {
      throw ValueError(
          str("Received an invalid value for argument `units`, expected a "
              "positive integer, got ",
              units_, "."));
    }
  }

  std::int64_t units() const { return units_; }
  const O& options() const { return options_; }
  const VariablePtr& kernel() const { return kernel_; }
  const VariablePtr& recurrent_kernel() const { return recurrent_kernel_; }
  const VariablePtr& bias() const { return bias_; }

 protected:
  // `bias_initializer` = the configured one unless the cell builds its own
  // (LSTM's unit_forget_bias).
  void create_weights(const Shape& input_shape, std::int64_t gates,
                      const Shape& bias_shape,
                      const initializers::Initializer& bias_initializer) {
    kernel_ = add_weight({.name = "kernel",
                          .shape = {input_dim_of(input_shape), gates * units_},
                          .initializer = options_.kernel_initializer,
                          .regularizer = options_.kernel_regularizer,
                          .constraint = options_.kernel_constraint});
    recurrent_kernel_ =
        add_weight({.name = "recurrent_kernel",
                    .shape = {units_, gates * units_},
                    .initializer = options_.recurrent_initializer,
                    .regularizer = options_.recurrent_regularizer,
                    .constraint = options_.recurrent_constraint});
    if (options_.use_bias) {
      bias_ = add_weight({.name = "bias",
                          .shape = bias_shape,
                          .initializer = bias_initializer,
                          .regularizer = options_.bias_regularizer,
                          .constraint = options_.bias_constraint});
    }
  }

  // What a cell's FusedRecurrence needs, or nullopt when the cell must run
  // step(): kernels for its activations (and recurrent_activation, where
  // the cell has one), a float32 recurrent kernel, no recurrent dropout.
  struct FusedParts {
    Tensor recurrent_kernel;
    rnn_kernels::Act act, recurrent_act;
  };
  std::optional<FusedParts> fused_parts() const {
    const auto act = rnn_kernels::act_of(options_.activation);
    auto ract = act;
    if constexpr (requires { options_.recurrent_activation; }) {
      ract = rnn_kernels::act_of(options_.recurrent_activation);
    }
    const Tensor& rk = recurrent_kernel_->value();
    if (!act || !ract || drops_recurrent() || rk.dtype() != DType::float32) {
      return std::nullopt;
    }
    return FusedParts{rk, *act, *ract};
  }

  // Layer config + `keys` in the given (Keras) order.
  Json config_with(std::initializer_list<const char*> keys) const {
    Json config = Layer::get_config();
    write_recurrent_keys(config, options_, keys, units_);
    return config;
  }

  std::int64_t units_;
  O options_;
  VariablePtr kernel_, recurrent_kernel_, bias_;
};

}  // namespace keras::layers
