#include "keras/dtype_policies/dtype_policy_map.h"

#include <regex>

#include "keras/core/error.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::dtype_policies {

namespace {

DTypePolicyPtr checked_default(const Json& arg) {
  if (arg.is_object() && arg.value("class_name", "") == "DTypePolicyMap") {
    throw ValueError("`default_policy` cannot be a `DTypePolicyMap`.");
  }
  return get(arg);
}

}  // namespace

DTypePolicyMap::DTypePolicyMap(
    Json default_policy,
    std::vector<std::pair<std::string, DTypePolicyPtr>> policy_map)
    : default_policy_arg_(std::move(default_policy)),
      default_policy_(checked_default(default_policy_arg_)) {
  name_ = "map_" + default_policy_->name();
  for (auto& [key, policy] : policy_map) set(key, std::move(policy));
}

DType DTypePolicyMap::variable_dtype() const {
  return default_policy_->variable_dtype();
}
DType DTypePolicyMap::compute_dtype() const {
  return default_policy_->compute_dtype();
}
std::optional<std::string> DTypePolicyMap::quantization_mode() const {
  return default_policy_->quantization_mode();
}

DTypePolicyPtr DTypePolicyMap::at(const std::string& path) const {
  for (const auto& [key, policy] : policy_map_) {
    if (key == path) return policy;
  }
  std::vector<const std::pair<std::string, DTypePolicyPtr>*> matches;
  for (const auto& entry : policy_map_) {
    try {
      if (std::regex_match(path, std::regex(entry.first))) {
        matches.push_back(&entry);
      }
    } catch (const std::regex_error&) {
      // Not a valid pattern: only an exact match could select it.
    }
  }
  if (matches.size() > 1) {
    std::string keys = "[";
    for (const auto* m : matches) {
      keys += (keys.size() > 1 ? ", '" : "'") + m->first + "'";
    }
    throw ValueError(
        str("Path '", path,
            "' matches multiple dtype policy specification keys: ", keys,
            "]. Please make sure each path only matches at most "
            "one dtype policy specification key in the "
            "DTypePolicyMap."));
  }
  return matches.empty() ? default_policy_ : matches[0]->second;
}

void DTypePolicyMap::set(const std::string& key, DTypePolicyPtr policy) {
  if (contains(key)) {
    throw ValueError(
        str(key, " already exist in the DTypePolicyMap with value ",
            at(key)->name(), ". Please make sure to not use duplicated keys."));
  }
  if (!policy) {
    throw ValueError(
        "Cannot interpret the assigned value by `keras.dtype_policies.get`. "
        "Received: None");
  }
  policy_map_.emplace_back(key, std::move(policy));
}

bool DTypePolicyMap::contains(const std::string& key) const {
  for (const auto& entry : policy_map_) {
    if (entry.first == key) return true;
  }
  return false;
}

void DTypePolicyMap::erase(const std::string& key) {
  std::erase_if(policy_map_,
                [&](const auto& entry) { return entry.first == key; });
}

Json DTypePolicyMap::get_config() const {
  Json map = Json::object();
  for (const auto& [key, policy] : policy_map_) {
    Json record = saving::serialize_keras_object(*policy);
    // Without a default policy Keras drops the entries' float names so that
    // loading defers to the global policy.
    if (default_policy_arg_.is_null()) {
      Json& config = record["config"];
      if (config.contains("source_name")) config["source_name"] = nullptr;
      if (config.contains("name")) config["name"] = nullptr;
    }
    map[key] = std::move(record);
  }
  return {{"default_policy", default_policy_arg_}, {"policy_map", map}};
}

DTypePolicyPtr DTypePolicyMap::from_config(const Json& config) {
  if (!config.is_object()) {
    throw ValueError(
        str("DTypePolicyMap: the config must be a dict. "
            "Received: ",
            saving::safe_dump(config).substr(0, 200)));
  }
  const Json policy_map = config.value("policy_map", Json::object());
  if (!policy_map.is_object()) {
    throw TypeError(
        str("If specified, `policy_map` must be a dict. Received: "
            "policy_map=",
            saving::safe_dump(policy_map).substr(0, 200)));
  }
  std::vector<std::pair<std::string, DTypePolicyPtr>> entries;
  for (const auto& [key, record] : policy_map.items()) {
    entries.emplace_back(key, get(record));
  }
  return std::make_shared<DTypePolicyMap>(
      config.value("default_policy", Json(nullptr)), std::move(entries));
}

}  // namespace keras::dtype_policies
