// File: keras/metrics/probabilistic_metrics.h
// -----------------------------------------------------------------------------
// Probabilistic and hinge metrics (Python:
// keras/src/metrics/probabilistic_metrics.py, hinge_metrics.py): running
// means of the keras::losses functions of the same name.
//
//   keras::metrics::BinaryCrossentropy bce({.from_logits = true});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "keras/metrics/reduction_metrics.h"

namespace keras::metrics {

class KLDivergence : public BuiltinMeanMetric {
 public:
  explicit KLDivergence(std::string name = "kl_divergence");
};

class Poisson : public BuiltinMeanMetric {
 public:
  explicit Poisson(std::string name = "poisson");
};

class Hinge : public BuiltinMeanMetric {
 public:
  explicit Hinge(std::string name = "hinge");
};

class SquaredHinge : public BuiltinMeanMetric {
 public:
  explicit SquaredHinge(std::string name = "squared_hinge");
};

class CategoricalHinge : public BuiltinMeanMetric {
 public:
  explicit CategoricalHinge(std::string name = "categorical_hinge");
};

struct BinaryCrossentropyMetricOptions {
  std::string name = "binary_crossentropy";
  bool from_logits = false;
  double label_smoothing = 0;
};

// Config: name, dtype, from_logits, label_smoothing.
class BinaryCrossentropy : public BuiltinMeanMetric {
 public:
  explicit BinaryCrossentropy(
      const BinaryCrossentropyMetricOptions& options = {});
};

struct CategoricalCrossentropyMetricOptions {
  std::string name = "categorical_crossentropy";
  bool from_logits = false;
  double label_smoothing = 0;
  std::int64_t axis = -1;
};

// Config: name, dtype, from_logits, label_smoothing, axis.
class CategoricalCrossentropy : public BuiltinMeanMetric {
 public:
  explicit CategoricalCrossentropy(
      const CategoricalCrossentropyMetricOptions& options = {});
};

struct SparseCategoricalCrossentropyMetricOptions {
  std::string name = "sparse_categorical_crossentropy";
  bool from_logits = false;
  std::optional<std::int64_t> ignore_class = std::nullopt;
  std::int64_t axis = -1;
};

// Config: name, dtype, from_logits, ignore_class, axis.
class SparseCategoricalCrossentropy : public BuiltinMeanMetric {
 public:
  explicit SparseCategoricalCrossentropy(
      const SparseCategoricalCrossentropyMetricOptions& options = {});
};

}  // namespace keras::metrics
