#include "keras/ops/internal/common.h"

#include <algorithm>

#include "keras/ops/internal/broadcast.h"

namespace keras::ops::internal {

void check_defined(const char* op, std::initializer_list<const Tensor*> xs) {
  for (const Tensor* x : xs) {
    if (!x->defined()) {
      throw ValueError(str(op, ": received an undefined tensor."));
    }
  }
}

bool any_symbolic(std::initializer_list<const Tensor*> xs) {
  for (const Tensor* x : xs) {
    if (x->is_symbolic()) return true;
  }
  return false;
}

DType compute_dtype(DType d) {
  return (d == DType::bfloat16 || d == DType::float16) ? DType::float32 : d;
}

namespace {
int rank_of(DType d) {
  switch (d) {
    case DType::bool_:
      return 0;
    case DType::uint8:
      return 1;
    case DType::int8:
      return 2;
    case DType::int32:
      return 3;
    case DType::int64:
      return 4;
    case DType::float32:
      return 5;
    case DType::float64:
      return 6;
    default:
      return 5;  // bfloat16/float16 compute as float32
  }
}
}  // namespace

DType promote_types(DType a, DType b) {
  a = compute_dtype(a);
  b = compute_dtype(b);
  return rank_of(a) >= rank_of(b) ? a : b;
}

DType float_dtype(DType d) {
  d = compute_dtype(d);
  return is_float(d) ? d : DType::float32;
}

int normalize_axis_for(std::int64_t axis, std::size_t rank, const char* op) {
  const auto r = static_cast<std::int64_t>(rank);
  if (axis < -r || axis >= r) {
    throw ValueError(str(op, ": axis ", axis,
                         " is out of bounds for a tensor of rank ", rank, "."));
  }
  return static_cast<int>(axis < 0 ? axis + r : axis);
}

std::vector<int> normalize_axes(const Axes& axes, std::size_t rank,
                                const char* op) {
  std::vector<int> out;
  if (axes.empty()) {
    for (std::size_t i = 0; i < rank; ++i) out.push_back(static_cast<int>(i));
    return out;
  }
  for (std::int64_t a : axes) out.push_back(normalize_axis_for(a, rank, op));
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end()) {
    throw ValueError(
        str(op, ": repeated axis in axes for a tensor of rank ", rank, "."));
  }
  return out;
}

std::int64_t known_size(const Shape& shape) {
  for (std::int64_t d : shape) {
    if (d < 0) return -1;
  }
  return shape_size(shape);
}

Shape broadcast_shapes(const Shape& a, const Shape& b, const char* op) {
  const std::size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    const std::int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da == db || db == 1) {
      out[i] = da;
    } else if (da == 1) {
      out[i] = db;
    } else if (da == -1) {
      out[i] = db;
    } else if (db == -1) {
      out[i] = da;
    } else {
      throw ValueError(str(op, ": incompatible shapes ", shape_str(a), " and ",
                           shape_str(b), " for broadcasting."));
    }
  }
  return out;
}

Strides contiguous_strides(const Shape& shape) {
  Strides s(shape.size());
  std::int64_t stride = 1;
  for (std::size_t i = shape.size(); i-- > 0;) {
    s[i] = stride;
    stride *= shape[i];
  }
  return s;
}

Strides broadcast_strides(const Shape& shape, const Shape& out) {
  Strides s(out.size(), 0);
  const Strides own = contiguous_strides(shape);
  const std::size_t lead = out.size() - shape.size();
  for (std::size_t i = 0; i < shape.size(); ++i) {
    s[lead + i] = shape[i] == 1 ? 0 : own[i];
  }
  return s;
}

}  // namespace keras::ops::internal
