// File: keras/backend/internal/dtype_dispatch.h
// Implementation of keras::dispatch_dtype (see dtype.h).
#pragma once

#include <cstdint>
#include <string>

#include "keras/core/error.h"

namespace keras {

template <class F>
decltype(auto) dispatch_dtype(DType dtype, F&& f) {
  switch (dtype) {
    case DType::float32: return f(float{});
    case DType::float64: return f(double{});
    case DType::int32: return f(std::int32_t{});
    case DType::int64: return f(std::int64_t{});
    case DType::bool_: return f(bool{});
    case DType::uint8: return f(std::uint8_t{});
    case DType::int8: return f(std::int8_t{});
    default:
      throw NotImplementedError(str("Operations on dtype ", dtype_name(dtype),
                                    " are not supported; cast to float32 "
                                    "first."));
  }
}

}  // namespace keras
