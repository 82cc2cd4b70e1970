// Shape manipulation and creation ops of numpy.h: reshape, transpose,
// expand_dims, squeeze, broadcast_to, *_like.
#include <algorithm>
#include <cmath>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

namespace internal {

Tensor permute(const Tensor& x, const std::vector<int>& perm) {
  Shape out_shape(perm.size());
  const Strides in = contiguous_strides(x.shape());
  Strides in_perm(perm.size());
  for (std::size_t i = 0; i < perm.size(); ++i) {
    out_shape[i] = x.shape()[perm[i]];
    in_perm[i] = in[perm[i]];
  }
  Tensor out = Tensor::empty(out_shape, x.dtype());
  dispatch_bytes(x.dtype(), [&](auto zero) {
    using U = decltype(zero);
    const U* px = static_cast<const U*>(x.raw_data());
    U* po = static_cast<U*>(out.raw_data());
    const std::array<Strides, 2> strides = {contiguous_strides(out_shape),
                                            in_perm};
    for_each_row<2>(out_shape, strides,
                    [&](const std::array<std::int64_t, 2>& off, std::int64_t n,
                        const std::array<std::int64_t, 2>& st) {
                      U* o = po + off[0];
                      const U* p = px + off[1];
                      for (std::int64_t i = 0; i < n; ++i) o[i] = p[i * st[1]];
                    });
  });
  return out;
}

}  // namespace internal

namespace {

// Recorded view of x with a new shape (same element count).
Tensor reshaped_view(const char* op, const Tensor& x, const Shape& shape) {
  if (x.is_symbolic()) return Tensor::symbolic(shape, x.dtype());
  const Shape x_shape = x.shape();
  return autograd::record(
      x.view(shape), {x},
      [x_shape](const Tensor& g) { return Tensors{reshape(g, x_shape)}; }, op);
}

}  // namespace

Tensor reshape(const Tensor& x, const Shape& shape) {
  internal::check_defined("reshape", {&x});
  int inferred = -1;
  std::int64_t known = 1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      if (inferred >= 0) {
        throw ValueError(str("reshape: can only infer one dimension, got ",
                             shape_str(shape), "."));
      }
      inferred = static_cast<int>(i);
    } else if (shape[i] < 0) {
      throw ValueError(
          str("reshape: invalid target shape ", shape_str(shape), "."));
    } else {
      known *= shape[i];
    }
  }
  const std::int64_t total = internal::known_size(x.shape());
  Shape out = shape;
  if (total >= 0) {
    if (inferred >= 0) {
      if (known == 0 || total % known != 0) {
        throw ValueError(str("reshape: cannot reshape a tensor of shape ",
                             shape_str(x.shape()), " into shape ",
                             shape_str(shape), "."));
      }
      out[inferred] = total / known;
    } else if (known != total) {
      throw ValueError(str("reshape: cannot reshape a tensor of shape ",
                           shape_str(x.shape()), " (", total,
                           " elements) into shape ", shape_str(shape), " (",
                           known, " elements)."));
    }
  }
  return reshaped_view("reshape", x, out);
}

Tensor transpose(const Tensor& x, const Axes& axes) {
  internal::check_defined("transpose", {&x});
  const std::size_t rank = x.shape().size();
  std::vector<int> perm;
  if (axes.empty()) {
    for (std::size_t i = rank; i-- > 0;) perm.push_back(static_cast<int>(i));
  } else {
    if (axes.size() != rank) {
      throw ValueError(str("transpose: axes has ", axes.size(),
                           " entries but the tensor of shape ",
                           shape_str(x.shape()), " has rank ", rank, "."));
    }
    std::vector<bool> seen(rank, false);
    for (std::int64_t a : axes) {
      const int n = internal::normalize_axis_for(a, rank, "transpose");
      if (seen[n]) {
        throw ValueError(str("transpose: repeated axis ", a, " in axes."));
      }
      seen[n] = true;
      perm.push_back(n);
    }
  }
  if (x.is_symbolic()) {
    Shape out(rank);
    for (std::size_t i = 0; i < rank; ++i) out[i] = x.shape()[perm[i]];
    return Tensor::symbolic(out, x.dtype());
  }
  Axes inverse(rank);
  for (std::size_t i = 0; i < rank; ++i) inverse[perm[i]] = std::int64_t(i);
  return autograd::record(
      internal::permute(x, perm), {x},
      [inverse](const Tensor& g) { return Tensors{transpose(g, inverse)}; },
      "transpose");
}

Tensor expand_dims(const Tensor& x, std::int64_t axis) {
  internal::check_defined("expand_dims", {&x});
  const int a =
      internal::normalize_axis_for(axis, x.shape().size() + 1, "expand_dims");
  Shape out = x.shape();
  out.insert(out.begin() + a, 1);
  return reshaped_view("expand_dims", x, out);
}

Tensor squeeze(const Tensor& x, const Axes& axes) {
  internal::check_defined("squeeze", {&x});
  const Shape& s = x.shape();
  std::vector<bool> drop(s.size(), false);
  if (axes.empty()) {
    for (std::size_t i = 0; i < s.size(); ++i) drop[i] = s[i] == 1;
  } else {
    for (int a : internal::normalize_axes(axes, s.size(), "squeeze")) {
      if (s[a] != 1 && s[a] != -1) {
        throw ValueError(str("squeeze: cannot squeeze axis ", a,
                             " of a tensor of shape ", shape_str(s),
                             ": its size is not 1."));
      }
      drop[a] = true;
    }
  }
  Shape out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!drop[i]) out.push_back(s[i]);
  }
  return reshaped_view("squeeze", x, out);
}

Tensor broadcast_to(const Tensor& x, const Shape& shape) {
  internal::check_defined("broadcast_to", {&x});
  const Shape& s = x.shape();
  bool ok = s.size() <= shape.size();
  for (std::size_t i = 0; ok && i < s.size(); ++i) {
    const std::int64_t d = s[i];
    const std::int64_t t = shape[shape.size() - s.size() + i];
    ok = d == 1 || d == t || d == -1 || t == -1;
  }
  if (!ok) {
    throw ValueError(str("broadcast_to: cannot broadcast a tensor of shape ",
                         shape_str(s), " to shape ", shape_str(shape), "."));
  }
  if (x.is_symbolic()) return Tensor::symbolic(shape, x.dtype());
  if (internal::known_size(shape) < 0) {
    throw ValueError(str("broadcast_to: target shape ", shape_str(shape),
                         " has unknown dimensions."));
  }
  Tensor out = Tensor::empty(shape, x.dtype());
  internal::dispatch_bytes(x.dtype(), [&](auto zero) {
    using U = decltype(zero);
    internal::broadcast_copy<U>(static_cast<const U*>(x.raw_data()), s,
                                static_cast<U*>(out.raw_data()), shape);
  });
  const Shape x_shape = s;
  return autograd::record(
      out, {x},
      [x_shape](const Tensor& g) {
        return Tensors{autograd::unbroadcast(g, x_shape)};
      },
      "broadcast_to");
}

Tensor zeros_like(const Tensor& x) { return full_like(x, 0.0); }
Tensor ones_like(const Tensor& x) { return full_like(x, 1.0); }

Tensor full_like(const Tensor& x, double value) {
  internal::check_defined("full_like", {&x});
  if (x.is_symbolic()) return Tensor::symbolic(x.shape(), x.dtype());
  return Tensor::full(x.shape(), value, x.dtype());
}

Tensor arange(double start, double stop, double step, DType dtype) {
  if (step == 0 || !std::isfinite(start) || !std::isfinite(stop) ||
      !std::isfinite(step)) {
    throw ValueError(str("arange: invalid range start=", start, ", stop=", stop,
                         ", step=", step, "."));
  }
  const double count = std::ceil((stop - start) / step);
  const auto n = static_cast<std::int64_t>(count > 0 ? count : 0);
  Tensor out = Tensor::empty({n}, DType::float64);
  double* p = out.data<double>();
  for (std::int64_t i = 0; i < n; ++i)
    p[i] = start + static_cast<double>(i) * step;
  return out.astype(dtype);
}

}  // namespace keras::ops
