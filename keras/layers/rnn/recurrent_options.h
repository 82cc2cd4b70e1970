// File: keras/layers/rnn/recurrent_options.h
// -----------------------------------------------------------------------------
// The arguments the recurrent cells and layers share (activation,
// *_initializer, *_regularizer, *_constraint, dropout, seed, return_sequences,
// ...), read from and written to Keras configs by field name. Each options
// struct (LSTMOptions, GRUCellOptions, ...) has the fields its Keras class
// has; these templates handle whichever of them a struct declares, so every
// class only lists its keys in Keras' order:
//
//   read_recurrent_options(r, o);
//   write_recurrent_keys(config, o, {"units", "activation", "use_bias"},
//   units);
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>

#include "keras/activations/activations.h"
#include "keras/layers/layer.h"
#include "keras/layers/rnn/rnn_cell.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {
namespace rnn_config {

// Per-weight arguments as config values (a record, a name, or null).
initializers::Initializer read_initializer(const saving::ConfigReader& r,
                                           const std::string& key,
                                           const char* fallback);
regularizers::RegularizerPtr read_regularizer(const saving::ConfigReader& r,
                                              const std::string& key);
constraints::ConstraintPtr read_constraint(const saving::ConfigReader& r,
                                           const std::string& key);
Json write_initializer(const initializers::Initializer& initializer);
Json write_regularizer(const regularizers::RegularizerPtr& regularizer);
Json write_constraint(const constraints::ConstraintPtr& constraint);

// The flags of keras.layers.RNN.__init__ (Keras order).
struct RNNFlags {
  bool return_sequences = false;
  bool return_state = false;
  bool go_backwards = false;
  bool stateful = false;
  bool unroll = false;
  bool zero_output_for_mask = false;
};

template <class O>
RNNFlags rnn_flags_of(const O& o) {
  return {o.return_sequences, o.return_state, o.go_backwards,
          o.stateful,         o.unroll,       o.zero_output_for_mask};
}

// Reads every shared field `O` has.
template <class O>
void read_recurrent_options(const saving::ConfigReader& r, O& o) {
  o.base = layer_options_from_config(r);
  if constexpr (requires { o.activation; }) {
    if (r.has("activation")) {
      o.activation = activations::deserialize(r.raw("activation"), nullptr);
    }
  }
  if constexpr (requires { o.recurrent_activation; }) {
    if (r.has("recurrent_activation")) {
      o.recurrent_activation =
          activations::deserialize(r.raw("recurrent_activation"), nullptr);
    }
  }
  if constexpr (requires { o.use_bias; }) {
    o.use_bias = r.get("use_bias", o.use_bias);
    o.kernel_initializer =
        read_initializer(r, "kernel_initializer", "glorot_uniform");
    o.recurrent_initializer =
        read_initializer(r, "recurrent_initializer", "orthogonal");
    o.bias_initializer = read_initializer(r, "bias_initializer", "zeros");
    o.kernel_regularizer = read_regularizer(r, "kernel_regularizer");
    o.recurrent_regularizer = read_regularizer(r, "recurrent_regularizer");
    o.bias_regularizer = read_regularizer(r, "bias_regularizer");
    o.kernel_constraint = read_constraint(r, "kernel_constraint");
    o.recurrent_constraint = read_constraint(r, "recurrent_constraint");
    o.bias_constraint = read_constraint(r, "bias_constraint");
    o.dropout = r.get("dropout", 0.0);
    o.recurrent_dropout = r.get("recurrent_dropout", 0.0);
    o.seed = r.optional<std::int64_t>("seed");
  }
  if constexpr (requires { o.activity_regularizer; }) {
    o.activity_regularizer = read_regularizer(r, "activity_regularizer");
  }
  if constexpr (requires { o.unit_forget_bias; }) {
    o.unit_forget_bias = r.get("unit_forget_bias", true);
  }
  if constexpr (requires { o.reset_after; }) {
    o.reset_after = r.get("reset_after", true);
  }
  if constexpr (requires { o.return_sequences; }) {
    o.return_sequences = r.get("return_sequences", false);
    o.return_state = r.get("return_state", false);
    o.go_backwards = r.get("go_backwards", false);
    o.stateful = r.get("stateful", false);
    o.unroll = r.get("unroll", false);
    o.zero_output_for_mask = r.get("zero_output_for_mask", false);
  }
}

// The config value of one shared key.
template <class O>
Json recurrent_config_value(const O& o, const std::string& key) {
  if constexpr (requires { o.activation; }) {
    if (key == "activation") return o.activation.serialize();
  }
  if constexpr (requires { o.recurrent_activation; }) {
    if (key == "recurrent_activation")
      return o.recurrent_activation.serialize();
  }
  if constexpr (requires { o.use_bias; }) {
    if (key == "use_bias") return o.use_bias;
    if (key == "kernel_initializer") {
      return write_initializer(o.kernel_initializer);
    }
    if (key == "recurrent_initializer") {
      return write_initializer(o.recurrent_initializer);
    }
    if (key == "bias_initializer") return write_initializer(o.bias_initializer);
    if (key == "kernel_regularizer") {
      return write_regularizer(o.kernel_regularizer);
    }
    if (key == "recurrent_regularizer") {
      return write_regularizer(o.recurrent_regularizer);
    }
    if (key == "bias_regularizer") return write_regularizer(o.bias_regularizer);
    if (key == "kernel_constraint")
      return write_constraint(o.kernel_constraint);
    if (key == "recurrent_constraint") {
      return write_constraint(o.recurrent_constraint);
    }
    if (key == "bias_constraint") return write_constraint(o.bias_constraint);
    if (key == "dropout") return clip_rate(o.dropout);
    if (key == "recurrent_dropout") return clip_rate(o.recurrent_dropout);
    if (key == "seed") return o.seed ? Json(*o.seed) : Json(nullptr);
  }
  if constexpr (requires { o.activity_regularizer; }) {
    if (key == "activity_regularizer") {
      return write_regularizer(o.activity_regularizer);
    }
  }
  if constexpr (requires { o.unit_forget_bias; }) {
    if (key == "unit_forget_bias") return o.unit_forget_bias;
  }
  if constexpr (requires { o.reset_after; }) {
    if (key == "reset_after") return o.reset_after;
  }
  throw ValueError(str("Unknown recurrent config key: ", key));
}

template <class O>
void write_recurrent_keys(Json& config, const O& o,
                          std::initializer_list<const char*> keys,
                          std::int64_t units) {
  for (const char* key : keys) {
    config[key] = std::string(key) == "units" ? Json(units)
                                              : recurrent_config_value(o, key);
  }
}

// A layer's base options with its activity_regularizer argument folded in.
template <class O>
LayerOptions rnn_base_options(const O& o) {
  LayerOptions base = o.base;
  if (o.activity_regularizer)
    base.activity_regularizer = o.activity_regularizer;
  return base;
}

// The cell arguments of a layer's options (fields of the same names).
template <class Cell, class O>
Cell cell_options_of(const O& o, const std::string& cell_name) {
  Cell c;
  c.activation = o.activation;
  if constexpr (requires { c.recurrent_activation; }) {
    c.recurrent_activation = o.recurrent_activation;
  }
  if constexpr (requires { c.unit_forget_bias; }) {
    c.unit_forget_bias = o.unit_forget_bias;
  }
  if constexpr (requires { c.reset_after; }) c.reset_after = o.reset_after;
  c.use_bias = o.use_bias;
  c.kernel_initializer = o.kernel_initializer;
  c.recurrent_initializer = o.recurrent_initializer;
  c.bias_initializer = o.bias_initializer;
  c.kernel_regularizer = o.kernel_regularizer;
  c.recurrent_regularizer = o.recurrent_regularizer;
  c.bias_regularizer = o.bias_regularizer;
  c.kernel_constraint = o.kernel_constraint;
  c.recurrent_constraint = o.recurrent_constraint;
  c.bias_constraint = o.bias_constraint;
  c.dropout = o.dropout;
  c.recurrent_dropout = o.recurrent_dropout;
  c.seed = o.seed;
  c.base = {
      .name = cell_name, .trainable = o.base.trainable, .dtype = o.base.dtype};
  return c;
}

}  // namespace rnn_config
using namespace rnn_config;  // NOLINT: the RNN family's shared vocabulary
}  // namespace keras::layers
