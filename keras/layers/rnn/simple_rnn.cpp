#include "keras/layers/rnn/simple_rnn.h"

namespace keras::layers {

SimpleRNNLayer::SimpleRNNLayer(std::int64_t units, SimpleRNNOptions options)
    : RNNLayer(std::make_shared<SimpleRNNCellLayer>(
                   units, cell_options_of<SimpleRNNCellOptions>(
                              options, "simple_rnn_cell")),
               rnn_flags_of(options), rnn_base_options(options), "simple_rnn"),
      units_(units),
      options_(std::move(options)) {}

Json SimpleRNNLayer::get_config() const {
  // Keras' SimpleRNN config has no `seed`.
  Json config = rnn_config();
  write_recurrent_keys(
      config, options_,
      {"units", "activation", "use_bias", "kernel_initializer",
       "recurrent_initializer", "bias_initializer", "kernel_regularizer",
       "recurrent_regularizer", "bias_regularizer", "activity_regularizer",
       "kernel_constraint", "recurrent_constraint", "bias_constraint",
       "dropout", "recurrent_dropout"},
      units_);
  return config;
}

std::shared_ptr<SimpleRNNLayer> SimpleRNNLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "SimpleRNN");
  SimpleRNNOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<SimpleRNNLayer>(r.required<std::int64_t>("units"),
                                          std::move(o));
}

}  // namespace keras::layers
