#include "keras/dtype_policies/dtype_policy.h"

#include "keras/core/error.h"
#include "keras/dtype_policies/dtype_policy_map.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::dtype_policies {

namespace {

std::string modes_tuple() {
  std::string s = "(";
  for (const char* m : kQuantizationModes) {
    s += std::string(s.size() > 1 ? ", '" : "'") + m + "'";
  }
  return s + ")";
}

bool starts_with_quantization_mode(const std::string& name) {
  for (const char* m : kQuantizationModes) {
    if (name.rfind(m, 0) == 0) return true;
  }
  return false;
}

// Keras' _get_quantized_dtype_policy_by_str: "<mode>_from_<source_name>".
DTypePolicyPtr quantized_from_name(const std::string& name) {
  const auto at = name.find("_from_");
  if (at == std::string::npos ||
      name.find("_from_", at + 1) != std::string::npos) {
    throw ValueError(
        str("Cannot convert `policy` into a valid pair (`mode`, "
            "`source_name`) to instantiate `QuantizedDTypePolicy`. Received: "
            "policy=",
            name));
  }
  const std::string mode = name.substr(0, at);
  const std::string source = name.substr(at + 6);
  if (mode == "int8" || mode == "int4") {
    return std::make_shared<QuantizedDTypePolicy>(mode, source);
  }
  if (mode == "float8") {
    return std::make_shared<QuantizedFloat8DTypePolicy>(mode, source);
  }
  throw NotImplementedError(str("Dtype policy ", name,
                                " is not supported: keras.cpp has no ", mode,
                                " quantization."));
}

}  // namespace

DTypePolicy::DTypePolicy(std::string name) : DTypePolicy(name, name) {}

DTypePolicy::DTypePolicy(std::string name, const std::string& source_name)
    : name_(std::move(name)) {
  if (source_name == "mixed_float16" || source_name == "mixed_bfloat16") {
    variable_dtype_ = DType::float32;
    compute_dtype_ =
        source_name == "mixed_float16" ? DType::float16 : DType::bfloat16;
  } else {
    // parse_dtype throws ValueError for unknown names.
    variable_dtype_ = compute_dtype_ = parse_dtype(source_name);
  }
}

DType DTypePolicy::variable_dtype() const { return variable_dtype_; }
DType DTypePolicy::compute_dtype() const { return compute_dtype_; }

QuantizedDTypePolicy::QuantizedDTypePolicy(const std::string& mode,
                                           const std::string& source_name)
    : DTypePolicy(mode + "_from_" + source_name, source_name),
      mode_(mode),
      source_name_(source_name) {
  bool known = false;
  for (const char* m : kQuantizationModes) known = known || mode == m;
  if (!known) {
    throw ValueError(str("Invalid quantization mode. Expected one of ",
                         modes_tuple(), ". Received: mode=", mode));
  }
  if (compute_dtype_ == DType::float16 && mode == "int8") {
    throw ValueError(str("Quantization mode='", mode,
                         "' doesn't work well with compute_dtype='float16'."));
  }
}

Json QuantizedDTypePolicy::get_config() const {
  return {{"mode", mode_}, {"source_name", source_name_}};
}

QuantizedFloat8DTypePolicy::QuantizedFloat8DTypePolicy(
    const std::string& mode, const std::string& source_name,
    std::int64_t amax_history_length)
    : QuantizedDTypePolicy(mode, source_name),
      amax_history_length_(amax_history_length) {}

Json QuantizedFloat8DTypePolicy::get_config() const {
  Json config = QuantizedDTypePolicy::get_config();
  config["amax_history_length"] = amax_history_length_;
  return config;
}

DTypePolicyPtr get(const Json& identifier) {
  if (identifier.is_null()) return std::make_shared<DTypePolicy>();
  if (identifier.is_string()) {
    const std::string name = identifier.get<std::string>();
    if (starts_with_quantization_mode(name)) return quantized_from_name(name);
    return std::make_shared<DTypePolicy>(name);
  }
  if (!identifier.is_object()) {
    throw ValueError(str("Cannot interpret dtype policy identifier: ",
                         saving::safe_dump(identifier).substr(0, 200)));
  }
  const std::string cls = identifier.value("class_name", "");
  // ConfigReader keeps a reference: the config must outlive it.
  const Json config = identifier.value("config", Json::object());
  saving::ConfigReader r(config, cls);
  // A null name/source_name (a DTypePolicyMap written without a default
  // policy) means Keras' global policy, float32 here.
  if (cls == "QuantizedDTypePolicy") {
    return std::make_shared<QuantizedDTypePolicy>(
        r.required<std::string>("mode"),
        r.get<std::string>("source_name", "float32"));
  }
  if (cls == "QuantizedFloat8DTypePolicy") {
    return std::make_shared<QuantizedFloat8DTypePolicy>(
        r.required<std::string>("mode"),
        r.get<std::string>("source_name", "float32"),
        r.get<std::int64_t>("amax_history_length", 1024));
  }
  if (cls == "DTypePolicyMap") return DTypePolicyMap::from_config(config);
  if (cls == "Int4DTypePolicy" || cls == "GPTQDTypePolicy" ||
      cls == "AWQDTypePolicy") {
    throw NotImplementedError(str("Dtype policy ", cls,
                                  " is not supported: keras.cpp has no "
                                  "int4/GPTQ/AWQ quantized layers."));
  }
  // DTypePolicy (3.4.1+), FloatDTypePolicy (3.4.0), Policy (Keras 2).
  if (cls != "DTypePolicy" && cls != "FloatDTypePolicy" && cls != "Policy") {
    throw ValueError(str("Unknown dtype policy class '", cls, "'. Record: ",
                         saving::safe_dump(identifier).substr(0, 200)));
  }
  auto policy =
      std::make_shared<DTypePolicy>(r.get<std::string>("name", "float32"));
  if (cls == "FloatDTypePolicy") policy->class_name_ = cls;
  return policy;
}

Json serialize(const DTypePolicy& policy) {
  return saving::serialize_keras_object(policy);
}

}  // namespace keras::dtype_policies
