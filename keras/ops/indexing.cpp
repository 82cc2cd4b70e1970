// Ops of numpy.h that move blocks of elements: concatenate, slice_axis,
// take, take_along_axis. Views over one axis are (outer, axis, inner) blocks
// of a contiguous tensor; gathers copy whole inner blocks with memcpy.
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/kernels.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

using internal::convert;

namespace {

// Products of the dims before and after `axis`.
std::int64_t outer_size(const Shape& s, int axis) {
  std::int64_t n = 1;
  for (int i = 0; i < axis; ++i) n *= s[i];
  return n;
}
std::int64_t inner_size(const Shape& s, int axis) {
  std::int64_t n = 1;
  for (std::size_t i = axis + 1; i < s.size(); ++i) n *= s[i];
  return n;
}

// Copies x[..., start:start+n, ...] (along `axis`) to out, or out's region
// back into x's when `scatter` (used by the gradient of slice_axis).
void copy_slab(const Tensor& src, Tensor& dst, int axis, std::int64_t src_start,
               std::int64_t dst_start, std::int64_t n) {
  const std::int64_t outer = outer_size(src.shape(), axis);
  const std::int64_t inner = inner_size(src.shape(), axis);
  const std::size_t es = dtype_size(src.dtype());
  const std::int64_t src_axis = src.shape()[axis];
  const std::int64_t dst_axis = dst.shape()[axis];
  const auto* ps = static_cast<const char*>(src.raw_data());
  auto* pd = static_cast<char*>(dst.raw_data());
  const std::size_t block = static_cast<std::size_t>(n * inner) * es;
  if (block == 0) return;
  if (src.dtype() == DType::string) {  // objects: copy by assignment
    const std::string* s = src.data<std::string>();
    std::string* d = dst.data<std::string>();
    for (std::int64_t o = 0; o < outer; ++o) {
      std::copy_n(s + (o * src_axis + src_start) * inner, n * inner,
                  d + (o * dst_axis + dst_start) * inner);
    }
    return;
  }
  for (std::int64_t o = 0; o < outer; ++o) {
    std::memcpy(pd + ((o * dst_axis + dst_start) * inner) * es,
                ps + ((o * src_axis + src_start) * inner) * es, block);
  }
}

}  // namespace

Tensor concatenate(const Tensors& xs, std::int64_t axis) {
  if (xs.empty()) {
    throw ValueError("concatenate: needs at least one tensor.");
  }
  for (const Tensor& x : xs) internal::check_defined("concatenate", {&x});
  const std::size_t rank = xs[0].shape().size();
  if (rank == 0) {
    throw ValueError(
        "concatenate: zero-dimensional tensors cannot be "
        "concatenated.");
  }
  const int a = internal::normalize_axis_for(axis, rank, "concatenate");
  Shape out = xs[0].shape();
  DType dt = internal::compute_dtype(xs[0].dtype());
  bool symbolic = xs[0].is_symbolic();
  for (std::size_t k = 1; k < xs.size(); ++k) {
    const Shape& s = xs[k].shape();
    bool ok = s.size() == rank;
    for (std::size_t i = 0; ok && i < rank; ++i) {
      if (static_cast<int>(i) == a) continue;
      if (out[i] == -1) out[i] = s[i];
      ok = s[i] == -1 || s[i] == out[i];
    }
    if (!ok) {
      throw ValueError(str("concatenate: incompatible shapes ",
                           shape_str(xs[0].shape()), " and ", shape_str(s),
                           " along axis ", axis,
                           " (all dims but the axis must match)."));
    }
    out[a] = (out[a] < 0 || s[a] < 0) ? -1 : out[a] + s[a];
    dt = internal::promote_types(dt, xs[k].dtype());
    symbolic = symbolic || xs[k].is_symbolic();
  }
  if (symbolic) return Tensor::symbolic(out, dt);
  // Keep bfloat16/float16 storage when every input has the same dtype: a
  // concatenation only moves elements.
  bool same = true;
  for (const Tensor& x : xs) same = same && x.dtype() == xs[0].dtype();
  if (same) dt = xs[0].dtype();
  Tensor result = Tensor::empty(out, dt);
  std::int64_t offset = 0;
  std::vector<std::int64_t> starts;
  for (const Tensor& x : xs) {
    starts.push_back(offset);
    copy_slab(convert(x, dt), result, a, 0, offset, x.shape()[a]);
    offset += x.shape()[a];
  }
  return autograd::record(
      result, xs,
      [xs, a, starts](const Tensor& g) {
        Tensors grads(xs.size());
        for (std::size_t k = 0; k < xs.size(); ++k) {
          if (!xs[k].requires_grad()) continue;
          grads[k] = slice_axis(g, a, starts[k], starts[k] + xs[k].shape()[a]);
        }
        return grads;
      },
      "concatenate");
}

Tensor stack(const Tensors& xs, std::int64_t axis) {
  if (xs.empty()) throw ValueError("stack: needs at least one tensor.");
  for (const Tensor& x : xs) {
    internal::check_defined("stack", {&x});
    if (x.shape() != xs[0].shape()) {
      throw ValueError(str("stack: all tensors must have the same shape, got ",
                           shape_str(xs[0].shape()), " and ",
                           shape_str(x.shape()), "."));
    }
  }
  const int a =
      internal::normalize_axis_for(axis, xs[0].shape().size() + 1, "stack");
  Tensors expanded;
  for (const Tensor& x : xs) expanded.push_back(expand_dims(x, a));
  return concatenate(expanded, a);
}

Tensor slice_axis(const Tensor& x, std::int64_t axis, std::int64_t start,
                  std::int64_t stop) {
  internal::check_defined("slice_axis", {&x});
  const int a =
      internal::normalize_axis_for(axis, x.shape().size(), "slice_axis");
  const std::int64_t n = x.shape()[a];
  Shape out = x.shape();
  if (n < 0) {
    out[a] = -1;
    return Tensor::symbolic(out, x.dtype());
  }
  // Python slice semantics: negative counts from the end, then clip.
  auto clamp = [n](std::int64_t i) {
    if (i < 0) i += n;
    return std::clamp<std::int64_t>(i, 0, n);
  };
  const std::int64_t b = clamp(start);
  const std::int64_t e = std::max(b, clamp(stop));
  out[a] = e - b;
  if (x.is_symbolic()) return Tensor::symbolic(out, x.dtype());
  Tensor result = Tensor::empty(out, x.dtype());
  copy_slab(x, result, a, b, 0, e - b);
  const Shape x_shape = x.shape();
  return autograd::record(
      result, {x},
      [x_shape, a, b, e](const Tensor& g) {
        Tensor gx = Tensor::zeros(x_shape, g.dtype());
        copy_slab(g, gx, a, 0, b, e - b);
        return Tensors{gx};
      },
      "slice_axis");
}

namespace {

// Indices as int64, with negative ones wrapped; throws on out-of-range.
std::vector<std::int64_t> checked_indices(const char* op, const Tensor& idx,
                                          std::int64_t n, int axis) {
  if (!is_integer(idx.dtype())) {
    throw ValueError(str(op, ": indices must be integers, got dtype ",
                         dtype_name(idx.dtype()), "."));
  }
  const Tensor i64 = convert(idx, DType::int64);
  const std::int64_t* p = i64.data<std::int64_t>();
  std::vector<std::int64_t> out(p, p + i64.size());
  for (std::int64_t& i : out) {
    if (i < -n || i >= n) {
      throw ValueError(str(op, ": index ", i, " is out of bounds for axis ",
                           axis, " with size ", n, "."));
    }
    if (i < 0) i += n;
  }
  return out;
}

// out[o, j, :] = src[o, idx[j], :] (gather), and its transpose.
void gather_blocks(const Tensor& src, Tensor& dst, int axis,
                   const std::vector<std::int64_t>& idx) {
  const std::int64_t outer = outer_size(src.shape(), axis);
  const std::int64_t inner = inner_size(src.shape(), axis);
  const std::int64_t n = src.shape()[axis];
  const std::size_t es = dtype_size(src.dtype());
  const std::size_t block = static_cast<std::size_t>(inner) * es;
  const auto* ps = static_cast<const char*>(src.raw_data());
  auto* pd = static_cast<char*>(dst.raw_data());
  const std::int64_t m = static_cast<std::int64_t>(idx.size());
  if (block == 0) return;
  if (src.dtype() == DType::string) {  // objects: copy by assignment
    const std::string* s = src.data<std::string>();
    std::string* d = dst.data<std::string>();
    for (std::int64_t o = 0; o < outer; ++o) {
      for (std::int64_t j = 0; j < m; ++j) {
        std::copy_n(s + (o * n + idx[j]) * inner, inner,
                    d + (o * m + j) * inner);
      }
    }
    return;
  }
  for (std::int64_t o = 0; o < outer; ++o) {
    for (std::int64_t j = 0; j < m; ++j) {
      std::memcpy(pd + (o * m + j) * block, ps + (o * n + idx[j]) * block,
                  block);
    }
  }
}

template <class T>
void scatter_add_blocks(const T* g, T* dst, std::int64_t outer, std::int64_t n,
                        std::int64_t inner,
                        const std::vector<std::int64_t>& idx) {
  const std::int64_t m = static_cast<std::int64_t>(idx.size());
  for (std::int64_t o = 0; o < outer; ++o) {
    for (std::int64_t j = 0; j < m; ++j) {
      const T* src = g + (o * m + j) * inner;
      T* d = dst + (o * n + idx[j]) * inner;
      for (std::int64_t i = 0; i < inner; ++i) d[i] += src[i];
    }
  }
}

}  // namespace

Tensor take(const Tensor& x, const Tensor& indices, std::int64_t axis) {
  internal::check_defined("take", {&x, &indices});
  const int a = internal::normalize_axis_for(axis, x.shape().size(), "take");
  Shape out(x.shape().begin(), x.shape().begin() + a);
  out.insert(out.end(), indices.shape().begin(), indices.shape().end());
  out.insert(out.end(), x.shape().begin() + a + 1, x.shape().end());
  if (internal::any_symbolic({&x, &indices})) {
    return Tensor::symbolic(out, x.dtype());
  }
  const auto idx = std::make_shared<std::vector<std::int64_t>>(
      checked_indices("take", indices, x.shape()[a], a));
  Tensor result = Tensor::empty(out, x.dtype());
  gather_blocks(x, result, a, *idx);
  const Shape x_shape = x.shape();
  return autograd::record(
      result, {x, indices},
      [idx, x_shape, a](const Tensor& g0) {
        const Tensor g = convert(g0, internal::float_dtype(g0.dtype()));
        Tensor gx = Tensor::zeros(x_shape, g.dtype());
        internal::dispatch_float(g.dtype(), [&](auto zero) {
          using T = decltype(zero);
          scatter_add_blocks<T>(g.data<T>(), gx.data<T>(),
                                outer_size(x_shape, a), x_shape[a],
                                inner_size(x_shape, a), *idx);
        });
        return Tensors{gx, Tensor()};
      },
      "take");
}

Tensor take_along_axis(const Tensor& x, const Tensor& indices,
                       std::int64_t axis) {
  internal::check_defined("take_along_axis", {&x, &indices});
  const std::size_t rank = x.shape().size();
  if (indices.shape().size() != rank) {
    throw ValueError(
        str("take_along_axis: x and indices must have the same "
            "rank, got shapes ",
            shape_str(x.shape()), " and ", shape_str(indices.shape()), "."));
  }
  const int a = internal::normalize_axis_for(axis, rank, "take_along_axis");
  // Non-axis dims broadcast against each other, as in NumPy.
  Shape xs = x.shape(), is = indices.shape();
  xs[a] = 1;
  is[a] = 1;
  Shape out = internal::broadcast_shapes(xs, is, "take_along_axis");
  Shape x_full = out;
  x_full[a] = x.shape()[a];
  out[a] = indices.shape()[a];
  if (internal::any_symbolic({&x, &indices})) {
    return Tensor::symbolic(out, x.dtype());
  }
  Tensor xb = x, ib = indices;
  {
    autograd::NoGradGuard no_grad;  // the backward below unbroadcasts itself
    if (x.shape() != x_full) xb = broadcast_to(x, x_full);
    if (indices.shape() != out) ib = broadcast_to(indices, out);
  }
  const std::int64_t n = x_full[a];
  const auto idx = std::make_shared<std::vector<std::int64_t>>(
      checked_indices("take_along_axis", ib, n, a));
  const std::int64_t outer = outer_size(out, a);
  const std::int64_t m = out[a];
  const std::int64_t inner = inner_size(out, a);
  Tensor result = Tensor::empty(out, x.dtype());
  internal::dispatch_bytes(x.dtype(), [&](auto zero) {
    using U = decltype(zero);
    const U* px = static_cast<const U*>(xb.raw_data());
    U* po = static_cast<U*>(result.raw_data());
    for (std::int64_t o = 0; o < outer; ++o) {
      for (std::int64_t j = 0; j < m; ++j) {
        for (std::int64_t i = 0; i < inner; ++i) {
          const std::int64_t at = (o * m + j) * inner + i;
          po[at] = px[(o * n + (*idx)[at]) * inner + i];
        }
      }
    }
  });
  const Shape x_shape = x.shape();
  return autograd::record(
      result, {x, indices},
      [idx, x_shape, x_full, outer, m, n, inner](const Tensor& g0) {
        const Tensor g = convert(g0, internal::float_dtype(g0.dtype()));
        Tensor gx = Tensor::zeros(x_full, g.dtype());
        internal::dispatch_float(g.dtype(), [&](auto zero) {
          using T = decltype(zero);
          const T* pg = g.data<T>();
          T* pd = gx.data<T>();
          for (std::int64_t o = 0; o < outer; ++o) {
            for (std::int64_t j = 0; j < m; ++j) {
              for (std::int64_t i = 0; i < inner; ++i) {
                const std::int64_t at = (o * m + j) * inner + i;
                pd[(o * n + (*idx)[at]) * inner + i] += pg[at];
              }
            }
          }
        });
        return Tensors{autograd::unbroadcast(gx, x_shape), Tensor()};
      },
      "take_along_axis");
}

}  // namespace keras::ops
