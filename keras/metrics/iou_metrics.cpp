#include "keras/metrics/iou_metrics.h"

#include <algorithm>
#include <numeric>

#include "keras/core/error.h"
#include "keras/metrics/internal/metric_utils.h"
#include "keras/ops/autograd.h"
#include "keras/ops/core.h"
#include "keras/ops/numpy.h"
#include "keras/utils/naming.h"

namespace keras::metrics {

namespace {

std::vector<std::int64_t> all_classes(std::int64_t n) {
  std::vector<std::int64_t> ids(
      static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
  std::iota(ids.begin(), ids.end(), 0);
  return ids;
}

Json optional_json(const std::optional<std::int64_t>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// int32 values of `x` (floats truncate toward zero, as a cast does).
std::vector<std::int64_t> ints_of(const Tensor& x) {
  const auto d = ops::cast(x, DType::int32).to_double_vector();
  return std::vector<std::int64_t>(d.begin(), d.end());
}

}  // namespace

IoU::IoU(const IoUOptions& options) : IoU("IoU", options, "io_u") {}

IoU::IoU(std::string class_name, const IoUOptions& options, const char* base)
    : Metric(options.name.empty() ? utils::uniquify(base) : options.name,
             "int32"),
      options_(options),
      class_name_(std::move(class_name)) {
  if (options.num_classes <= 0) {
    throw ValueError(str(class_name_,
                         ": `num_classes` must be a positive integer. "
                         "Received: num_classes=",
                         options.num_classes));
  }
  if (options.target_class_ids.empty()) {
    throw ValueError(str(class_name_, ": `target_class_ids` is empty."));
  }
  const auto max_id = *std::max_element(options.target_class_ids.begin(),
                                        options.target_class_ids.end());
  if (max_id >= options.num_classes) {
    throw ValueError(str("Target class id ", max_id,
                         " is out of range, which is [0, ", options.num_classes,
                         ")."));
  }
  total_cm_ = add_variable({options.num_classes, options.num_classes},
                           "total_confusion_matrix", DType::int32);
}

void IoU::update_state(const Tensor& y_true_in, const Tensor& y_pred_in,
                       const Tensor& sample_weight) {
  autograd::NoGradGuard no_grad;
  Tensor y_true = y_true_in, y_pred = y_pred_in;
  if (!options_.sparse_y_true) y_true = ops::argmax(y_true, options_.axis);
  if (!options_.sparse_y_pred) y_pred = ops::argmax(y_pred, options_.axis);
  const auto truth = ints_of(y_true);
  const auto pred = ints_of(y_pred);
  if (truth.size() != pred.size()) {
    throw ValueError(str(class_name_,
                         ": `y_true` and `y_pred` must have the same number "
                         "of elements. Received: y_true.shape=",
                         shape_str(y_true.shape()),
                         ", y_pred.shape=", shape_str(y_pred.shape())));
  }
  std::vector<std::int64_t> weights(truth.size(), 1);
  if (sample_weight.defined()) {
    const auto w = ints_of(
        ops::broadcast_to(ops::reshape(sample_weight, {sample_weight.size()}),
                          {static_cast<std::int64_t>(truth.size())}));
    weights = w;
  }
  const std::int64_t n = options_.num_classes;
  std::vector<double> cm = total_cm_->value().to_double_vector();
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const bool in_bounds =
        truth[i] >= 0 && truth[i] < n && pred[i] >= 0 && pred[i] < n &&
        !(options_.ignore_class && truth[i] == *options_.ignore_class);
    if (!in_bounds) continue;
    cm[static_cast<std::size_t>(truth[i] * n + pred[i])] +=
        static_cast<double>(weights[i]);
  }
  std::vector<std::int32_t> values(cm.begin(), cm.end());
  total_cm_->assign(Tensor::from_vector<std::int32_t>(values, {n, n}));
}

Tensor IoU::result() const {
  const std::int64_t n = options_.num_classes;
  const auto cm = total_cm_->value().to_double_vector();
  float total = 0, valid = 0;
  for (std::int64_t id : options_.target_class_ids) {
    double row = 0, col = 0;
    for (std::int64_t k = 0; k < n; ++k) {
      row += cm[static_cast<std::size_t>(k * n + id)];  // sum over axis 0
      col += cm[static_cast<std::size_t>(id * n + k)];  // sum over axis 1
    }
    const double tp = cm[static_cast<std::size_t>(id * n + id)];
    const auto denominator = static_cast<float>(row + col - tp);
    if (denominator > 1e-9f) {
      valid += 1;
      total += static_cast<float>(tp) / (denominator + 1e-7f);
    }
  }
  return Tensor::scalar(total / (valid + 1e-7f));
}

Json IoU::config_of(const std::vector<std::string>& keys) const {
  Json config = Json::object();
  for (const std::string& key : keys) {
    if (key == "name") {
      config[key] = name();
    } else if (key == "dtype") {
      config[key] = dtype();
    } else if (key == "num_classes") {
      config[key] = options_.num_classes;
    } else if (key == "target_class_ids") {
      config[key] = options_.target_class_ids;
    } else if (key == "ignore_class") {
      config[key] = optional_json(options_.ignore_class);
    } else if (key == "sparse_y_true") {
      config[key] = options_.sparse_y_true;
    } else if (key == "sparse_y_pred") {
      config[key] = options_.sparse_y_pred;
    } else if (key == "axis") {
      config[key] = options_.axis;
    }
  }
  return config;
}

Json IoU::get_config() const {
  return config_of({"name", "dtype", "num_classes", "target_class_ids",
                    "ignore_class", "sparse_y_true", "sparse_y_pred", "axis"});
}

MeanIoU::MeanIoU(const MeanIoUOptions& o)
    : IoU("MeanIoU",
          {.num_classes = o.num_classes,
           .target_class_ids = all_classes(o.num_classes),
           .name = o.name,
           .ignore_class = o.ignore_class,
           .sparse_y_true = o.sparse_y_true,
           .sparse_y_pred = o.sparse_y_pred,
           .axis = o.axis},
          "mean_io_u") {}

Json MeanIoU::get_config() const {
  return config_of({"num_classes", "name", "dtype", "ignore_class",
                    "sparse_y_true", "sparse_y_pred", "axis"});
}

BinaryIoU::BinaryIoU(const BinaryIoUOptions& o)
    : IoU("BinaryIoU",
          {.num_classes = 2,
           .target_class_ids = o.target_class_ids,
           .name = o.name},
          "binary_io_u"),
      threshold_(o.threshold) {}

void BinaryIoU::update_state(const Tensor& y_true, const Tensor& y_pred,
                             const Tensor& sample_weight) {
  const Tensor classes =
      ops::cast(ops::greater_equal(ops::cast(y_pred, DType::float32),
                                   Tensor::scalar(threshold_, DType::float32)),
                DType::int32);
  IoU::update_state(y_true, classes, sample_weight);
}

Json BinaryIoU::get_config() const {
  Json config = config_of({"target_class_ids"});
  config["threshold"] = threshold_;
  config["name"] = name();
  config["dtype"] = dtype();
  return config;
}

OneHotIoU::OneHotIoU(const OneHotIoUOptions& o)
    : IoU("OneHotIoU",
          {.num_classes = o.num_classes,
           .target_class_ids = o.target_class_ids,
           .name = o.name,
           .ignore_class = o.ignore_class,
           .sparse_y_true = false,
           .sparse_y_pred = o.sparse_y_pred,
           .axis = o.axis},
          "one_hot_io_u") {}

Json OneHotIoU::get_config() const {
  return config_of({"num_classes", "target_class_ids", "name", "dtype",
                    "ignore_class", "sparse_y_pred", "axis"});
}

OneHotMeanIoU::OneHotMeanIoU(const OneHotMeanIoUOptions& o)
    : IoU("OneHotMeanIoU",
          {.num_classes = o.num_classes,
           .target_class_ids = all_classes(o.num_classes),
           .name = o.name,
           .ignore_class = o.ignore_class,
           .sparse_y_true = false,
           .sparse_y_pred = o.sparse_y_pred,
           .axis = o.axis},
          "one_hot_mean_io_u") {}

Json OneHotMeanIoU::get_config() const {
  return config_of({"num_classes", "name", "dtype", "ignore_class",
                    "sparse_y_pred", "axis"});
}

}  // namespace keras::metrics
