// File: keras/layers/name_scope.h
// -----------------------------------------------------------------------------
// Keras' name scopes for variable paths (Python: backend.name_scope, opened
// by Layer's build wrapper). A layer builds inside a scope named after it,
// so the variables of sublayers built during that build get the enclosing
// layers' names as a prefix: Sequential "mlp" builds Dense "dense" ->
// "mlp/dense/kernel"; MultiHeadAttention builds its "query" EinsumDense ->
// "multi_head_attention/query/kernel". A Functional model's layers are built
// while its graph is traced, outside any scope ("dense/kernel"). The paths
// name legacy HDF5 datasets and optimizer slots.
// -----------------------------------------------------------------------------
#pragma once

#include <string>

namespace keras {

class Layer;

class NameScope {
 public:
  // Enters `owner`'s scope unless it is already the innermost one.
  explicit NameScope(const Layer& owner);
  ~NameScope();
  NameScope(const NameScope&) = delete;
  NameScope& operator=(const NameScope&) = delete;

  // The path of `layer`'s variable `name` created now.
  static std::string variable_path(const Layer& layer, const std::string& name);

 private:
  bool pushed_ = false;
};

}  // namespace keras
