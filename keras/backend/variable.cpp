#include "keras/backend/variable.h"

namespace keras {

namespace {

// `t` itself when this handle is the only owner of a plain concrete tensor
// (no autograd record, no graph history), else a copy of it.
Tensor adopt_or_copy(Tensor&& t) {
  const std::shared_ptr<TensorImpl>& impl = t.shared();
  const bool sole_owner = impl && impl.use_count() == 1 && impl->storage &&
                          impl->storage.use_count() == 1 && !impl->grad_fn &&
                          !impl->keras_history && !impl->keras_mask;
  if (!sole_owner) return t.clone();
  impl->requires_grad = false;
  return std::move(t);
}

}  // namespace

Variable::Variable(const Tensor& initial_value, std::string name,
                   bool trainable, std::string path)
    : Variable(initial_value.clone(), std::move(name), trainable,
               std::move(path)) {}

Variable::Variable(Tensor&& initial_value, std::string name, bool trainable,
                   std::string path)
    : value_(adopt_or_copy(std::move(initial_value))),
      name_(std::move(name)),
      path_(path.empty() ? name_ : std::move(path)),
      trainable_(trainable) {
  value_.set_requires_grad(trainable_);
}

void Variable::set_trainable(bool trainable) {
  trainable_ = trainable;
  value_.set_requires_grad(trainable);
}

void Variable::assign(const Tensor& value) {
  if (value.shape() != shape()) {
    throw ValueError(str(
        "The shape of the target variable and the shape of the target value "
        "in `variable.assign(value)` must match. variable.shape=",
        shape_str(shape()), ", Received: value.shape=",
        shape_str(value.shape()), ". Target variable: ", path_));
  }
  value_.copy_from(value);
}

}  // namespace keras
