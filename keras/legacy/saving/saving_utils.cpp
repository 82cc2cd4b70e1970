#include "keras/legacy/saving/saving_utils.h"

#include <iostream>

#include "keras/core/error.h"
#include "keras/saving/config_reader.h"

namespace keras::legacy::saving {

namespace {

using keras::saving::safe_dump;

// Converts a layer record in place (records nest through models and
// wrappers; converting in place keeps hostile deep nesting linear).
void convert_layer_record(Json& record);

bool is_model_class(const std::string& class_name) {
  return class_name == "Sequential" || class_name == "Functional" ||
         class_name == "Model";
}

// Keras 2 arguments that Keras 3 removed. A default value carries no
// information and is dropped; anything else would change the model.
void drop_removed_argument(Json& config, const std::string& class_name,
                           const char* key, const Json& default_value) {
  if (!config.contains(key)) return;
  if (config[key] != default_value) {
    throw NotImplementedError(
        str(class_name, " '", config.value("name", std::string("?")),
            "': the legacy argument `", key, "=", safe_dump(config[key]),
            "` is not supported by Keras 3 (only ", safe_dump(default_value),
            " is)."));
  }
  config.erase(key);
}

// model_from_config's rewrites of one config dict (keras/src/legacy/saving/
// saving_utils.py), plus the removed Keras 2 arguments.
void rewrite_arguments(Json& config, const std::string& class_name) {
  if (config.contains("batch_input_shape")) {
    Json shape = config["batch_input_shape"];
    config.erase("batch_input_shape");
    if (!shape.is_null()) {
      if (class_name == "InputLayer") {
        if (!config.contains("batch_shape")) config["batch_shape"] = shape;
      } else {
        config["input_shape"] = shape;
      }
    }
  }
  if (config.contains("axis")) {
    Json axis = config["axis"];
    config.erase("axis");
    if (axis.is_array() && axis.size() == 1 && axis[0].is_number()) {
      config["axis"] = static_cast<std::int64_t>(axis[0].get<double>());
    } else if (axis.is_number()) {
      config["axis"] = static_cast<std::int64_t>(axis.get<double>());
    }
    // Keras drops any other value (longer lists): the default axis applies.
  }
  drop_removed_argument(config, class_name, "time_major", false);
  if (class_name == "DepthwiseConv2D" || class_name == "DepthwiseConv1D") {
    drop_removed_argument(config, class_name, "groups", 1);
  }
}

// Layer records nested in wrapper configs (Bidirectional, TimeDistributed,
// RNN cells) are legacy records too.
void convert_nested(Json& config) {
  for (const char* key : {"layer", "forward_layer", "backward_layer", "cell"}) {
    if (config.contains(key) && config[key].is_object() &&
        config[key].contains("class_name")) {
      convert_layer_record(config[key]);
    }
  }
  if (config.contains("cells") && config["cells"].is_array()) {
    for (Json& cell : config["cells"]) {
      if (cell.is_object() && cell.contains("class_name")) {
        convert_layer_record(cell);
      }
    }
  }
}

// Keras 3's Sequential.add: a first layer built with an input shape gets
// `InputLayer(shape=input_shape)` in front of it. `input_shape` holds the
// saved batch_input_shape, so Keras 3 adds a free dimension; for configs
// Keras 3 cannot read at all (`exact`), the saved batch shape is used as
// Keras 2 meant it.
void add_sequential_input(Json& layers, bool exact) {
  if (layers.empty() || !layers[0].is_object()) return;
  const Json& first = layers[0];
  if (first.value("class_name", std::string()) == "InputLayer") return;
  if (!first.contains("config") || !first["config"].is_object()) return;
  const Json& config = first["config"];
  Json batch_shape = Json::array({nullptr});
  if (config.contains("input_dim") && !config["input_dim"].is_null()) {
    batch_shape.push_back(config["input_dim"]);
  } else if (config.contains("input_shape") &&
             config["input_shape"].is_array()) {
    if (exact) batch_shape = Json::array();
    for (const Json& d : config["input_shape"]) batch_shape.push_back(d);
  } else {
    return;
  }
  layers.insert(layers.begin(), Json{{"class_name", "InputLayer"},
                                     {"config",
                                      {{"batch_shape", batch_shape},
                                       {"dtype", "float32"},
                                       {"sparse", false}}}});
}

void strip_input_shape_arguments(Json& layers) {
  for (Json& layer : layers) {
    if (!layer.is_object() || !layer.contains("config") ||
        !layer["config"].is_object()) {
      continue;
    }
    layer["config"].erase("input_shape");
    layer["config"].erase("input_dim");
  }
}

Json convert_model_config(const std::string& class_name, Json config) {
  const bool bare_list = config.is_array();
  if (class_name == "Sequential" && bare_list) {
    // Keras 2.0-2.2: the config is the bare list of layer records.
    config = Json{{"name", "sequential"}, {"layers", std::move(config)}};
  }
  if (!config.is_object()) {
    throw ValueError(str("A ", class_name,
                         " model configuration must be a dictionary "
                         "containing the 'name' and 'layers' keys. Received: "
                         "config=",
                         safe_dump(config).substr(0, 300)));
  }
  if (!config.contains("layers") || !config["layers"].is_array()) {
    throw ValueError(str("A ", class_name,
                         " model configuration needs a `layers` list. "
                         "Received: config=",
                         safe_dump(config).substr(0, 300)));
  }
  Json& layers = config["layers"];
  for (Json& layer : layers) convert_layer_record(layer);
  if (class_name == "Sequential") add_sequential_input(layers, bare_list);
  strip_input_shape_arguments(layers);
  return config;
}

}  // namespace

namespace {

void convert_layer_record(Json& record) {
  if (!record.is_object() || !record.contains("class_name") ||
      !record["class_name"].is_string() || !record.contains("config")) {
    throw ValueError(str("Improper config format for ",
                         safe_dump(record).substr(0, 300),
                         ". Expecting python dict contains `class_name` and "
                         "`config` as keys"));
  }
  // Records with a module were written by Keras 3's serializer: Keras 3
  // deserializes them as they are.
  if (record.contains("module")) return;
  const std::string class_name = record["class_name"].get<std::string>();
  Json& config = record["config"];
  if (is_model_class(class_name)) {
    if (config.is_object()) rewrite_arguments(config, class_name);
    config = convert_model_config(class_name, std::move(config));
    return;
  }
  if (!config.is_object()) {
    throw ValueError(
        str("The config of layer record ", class_name,
            " must be a dict. Received: ", safe_dump(config).substr(0, 300)));
  }
  rewrite_arguments(config, class_name);
  convert_nested(config);
}

}  // namespace

Json layer_record_from_legacy_config(const Json& record) {
  Json out = record;
  convert_layer_record(out);
  return out;
}

Json model_record_from_legacy_config(const Json& model_config) {
  if (model_config.is_array()) {
    throw TypeError(
        str("`model_from_config` expects a dictionary, not a list. Received: "
            "config=",
            safe_dump(model_config).substr(0, 300)));
  }
  Json record = layer_record_from_legacy_config(model_config);
  return record;
}

namespace {

// Keras 2 optimizer arguments in Keras 3 terms.
Json optimizer_record(const Json& optimizer_config) {
  if (optimizer_config.is_string()) return optimizer_config;
  if (!optimizer_config.is_object() ||
      !optimizer_config.contains("class_name")) {
    throw ValueError(str("Invalid optimizer_config in training_config: ",
                         safe_dump(optimizer_config).substr(0, 300)));
  }
  Json record = optimizer_config;
  // tf.keras 2.11+ registered its own optimizers as "Custom>Adam", ...
  const Json& class_name = record["class_name"];
  if (class_name.is_string() &&
      class_name.get<std::string>().rfind("Custom>", 0) == 0) {
    record["class_name"] = class_name.get<std::string>().substr(7);
  }
  if (!record.contains("config") || !record["config"].is_object()) {
    record["config"] = Json::object();
  }
  Json& config = record["config"];
  if (config.contains("lr")) {
    if (!config.contains("learning_rate"))
      config["learning_rate"] = config["lr"];
    config.erase("lr");
  }
  // tf.keras 2.11+ bookkeeping Keras 3 does not take; decay 0 means none.
  config.erase("is_legacy_optimizer");
  config.erase("jit_compile");
  if (config.contains("decay") && config["decay"].is_number() &&
      config["decay"].get<double>() == 0.0) {
    config.erase("decay");
  }
  return record;
}

// Keras 2 losses reduced with "auto", which Keras 3 spells
// "sum_over_batch_size"; tf.keras 2.13+ also wrote the wrapped function
// (`fn`) of built-in loss classes, which their Keras 3 classes fix.
Json loss_record(Json loss) {
  if (loss.is_object() && loss.contains("config") &&
      loss["config"].is_object()) {
    Json& config = loss["config"];
    if (config.value("reduction", Json()) == "auto") {
      config["reduction"] = "sum_over_batch_size";
    }
    if (loss.value("class_name", Json()) != "LossFunctionWrapper") {
      config.erase("fn");
    }
  } else if (loss.is_array()) {
    for (Json& l : loss) l = loss_record(l);
  }
  return loss;
}

// tf.keras 2.4+ saved metrics per output: [[m1, m2]] for one output.
Json metrics_record(Json metrics) {
  if (metrics.is_array() && metrics.size() == 1 && metrics[0].is_array()) {
    return std::move(metrics[0]);
  }
  return metrics;
}

}  // namespace

Json compile_config_from_training_config(const Json& training_config) {
  if (!training_config.is_object()) {
    throw ValueError(str("training_config must be a dict. Received: ",
                         safe_dump(training_config).substr(0, 300)));
  }
  if (!training_config.contains("optimizer_config")) {
    throw ValueError("training_config has no optimizer_config.");
  }
  Json out = Json::object();
  out["optimizer"] = optimizer_record(training_config["optimizer_config"]);
  out["loss"] = loss_record(training_config.value("loss", Json()));
  out["metrics"] = metrics_record(training_config.value("metrics", Json()));
  out["loss_weights"] = training_config.value("loss_weights", Json());
  out["weighted_metrics"] =
      metrics_record(training_config.value("weighted_metrics", Json()));
  return out;
}

}  // namespace keras::legacy::saving
