// pad and repeat as compositions of numpy.h ops: concatenating constant
// blocks, and broadcasting along a new axis then merging it, keep the code
// small and make the gradients those of concatenate/broadcast_to.
#include "keras/ops/array_ops.h"

#include "keras/ops/internal/common.h"
#include "keras/ops/numpy.h"

namespace keras::ops {

Tensor pad(const Tensor& x, const PadWidth& pad_width, double constant_value) {
  internal::check_defined("pad", {&x});
  const std::size_t rank = x.shape().size();
  if (pad_width.size() != rank && pad_width.size() != 1) {
    throw ValueError(
        str("pad: `pad_width` must have one (before, after) pair "
            "per axis of x (",
            rank, "), or a single pair. Received ", pad_width.size(),
            " pairs for x.shape=", shape_str(x.shape()), "."));
  }
  const auto width = [&](std::size_t axis) {
    return pad_width.size() == 1 ? pad_width[0] : pad_width[axis];
  };
  Shape out_shape = x.shape();
  for (std::size_t axis = 0; axis < rank; ++axis) {
    const auto [before, after] = width(axis);
    if (before < 0 || after < 0) {
      throw ValueError(
          str("pad: padding widths must be non-negative. "
              "Received: (",
              before, ", ", after, ") for axis ", axis, "."));
    }
    if (out_shape[axis] >= 0) out_shape[axis] += before + after;
  }
  if (x.is_symbolic()) return Tensor::symbolic(out_shape, x.dtype());
  Tensor out = x;
  for (std::size_t axis = 0; axis < rank; ++axis) {
    const auto [before, after] = width(axis);
    if (before == 0 && after == 0) continue;
    Tensors parts;
    Shape block = out.shape();
    if (before > 0) {
      block[axis] = before;
      parts.push_back(Tensor::full(block, constant_value, out.dtype()));
    }
    parts.push_back(out);
    if (after > 0) {
      block[axis] = after;
      parts.push_back(Tensor::full(block, constant_value, out.dtype()));
    }
    out = concatenate(parts, static_cast<std::int64_t>(axis));
  }
  return out;
}

Tensor repeat(const Tensor& x, std::int64_t repeats,
              std::optional<std::int64_t> axis) {
  internal::check_defined("repeat", {&x});
  if (repeats < 0) {
    throw ValueError(str(
        "repeat: `repeats` must be non-negative. Received: repeats=", repeats));
  }
  if (!axis) return repeat(reshape(x, {-1}), repeats, 0);
  const int a = internal::normalize_axis_for(*axis, x.shape().size(), "repeat");
  Shape out_shape = x.shape();
  if (out_shape[a] >= 0) out_shape[a] *= repeats;
  if (x.is_symbolic()) return Tensor::symbolic(out_shape, x.dtype());
  // (..., n, ...) -> (..., n, 1, ...) -> (..., n, repeats, ...) -> merged.
  Shape expanded = x.shape();
  expanded.insert(expanded.begin() + a + 1, repeats);
  return reshape(broadcast_to(expand_dims(x, a + 1), expanded), out_shape);
}

}  // namespace keras::ops
