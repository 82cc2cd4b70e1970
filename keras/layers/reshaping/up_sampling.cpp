#include "keras/layers/reshaping/up_sampling.h"

#include <algorithm>
#include <cctype>

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/layers/reshaping/reshaping_utils.h"
#include "keras/ops/array_ops.h"
#include "keras/ops/ops.h"

namespace keras::layers {

Tensor resize_linear_axis(const Tensor& x, std::int64_t axis,
                          std::int64_t out_size) {
  const int a = normalize_axis(axis, x.shape().size());
  const std::int64_t in_size = x.shape()[a];
  Shape out_shape = x.shape();
  out_shape[a] = out_size;
  if (x.is_symbolic()) return Tensor::symbolic(out_shape, x.dtype());
  // weights(in, out): column o mixes the two nearest source entries.
  std::vector<double> w(in_size * out_size, 0.0);
  const double scale = static_cast<double>(in_size) / out_size;
  for (std::int64_t o = 0; o < out_size; ++o) {
    const double src = std::max((o + 0.5) * scale - 0.5, 0.0);
    const auto i0 = std::min(static_cast<std::int64_t>(src), in_size - 1);
    const std::int64_t i1 = std::min(i0 + 1, in_size - 1);
    const double t = src - static_cast<double>(i0);
    w[i0 * out_size + o] += 1.0 - t;
    w[i1 * out_size + o] += t;
  }
  const Tensor weights =
      Tensor::from_vector<double>(w, {in_size, out_size}).astype(x.dtype());
  // Move the axis last, contract it with the weights, move it back.
  ops::Axes perm;
  for (int i = 0; i < static_cast<int>(x.ndim()); ++i) {
    if (i != a) perm.push_back(i);
  }
  perm.push_back(a);
  ops::Axes inverse(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i) inverse[perm[i]] = i;
  return ops::transpose(ops::matmul(ops::transpose(x, perm), weights), inverse);
}

UpSamplingLayer::UpSamplingLayer(std::vector<std::int64_t> size,
                                 std::string data_format,
                                 std::string interpolation, LayerOptions base,
                                 const std::string& base_name)
    : Layer(std::move(base), base_name),
      size_(std::move(size)),
      data_format_(standardize_data_format(data_format)),
      interpolation_(std::move(interpolation)) {
  std::transform(interpolation_.begin(), interpolation_.end(),
                 interpolation_.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (interpolation_ != "nearest" && interpolation_ != "bilinear") {
    throw NotImplementedError(
        str("UpSampling2D: interpolation='", interpolation_,
            "' is not supported yet (supported: 'nearest', 'bilinear')."));
  }
}

Tensors UpSamplingLayer::call(const Tensors& inputs, const CallContext&) {
  Tensor x = inputs.at(0);
  check_input_rank(*this, x, static_cast<int>(size_.size()) + 2);
  for (std::size_t i = 0; i < size_.size(); ++i) {
    const std::int64_t axis = spatial_axis(i, data_format_);
    if (interpolation_ == "bilinear") {
      const std::int64_t n = x.shape()[axis];
      x = resize_linear_axis(x, axis, n < 0 ? -1 : n * size_[i]);
    } else {
      x = ops::repeat(x, size_[i], axis);
    }
  }
  return {x};
}

}  // namespace keras::layers
