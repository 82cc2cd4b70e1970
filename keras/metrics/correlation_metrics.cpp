#include "keras/metrics/correlation_metrics.h"

#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/loss.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::metrics {

namespace {

std::pair<Tensor, Tensor> same_rank_floats(const Tensor& y_true,
                                           const Tensor& y_pred) {
  const Tensor p = losses::internal::float_pred(y_pred);
  return losses::squeeze_or_expand_to_same_rank(
      losses::internal::cast_to(y_true, p.dtype()), p);
}

}  // namespace

Tensor pearson_correlation(const Tensor& y_true, const Tensor& y_pred,
                           std::int64_t axis) {
  auto [t, p] = same_rank_floats(y_true, y_pred);
  Tensor t_norm = t - ops::mean(t, {axis}, /*keepdims=*/true);
  Tensor p_norm = p - ops::mean(p, {axis}, /*keepdims=*/true);
  t_norm = t_norm / ops::std(t_norm, {axis}, /*keepdims=*/true);
  p_norm = p_norm / ops::std(p_norm, {axis}, /*keepdims=*/true);
  return ops::mean(t_norm * p_norm, {axis});
}

Tensor concordance_correlation(const Tensor& y_true, const Tensor& y_pred,
                               std::int64_t axis) {
  auto [t, p] = same_rank_floats(y_true, y_pred);
  const Tensor t_mean = ops::mean(t, {axis}, /*keepdims=*/true);
  const Tensor p_mean = ops::mean(p, {axis}, /*keepdims=*/true);
  const Tensor t_var = ops::var(t - t_mean, {axis}, /*keepdims=*/true);
  const Tensor p_var = ops::var(p - p_mean, {axis}, /*keepdims=*/true);
  const Tensor covar = (t - p_mean) * (p - p_mean);
  const Tensor norm = t_var + p_var + ops::square(t_mean - p_mean);
  return ops::mean(2.0 * covar / (norm + losses::internal::kEpsilon), {axis});
}

PearsonCorrelation::PearsonCorrelation(std::string name, std::int64_t axis)
    : BuiltinMeanMetric("PearsonCorrelation", "pearson_correlation",
                        [axis](const Tensor& t, const Tensor& p) {
                          return pearson_correlation(t, p, axis);
                        },
                        std::move(name), {{"axis", axis}}, {"axis"}) {}

ConcordanceCorrelation::ConcordanceCorrelation(std::string name,
                                               std::int64_t axis)
    : BuiltinMeanMetric("ConcordanceCorrelation", "concordance_correlation",
                        [axis](const Tensor& t, const Tensor& p) {
                          return concordance_correlation(t, p, axis);
                        },
                        std::move(name), {{"axis", axis}}, {"axis"}) {}

}  // namespace keras::metrics
