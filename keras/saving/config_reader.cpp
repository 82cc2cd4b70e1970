#include "keras/saving/config_reader.h"

namespace keras::saving {

namespace {
const Json& null_json() {
  static const Json null;
  return null;
}
}  // namespace

std::string safe_dump(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

ConfigReader::ConfigReader(const Json& config, std::string class_name)
    : config_(config), class_name_(std::move(class_name)) {
  if (!config_.is_object()) {
    throw TypeError(str(class_name_,
                        ": a config must be a JSON object. "
                        "Received: ",
                        safe_dump(config_).substr(0, 200)));
  }
}

bool ConfigReader::has(const std::string& key) const {
  return config_.contains(key);
}

const Json& ConfigReader::raw(const std::string& key) const {
  auto it = config_.find(key);
  return it == config_.end() ? null_json() : *it;
}

void ConfigReader::type_error(const std::string& key, const char* expected,
                              const Json& v) const {
  throw TypeError(str(class_name_, ": `", key, "` must be ", expected,
                      ". Received: ", key, "=", safe_dump(v).substr(0, 200)));
}

std::string ConfigReader::short_config() const {
  std::string s = safe_dump(config_);
  return s.size() > 300 ? s.substr(0, 300) + "..." : s;
}

std::optional<double> single_number_of_array_record(const Json& v) {
  if (!v.is_object() || !v.contains("class_name") || !v.contains("config")) {
    return std::nullopt;
  }
  const Json& name = v["class_name"];
  if (name != "__tensor__" && name != "__numpy__") return std::nullopt;
  const Json& config = v["config"];
  if (!config.is_object() || !config.contains("value")) return std::nullopt;
  const Json* value = &config["value"];
  // Unwrap [[x]]-style nesting of a single element.
  while (value->is_array() && value->size() == 1) value = &(*value)[0];
  if (!value->is_number()) return std::nullopt;
  return value->get<double>();
}

}  // namespace keras::saving
