// File: keras/backend/tensor.h
// -----------------------------------------------------------------------------
// keras::Tensor: an n-dimensional array with a dtype and a shape, in
// contiguous row-major (C order) storage shared between copies of the handle.
//
// One type serves three roles, so that a layer's `call` is written once:
//   * a concrete tensor holds data (`Tensor::zeros({2, 3})`);
//   * a symbolic tensor (Keras' KerasTensor) holds only shape and dtype, its
//     dimensions may be unknown (-1, printed "None"), and it remembers which
//     layer call produced it (`keras_history`). keras::Input() returns one,
//     and every op given a symbolic input returns a symbolic output, which is
//     how Functional models infer shapes without computing;
//   * a tensor that requires a gradient records the op that produced it
//     (`grad_fn`), which is how keras::ops differentiate (see ops/autograd.h).
//
// Copying a Tensor copies the handle, not the data (use clone()). Reshape
// shares storage. Kernels read data with data<T>().
//
//   auto x = keras::Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2});
//   float* p = x.data<float>();
// -----------------------------------------------------------------------------
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "keras/backend/dtype.h"
#include "keras/core/error.h"

namespace keras {

class Operation;  // keras/ops/operation.h
namespace autograd {
struct Node;  // keras/ops/autograd.h
}

// A shape; -1 marks an unknown dimension (None) in symbolic tensors.
using Shape = std::vector<std::int64_t>;

// Number of elements (product of dims); throws ValueError on unknown dims or
// overflow.
std::int64_t shape_size(const Shape& shape);
// Keras' rendering: "(None, 32)", "(3,)", "()".
std::string shape_str(const Shape& shape);
// Normalises a possibly negative axis for a rank; throws ValueError when out
// of range.
int normalize_axis(std::int64_t axis, std::size_t rank);

// Bytes of a tensor's elements. 64-byte aligned.
struct Storage {
  explicit Storage(std::size_t nbytes);
  ~Storage();
  Storage(const Storage&) = delete;
  Storage& operator=(const Storage&) = delete;

  void* data = nullptr;
  std::size_t nbytes = 0;
  // Number of std::string objects constructed in `data` (string tensors),
  // destroyed with the storage.
  std::size_t strings = 0;
};

// Which call of which operation produced a symbolic tensor (Keras'
// `_keras_history`): operation->inbound_nodes()[node_index] output
// tensor_index. `operation` also owns that call's inputs (an aliasing
// pointer; see keras/ops/operation.h), which is what keeps a graph alive.
struct KerasHistory {
  std::shared_ptr<Operation> operation;
  int node_index = 0;
  int tensor_index = 0;
};

struct TensorImpl {
  DType dtype = DType::float32;
  Shape shape;
  std::shared_ptr<Storage> storage;  // null for symbolic tensors
  // Autograd: leaves that require a gradient, and results of recorded ops.
  bool requires_grad = false;
  std::shared_ptr<autograd::Node> grad_fn;
  // Symbolic tensors made by a layer call (or keras::Input).
  std::shared_ptr<KerasHistory> keras_history;
  // Keras' mask (e.g. Embedding(mask_zero=True)); may be undefined.
  std::shared_ptr<TensorImpl> keras_mask;
  std::string name;  // symbolic inputs carry their InputLayer's name
};

class Tensor {
 public:
  Tensor() = default;  // undefined tensor (defined() == false)
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}

  // ---- construction ----
  // Uninitialised storage.
  static Tensor empty(const Shape& shape, DType dtype = DType::float32);
  static Tensor zeros(const Shape& shape, DType dtype = DType::float32);
  static Tensor ones(const Shape& shape, DType dtype = DType::float32);
  static Tensor full(const Shape& shape, double value,
                     DType dtype = DType::float32);
  static Tensor scalar(double value, DType dtype = DType::float32);
  // Shape and dtype only; dims may be -1.
  static Tensor symbolic(const Shape& shape, DType dtype = DType::float32);
  template <class T>
  static Tensor from_vector(const std::vector<T>& values, const Shape& shape);

  // ---- properties ----
  bool defined() const noexcept { return impl_ != nullptr; }
  bool is_symbolic() const { return impl().storage == nullptr; }
  const Shape& shape() const { return impl().shape; }
  std::int64_t ndim() const {
    return static_cast<std::int64_t>(impl().shape.size());
  }
  // Size of dimension `axis` (negative counts from the end).
  std::int64_t dim(std::int64_t axis) const;
  std::int64_t size() const;  // number of elements
  DType dtype() const { return impl().dtype; }
  std::size_t nbytes() const;

  // ---- data (concrete tensors only) ----
  template <class T>
  T* data();
  template <class T>
  const T* data() const;
  void* raw_data();
  const void* raw_data() const;
  // Value of a one-element tensor as double.
  double item() const;
  // Elements converted to double / float, in C order.
  std::vector<double> to_double_vector() const;
  std::vector<float> to_float_vector() const;

  // ---- copies and views (not recorded by autograd; see keras::ops) ----
  Tensor clone() const;                   // deep copy
  Tensor astype(DType dtype) const;       // converted copy (or *this if same)
  Tensor view(const Shape& shape) const;  // same storage, new shape
  // Copies `other`'s elements into this tensor's storage (same size;
  // converting the dtype). Keeps identity: used to assign variables.
  void copy_from(const Tensor& other);

  // ---- autograd ----
  bool requires_grad() const { return impl().requires_grad; }
  void set_requires_grad(bool value) { impl().requires_grad = value; }
  const std::shared_ptr<autograd::Node>& grad_fn() const {
    return impl().grad_fn;
  }

  // ---- symbolic graph ----
  const KerasHistory* keras_history() const {
    return impl().keras_history.get();
  }
  const std::string& name() const { return impl().name; }

  // Identity (two handles of one tensor compare equal).
  TensorImpl* get() const noexcept { return impl_.get(); }
  const std::shared_ptr<TensorImpl>& shared() const noexcept { return impl_; }
  bool same_as(const Tensor& other) const { return impl_ == other.impl_; }

  // "<Tensor shape=(2, 3) dtype=float32>" (with values when small).
  std::string to_string() const;

 private:
  TensorImpl& impl() const;
  void check_concrete(const char* what) const;

  std::shared_ptr<TensorImpl> impl_;
};

using Tensors = std::vector<Tensor>;

// ---- template definitions ----

template <class T>
Tensor Tensor::from_vector(const std::vector<T>& values, const Shape& shape) {
  Tensor t = empty(shape, dtype_of<T>());
  if (static_cast<std::int64_t>(values.size()) != t.size()) {
    throw ValueError(str("from_vector: ", values.size(),
                         " values cannot fill shape ", shape_str(shape)));
  }
  T* out = t.data<T>();
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = values[i];
  return t;
}

template <class T>
T* Tensor::data() {
  check_concrete("data()");
  if (dtype_of<T>() != dtype()) {
    throw TypeError(str("Tensor::data<", dtype_name(dtype_of<T>()),
                        ">() on a tensor of dtype ", dtype_name(dtype())));
  }
  return static_cast<T*>(impl().storage->data);
}

template <class T>
const T* Tensor::data() const {
  return const_cast<Tensor*>(this)->data<T>();
}

}  // namespace keras
