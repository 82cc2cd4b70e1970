#include "keras/layers/rnn/lstm.h"

namespace keras::layers {

LSTMLayer::LSTMLayer(std::int64_t units, LSTMOptions options)
    : RNNLayer(
          std::make_shared<LSTMCellLayer>(
              units, cell_options_of<LSTMCellOptions>(options, "lstm_cell")),
          rnn_flags_of(options), rnn_base_options(options), "lstm"),
      units_(units),
      options_(std::move(options)) {}

Json LSTMLayer::get_config() const {
  Json config = rnn_config();
  write_recurrent_keys(
      config, options_,
      {"units", "activation", "recurrent_activation", "use_bias",
       "kernel_initializer", "recurrent_initializer", "bias_initializer",
       "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer",
       "bias_regularizer", "activity_regularizer", "kernel_constraint",
       "recurrent_constraint", "bias_constraint", "dropout",
       "recurrent_dropout", "seed"},
      units_);
  return config;
}

std::shared_ptr<LSTMLayer> LSTMLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "LSTM");
  LSTMOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<LSTMLayer>(r.required<std::int64_t>("units"),
                                     std::move(o));
}

}  // namespace keras::layers
