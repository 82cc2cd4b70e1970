// File: keras/trainers/compile_utils.h
// -----------------------------------------------------------------------------
// What compile() keeps (Python: keras/src/trainers/compile_utils.py): the
// `loss`, `loss_weights`, `metrics` and `weighted_metrics` arguments in all
// the forms Keras accepts, and CompileLoss / CompileMetrics, which resolve
// them against the model's outputs on the first batch.
//
//   model.compile({.optimizer = "adam",
//                  .loss = {"mse",
//                  std::make_shared<CategoricalCrossentropy>()}, .loss_weights
//                  = {1.0, 0.5}, .metrics = {{"mae", rmse}, {"accuracy"}}});
//   model.compile({.loss = LossDict{{"classes", "ce"}, {"regression", "mse"}},
//                  .metrics = MetricDict{{"classes", {"acc"}}}});
//
// Per output (Keras 3): a single loss applies to every output; a list needs
// one entry per output (nullptr = no loss for it); a dict is keyed by output
// name. A metrics list on a multi-output model has one entry (a metric or a
// list of metrics) per output. "accuracy"/"acc" and "crossentropy"/"ce" pick
// the binary / sparse / categorical flavour from the data's shapes.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/trainers/logs.h"

namespace keras::losses {
class Loss;
}
namespace keras::metrics {
class Metric;
class Mean;
}  // namespace keras::metrics

namespace keras::trainers {

// A loss or metric given by name ("mse", "accuracy"), as an object, or
// nullptr (Python None: nothing for that output). The name is kept because
// Keras' compile_config records what was passed.
template <class T>
class ObjectArg {
 public:
  ObjectArg(std::nullptr_t) {}
  ObjectArg(const char* identifier) : identifier_(identifier) {}
  ObjectArg(std::string identifier) : identifier_(std::move(identifier)) {}
  template <class U>
  requires std::is_base_of_v<T, U> ObjectArg(std::shared_ptr<U> object)
      : object_(std::move(object)) {}

  const std::string& identifier() const { return identifier_; }
  const std::shared_ptr<T>& object() const { return object_; }
  bool is_none() const { return !object_ && identifier_.empty(); }

 private:
  std::string identifier_;
  std::shared_ptr<T> object_;
};

using LossArg = ObjectArg<losses::Loss>;
using MetricArg = ObjectArg<metrics::Metric>;

// Python dicts keyed by output name, in the order written.
template <class T>
using Named = std::vector<std::pair<std::string, T>>;
using LossDict = Named<LossArg>;

// compile(loss=...): None, one loss, a list (one per output) or a dict.
class LossSpec {
 public:
  enum class Kind { kNone, kSingle, kList, kDict };

  LossSpec() = default;
  LossSpec(std::nullptr_t) {}
  LossSpec(const char* identifier) : LossSpec(LossArg(identifier)) {}
  LossSpec(std::string identifier) : LossSpec(LossArg(std::move(identifier))) {}
  template <class U>
  requires std::is_base_of_v<losses::Loss, U> LossSpec(std::shared_ptr<U> loss)
      : LossSpec(LossArg(std::move(loss))) {}
  LossSpec(LossArg loss);
  LossSpec(std::initializer_list<LossArg> losses);
  LossSpec(std::vector<LossArg> losses);
  LossSpec(LossDict losses);

  Kind kind() const { return kind_; }
  explicit operator bool() const { return kind_ != Kind::kNone; }
  // The entries: one for kSingle, names empty unless kDict.
  const std::vector<LossArg>& entries() const { return entries_; }
  const std::vector<std::string>& names() const { return names_; }

  // The compile_config form: "mse", a loss record, a list or a dict.
  Json to_config() const;
  static LossSpec from_config(const Json& config);

 private:
  Kind kind_ = Kind::kNone;
  std::vector<LossArg> entries_;
  std::vector<std::string> names_;
};

// One output's metrics: a single metric or a list of them.
class MetricEntry {
 public:
  MetricEntry(std::nullptr_t) : list_(false), metrics_{nullptr} {}
  MetricEntry(const char* identifier) : MetricEntry(MetricArg(identifier)) {}
  MetricEntry(std::string identifier)
      : MetricEntry(MetricArg(std::move(identifier))) {}
  template <class U>
  requires std::is_base_of_v<metrics::Metric, U> MetricEntry(
      std::shared_ptr<U> metric)
      : MetricEntry(MetricArg(std::move(metric))) {}
  MetricEntry(MetricArg metric) : list_(false), metrics_{std::move(metric)} {}
  MetricEntry(std::initializer_list<MetricArg> metrics)
      : list_(true), metrics_(metrics) {}
  MetricEntry(std::vector<MetricArg> metrics)
      : list_(true), metrics_(std::move(metrics)) {}

  bool is_list() const { return list_; }
  const std::vector<MetricArg>& metrics() const { return metrics_; }
  Json to_config() const;

 private:
  bool list_;
  std::vector<MetricArg> metrics_;
};

using MetricDict = Named<MetricEntry>;

// compile(metrics=...) / weighted_metrics: None, a list or a dict. A dict
// must be spelled MetricDict{...} (a braced list of pairs would read as a
// list of metric lists).
class MetricSpec {
 public:
  enum class Kind { kNone, kList, kDict };

  MetricSpec() = default;
  MetricSpec(std::nullptr_t) {}
  MetricSpec(std::initializer_list<MetricEntry> entries);
  MetricSpec(std::vector<MetricEntry> entries);
  MetricSpec(MetricDict entries);

  Kind kind() const { return kind_; }
  explicit operator bool() const { return kind_ != Kind::kNone; }
  const std::vector<MetricEntry>& entries() const { return entries_; }
  const std::vector<std::string>& names() const { return names_; }
  void push_back(MetricEntry entry);

  Json to_config() const;
  static MetricSpec from_config(const Json& config, const char* argument);

 private:
  Kind kind_ = Kind::kNone;
  std::vector<MetricEntry> entries_;
  std::vector<std::string> names_;
};

// compile(loss_weights=...): None, a float, a list or a dict.
class LossWeights {
 public:
  enum class Kind { kNone, kScalar, kList, kDict };

  LossWeights() = default;
  LossWeights(std::nullptr_t) {}
  LossWeights(double weight) : kind_(Kind::kScalar), values_{weight} {}
  LossWeights(std::initializer_list<double> weights)
      : kind_(Kind::kList), values_(weights) {}
  LossWeights(std::vector<double> weights)
      : kind_(Kind::kList), values_(std::move(weights)) {}
  LossWeights(std::optional<std::vector<double>> weights);
  LossWeights(Named<double> weights);

  Kind kind() const { return kind_; }
  explicit operator bool() const { return kind_ != Kind::kNone; }
  const std::vector<double>& values() const { return values_; }
  const std::vector<std::string>& names() const { return names_; }

  Json to_config() const;
  static LossWeights from_config(const Json& config);

 private:
  Kind kind_ = Kind::kNone;
  std::vector<double> values_;
  std::vector<std::string> names_;
};

// The compiled loss: one resolved loss per output that has one, weighted
// and summed; with more than one, a Mean "<output>_loss" tracks each
// (unweighted) value, as Keras' CompileLoss does.
class CompileLoss {
 public:
  // Validates the structure against `output_names` (may be empty when the
  // model's outputs are not known before a call).
  CompileLoss(LossSpec loss, LossWeights loss_weights,
              std::vector<std::string> output_names);
  ~CompileLoss();

  bool built() const { return built_; }
  // Resolves names and the "crossentropy" shortcut from the data's shapes.
  void build(const Tensors& y_true, const Tensors& y_pred);
  // The weighted sum of the per-output losses. `sample_weight` is empty,
  // one tensor for every output, or one per output (undefined = none).
  Tensor operator()(const Tensors& y_true, const Tensors& y_pred,
                    const Tensors& sample_weight);

  // The per-output loss trackers (empty until built, or with one loss).
  const std::vector<std::shared_ptr<metrics::Mean>>& metrics() const {
    return trackers_;
  }
  // The resolved losses, one per output with a loss (after build).
  std::vector<std::shared_ptr<losses::Loss>> losses() const;

 private:
  struct FlatLoss {
    std::size_t output;
    std::shared_ptr<losses::Loss> loss;
    std::optional<double> weight;
    std::string name;
  };
  // Per output: the loss argument (none = no loss) and its weight.
  std::vector<std::pair<LossArg, std::optional<double>>> per_output(
      std::size_t num_outputs) const;

  LossSpec loss_;
  LossWeights loss_weights_;
  std::vector<std::string> output_names_;
  bool built_ = false;
  std::vector<FlatLoss> flat_;
  std::vector<std::shared_ptr<metrics::Mean>> trackers_;
};

// The compiled metrics (Keras' CompileMetrics, named "compile_metrics").
class CompileMetrics {
 public:
  CompileMetrics(MetricSpec metrics, MetricSpec weighted_metrics,
                 std::vector<std::string> output_names);
  ~CompileMetrics();

  bool built() const { return built_; }
  void build(const Tensors& y_true, const Tensors& y_pred);
  // Metrics see no sample weights; weighted metrics see `sample_weight`
  // (empty, one for all outputs, or one per output).
  void update_state(const Tensors& y_true, const Tensors& y_pred,
                    const Tensors& sample_weight);
  void reset_state();
  // "<output>_<metric>" (multi-output) or "<metric>" names in order; a
  // repeated name gets "_1", "_2" (weighted ones "weighted_<name>").
  Logs result() const;
  // Every metric object, unprefixed, in order (Keras' .metrics).
  std::vector<std::shared_ptr<metrics::Metric>> metrics() const;

 private:
  struct MetricsList {
    std::string output_name;  // empty for single-output models
    std::vector<std::shared_ptr<metrics::Metric>> metrics;
  };
  // One slot per output (nullopt: no metrics for it).
  using FlatMetrics = std::vector<std::optional<MetricsList>>;
  FlatMetrics build_set(const MetricSpec& spec, const char* argument,
                        const std::vector<std::string>& names,
                        const Tensors& y_true, const Tensors& y_pred) const;

  MetricSpec metrics_spec_, weighted_spec_;
  std::vector<std::string> output_names_;
  bool built_ = false;
  FlatMetrics flat_metrics_, flat_weighted_metrics_;
};

// Python's repr of a list of names: ['a', 'b'] (used in error messages).
std::string names_repr(const std::vector<std::string>& names);

}  // namespace keras::trainers
