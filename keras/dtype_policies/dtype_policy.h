// File: keras/dtype_policies/dtype_policy.h
// -----------------------------------------------------------------------------
// Dtype policies as serializable objects (Python:
// keras/src/dtype_policies/). Layers keep their policy by name
// (LayerOptions::dtype); this is the object form Keras writes and reads:
//   {"module": "keras", "class_name": "DTypePolicy",
//    "config": {"name": "mixed_float16"}, "registered_name": null}
// `get` accepts every form Keras 3.0-3.15 wrote: a plain name, DTypePolicy,
// FloatDTypePolicy (3.4.0) and Keras 2's Policy records, the quantized
// policies QuantizedDTypePolicy / QuantizedFloat8DTypePolicy (and their
// "int8_from_float32" names) and DTypePolicyMap (dtype_policy_map.h).
// Quantized policies are records only: keras.cpp has no quantized layers, so
// a layer cannot compute with them. Int4/GPTQ/AWQ policies are not supported.
//
//   auto policy = keras::dtype_policies::get("mixed_bfloat16");
//   policy->compute_dtype();  // bfloat16
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
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
  virtual DType variable_dtype() const;
  virtual DType compute_dtype() const;
  // "int8", "float8", ... for quantized policies.
  virtual std::optional<std::string> quantization_mode() const {
    return std::nullopt;
  }

 protected:
  // A policy named `name` whose dtypes are those of the float policy
  // `source_name` (quantized policies: "int8_from_float32").
  DTypePolicy(std::string name, const std::string& source_name);

  std::string name_;
  DType variable_dtype_ = DType::float32;
  DType compute_dtype_ = DType::float32;

 private:
  std::string class_name_ = "DTypePolicy";

  friend DTypePolicyPtr get(const Json& identifier);
};

// Keras' QUANTIZATION_MODES.
inline constexpr const char* kQuantizationModes[] = {"int8", "float8", "int4",
                                                     "gptq", "awq"};

// A float policy (`source_name`) whose layers store weights quantized in
// `mode`: Keras' QuantizedDTypePolicy, named "<mode>_from_<source_name>".
class QuantizedDTypePolicy : public DTypePolicy {
 public:
  explicit QuantizedDTypePolicy(const std::string& mode,
                                const std::string& source_name = "float32");
  std::string class_name() const override { return "QuantizedDTypePolicy"; }
  std::string module() const override { return "keras.dtype_policies"; }
  Json get_config() const override;
  std::optional<std::string> quantization_mode() const override {
    return mode_;
  }
  const std::string& source_name() const { return source_name_; }

 private:
  std::string mode_;
  std::string source_name_;
};

// Float8 training keeps a history of amax values of this length.
class QuantizedFloat8DTypePolicy : public QuantizedDTypePolicy {
 public:
  explicit QuantizedFloat8DTypePolicy(
      const std::string& mode, const std::string& source_name = "float32",
      std::int64_t amax_history_length = 1024);
  std::string class_name() const override {
    return "QuantizedFloat8DTypePolicy";
  }
  Json get_config() const override;
  std::int64_t amax_history_length() const { return amax_history_length_; }

 private:
  std::int64_t amax_history_length_;
};

// keras.dtype_policies.get: null (float32), a policy name (also
// "int8_from_float32"), or a policy record.
DTypePolicyPtr get(const Json& identifier);

// keras.dtype_policies.serialize (the record above).
Json serialize(const DTypePolicy& policy);

}  // namespace keras::dtype_policies
