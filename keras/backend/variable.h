// File: keras/backend/variable.h
// -----------------------------------------------------------------------------
// keras::Variable: a named, stateful tensor (Python: keras/src/backend/common/
// variables.py). Layers create them with add_weight(), optimizers with
// add_variable(). The value is a leaf tensor whose identity never changes:
// assign() writes into its storage, so graphs and optimizers that hold the
// tensor see the new values.
//
// Trainable variables require a gradient; `path` is Keras' "layer/name"
// (e.g. "dense/kernel"), used in optimizer variable names and messages.
// -----------------------------------------------------------------------------
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "keras/backend/tensor.h"

namespace keras {

class Variable {
 public:
  // `initial_value` is copied. `path` defaults to `name`.
  Variable(const Tensor& initial_value, std::string name, bool trainable = true,
           std::string path = "");
  // A temporary nothing else refers to (fresh from an initializer) becomes
  // the variable's value without a copy; anything else is copied.
  Variable(Tensor&& initial_value, std::string name, bool trainable = true,
           std::string path = "");

  const std::string& name() const { return name_; }
  const std::string& path() const { return path_; }
  void set_path(std::string path) { path_ = std::move(path); }
  const Shape& shape() const { return value_.shape(); }
  DType dtype() const { return value_.dtype(); }
  bool trainable() const { return trainable_; }
  void set_trainable(bool trainable);

  // The leaf tensor (requires a gradient when trainable). Feed it to ops.
  const Tensor& value() const { return value_; }
  // Writes `value` (same shape; the dtype is converted). Throws ValueError
  // with Keras' message on a shape mismatch.
  void assign(const Tensor& value);
  // A copy of the current values (Python: variable.numpy()).
  Tensor numpy() const { return value_.clone(); }

  // Applied by optimizers after each update (Keras' variable.constraint).
  std::function<Tensor(const Tensor&)> constraint;

 private:
  Tensor value_;
  std::string name_;
  std::string path_;
  bool trainable_;
};

using VariablePtr = std::shared_ptr<Variable>;
using Variables = std::vector<VariablePtr>;

}  // namespace keras
