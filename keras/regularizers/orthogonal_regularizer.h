// File: keras/regularizers/orthogonal_regularizer.h
// -----------------------------------------------------------------------------
// keras.regularizers.OrthogonalRegularizer (keras/src/regularizers/
// regularizers.py): penalizes non-orthogonal rows (or columns) of a rank-2
// weight:
//   factor * 0.5 * sum |off-diagonal of N N^T| / (size * (size - 1) / 2)
// where N holds the L2-normalized rows ("rows") or columns ("columns"). Like
// L1, the factor is a float32 tensor in Keras, hence the widened value in
// configs (0.02 -> 0.019999999552965164).
//
//   Dense(4, {.kernel_regularizer =
//                 std::make_shared<regularizers::OrthogonalRegularizer>(0.01)});
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/regularizers/regularizers.h"

namespace keras::regularizers {

class OrthogonalRegularizer : public Regularizer {
 public:
  explicit OrthogonalRegularizer(double factor = 0.01,
                                 const std::string& mode = "rows");
  Tensor operator()(const Tensor& x) const override;
  std::string class_name() const override { return "OrthogonalRegularizer"; }
  Json get_config() const override;

 private:
  double factor_;
  std::string mode_;
};

}  // namespace keras::regularizers
