// The circle loss (Python: keras/src/losses/losses.py circle): a metric
// learning loss over the pairwise cosine distances of a batch of
// embeddings, pulling same-label pairs together and pushing the others
// apart.
#include "keras/core/error.h"
#include "keras/losses/internal/loss_utils.h"
#include "keras/losses/losses.h"
#include "keras/ops/core.h"
#include "keras/ops/nn.h"
#include "keras/ops/numpy.h"
#include "keras/ops/operators.h"

namespace keras::losses {

namespace {

// Keras' build_pos_neg_masks as 0/1 float matrices (labels carry no
// gradient): positive = same label (minus the diagonal), negative = other.
std::pair<Tensor, Tensor> pos_neg_masks(const Tensor& labels,
                                        bool remove_diagonal, DType dtype) {
  const auto values = ops::cast(labels, DType::int64).to_double_vector();
  const auto n = static_cast<std::int64_t>(values.size());
  std::vector<double> pos(values.size() * values.size());
  std::vector<double> neg(pos.size());
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < n; ++j) {
      const bool same = values[i] == values[j];
      pos[i * n + j] = same && !(remove_diagonal && i == j) ? 1.0 : 0.0;
      neg[i * n + j] = same ? 0.0 : 1.0;
    }
  }
  return {ops::cast(Tensor::from_vector<double>(pos, {n, n}), dtype),
          ops::cast(Tensor::from_vector<double>(neg, {n, n}), dtype)};
}

// logsumexp of x over the entries of each row where mask is 1; rows
// without any give a very negative number (Keras: -inf), so that
// softplus(...) of them is 0 without NaN gradients.
Tensor masked_logsumexp(const Tensor& x, const Tensor& mask) {
  const Tensor valid = ops::not_equal(mask, ops::zeros_like(mask));
  const Tensor very_negative = ops::scalar_like(-1e30, x);
  const Tensor xm = ops::where(valid, x, very_negative);
  const Tensor row_max =
      ops::stop_gradient(ops::max(xm, {1}, /*keepdims=*/true));
  const Tensor terms =
      ops::where(valid, ops::exp(xm - row_max), ops::zeros_like(xm));
  const Tensor sums = ops::sum(terms, {1});
  const Tensor any = ops::greater(sums, ops::zeros_like(sums));
  const Tensor safe = ops::where(any, sums, ops::ones_like(sums));
  return ops::where(any, ops::squeeze(row_max, {1}) + ops::log(safe),
                    very_negative);
}

}  // namespace

Tensor circle(const Tensor& y_true, const Tensor& y_pred, double gamma,
              double margin, bool remove_diagonal) {
  const Tensor embeddings = internal::float_pred(y_pred);
  if (embeddings.ndim() != 2) {
    throw ValueError(
        str("circle: `y_pred` must be embeddings of shape "
            "(batch_size, dim). Received: y_pred.shape=",
            shape_str(embeddings.shape())));
  }
  if (y_true.size() != embeddings.shape()[0]) {
    throw ValueError(
        str("circle: `y_true` must hold one label per row of "
            "`y_pred`. Received: y_true.shape=",
            shape_str(y_true.shape()),
            ", y_pred.shape=", shape_str(embeddings.shape())));
  }
  const DType dt = embeddings.dtype();
  const Tensor zero = Tensor::scalar(0, dt);
  Tensor distances =
      1.0 - ops::matmul(embeddings, ops::transpose(embeddings, {1, 0}));
  distances = ops::maximum(distances, zero);
  const auto [pos_mask, neg_mask] = pos_neg_masks(y_true, remove_diagonal, dt);
  const Tensor pos_weights =
      ops::maximum((margin + distances) * pos_mask, zero);
  const Tensor neg_weights =
      ops::maximum((1.0 + margin - distances) * neg_mask, zero);
  const Tensor pos_wdists = -gamma * pos_weights * (margin - distances);
  const Tensor neg_wdists = gamma * neg_weights * (1.0 - margin - distances);
  const Tensor loss = ops::softplus(masked_logsumexp(pos_wdists, pos_mask) +
                                    masked_logsumexp(neg_wdists, neg_mask));
  losses::set_keras_mask(loss, ops::greater(loss, zero));
  return loss;
}

}  // namespace keras::losses
