// File: keras/trainers/data_adapter.h
// -----------------------------------------------------------------------------
// The in-memory data fit/evaluate/predict take (Python: Keras' array data
// adapter and keras/src/trainers/data_adapters/data_adapter_utils.py):
// `x`, `y` and `sample_weight` as one tensor, a list of tensors (model input
// / output order) or a name -> tensor map (input names / output names).
//
//   model.fit(x, y);                                  // one tensor each
//   model.fit({x_a, x_b}, {y_reg, y_cls});            // lists
//   model.fit(Data::named({{"x", x}}), y);            // by input name
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::trainers {

class Data {
 public:
  Data() = default;
  Data(const Tensor& tensor) : tensors_{tensor} {}
  Data(Tensors tensors) : tensors_(std::move(tensors)) {}
  Data(std::initializer_list<Tensor> tensors) : tensors_(tensors) {}
  Data(std::map<std::string, Tensor> named) : named_(std::move(named)) {}
  static Data named(std::map<std::string, Tensor> named) {
    return Data(std::move(named));
  }

  bool empty() const { return tensors_.empty() && named_.empty(); }
  bool is_named() const { return !named_.empty(); }
  // The tensors in `names` order for a map (ValueError naming the missing
  // key), else as given. `what` is "input", "target" or "sample_weight".
  Tensors flatten(const std::vector<std::string>& names,
                  const char* what) const;

 private:
  Tensors tensors_;
  std::map<std::string, Tensor> named_;
};

// fit(validation_data=(x_val, y_val[, sample_weight])).
struct ValidationData {
  Data x = {};
  Data y = {};
  Data sample_weight = {};
  bool empty() const { return x.empty(); }
};

// The number of samples every tensor of x, y and sample_weight has
// (ValueError "Data cardinality is ambiguous" listing the sizes otherwise).
std::int64_t check_data_cardinality(const Tensors& x, const Tensors& y,
                                    const Tensors& sample_weight);

// Keras' class_weight_to_sample_weights: one weight per sample of `y` (class
// ids, a trailing 1, or one-hot rows: argmax), 1.0 for unlisted classes.
Tensor class_weight_to_sample_weights(
    const Tensor& y, const std::map<std::int64_t, double>& class_weight);

// Rows [start, stop) and rows `indices` of every tensor (batch axis 0).
Tensors slice_rows(const Tensors& xs, std::int64_t start, std::int64_t stop);
Tensors take_rows(const Tensors& xs, const Tensor& indices);

}  // namespace keras::trainers
