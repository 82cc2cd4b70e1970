// File: keras/metrics/iou_metrics.h
// -----------------------------------------------------------------------------
// Intersection-over-union metrics (Python: keras/src/metrics/iou_metrics.py).
// They accumulate an int32 confusion matrix "total_confusion_matrix"
// (num_classes x num_classes, rows = true class) of integer class ids
// (sparse_y_true / sparse_y_pred false: argmax along `axis` first; ids out
// of range or equal to ignore_class are skipped; sample weights are cast to
// int32 as Keras does). The metric dtype is "int32".
//   * IoU: mean IoU of target_class_ids, IoU = tp / (tp + fp + fn);
//   * MeanIoU: over every class;
//   * BinaryIoU: predictions >= threshold are class 1;
//   * OneHotIoU / OneHotMeanIoU: one-hot y_true (and y_pred scores).
//
//   keras::metrics::MeanIoU miou({.num_classes = 3});
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/metrics/metric.h"

namespace keras::metrics {

struct IoUOptions {
  std::int64_t num_classes = 0;
  std::vector<std::int64_t> target_class_ids = {};
  std::string name = "";  // "" -> Keras' auto name ("io_u", ...)
  std::optional<std::int64_t> ignore_class = std::nullopt;
  bool sparse_y_true = true;
  bool sparse_y_pred = true;
  std::int64_t axis = -1;
};

class IoU : public Metric {
 public:
  explicit IoU(const IoUOptions& options);
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Tensor result() const override;
  std::string class_name() const override { return class_name_; }
  // num_classes, target_class_ids, name, dtype, ignore_class, sparse_y_true,
  // sparse_y_pred, axis (subclasses: Keras' key sets and orders).
  Json get_config() const override;

 protected:
  IoU(std::string class_name, const IoUOptions& options, const char* base);
  // The config entries `keys`, in that order (each subclass lists Keras').
  Json config_of(const std::vector<std::string>& keys) const;
  IoUOptions options_;

 private:
  std::string class_name_;
  VariablePtr total_cm_;
};

struct MeanIoUOptions {
  std::int64_t num_classes = 0;
  std::string name = "";
  std::optional<std::int64_t> ignore_class = std::nullopt;
  bool sparse_y_true = true;
  bool sparse_y_pred = true;
  std::int64_t axis = -1;
};

class MeanIoU : public IoU {
 public:
  explicit MeanIoU(const MeanIoUOptions& options);
  Json get_config() const override;
};

struct BinaryIoUOptions {
  std::vector<std::int64_t> target_class_ids = {0, 1};
  double threshold = 0.5;
  std::string name = "";
};

class BinaryIoU : public IoU {
 public:
  explicit BinaryIoU(const BinaryIoUOptions& options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = {}) override;
  Json get_config() const override;

 private:
  double threshold_;
};

struct OneHotIoUOptions {
  std::int64_t num_classes = 0;
  std::vector<std::int64_t> target_class_ids = {};
  std::string name = "";
  std::optional<std::int64_t> ignore_class = std::nullopt;
  bool sparse_y_pred = false;
  std::int64_t axis = -1;
};

class OneHotIoU : public IoU {
 public:
  explicit OneHotIoU(const OneHotIoUOptions& options);
  Json get_config() const override;
};

struct OneHotMeanIoUOptions {
  std::int64_t num_classes = 0;
  std::string name = "";
  std::optional<std::int64_t> ignore_class = std::nullopt;
  bool sparse_y_pred = false;
  std::int64_t axis = -1;
};

class OneHotMeanIoU : public IoU {
 public:
  explicit OneHotMeanIoU(const OneHotMeanIoUOptions& options);
  Json get_config() const override;
};

}  // namespace keras::metrics
