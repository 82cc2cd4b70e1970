#include "keras/metrics/probabilistic_metrics.h"

#include "keras/losses/losses.h"

namespace keras::metrics {

namespace {

// The loss function `fn` with `kwargs`, as a metric function.
MetricFn loss_fn(const char* fn, const Json& kwargs) {
  return losses::make_loss_function(fn, kwargs);
}

}  // namespace

KLDivergence::KLDivergence(std::string name)
    : BuiltinMeanMetric("KLDivergence", "kl_divergence", losses::kl_divergence,
                        std::move(name)) {}

Poisson::Poisson(std::string name)
    : BuiltinMeanMetric("Poisson", "poisson", losses::poisson,
                        std::move(name)) {}

Hinge::Hinge(std::string name)
    : BuiltinMeanMetric("Hinge", "hinge", losses::hinge, std::move(name)) {}

SquaredHinge::SquaredHinge(std::string name)
    : BuiltinMeanMetric("SquaredHinge", "squared_hinge", losses::squared_hinge,
                        std::move(name)) {}

CategoricalHinge::CategoricalHinge(std::string name)
    : BuiltinMeanMetric("CategoricalHinge", "categorical_hinge",
                        losses::categorical_hinge, std::move(name)) {}

namespace {

Json bce_kwargs(const BinaryCrossentropyMetricOptions& o) {
  return {{"from_logits", o.from_logits},
          {"label_smoothing", o.label_smoothing}};
}

Json cce_kwargs(const CategoricalCrossentropyMetricOptions& o) {
  return {{"from_logits", o.from_logits},
          {"label_smoothing", o.label_smoothing},
          {"axis", o.axis}};
}

Json scce_kwargs(const SparseCategoricalCrossentropyMetricOptions& o) {
  return {
      {"from_logits", o.from_logits},
      {"ignore_class", o.ignore_class ? Json(*o.ignore_class) : Json(nullptr)},
      {"axis", o.axis}};
}

}  // namespace

BinaryCrossentropy::BinaryCrossentropy(const BinaryCrossentropyMetricOptions& o)
    : BuiltinMeanMetric("BinaryCrossentropy", "binary_crossentropy",
                        loss_fn("binary_crossentropy", bce_kwargs(o)), o.name,
                        bce_kwargs(o), {"from_logits", "label_smoothing"}) {}

CategoricalCrossentropy::CategoricalCrossentropy(
    const CategoricalCrossentropyMetricOptions& o)
    : BuiltinMeanMetric("CategoricalCrossentropy", "categorical_crossentropy",
                        loss_fn("categorical_crossentropy", cce_kwargs(o)),
                        o.name, cce_kwargs(o),
                        {"from_logits", "label_smoothing", "axis"}) {}

SparseCategoricalCrossentropy::SparseCategoricalCrossentropy(
    const SparseCategoricalCrossentropyMetricOptions& o)
    : BuiltinMeanMetric(
          "SparseCategoricalCrossentropy", "sparse_categorical_crossentropy",
          loss_fn("sparse_categorical_crossentropy", scce_kwargs(o)), o.name,
          scce_kwargs(o), {"from_logits", "ignore_class", "axis"}) {}

}  // namespace keras::metrics
