#include "keras/trainers/data_adapter.h"

#include <cmath>

#include "keras/core/error.h"
#include "keras/ops/ops.h"
#include "keras/trainers/compile_utils.h"

namespace keras::trainers {

Tensors Data::flatten(const std::vector<std::string>& names,
                      const char* what) const {
  if (named_.empty()) return tensors_;
  std::vector<std::string> keys;
  for (const auto& [key, t] : named_) keys.push_back(key);
  Tensors out;
  for (const std::string& name : names) {
    auto it = named_.find(name);
    if (it == named_.end()) {
      throw ValueError(
          str("Missing data for ", what, " \"", name,
              "\". You passed a data dictionary with keys ", names_repr(keys),
              ". Expected the following keys: ", names_repr(names)));
    }
    out.push_back(it->second);
  }
  if (named_.size() != names.size()) {
    for (const std::string& key : keys) {
      if (std::find(names.begin(), names.end(), key) == names.end()) {
        throw ValueError(str("Unknown ", what, " name \"", key,
                             "\" in the data dictionary. Expected the "
                             "following keys: ",
                             names_repr(names)));
      }
    }
  }
  return out;
}

std::int64_t check_data_cardinality(const Tensors& x, const Tensors& y,
                                    const Tensors& sample_weight) {
  std::int64_t n = -1;
  bool ambiguous = false;
  for (const Tensors* part : {&x, &y, &sample_weight}) {
    for (const Tensor& t : *part) {
      if (!t.defined()) continue;
      if (t.ndim() == 0) {
        throw ValueError(
            "Expected every data array to have a batch dimension; received "
            "a scalar.");
      }
      if (n >= 0 && t.dim(0) != n) ambiguous = true;
      if (n < 0) n = t.dim(0);
    }
  }
  if (ambiguous) {
    std::string msg =
        "Data cardinality is ambiguous. Make sure all arrays contain the "
        "same number of samples.";
    const char* labels[] = {"x", "y", "sample_weight"};
    const Tensors* parts[] = {&x, &y, &sample_weight};
    for (int k = 0; k < 3; ++k) {
      if (parts[k]->empty()) continue;
      std::string sizes;
      for (const Tensor& t : *parts[k]) {
        if (!t.defined()) continue;
        sizes += (sizes.empty() ? "" : ", ") + std::to_string(t.dim(0));
      }
      msg += str("'", labels[k], "' sizes: ", sizes, "\n");
    }
    throw ValueError(msg);
  }
  return n < 0 ? 0 : n;
}

Tensor class_weight_to_sample_weights(
    const Tensor& y, const std::map<std::int64_t, double>& class_weight) {
  Tensor labels = y;
  if (y.ndim() > 1) {
    labels = y.dim(-1) != 1 ? ops::argmax(y, -1) : ops::reshape(y, {y.dim(0)});
  }
  const Tensor values = labels.astype(DType::float64);
  const double* v = values.data<double>();
  std::vector<float> weights(static_cast<std::size_t>(y.dim(0)), 1.0f);
  for (std::size_t i = 0; i < weights.size(); ++i) {
    // np.round (half to even) then int, as Keras does.
    const auto id = static_cast<std::int64_t>(std::nearbyint(v[i]));
    auto it = class_weight.find(id);
    if (it != class_weight.end()) weights[i] = static_cast<float>(it->second);
  }
  return Tensor::from_vector(weights, {y.dim(0)});
}

Tensors slice_rows(const Tensors& xs, std::int64_t start, std::int64_t stop) {
  Tensors out;
  for (const Tensor& x : xs) {
    out.push_back(x.defined() ? ops::slice_axis(x, 0, start, stop) : x);
  }
  return out;
}

Tensors take_rows(const Tensors& xs, const Tensor& indices) {
  Tensors out;
  for (const Tensor& x : xs) {
    out.push_back(x.defined() ? ops::take(x, indices, 0) : x);
  }
  return out;
}

}  // namespace keras::trainers
