#include "keras/metrics/metric.h"

#include <algorithm>

namespace keras::metrics {

Metric::~Metric() = default;

Metric::Metric(std::string name, std::string dtype)
    : name_(std::move(name)), dtype_(std::move(dtype)) {}

VariablePtr Metric::add_variable(const Shape& shape, const std::string& name,
                                 DType dtype) {
  // Keras scopes metric variables under the metric name with '/' -> '>'.
  std::string scope = name_;
  std::replace(scope.begin(), scope.end(), '/', '>');
  auto variable =
      std::make_shared<Variable>(Tensor::zeros(shape, dtype), name,
                                 /*trainable=*/false, scope + "/" + name);
  variables_.push_back(variable);
  return variable;
}

void Metric::reset_state() {
  for (const auto& v : variables_) {
    v->assign(Tensor::zeros(v->shape(), v->dtype()));
  }
}

Json Metric::get_config() const {
  Json config = Json::object();
  config["name"] = name_;
  config["dtype"] = dtype_;
  return config;
}

}  // namespace keras::metrics
