#include "keras/regularizers/regularizers.h"

#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/regularizers/orthogonal_regularizer.h"
#include "keras/saving/config_reader.h"

namespace keras::regularizers {

namespace {
void check_factor(double value, const char* name) {
  if (!(value >= 0.0) || value != value) {
    throw ValueError(str("Invalid value for argument ", name,
                         ": expected a non-negative float. Received: ", name,
                         "=", value));
  }
}
}  // namespace

L1L2::L1L2(double l1, double l2) : l1_(l1), l2_(l2) {
  check_factor(l1, "l1");
  check_factor(l2, "l2");
}

Tensor L1L2::operator()(const Tensor& x) const {
  Tensor penalty = ops::scalar_like(0.0, x);
  if (l1_ != 0.0) penalty = penalty + l1_ * ops::sum(ops::abs(x));
  if (l2_ != 0.0) penalty = penalty + l2_ * ops::sum(ops::square(x));
  return penalty;
}

Json L1L2::get_config() const { return {{"l1", l1_}, {"l2", l2_}}; }

L1::L1(double l1) : L1L2(static_cast<double>(static_cast<float>(l1)), 0.0) {}
Json L1::get_config() const { return {{"l1", l1_}}; }
Json L2::get_config() const { return {{"l2", l2_}}; }

OrthogonalRegularizer::OrthogonalRegularizer(double factor,
                                             const std::string& mode)
    : factor_(static_cast<double>(static_cast<float>(factor))), mode_(mode) {
  check_factor(factor, "factor");
  if (mode != "rows" && mode != "columns") {
    throw ValueError(
        str("Invalid value for argument `mode`. Expected one of {\"rows\", "
            "\"columns\"}. Received: mode=",
            mode));
  }
}

Tensor OrthogonalRegularizer::operator()(const Tensor& x) const {
  if (x.ndim() != 2) {
    throw ValueError(
        str("Inputs to OrthogonalRegularizer must have rank 2. Received: "
            "inputs.shape=",
            shape_str(x.shape())));
  }
  const bool rows = mode_ == "rows";
  const Tensor n = ops::normalize(x, {rows ? 1 : 0});
  const Tensor product = rows ? ops::matmul(n, ops::transpose(n))
                              : ops::matmul(ops::transpose(n), n);
  const std::int64_t size = x.shape()[rows ? 0 : 1];
  // 1 - eye(size): only the products of distinct rows/columns count.
  std::vector<float> off_diagonal(static_cast<std::size_t>(size * size), 1.0f);
  for (std::int64_t i = 0; i < size; ++i) off_diagonal[i * size + i] = 0.0f;
  const Tensor mask =
      Tensor::from_vector(off_diagonal, {size, size}).astype(x.dtype());
  const double num_pairs = size * (size - 1.0) / 2.0;
  return ops::sum(ops::abs(product * mask)) * (factor_ * 0.5 / num_pairs);
}

Json OrthogonalRegularizer::get_config() const {
  return {{"factor", factor_}, {"mode", mode_}};
}

RegularizerPtr get(const std::string& identifier) {
  if (identifier == "l1" || identifier == "L1") return std::make_shared<L1>();
  if (identifier == "l2" || identifier == "L2") return std::make_shared<L2>();
  if (identifier == "l1_l2" || identifier == "L1L2") {
    return std::make_shared<L1L2>(0.01, 0.01);
  }
  if (identifier == "orthogonal_regularizer" ||
      identifier == "OrthogonalRegularizer") {
    return std::make_shared<OrthogonalRegularizer>();
  }
  throw ValueError(
      str("Could not interpret regularizer identifier: ", identifier));
}

void register_builtins() {
  using saving::ConfigReader;
  saving::register_builtin<Regularizer>("L1", [](const Json& c) {
    return std::make_shared<L1>(ConfigReader(c, "L1").get("l1", 0.01));
  });
  saving::register_builtin<Regularizer>("L2", [](const Json& c) {
    return std::make_shared<L2>(ConfigReader(c, "L2").get("l2", 0.01));
  });
  saving::register_builtin<Regularizer>("L1L2", [](const Json& c) {
    ConfigReader r(c, "L1L2");
    return std::make_shared<L1L2>(r.get("l1", 0.0), r.get("l2", 0.0));
  });
  saving::register_builtin<Regularizer>(
      "OrthogonalRegularizer", [](const Json& c) {
        ConfigReader r(c, "OrthogonalRegularizer");
        return std::make_shared<OrthogonalRegularizer>(
            r.get("factor", 0.01), r.get("mode", std::string("rows")));
      });
}

}  // namespace keras::regularizers
