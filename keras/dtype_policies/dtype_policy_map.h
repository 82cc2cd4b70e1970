// File: keras/dtype_policies/dtype_policy_map.h
// -----------------------------------------------------------------------------
// DTypePolicyMap (Python: keras/src/dtype_policies/dtype_policy_map.py): a
// policy per layer path, for layers whose sublayers mix policies (Keras'
// quantized MultiHeadAttention writes one as its `dtype`). Lookup tries the
// exact path, then every key as a regex that must match the whole path;
// otherwise the default policy answers.
//
//   DTypePolicyMap map("float32");
//   map.set("encoder/.*", get("bfloat16"));
//   map.at("encoder/dense")->name();  // bfloat16
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "keras/dtype_policies/dtype_policy.h"

namespace keras::dtype_policies {

class DTypePolicyMap : public DTypePolicy {
 public:
  // `default_policy`: null (the global policy, float32 here), a policy name
  // or a policy record; kept as given for get_config.
  explicit DTypePolicyMap(
      Json default_policy = nullptr,
      std::vector<std::pair<std::string, DTypePolicyPtr>> policy_map = {});
  std::string class_name() const override { return "DTypePolicyMap"; }
  std::string module() const override { return "keras.dtype_policies"; }
  Json get_config() const override;
  static DTypePolicyPtr from_config(const Json& config);

  DType variable_dtype() const override;
  DType compute_dtype() const override;
  std::optional<std::string> quantization_mode() const override;

  const DTypePolicyPtr& default_policy() const { return default_policy_; }
  // The policy for a layer path (see above); ValueError when the path
  // matches several regex keys.
  DTypePolicyPtr at(const std::string& path) const;
  // Adds a key; ValueError if it is already there.
  void set(const std::string& key, DTypePolicyPtr policy);
  bool contains(const std::string& key) const;
  void erase(const std::string& key);
  std::size_t size() const { return policy_map_.size(); }

 private:
  Json default_policy_arg_;
  DTypePolicyPtr default_policy_;
  std::vector<std::pair<std::string, DTypePolicyPtr>> policy_map_;
};

}  // namespace keras::dtype_policies
