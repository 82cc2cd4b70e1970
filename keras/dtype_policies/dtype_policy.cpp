#include "keras/dtype_policies/dtype_policy.h"

#include "keras/core/error.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"

namespace keras::dtype_policies {

DTypePolicy::DTypePolicy(std::string name) : name_(std::move(name)) {
  variable_dtype();  // parse_dtype throws ValueError for unknown names
}

DType DTypePolicy::variable_dtype() const {
  if (name_ == "mixed_float16" || name_ == "mixed_bfloat16") {
    return DType::float32;
  }
  return parse_dtype(name_);
}

DType DTypePolicy::compute_dtype() const {
  if (name_ == "mixed_float16") return DType::float16;
  if (name_ == "mixed_bfloat16") return DType::bfloat16;
  return parse_dtype(name_);
}

DTypePolicyPtr get(const Json& identifier) {
  if (identifier.is_null()) return std::make_shared<DTypePolicy>();
  if (identifier.is_string()) {
    return std::make_shared<DTypePolicy>(identifier.get<std::string>());
  }
  if (!identifier.is_object()) {
    throw ValueError(str("Cannot interpret dtype policy identifier: ",
                         saving::safe_dump(identifier).substr(0, 200)));
  }
  const std::string cls = identifier.value("class_name", "");
  if (cls == "QuantizedDTypePolicy" || cls == "QuantizedFloat8DTypePolicy" ||
      cls == "GPTQDTypePolicy" || cls == "DTypePolicyMap") {
    throw NotImplementedError(str("Dtype policy ", cls,
                                  " is not supported: keras.cpp has no "
                                  "quantized layers yet."));
  }
  // DTypePolicy (3.4.1+), FloatDTypePolicy (3.4.0), Policy (Keras 2).
  if (cls != "DTypePolicy" && cls != "FloatDTypePolicy" && cls != "Policy") {
    throw ValueError(str("Unknown dtype policy class '", cls, "'. Record: ",
                         saving::safe_dump(identifier).substr(0, 200)));
  }
  // ConfigReader keeps a reference: the config must outlive it.
  const Json config = identifier.value("config", Json::object());
  saving::ConfigReader r(config, cls);
  auto policy =
      std::make_shared<DTypePolicy>(r.get<std::string>("name", "float32"));
  if (cls == "FloatDTypePolicy") policy->class_name_ = cls;
  return policy;
}

Json serialize(const DTypePolicy& policy) {
  return saving::serialize_keras_object(policy);
}

}  // namespace keras::dtype_policies
