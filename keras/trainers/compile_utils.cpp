#include "keras/trainers/compile_utils.h"

#include <algorithm>
#include <map>
#include <set>

#include "keras/losses/losses.h"
#include "keras/metrics/metrics.h"
#include "keras/ops/ops.h"
#include "keras/utils/json_utils.h"

namespace keras::trainers {

namespace {

// A compile_config record is an object with a class_name; any other object
// is a dict keyed by output name.
bool is_record(const Json& j) {
  return j.is_object() && j.contains("class_name");
}

// A loss or metric argument as compile_config writes it: a name, a record,
// or null; and back (`deserialize` resolves records).
template <class T, class Serialize>
Json arg_config(const ObjectArg<T>& arg, Serialize serialize) {
  if (arg.object()) return serialize(*arg.object());
  if (arg.is_none()) return nullptr;
  return arg.identifier();
}

template <class T, class Deserialize>
ObjectArg<T> arg_from_config(const Json& j, Deserialize deserialize,
                             const char* kind) {
  if (j.is_null()) return nullptr;
  if (j.is_string()) return j.get<std::string>();
  if (is_record(j)) return ObjectArg<T>(deserialize(j));
  throw ValueError(
      str("Could not interpret ", kind, " identifier: ", dump_json(j)));
}

Json loss_arg_config(const LossArg& arg) {
  return arg_config(arg,
                    [](const losses::Loss& l) { return losses::serialize(l); });
}
LossArg loss_arg_from_config(const Json& j) {
  return arg_from_config<losses::Loss>(
      j, [](const Json& r) { return losses::deserialize(r); }, "loss");
}
Json metric_arg_config(const MetricArg& arg) {
  return arg_config(
      arg, [](const metrics::Metric& m) { return metrics::serialize(m); });
}
MetricArg metric_arg_from_config(const Json& j) {
  return arg_from_config<metrics::Metric>(
      j, [](const Json& r) { return metrics::deserialize(r); }, "metric");
}

MetricEntry metric_entry_from_config(const Json& j) {
  if (!j.is_array()) return metric_arg_from_config(j);
  std::vector<MetricArg> list;
  for (const Json& m : j) list.push_back(metric_arg_from_config(m));
  return list;
}

std::string spec_repr(const Json& config) { return dump_json(config); }

std::vector<std::string> default_names(std::size_t n) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i) names.push_back(str("output_", i));
  return names;
}

std::size_t index_of(const std::vector<std::string>& names,
                     const std::string& name) {
  return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) -
                                  names.begin());
}

}  // namespace

std::string names_repr(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", '" : "'") + names[i] + "'";
  }
  return out + "]";
}

// ---- LossSpec ----

LossSpec::LossSpec(LossArg loss) {
  if (loss.is_none()) return;
  kind_ = Kind::kSingle;
  entries_.push_back(std::move(loss));
}

LossSpec::LossSpec(std::initializer_list<LossArg> losses)
    : LossSpec(std::vector<LossArg>(losses)) {}

LossSpec::LossSpec(std::vector<LossArg> losses)
    : kind_(Kind::kList), entries_(std::move(losses)) {}

LossSpec::LossSpec(LossDict losses) : kind_(Kind::kDict) {
  for (auto& [name, loss] : losses) {
    names_.push_back(name);
    entries_.push_back(std::move(loss));
  }
}

Json LossSpec::to_config() const {
  switch (kind_) {
    case Kind::kNone:
      return nullptr;
    case Kind::kSingle:
      return loss_arg_config(entries_[0]);
    case Kind::kList: {
      Json out = Json::array();
      for (const LossArg& e : entries_) out.push_back(loss_arg_config(e));
      return out;
    }
    case Kind::kDict: {
      Json out = Json::object();
      for (std::size_t i = 0; i < entries_.size(); ++i) {
        out[names_[i]] = loss_arg_config(entries_[i]);
      }
      return out;
    }
  }
  return nullptr;
}

LossSpec LossSpec::from_config(const Json& config) {
  if (config.is_null()) return {};
  if (config.is_string() || is_record(config)) {
    return loss_arg_from_config(config);
  }
  if (config.is_array()) {
    std::vector<LossArg> list;
    for (const Json& e : config) {
      if (e.is_array() || (e.is_object() && !is_record(e))) {
        throw NotImplementedError(
            str("Nested loss structures are not supported. Received: loss=",
                spec_repr(config)));
      }
      list.push_back(loss_arg_from_config(e));
    }
    return list;
  }
  if (config.is_object()) {
    LossDict dict;
    for (const auto& [name, e] : config.items()) {
      dict.emplace_back(name, loss_arg_from_config(e));
    }
    return dict;
  }
  throw ValueError(
      str("Could not interpret loss identifier: ", spec_repr(config)));
}

// ---- metrics ----

Json MetricEntry::to_config() const {
  if (!list_) return metric_arg_config(metrics_[0]);
  Json out = Json::array();
  for (const MetricArg& m : metrics_) out.push_back(metric_arg_config(m));
  return out;
}

MetricSpec::MetricSpec(std::initializer_list<MetricEntry> entries)
    : MetricSpec(std::vector<MetricEntry>(entries)) {}

MetricSpec::MetricSpec(std::vector<MetricEntry> entries)
    : kind_(Kind::kList), entries_(std::move(entries)) {}

MetricSpec::MetricSpec(MetricDict entries) : kind_(Kind::kDict) {
  for (auto& [name, entry] : entries) {
    names_.push_back(name);
    entries_.push_back(std::move(entry));
  }
}

void MetricSpec::push_back(MetricEntry entry) {
  if (kind_ == Kind::kDict) {
    throw ValueError("push_back() on a metrics dict; give the output name.");
  }
  kind_ = Kind::kList;
  entries_.push_back(std::move(entry));
}

Json MetricSpec::to_config() const {
  if (kind_ == Kind::kNone) return nullptr;
  if (kind_ == Kind::kList) {
    Json out = Json::array();
    for (const MetricEntry& e : entries_) out.push_back(e.to_config());
    return out;
  }
  Json out = Json::object();
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    out[names_[i]] = entries_[i].to_config();
  }
  return out;
}

MetricSpec MetricSpec::from_config(const Json& config, const char* argument) {
  if (config.is_null()) return {};
  if (config.is_array()) {
    std::vector<MetricEntry> list;
    for (const Json& e : config) list.push_back(metric_entry_from_config(e));
    return list;
  }
  if (config.is_object() && !is_record(config)) {
    MetricDict dict;
    for (const auto& [name, e] : config.items()) {
      dict.emplace_back(name, metric_entry_from_config(e));
    }
    return dict;
  }
  throw ValueError(str("Expected `", argument,
                       "` argument to be a list, tuple, or dict. Received "
                       "instead: ",
                       argument, "=", spec_repr(config)));
}

// ---- LossWeights ----

LossWeights::LossWeights(std::optional<std::vector<double>> weights) {
  if (weights) *this = LossWeights(std::move(*weights));
}

LossWeights::LossWeights(Named<double> weights) : kind_(Kind::kDict) {
  for (const auto& [name, w] : weights) {
    names_.push_back(name);
    values_.push_back(w);
  }
}

Json LossWeights::to_config() const {
  switch (kind_) {
    case Kind::kNone:
      return nullptr;
    case Kind::kScalar:
      return values_[0];
    case Kind::kList:
      return Json(values_);
    case Kind::kDict: {
      Json out = Json::object();
      for (std::size_t i = 0; i < values_.size(); ++i) {
        out[names_[i]] = values_[i];
      }
      return out;
    }
  }
  return nullptr;
}

LossWeights LossWeights::from_config(const Json& config) {
  if (config.is_null()) return {};
  if (config.is_number()) return config.get<double>();
  if (config.is_array()) {
    std::vector<double> list;
    for (const Json& w : config) list.push_back(w.get<double>());
    return list;
  }
  if (config.is_object()) {
    Named<double> dict;
    for (const auto& [name, w] : config.items()) {
      dict.emplace_back(name, w.get<double>());
    }
    return dict;
  }
  throw ValueError(
      str("Expected `loss_weights` argument to be a float (single output "
          "case) or a list, tuple, or dict (multiple output case). Received "
          "instead: loss_weights=",
          spec_repr(config)));
}

// ---- CompileLoss ----

CompileLoss::CompileLoss(LossSpec loss, LossWeights loss_weights,
                         std::vector<std::string> output_names)
    : loss_(std::move(loss)),
      loss_weights_(std::move(loss_weights)),
      output_names_(std::move(output_names)) {
  if (!output_names_.empty()) per_output(output_names_.size());
}

CompileLoss::~CompileLoss() = default;

std::vector<std::pair<LossArg, std::optional<double>>> CompileLoss::per_output(
    std::size_t n) const {
  const std::vector<std::string> names =
      output_names_.size() == n ? output_names_ : default_names(n);
  std::vector<std::pair<LossArg, std::optional<double>>> out(
      n, {LossArg(nullptr), std::nullopt});
  const std::size_t num_losses =
      loss_.kind() == LossSpec::Kind::kSingle ? 1 : loss_.entries().size();
  switch (loss_.kind()) {
    case LossSpec::Kind::kNone:
      return out;
    case LossSpec::Kind::kSingle:
      for (auto& slot : out) slot.first = loss_.entries()[0];
      break;
    case LossSpec::Kind::kList:
      if (loss_.entries().size() != n) {
        throw ValueError(str(
            "For a model with ", n,
            " outputs, when providing the `loss` argument as a list, it "
            "should have as many entries as the model has outputs. "
            "Received:\nloss=",
            spec_repr(loss_.to_config()), "\nof length ",
            loss_.entries().size(), " whereas the model has ", n, " outputs."));
      }
      for (std::size_t i = 0; i < n; ++i) out[i].first = loss_.entries()[i];
      break;
    case LossSpec::Kind::kDict: {
      const std::set<std::string> keys(loss_.names().begin(),
                                       loss_.names().end());
      if (keys != std::set<std::string>(names.begin(), names.end())) {
        throw ValueError(str("Expected keys ", names_repr(names),
                             " in loss dict, but found loss.keys()=",
                             names_repr(loss_.names())));
      }
      for (std::size_t i = 0; i < loss_.names().size(); ++i) {
        out[index_of(names, loss_.names()[i])].first = loss_.entries()[i];
      }
      break;
    }
  }
  switch (loss_weights_.kind()) {
    case LossWeights::Kind::kNone:
      break;
    case LossWeights::Kind::kScalar:
    case LossWeights::Kind::kList: {
      const auto& w = loss_weights_.values();
      if (w.size() != num_losses) {
        throw ValueError(
            str("`loss_weights` must match the number of losses, "
                "got ",
                num_losses, " losses and ", w.size(), " weights."));
      }
      for (std::size_t i = 0; i < n; ++i) {
        out[i].second = w.size() == 1 ? w[0] : w[i];
      }
      break;
    }
    case LossWeights::Kind::kDict:
      for (std::size_t i = 0; i < loss_weights_.names().size(); ++i) {
        const std::string& key = loss_weights_.names()[i];
        const std::size_t k = index_of(names, key);
        if (k == names.size()) {
          throw ValueError(str("In the dict argument `loss_weights`, key '",
                               key,
                               "' does not correspond to any model output. "
                               "Received:\nloss_weights=",
                               spec_repr(loss_weights_.to_config())));
        }
        out[k].second = loss_weights_.values()[i];
      }
      break;
  }
  return out;
}

void CompileLoss::build(const Tensors& y_true, const Tensors& y_pred) {
  const std::size_t n = y_pred.size();
  if (y_true.size() != n) {
    throw ValueError(str("The model has ", n, " outputs but ", y_true.size(),
                         " target arrays were given: y_true and y_pred have "
                         "different structures."));
  }
  const std::vector<std::string> names =
      output_names_.size() == n ? output_names_ : default_names(n);
  flat_.clear();
  trackers_.clear();
  const auto slots = per_output(n);
  for (std::size_t i = 0; i < n; ++i) {
    const LossArg& arg = slots[i].first;
    if (arg.is_none()) continue;
    std::shared_ptr<losses::Loss> loss =
        arg.object()
            ? arg.object()
            : losses::get_compile_loss(arg.identifier(), y_true[i].shape(),
                                       y_pred[i].shape());
    flat_.push_back({i, std::move(loss), slots[i].second, names[i]});
  }
  if (flat_.size() > 1) {
    for (const FlatLoss& f : flat_) {
      trackers_.push_back(std::make_shared<metrics::Mean>(f.name + "_loss"));
    }
  }
  built_ = true;
}

std::vector<std::shared_ptr<losses::Loss>> CompileLoss::losses() const {
  std::vector<std::shared_ptr<losses::Loss>> out;
  for (const FlatLoss& f : flat_) out.push_back(f.loss);
  return out;
}

Tensor CompileLoss::operator()(const Tensors& y_true, const Tensors& y_pred,
                               const Tensors& sample_weight) {
  if (!built_) build(y_true, y_pred);
  if (y_true.size() != y_pred.size()) {
    throw ValueError(str("The model has ", y_pred.size(), " outputs but ",
                         y_true.size(), " target arrays were given."));
  }
  Tensor total;
  for (std::size_t k = 0; k < flat_.size(); ++k) {
    const FlatLoss& f = flat_[k];
    Tensor weight;
    if (sample_weight.size() == 1) {
      weight = sample_weight[0];
    } else if (sample_weight.size() > f.output) {
      weight = sample_weight[f.output];
    }
    Tensor value = ops::cast(
        (*f.loss)(y_true[f.output], y_pred[f.output], weight), DType::float32);
    if (!trackers_.empty()) {
      // Unweighted values, weighted by the batch size (Keras).
      trackers_[k]->update_state(
          ops::stop_gradient(value),
          Tensor::scalar(double(y_pred[f.output].dim(0))));
    }
    if (f.weight) value = value * Tensor::scalar(*f.weight, value.dtype());
    total = total.defined() ? total + value : value;
  }
  return total;
}

// ---- CompileMetrics ----

CompileMetrics::CompileMetrics(MetricSpec metrics, MetricSpec weighted_metrics,
                               std::vector<std::string> output_names)
    : metrics_spec_(std::move(metrics)),
      weighted_spec_(std::move(weighted_metrics)),
      output_names_(std::move(output_names)) {
  // Dict keys can be checked before any data is seen.
  for (const MetricSpec* spec : {&metrics_spec_, &weighted_spec_}) {
    if (spec->kind() != MetricSpec::Kind::kDict || output_names_.empty()) {
      continue;
    }
    const char* argument =
        spec == &metrics_spec_ ? "metrics" : "weighted_metrics";
    for (const std::string& key : spec->names()) {
      if (index_of(output_names_, key) == output_names_.size()) {
        throw ValueError(str("In the dict argument `", argument, "`, key '",
                             key,
                             "' does not correspond to any model output. "
                             "Received:\n",
                             argument, "=", spec_repr(spec->to_config())));
      }
    }
  }
}

CompileMetrics::~CompileMetrics() = default;

CompileMetrics::FlatMetrics CompileMetrics::build_set(
    const MetricSpec& spec, const char* argument,
    const std::vector<std::string>& names, const Tensors& y_true,
    const Tensors& y_pred) const {
  const std::size_t n = y_pred.size();
  FlatMetrics flat(n);
  auto make_list = [&](const std::vector<MetricArg>& args, std::size_t i,
                       std::string output_name) {
    MetricsList list{std::move(output_name), {}};
    for (const MetricArg& m : args) {
      if (m.is_none()) continue;
      list.metrics.push_back(m.object() ? m.object()
                                        : metrics::get_compile_metric(
                                              m.identifier(), y_true[i].shape(),
                                              y_pred[i].shape()));
    }
    return list;
  };
  if (!spec) return flat;
  if (spec.kind() == MetricSpec::Kind::kDict) {
    for (const std::string& key : spec.names()) {
      if (index_of(names, key) == names.size()) {
        throw ValueError(str("In the dict argument `", argument, "`, key '",
                             key,
                             "' does not correspond to any model output. "
                             "Received:\n",
                             argument, "=", spec_repr(spec.to_config())));
      }
    }
  }
  if (n == 1) {
    // One output: every metric applies to it, names are unprefixed.
    std::vector<MetricArg> all;
    for (const MetricEntry& e : spec.entries()) {
      if (e.is_list() && spec.kind() == MetricSpec::Kind::kList) {
        throw ValueError(str("Expected all entries in the `", argument,
                             "` list to be metric objects. Received instead:\n",
                             argument, "=", spec_repr(spec.to_config())));
      }
      all.insert(all.end(), e.metrics().begin(), e.metrics().end());
    }
    flat[0] = make_list(all, 0, "");
    return flat;
  }
  if (spec.kind() == MetricSpec::Kind::kList) {
    if (spec.entries().size() != n) {
      throw ValueError(str(
          "For a model with multiple outputs, when providing the `", argument,
          "` argument as a list, it should have as many entries as the "
          "model has outputs. Received:\n",
          argument, "=", spec_repr(spec.to_config()), "\nof length ",
          spec.entries().size(), " whereas the model has ", n, " outputs."));
    }
    for (std::size_t i = 0; i < n; ++i) {
      flat[i] = make_list(spec.entries()[i].metrics(), i, names[i]);
    }
    return flat;
  }
  for (std::size_t k = 0; k < spec.names().size(); ++k) {
    const std::size_t i = index_of(names, spec.names()[k]);
    flat[i] = make_list(spec.entries()[k].metrics(), i, names[i]);
  }
  return flat;
}

void CompileMetrics::build(const Tensors& y_true, const Tensors& y_pred) {
  const std::size_t n = y_pred.size();
  const std::vector<std::string> names =
      output_names_.size() == n ? output_names_ : default_names(n);
  flat_metrics_ = build_set(metrics_spec_, "metrics", names, y_true, y_pred);
  flat_weighted_metrics_ =
      build_set(weighted_spec_, "weighted_metrics", names, y_true, y_pred);
  built_ = true;
}

void CompileMetrics::update_state(const Tensors& y_true, const Tensors& y_pred,
                                  const Tensors& sample_weight) {
  if (!built_) build(y_true, y_pred);
  const std::size_t n = std::min(y_true.size(), y_pred.size());
  for (std::size_t i = 0; i < n && i < flat_metrics_.size(); ++i) {
    if (!flat_metrics_[i]) continue;
    for (const auto& m : flat_metrics_[i]->metrics) {
      m->update_state(y_true[i], y_pred[i]);
    }
  }
  for (std::size_t i = 0; i < n && i < flat_weighted_metrics_.size(); ++i) {
    if (!flat_weighted_metrics_[i]) continue;
    Tensor weight;
    if (sample_weight.size() == 1) {
      weight = sample_weight[0];
    } else if (sample_weight.size() > i) {
      weight = sample_weight[i];
    }
    for (const auto& m : flat_weighted_metrics_[i]->metrics) {
      m->update_state(y_true[i], y_pred[i], weight);
    }
  }
}

void CompileMetrics::reset_state() {
  for (const auto& m : metrics()) m->reset_state();
}

std::vector<std::shared_ptr<metrics::Metric>> CompileMetrics::metrics() const {
  std::vector<std::shared_ptr<metrics::Metric>> out;
  for (const FlatMetrics* set : {&flat_metrics_, &flat_weighted_metrics_}) {
    for (const auto& list : *set) {
      if (list)
        out.insert(out.end(), list->metrics.begin(), list->metrics.end());
    }
  }
  return out;
}

Logs CompileMetrics::result() const {
  Logs results;
  std::map<std::string, int> counters;
  auto prefixed = [](const MetricsList& list, const std::string& name) {
    return list.output_name.empty() ? name : list.output_name + "_" + name;
  };
  for (const auto& list : flat_metrics_) {
    if (!list) continue;
    for (const auto& m : list->metrics) {
      std::string name = prefixed(*list, m->name());
      if (counters.count(name)) {
        name = str(name, "_", counters[name]++);
      } else {
        counters[name] = 1;
      }
      results.set(name, m->result().item());
    }
  }
  for (const auto& list : flat_weighted_metrics_) {
    if (!list) continue;
    for (const auto& m : list->metrics) {
      std::string name = prefixed(*list, m->name());
      if (counters.count(name)) {
        name = prefixed(*list, "weighted_" + m->name());
        if (counters.count(name)) {
          name = str(name, "_", counters[name]++);
        } else {
          counters[name] = 1;
        }
      } else {
        counters[name] = 1;
      }
      results.set(name, m->result().item());
    }
  }
  return results;
}

}  // namespace keras::trainers
