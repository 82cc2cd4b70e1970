// File: keras/dtype_policies/dtype_policy.h
// -----------------------------------------------------------------------------
// Dtype policies as serializable objects (Python:
// keras/src/dtype_policies/). Layers keep their policy by name
// (LayerOptions::dtype); this is the object form Keras writes and reads:
//   {"module": "keras", "class_name": "DTypePolicy",
//    "config": {"name": "mixed_float16"}, "registered_name": null}
// `get` accepts every form Keras 3.0-3.15 wrote: a plain name, DTypePolicy,
// FloatDTypePolicy (3.4.0) and Keras 2's Policy records. Quantized policies
// and DTypePolicyMap are not supported (no quantized layers yet).
//
//   auto policy = keras::dtype_policies::get("mixed_bfloat16");
//   policy->compute_dtype();  // bfloat16
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

#include "keras/backend/dtype.h"
#include "keras/saving/serializable.h"

namespace keras::dtype_policies {

class DTypePolicy;
using DTypePolicyPtr = std::shared_ptr<DTypePolicy>;
DTypePolicyPtr get(const Json& identifier);

class DTypePolicy : public Serializable {
 public:
  // A dtype name or "mixed_float16" / "mixed_bfloat16"; throws ValueError
  // otherwise.
  explicit DTypePolicy(std::string name = "float32");

  // FloatDTypePolicy records (Keras 3.4.0) keep their class name: Keras
  // 3.15 still has the alias and writes it back.
  std::string class_name() const override { return class_name_; }
  std::string module() const override { return "keras"; }
  Json get_config() const override { return {{"name", name_}}; }

  const std::string& name() const { return name_; }
  DType variable_dtype() const;
  DType compute_dtype() const;

 private:
  std::string name_;
  std::string class_name_ = "DTypePolicy";

  friend DTypePolicyPtr get(const Json& identifier);
};

// keras.dtype_policies.get: a policy name or a policy record.
DTypePolicyPtr get(const Json& identifier);

// keras.dtype_policies.serialize (the record above).
Json serialize(const DTypePolicy& policy);

}  // namespace keras::dtype_policies
