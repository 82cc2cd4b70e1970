#include "keras/saving/keras_version_compat.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include "keras/core/error.h"
#include "keras/saving/saving_lib.h"

namespace keras::saving {

namespace {

// Constructor arguments added after Keras 3.0, with the minor release that
// first accepts them (from the __init__ signatures at each v3.N.0 tag).
using KeySince = std::vector<std::pair<const char*, int>>;

const std::map<std::string, KeySince>& keys_since() {
  static const std::map<std::string, KeySince> table = {
      {"BatchNormalization",
       {{"renorm", 14}, {"renorm_clipping", 14}, {"renorm_momentum", 14}}},
      {"CategoryEncoding", {{"sparse", 2}}},
      {"CenterCrop", {{"bounding_box_format", 6}, {"factor", 6}}},
      {"Conv1D", {{"lora_rank", 3}, {"lora_alpha", 10}}},
      {"Conv2D", {{"lora_rank", 3}, {"lora_alpha", 10}}},
      {"Conv3D", {{"lora_rank", 3}, {"lora_alpha", 10}}},
      {"Dense",
       {{"lora_rank", 1}, {"lora_alpha", 10}, {"quantization_config", 13}}},
      {"EinsumDense",
       {{"lora_rank", 1},
        {"lora_alpha", 10},
        {"gptq_unpacked_column_size", 12},
        {"quantization_config", 13}}},
      {"Embedding",
       {{"lora_rank", 1}, {"lora_alpha", 10}, {"quantization_config", 13}}},
      {"GRU", {{"use_cudnn", 2}}},
      // Keras writes this class as "GroupQueryAttention".
      {"GroupQueryAttention",
       {{"flash_attention", 7},
        {"seed", 7},
        {"use_gate", 14},
        {"sliding_window", 15}}},
      {"InputLayer", {{"optional", 4}, {"ragged", 9}}},
      {"IntegerLookup", {{"oov_method", 14}, {"salt", 14}}},
      {"LSTM", {{"use_cudnn", 2}}},
      {"MultiHeadAttention",
       {{"seed", 4},
        {"flash_attention", 7},
        {"use_gate", 14},
        {"sliding_window", 15}}},
      {"SparseCategoricalCrossentropy", {{"axis", 10}}},
      {"SparseTopKCategoricalAccuracy", {{"from_sorted_ids", 7}}},
      {"StringLookup", {{"oov_method", 14}, {"salt", 14}}},
      {"RandomBrightness", {{"bounding_box_format", 6}, {"data_format", 6}}},
      {"RandomContrast",
       {{"bounding_box_format", 6}, {"data_format", 6}, {"value_range", 8}}},
      {"RandomFlip",
       {{"bounding_box_format", 6}, {"data_format", 6}, {"factor", 6}}},
      {"RandomRotation", {{"bounding_box_format", 6}}},
      {"RandomTranslation", {{"bounding_box_format", 6}, {"factor", 6}}},
      {"RandomZoom", {{"bounding_box_format", 6}, {"factor", 6}}},
      {"Resizing",
       {{"fill_mode", 3},
        {"fill_value", 3},
        {"pad_to_aspect_ratio", 3},
        {"bounding_box_format", 6},
        {"factor", 6},
        {"antialias", 9}}},
      {"ZeroPadding1D", {{"data_format", 5}}},
  };
  return table;
}

// Every optimizer takes gradient_accumulation_steps since 3.1; the
// fan-in/fan-out initializers take input_axes/output_axes since 3.15.
const std::set<std::string>& optimizers() {
  static const std::set<std::string> names = {
      "Adadelta", "Adafactor", "Adagrad", "Adam",  "AdamW",   "Adamax",
      "Ftrl",     "Lamb",      "Lion",    "Nadam", "RMSprop", "SGD"};
  return names;
}
const std::set<std::string>& axes_initializers() {
  static const std::set<std::string> names = {
      "GlorotNormal", "GlorotUniform", "HeNormal",       "HeUniform",
      "LecunNormal",  "LecunUniform",  "VarianceScaling"};
  return names;
}

// Classes added after Keras 3.0, with their first release.
const std::map<std::string, int>& classes_since() {
  static const std::map<std::string, int> table = {
      {"AlphaDropout", 1},
      {"CTC", 1},
      {"Dice", 2},
      {"Tversky", 3},
      {"Circle", 7},
      {"ConcordanceCorrelation", 7},
      {"PearsonCorrelation", 7},
      {"STFT", 7},
      {"CategoricalGeneralizedCrossEntropy", 10},
      {"Lamb", 5},
      {"Solarization", 6},
      {"STFTSpectrogram", 7},
      {"MixUp", 8},
      {"RandAugment", 8},
      {"RandomColorDegeneration", 8},
      {"RandomColorJitter", 8},
      {"RandomGrayscale", 8},
      {"RandomHue", 8},
      {"RandomPosterization", 8},
      {"RandomSaturation", 8},
      {"RandomSharpness", 8},
      {"RandomShear", 8},
      {"AugMix", 9},
      {"CutMix", 9},
      {"RMSNormalization", 9},
      {"RandomErasing", 9},
      {"RandomGaussianBlur", 9},
      {"RandomInvert", 9},
      {"RandomPerspective", 9},
      {"RandomElasticTransform", 10},
      {"AdaptiveAveragePooling1D", 13},
      {"AdaptiveAveragePooling2D", 13},
      {"AdaptiveAveragePooling3D", 13},
      {"AdaptiveMaxPooling1D", 13},
      {"AdaptiveMaxPooling2D", 13},
      {"AdaptiveMaxPooling3D", 13},
  };
  return table;
}

bool is_record(const Json& value) {
  return value.is_object() && value.contains("class_name") &&
         value["class_name"].is_string() && value.contains("config");
}

// Keras 3.0-3.3 layers take their dtype policy by name.
bool is_float_policy_record(const Json& value) {
  if (!is_record(value) || !value["config"].is_object()) return false;
  const std::string cls = value["class_name"].get<std::string>();
  return (cls == "DTypePolicy" || cls == "FloatDTypePolicy") &&
         value["config"].contains("name") &&
         value["config"]["name"].is_string();
}

bool added_after(const std::string& cls, const std::string& key, int minor) {
  if (key == "gradient_accumulation_steps" && optimizers().count(cls)) {
    return minor < 1;
  }
  if ((key == "input_axes" || key == "output_axes") &&
      axes_initializers().count(cls)) {
    return minor < 15;
  }
  const auto found = keys_since().find(cls);
  if (found == keys_since().end()) return false;
  for (const auto& [name, since] : found->second) {
    if (key == name) return minor < since;
  }
  return false;
}

Json convert(const Json& value, int minor) {
  if (value.is_array()) {
    Json out = Json::array();
    for (const Json& item : value) out.push_back(convert(item, minor));
    return out;
  }
  if (!value.is_object()) return value;
  std::string cls;
  if (is_record(value)) {
    cls = value["class_name"].get<std::string>();
    const auto since = classes_since().find(cls);
    if (since != classes_since().end() && minor < since->second) {
      throw ValueError(str("Cannot save for Keras 3.", minor,
                           ": the model uses ", cls,
                           ", which Keras added in 3.", since->second, "."));
    }
  }
  Json out = Json::object();
  for (const auto& [key, item] : value.items()) {
    // Keras 3.0-3.6 name the orthogonal initializer OrthogonalInitializer.
    if (key == "class_name" && cls == "Orthogonal" && minor < 7) {
      out[key] = "OrthogonalInitializer";
      continue;
    }
    if (key == "config" && item.is_object() && !cls.empty()) {
      Json config = Json::object();
      for (const auto& [name, entry] : item.items()) {
        if (added_after(cls, name, minor)) continue;
        if (name == "dtype" && minor < 4 && is_float_policy_record(entry)) {
          config[name] = entry["config"]["name"];
        } else {
          config[name] = convert(entry, minor);
        }
      }
      out[key] = std::move(config);
      continue;
    }
    // The policy of a Sequential/Functional model sits in its config too;
    // compile_config and nested records go through the same rules.
    out[key] = convert(item, minor);
  }
  return out;
}

}  // namespace

int target_keras_minor(const std::string& keras_version) {
  static const std::regex pattern(R"(3\.(\d{1,2})(\.\d+)?)");
  std::smatch match;
  if (std::regex_match(keras_version, match, pattern)) {
    const int minor = std::stoi(match[1].str());
    if (minor >= kOldestTargetMinor && minor <= kNewestTargetMinor) {
      return minor;
    }
  }
  throw ValueError(
      str("keras_version must name a Keras release from 3.0 to "
          "3.15 (\"3.N\" or \"3.N.P\"). Received: keras_version=",
          keras_version));
}

std::string target_keras_version_string(const std::string& keras_version) {
  const int minor = target_keras_minor(keras_version);
  if (minor == kNewestTargetMinor) return kKerasFormatVersion;
  // "3.N.P" as given; "3.N" as the release's first version.
  return std::count(keras_version.begin(), keras_version.end(), '.') == 2
             ? keras_version
             : keras_version + ".0";
}

Json config_for_keras_minor(const Json& record, int minor) {
  if (minor >= kNewestTargetMinor) return record;
  return convert(record, minor);
}

}  // namespace keras::saving
