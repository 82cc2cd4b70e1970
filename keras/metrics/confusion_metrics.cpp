#include "keras/metrics/confusion_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "keras/core/error.h"
#include "keras/losses/loss.h"
#include "keras/metrics/internal/metric_utils.h"
#include "keras/ops/autograd.h"
#include "keras/ops/nn.h"
#include "keras/ops/numpy.h"
#include "keras/utils/naming.h"

namespace keras::metrics {

using internal::divide_no_nan;
using internal::floats_of;

namespace {

// Keras' metrics_utils.NEG_INF.
constexpr float kNegInf = -1e10f;
constexpr double kEpsilon = 1e-7;

// Keras' _filter_top_k: the k largest entries of each row keep their
// value, the others become NEG_INF.
std::vector<float> filter_top_k(const std::vector<float>& x,
                                std::int64_t row_size, std::int64_t k) {
  std::vector<float> out(x.size());
  std::vector<std::int64_t> order(static_cast<std::size_t>(row_size));
  for (std::size_t start = 0; start < x.size();
       start += static_cast<std::size_t>(row_size)) {
    std::iota(order.begin(), order.end(), 0);
    // Ties keep the lower index first, like a stable top_k.
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
      return x[start + a] > x[start + b];
    });
    for (std::int64_t i = 0; i < row_size; ++i) {
      const auto j = static_cast<std::size_t>(order[i]);
      out[start + j] = i < k ? x[start + j] : kNegInf;
    }
  }
  return out;
}

bool is_evenly_distributed(const std::vector<double>& thresholds) {
  const std::size_t n = thresholds.size();
  if (n < 3) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const double even = static_cast<float>(i) / static_cast<float>(n - 1);
    // np.allclose(atol=epsilon, rtol=1e-5)
    if (std::abs(thresholds[i] - even) > kEpsilon + 1e-5 * std::abs(even)) {
      return false;
    }
  }
  return true;
}

std::vector<double> as_doubles(const std::vector<float>& v) {
  return std::vector<double>(v.begin(), v.end());
}

// The accumulated counts of one update, laid out like the variables:
// [threshold] or [threshold][label].
struct Counts {
  std::vector<float> tp, fp, tn, fn;
  explicit Counts(std::size_t size) : tp(size), fp(size), tn(size), fn(size) {}
};

// Keras' optimized path: bucket each prediction by the evenly spaced
// threshold just below it, then cumulative sums from the top.
void bucket_counts(const std::vector<float>& labels,
                   const std::vector<float>& preds,
                   const std::vector<float>& weights, std::size_t num_thr,
                   bool with_epsilon, std::size_t stride, std::size_t column,
                   Counts& out) {
  std::vector<float> tp_bucket(num_thr), fp_bucket(num_thr);
  float total_true = 0, total_false = 0;
  const float scale = static_cast<float>(num_thr) - 1.0f;
  for (std::size_t e = 0; e < preds.size(); ++e) {
    const float p = std::clamp(preds[e], 0.0f, 1.0f);
    const float label = labels[e] != 0 ? 1.0f : 0.0f;
    const float true_w = label * weights[e];
    const float false_w = (1.0f - label) * weights[e];
    total_true += true_w;
    total_false += false_w;
    float bucket = std::ceil(p * scale) - 1.0f;
    if (with_epsilon) bucket = std::max(bucket, 0.0f);
    if (bucket < 0) continue;  // below every threshold
    tp_bucket[static_cast<std::size_t>(bucket)] += true_w;
    fp_bucket[static_cast<std::size_t>(bucket)] += false_w;
  }
  float tp = 0, fp = 0;
  for (std::size_t j = num_thr; j-- > 0;) {
    tp += tp_bucket[j];
    fp += fp_bucket[j];
    const std::size_t at = j * stride + column;
    out.tp[at] = tp;
    out.fp[at] = fp;
    out.tn[at] = total_false - fp;
    out.fn[at] = total_true - tp;
  }
}

// Keras' general path: prediction > threshold for every threshold.
void threshold_counts(const std::vector<float>& labels,
                      const std::vector<float>& preds,
                      const std::vector<float>& weights,
                      const std::vector<float>& thresholds, std::size_t stride,
                      std::size_t column, Counts& out) {
  for (std::size_t j = 0; j < thresholds.size(); ++j) {
    const std::size_t at = j * stride + column;
    for (std::size_t e = 0; e < preds.size(); ++e) {
      const bool label = labels[e] != 0;
      const bool pred = preds[e] > thresholds[j];
      const float w = weights[e];
      if (label && pred) out.tp[at] += w;
      if (!label && pred) out.fp[at] += w;
      if (!label && !pred) out.tn[at] += w;
      if (label && !pred) out.fn[at] += w;
    }
  }
}

std::string auto_name(const std::string& name, const char* base) {
  return name.empty() ? utils::uniquify(base) : name;
}

}  // namespace

std::vector<float> parse_init_thresholds(const Json& thresholds,
                                         double default_threshold) {
  if (thresholds.is_null()) return {static_cast<float>(default_threshold)};
  std::vector<double> values;
  std::vector<std::string> invalid;
  auto take = [&](const Json& t) {
    if (!t.is_number() || t.is_boolean()) {
      invalid.push_back(t.dump());
      return;
    }
    const double v = t.get<double>();
    if (v < 0 || v > 1) invalid.push_back(t.dump());
    values.push_back(v);
  };
  if (thresholds.is_array()) {
    for (const Json& t : thresholds) take(t);
  } else {
    take(thresholds);
  }
  if (!invalid.empty()) {
    std::string list;
    for (const auto& s : invalid) list += (list.empty() ? "" : ", ") + s;
    throw ValueError(
        str("Threshold values must be in [0, 1]. Received: [", list, "]"));
  }
  return std::vector<float>(values.begin(), values.end());
}

void update_confusion_matrix_variables(const ConfusionVariables& variables,
                                       const Tensor& y_true_in,
                                       const Tensor& y_pred_in,
                                       const Tensor& sample_weight_in,
                                       const ConfusionUpdateOptions& options) {
  autograd::NoGradGuard no_grad;
  auto [y_pred, y_true] = losses::squeeze_or_expand_to_same_rank(
      ops::cast(y_pred_in, DType::float32),
      ops::cast(y_true_in, DType::float32));
  Tensor sample_weight;
  if (sample_weight_in.defined()) {
    sample_weight =
        ops::expand_dims(ops::cast(sample_weight_in, DType::float32), -1);
    sample_weight = losses::squeeze_or_expand_to_same_rank(
                        y_true, sample_weight, /*expand_rank_1=*/false)
                        .second;
  }
  if (y_true.shape() != y_pred.shape()) {
    throw ValueError(
        str("`y_true` and `y_pred` must have the same shape. "
            "Received: y_true.shape=",
            shape_str(y_true.shape()),
            ", y_pred.shape=", shape_str(y_pred.shape())));
  }
  std::vector<float> preds = floats_of(y_pred);
  std::vector<float> labels = floats_of(y_true);
  Shape shape = y_pred.shape();
  const std::int64_t last = shape.empty() ? 1 : shape.back();
  if (options.top_k) preds = filter_top_k(preds, last, *options.top_k);
  std::vector<float> weights(preds.size(), 1.0f);
  if (sample_weight.defined()) {
    weights = floats_of(ops::broadcast_to(sample_weight, shape));
  }
  if (options.class_id) {
    if (shape.size() <= 1) {
      throw ValueError(
          str("When class_id is provided, y_pred must be a 2D array with shape "
              "(num_samples, num_classes), found shape: ",
              shape_str(shape)));
    }
    const std::int64_t id = *options.class_id;
    if (id < 0 || id >= last) {
      throw ValueError(
          str("class_id ", id, " is out of range for ", last, " classes."));
    }
    std::vector<float> p, l, w;
    for (std::size_t i = static_cast<std::size_t>(id); i < preds.size();
         i += static_cast<std::size_t>(last)) {
      p.push_back(preds[i]);
      l.push_back(labels[i]);
      w.push_back(weights[i]);
    }
    preds = p;
    labels = l;
    weights = w;
    shape.back() = 1;
  }
  if (options.label_weights) {
    const auto& lw = *options.label_weights;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      weights[i] *= lw[i % lw.size()];
    }
  }
  const std::vector<float>& thr = options.thresholds;
  const bool with_epsilon = thr.front() < 0.0f || thr.back() > 1.0f;
  std::size_t columns = 1;
  if (options.multi_label) {
    if (shape.size() != 2) {
      throw ValueError(
          str("`y_pred` must have rank 2 when `multi_label=True`. "
              "Found rank ",
              shape.size(), "."));
    }
    columns = static_cast<std::size_t>(shape[1]);
  }
  Counts counts(thr.size() * columns);
  for (std::size_t c = 0; c < columns; ++c) {
    std::vector<float> p, l, w;
    if (columns == 1) {
      p = preds, l = labels, w = weights;
    } else {
      for (std::size_t i = c; i < preds.size(); i += columns) {
        p.push_back(preds[i]);
        l.push_back(labels[i]);
        w.push_back(weights[i]);
      }
    }
    if (options.thresholds_distributed_evenly) {
      bucket_counts(l, p, w, thr.size(), with_epsilon, columns, c, counts);
    } else {
      threshold_counts(l, p, w, thr, columns, c, counts);
    }
  }
  if (variables.true_positives)
    internal::add_to(*variables.true_positives, counts.tp);
  if (variables.false_positives)
    internal::add_to(*variables.false_positives, counts.fp);
  if (variables.true_negatives)
    internal::add_to(*variables.true_negatives, counts.tn);
  if (variables.false_negatives)
    internal::add_to(*variables.false_negatives, counts.fn);
}

// ---- TruePositives & co. ----

ConfusionCount::ConfusionCount(std::string class_name, std::string condition,
                               Json thresholds, std::string name)
    : Metric(auto_name(name, utils::to_snake_case(class_name).c_str())),
      class_name_(std::move(class_name)),
      condition_(std::move(condition)),
      init_thresholds_(std::move(thresholds)),
      thresholds_(parse_init_thresholds(init_thresholds_, 0.5)) {
  accumulator_ = add_variable({static_cast<std::int64_t>(thresholds_.size())},
                              "accumulator");
}

void ConfusionCount::update_state(const Tensor& y_true, const Tensor& y_pred,
                                  const Tensor& sample_weight) {
  ConfusionVariables vars;
  Variable* v = accumulator_.get();
  if (condition_ == "tp") vars.true_positives = v;
  if (condition_ == "fp") vars.false_positives = v;
  if (condition_ == "tn") vars.true_negatives = v;
  if (condition_ == "fn") vars.false_negatives = v;
  update_confusion_matrix_variables(
      vars, y_true, y_pred, sample_weight,
      {.thresholds = thresholds_,
       .thresholds_distributed_evenly =
           is_evenly_distributed(as_doubles(thresholds_))});
}

Tensor ConfusionCount::result() const {
  const Tensor value = accumulator_->value().clone();
  return thresholds_.size() == 1 ? ops::reshape(value, {}) : value;
}

Json ConfusionCount::get_config() const {
  Json config = Metric::get_config();
  config["thresholds"] = init_thresholds_;
  return config;
}

TruePositives::TruePositives(const ConfusionCountOptions& o)
    : ConfusionCount("TruePositives", "tp", o.thresholds, o.name) {}
FalsePositives::FalsePositives(const ConfusionCountOptions& o)
    : ConfusionCount("FalsePositives", "fp", o.thresholds, o.name) {}
TrueNegatives::TrueNegatives(const ConfusionCountOptions& o)
    : ConfusionCount("TrueNegatives", "tn", o.thresholds, o.name) {}
FalseNegatives::FalseNegatives(const ConfusionCountOptions& o)
    : ConfusionCount("FalseNegatives", "fn", o.thresholds, o.name) {}

// ---- Precision / Recall ----

PrecisionRecall::PrecisionRecall(bool recall,
                                 const PrecisionRecallOptions& options)
    : Metric(auto_name(options.name, recall ? "recall" : "precision")),
      recall_(recall),
      options_(options) {
  if (options.top_k && *options.top_k <= 0) {
    throw ValueError(
        str("Argument `top_k` must be a positive integer. "
            "Received: top_k=",
            *options.top_k));
  }
  // With top_k, every kept prediction counts as positive.
  thresholds_ =
      parse_init_thresholds(options.thresholds, options.top_k ? kNegInf : 0.5);
  evenly_ = is_evenly_distributed(as_doubles(thresholds_));
  const Shape shape = {static_cast<std::int64_t>(thresholds_.size())};
  true_positives_ = add_variable(shape, "true_positives");
  other_ = add_variable(shape, recall ? "false_negatives" : "false_positives");
}

void PrecisionRecall::update_state(const Tensor& y_true, const Tensor& y_pred,
                                   const Tensor& sample_weight) {
  ConfusionVariables vars{.true_positives = true_positives_.get()};
  (recall_ ? vars.false_negatives : vars.false_positives) = other_.get();
  update_confusion_matrix_variables(vars, y_true, y_pred, sample_weight,
                                    {.thresholds = thresholds_,
                                     .thresholds_distributed_evenly = evenly_,
                                     .top_k = options_.top_k,
                                     .class_id = options_.class_id});
}

Tensor PrecisionRecall::result() const {
  const auto tp = floats_of(true_positives_->value());
  const auto other = floats_of(other_->value());
  std::vector<float> out(tp.size());
  for (std::size_t i = 0; i < tp.size(); ++i) {
    out[i] = divide_no_nan(tp[i], tp[i] + other[i]);
  }
  if (out.size() == 1) return Tensor::scalar(out[0]);
  return internal::float_tensor(out, {static_cast<std::int64_t>(out.size())});
}

Json PrecisionRecall::get_config() const {
  Json config = Metric::get_config();
  config["thresholds"] = options_.thresholds;
  config["top_k"] = options_.top_k ? Json(*options_.top_k) : Json(nullptr);
  config["class_id"] =
      options_.class_id ? Json(*options_.class_id) : Json(nullptr);
  return config;
}

// ---- AUC ----

namespace {

std::string canonical_curve(const std::string& curve) {
  if (curve == "ROC" || curve == "roc") return "ROC";
  if (curve == "PR" || curve == "pr") return "PR";
  if (curve == "PRGAIN" || curve == "prgain") return "PRGAIN";
  throw ValueError(str("Invalid AUC curve value: \"", curve,
                       "\". Expected values are [\"PR\", \"ROC\", "
                       "\"PRGAIN\"]"));
}

std::string canonical_summation(const std::string& method) {
  for (const char* m : {"interpolation", "majoring", "minoring"}) {
    std::string capital = m;
    capital[0] = static_cast<char>(std::toupper(capital[0]));
    if (method == m || method == capital) return m;
  }
  throw ValueError(str("Invalid AUC summation method value: \"", method,
                       "\". Expected values are [\"interpolation\", "
                       "\"majoring\", \"minoring\"]"));
}

}  // namespace

AUC::AUC(const AUCOptions& options)
    : Metric(auto_name(options.name, "auc")), options_(options) {
  options_.curve = canonical_curve(options.curve);
  options_.summation_method = canonical_summation(options.summation_method);
  std::vector<double> inner;
  if (options.thresholds) {
    inner = *options.thresholds;
    std::sort(inner.begin(), inner.end());
    num_thresholds_ = static_cast<std::int64_t>(inner.size()) + 2;
    std::vector<double> all = {0.0};
    all.insert(all.end(), inner.begin(), inner.end());
    all.push_back(1.0);
    evenly_ = is_evenly_distributed(all);
  } else {
    if (options.num_thresholds <= 1) {
      throw ValueError(
          str("Argument `num_thresholds` must be an integer > 1. "
              "Received: num_thresholds=",
              options.num_thresholds));
    }
    num_thresholds_ = options.num_thresholds;
    for (std::int64_t i = 0; i < num_thresholds_ - 2; ++i) {
      inner.push_back((i + 1) * 1.0 / static_cast<double>(num_thresholds_ - 1));
    }
    evenly_ = true;
  }
  options_.num_thresholds = num_thresholds_;
  thresholds_ = {0.0 - kEpsilon};
  thresholds_.insert(thresholds_.end(), inner.begin(), inner.end());
  thresholds_.push_back(1.0 + kEpsilon);
  if (options.multi_label) {
    if (options.num_labels) build(*options.num_labels);
  } else {
    if (options.num_labels) {
      throw ValueError(
          "`num_labels` is needed only when `multi_label` is True.");
    }
    build(0);
  }
}

void AUC::build(std::int64_t num_labels) {
  Shape shape = {num_thresholds_};
  if (options_.multi_label) shape.push_back(num_labels);
  built_labels_ = num_labels;
  true_positives_ = add_variable(shape, "true_positives");
  false_positives_ = add_variable(shape, "false_positives");
  true_negatives_ = add_variable(shape, "true_negatives");
  false_negatives_ = add_variable(shape, "false_negatives");
  built_ = true;
}

void AUC::update_state(const Tensor& y_true, const Tensor& y_pred_in,
                       const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  if (!built_) {
    if (y_pred_in.ndim() != 2) {
      throw ValueError(
          str("`y_pred` must have rank 2 when `multi_label=True`. "
              "Found rank ",
              y_pred_in.ndim(),
              ". Full shape received for "
              "`y_pred`: ",
              shape_str(y_pred_in.shape())));
    }
    build(y_pred_in.shape()[1]);
  }
  Tensor y_pred = ops::cast(y_pred_in, DType::float32);
  if (options_.from_logits) y_pred = ops::sigmoid(y_pred);
  ConfusionUpdateOptions update{.thresholds_distributed_evenly = evenly_,
                                .multi_label = options_.multi_label};
  for (double t : thresholds_)
    update.thresholds.push_back(static_cast<float>(t));
  if (!options_.multi_label && options_.label_weights) {
    update.label_weights = std::vector<float>(options_.label_weights->begin(),
                                              options_.label_weights->end());
  }
  update_confusion_matrix_variables(
      {true_positives_.get(), false_positives_.get(), true_negatives_.get(),
       false_negatives_.get()},
      y_true, y_pred, sample_weight, update);
}

namespace {

// Sum (or label-weighted mean, for multi_label) of per-threshold terms laid
// out [threshold][label].
double aggregate(const std::vector<double>& terms, std::size_t labels,
                 const std::optional<std::vector<double>>& label_weights) {
  std::vector<double> by_label(labels, 0.0);
  for (std::size_t i = 0; i < terms.size(); ++i)
    by_label[i % labels] += terms[i];
  if (labels == 1 && !label_weights) return by_label[0];
  if (!label_weights) {
    return std::accumulate(by_label.begin(), by_label.end(), 0.0) /
           static_cast<double>(labels);
  }
  double num = 0, den = 0;
  for (std::size_t l = 0; l < labels; ++l) {
    num += by_label[l] * (*label_weights)[l];
    den += (*label_weights)[l];
  }
  return den == 0 ? 0.0 : num / den;
}

double safe_div(double x, double y) { return y == 0 ? 0.0 : x / y; }

std::vector<double> doubles_of(const Variable& v) {
  return v.value().to_double_vector();
}

}  // namespace

double AUC::interpolate_pr_auc() const {
  const auto tp = doubles_of(*true_positives_);
  const auto fp = doubles_of(*false_positives_);
  const auto fn = doubles_of(*false_negatives_);
  const std::size_t labels =
      options_.multi_label ? static_cast<std::size_t>(built_labels_) : 1;
  std::vector<double> terms;
  for (std::size_t i = 0; i + labels < tp.size(); ++i) {
    const std::size_t next = i + labels;
    const double dtp = tp[i] - tp[next];
    const double p = tp[i] + fp[i];
    const double p_next = tp[next] + fp[next];
    const double dp = p - p_next;
    const double slope = safe_div(dtp, std::max(dp, 0.0));
    const double intercept = tp[next] - slope * p_next;
    const double ratio =
        p > 0 && p_next > 0 ? safe_div(p, std::max(p_next, 0.0)) : 1.0;
    terms.push_back(safe_div(slope * (dtp + intercept * std::log(ratio)),
                             std::max(tp[next] + fn[next], 0.0)));
  }
  return aggregate(
      terms, labels,
      options_.multi_label ? options_.label_weights : std::nullopt);
}

Tensor AUC::result() const {
  if (!built_) return Tensor::scalar(0.0);
  if (options_.curve == "PR" && options_.summation_method == "interpolation") {
    return Tensor::scalar(interpolate_pr_auc());
  }
  const auto tp = doubles_of(*true_positives_);
  const auto fp = doubles_of(*false_positives_);
  const auto tn = doubles_of(*true_negatives_);
  const auto fn = doubles_of(*false_negatives_);
  std::vector<double> x(tp.size()), y(tp.size());
  for (std::size_t i = 0; i < tp.size(); ++i) {
    const double recall = safe_div(tp[i], tp[i] + fn[i]);
    if (options_.curve == "ROC") {
      x[i] = safe_div(fp[i], fp[i] + tn[i]);
      y[i] = recall;
    } else if (options_.curve == "PR") {
      x[i] = recall;
      y[i] = safe_div(tp[i], tp[i] + fp[i]);
    } else {  // PRGAIN
      const double scaling = safe_div(tp[i] + fn[i], tn[i] + fp[i]);
      double recall_gain = 1.0 - scaling * safe_div(fn[i], tp[i]);
      double precision_gain = 1.0 - scaling * safe_div(fp[i], tp[i]);
      if (tp[i] == 0) recall_gain = 0.0, precision_gain = 1.0;
      x[i] = std::max(recall_gain, 0.0);
      y[i] = precision_gain;
    }
  }
  const std::size_t labels =
      options_.multi_label ? static_cast<std::size_t>(built_labels_) : 1;
  std::vector<double> terms;
  for (std::size_t i = 0; i + labels < tp.size(); ++i) {
    const std::size_t next = i + labels;
    double height;
    if (options_.summation_method == "interpolation") {
      height = (y[i] + y[next]) / 2.0;
    } else if (options_.summation_method == "minoring") {
      height = std::min(y[i], y[next]);
    } else {
      height = std::max(y[i], y[next]);
    }
    terms.push_back((x[i] - x[next]) * height);
  }
  return Tensor::scalar(
      aggregate(terms, labels,
                options_.multi_label ? options_.label_weights : std::nullopt));
}

void AUC::reset_state() {
  if (built_) Metric::reset_state();
}

Json AUC::get_config() const {
  Json config = Metric::get_config();
  config["num_thresholds"] = num_thresholds_;
  config["curve"] = options_.curve;
  config["summation_method"] = options_.summation_method;
  config["multi_label"] = options_.multi_label;
  config["num_labels"] =
      options_.num_labels ? Json(*options_.num_labels) : Json(nullptr);
  config["label_weights"] =
      options_.label_weights ? Json(*options_.label_weights) : Json(nullptr);
  config["from_logits"] = options_.from_logits;
  if (options_.thresholds) {
    config["thresholds"] =
        std::vector<double>(thresholds_.begin() + 1, thresholds_.end() - 1);
  }
  return config;
}

// ---- SensitivityAtSpecificity & co. ----

SensitivitySpecificityBase::SensitivitySpecificityBase(
    std::string class_name, const char* value_key,
    const AtValueOptions& options)
    : Metric(auto_name(options.name, utils::to_snake_case(class_name).c_str())),
      class_name_(std::move(class_name)),
      value_key_(value_key),
      options_(options) {
  if (!(options.value >= 0 && options.value <= 1)) {
    throw ValueError(str("Argument `", value_key_,
                         "` must be in the range [0, 1]. Received: ",
                         value_key_, "=", options.value));
  }
  if (options.num_thresholds <= 0) {
    throw ValueError(
        str("Argument `num_thresholds` must be an integer > 0. "
            "Received: num_thresholds=",
            options.num_thresholds));
  }
  const std::int64_t n = options.num_thresholds;
  if (n == 1) {
    thresholds_ = {0.5f};
  } else {
    thresholds_.push_back(0.0f);
    for (std::int64_t i = 0; i < n - 2; ++i) {
      thresholds_.push_back(
          static_cast<float>((i + 1) * 1.0 / static_cast<double>(n - 1)));
    }
    thresholds_.push_back(1.0f);
  }
  const Shape shape = {static_cast<std::int64_t>(thresholds_.size())};
  true_positives_ = add_variable(shape, "true_positives");
  false_positives_ = add_variable(shape, "false_positives");
  true_negatives_ = add_variable(shape, "true_negatives");
  false_negatives_ = add_variable(shape, "false_negatives");
}

void SensitivitySpecificityBase::update_state(const Tensor& y_true,
                                              const Tensor& y_pred,
                                              const Tensor& sample_weight) {
  update_confusion_matrix_variables(
      {true_positives_.get(), false_positives_.get(), true_negatives_.get(),
       false_negatives_.get()},
      y_true, y_pred, sample_weight,
      {.thresholds = thresholds_,
       .thresholds_distributed_evenly = options_.num_thresholds > 1,
       .class_id = options_.class_id});
}

Tensor SensitivitySpecificityBase::result() const {
  const auto tp = floats_of(true_positives_->value());
  const auto fp = floats_of(false_positives_->value());
  const auto tn = floats_of(true_negatives_->value());
  const auto fn = floats_of(false_negatives_->value());
  // The best `dependent` rate where `constrained` >= value (0 if none).
  float best = 0;
  for (std::size_t i = 0; i < tp.size(); ++i) {
    const float recall = divide_no_nan(tp[i], tp[i] + fn[i]);
    const float specificity = divide_no_nan(tn[i], tn[i] + fp[i]);
    const float precision = divide_no_nan(tp[i], tp[i] + fp[i]);
    float constrained, dependent;
    if (class_name_ == "SensitivityAtSpecificity") {
      constrained = specificity, dependent = recall;
    } else if (class_name_ == "SpecificityAtSensitivity") {
      constrained = recall, dependent = specificity;
    } else if (class_name_ == "PrecisionAtRecall") {
      constrained = recall, dependent = precision;
    } else {
      constrained = precision, dependent = recall;
    }
    if (constrained >= static_cast<float>(options_.value)) {
      best = std::max(best, dependent);
    }
  }
  return Tensor::scalar(best);
}

Json SensitivitySpecificityBase::get_config() const {
  Json config = Metric::get_config();
  config["class_id"] =
      options_.class_id ? Json(*options_.class_id) : Json(nullptr);
  config["num_thresholds"] = options_.num_thresholds;
  config[value_key_] = options_.value;
  return config;
}

SensitivityAtSpecificity::SensitivityAtSpecificity(const AtValueOptions& o)
    : SensitivitySpecificityBase("SensitivityAtSpecificity", "specificity", o) {
}
SpecificityAtSensitivity::SpecificityAtSensitivity(const AtValueOptions& o)
    : SensitivitySpecificityBase("SpecificityAtSensitivity", "sensitivity", o) {
}
PrecisionAtRecall::PrecisionAtRecall(const AtValueOptions& o)
    : SensitivitySpecificityBase("PrecisionAtRecall", "recall", o) {}
RecallAtPrecision::RecallAtPrecision(const AtValueOptions& o)
    : SensitivitySpecificityBase("RecallAtPrecision", "precision", o) {}

}  // namespace keras::metrics
