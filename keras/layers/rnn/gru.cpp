#include "keras/layers/rnn/gru.h"

namespace keras::layers {

GRULayer::GRULayer(std::int64_t units, GRUOptions options)
    : RNNLayer(std::make_shared<GRUCellLayer>(
                   units, cell_options_of<GRUCellOptions>(options, "gru_cell")),
               rnn_flags_of(options), rnn_base_options(options), "gru"),
      units_(units),
      options_(std::move(options)) {}

Json GRULayer::get_config() const {
  Json config = rnn_config();
  write_recurrent_keys(
      config, options_,
      {"units", "activation", "recurrent_activation", "use_bias",
       "kernel_initializer", "recurrent_initializer", "bias_initializer",
       "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
       "activity_regularizer", "kernel_constraint", "recurrent_constraint",
       "bias_constraint", "dropout", "recurrent_dropout", "reset_after",
       "seed"},
      units_);
  return config;
}

std::shared_ptr<GRULayer> GRULayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "GRU");
  GRUOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<GRULayer>(r.required<std::int64_t>("units"),
                                    std::move(o));
}

}  // namespace keras::layers
