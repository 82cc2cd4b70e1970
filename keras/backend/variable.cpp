#include "keras/backend/variable.h"

namespace keras {

Variable::Variable(const Tensor& initial_value, std::string name,
                   bool trainable, std::string path)
    : value_(initial_value.clone()),
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
