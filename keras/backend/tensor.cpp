#include "keras/backend/tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <mutex>
#include <sstream>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "keras/backend/tensor_cache.h"

namespace keras {

namespace {

// Freed buffers by (rounded) size, for TensorCacheScope. A buffer that
// does not fit under the capacity goes back to the system.
class BufferCache {
 public:
  static constexpr std::size_t kMinBytes = std::size_t(64) << 10;

  BufferCache() {
    const char* env = std::getenv("KERAS_TENSOR_CACHE_MB");
    base_ = (env ? std::size_t(std::max(0L, std::atol(env))) : 64) << 20;
  }

  void* take(std::size_t bytes) {
    if (bytes < kMinBytes) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = free_.find(bytes);
    if (it == free_.end() || it->second.empty()) return nullptr;
    void* p = it->second.back();
    it->second.pop_back();
    held_ -= bytes;
    return p;
  }

  bool give(void* p, std::size_t bytes) {
    if (bytes < kMinBytes) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    if (base_ == 0 || held_ + bytes > base_ + extra_) return false;
    free_[bytes].push_back(p);
    held_ += bytes;
    return true;
  }

  void scope(std::size_t bytes, bool enter) {
    std::lock_guard<std::mutex> lock(mutex_);
    extra_ = enter ? extra_ + bytes : extra_ - bytes;
    // Back under the capacity: largest buffers first.
    while (held_ > base_ + extra_) {
      auto big = free_.end();
      for (auto it = free_.begin(); it != free_.end(); ++it) {
        if (!it->second.empty() &&
            (big == free_.end() || it->first > big->first)) {
          big = it;
        }
      }
      std::free(big->second.back());
      big->second.pop_back();
      held_ -= big->first;
    }
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::size_t, std::vector<void*>> free_;
  std::size_t base_ = 0, extra_ = 0, held_ = 0;
};

// Never destroyed: tensors may be freed during static destruction.
BufferCache& buffer_cache() {
  static BufferCache* cache = new BufferCache;
  return *cache;
}

constexpr std::size_t kAlign = 64;

std::size_t rounded_bytes(std::size_t n) {
  return n == 0 ? kAlign : (n + kAlign - 1) / kAlign * kAlign;
}

}  // namespace

TensorCacheScope::TensorCacheScope(std::size_t bytes) : bytes_(bytes) {
  buffer_cache().scope(bytes_, true);
}

TensorCacheScope::~TensorCacheScope() { buffer_cache().scope(bytes_, false); }

std::int64_t shape_size(const Shape& shape) {
  std::int64_t n = 1;
  for (std::int64_t d : shape) {
    if (d < 0) {
      throw ValueError(str("Cannot count the elements of shape ",
                           shape_str(shape), ": it has unknown dimensions."));
    }
    if (d != 0 && n > std::numeric_limits<std::int64_t>::max() / d) {
      throw ValueError(str("Shape ", shape_str(shape), " is too large."));
    }
    n *= d;
  }
  return n;
}

std::string shape_str(const Shape& shape) {
  std::string s = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += shape[i] < 0 ? "None" : std::to_string(shape[i]);
  }
  if (shape.size() == 1) s += ",";
  return s + ")";
}

int normalize_axis(std::int64_t axis, std::size_t rank) {
  const auto r = static_cast<std::int64_t>(rank);
  if (axis < -r || axis >= r) {
    throw ValueError(str("Axis ", axis,
                         " is out of bounds for a tensor of rank ", rank, "."));
  }
  return static_cast<int>(axis < 0 ? axis + r : axis);
}

Storage::Storage(std::size_t n) : nbytes(n) {
  const std::size_t rounded = rounded_bytes(n);
  data = buffer_cache().take(rounded);
  if (data == nullptr) data = std::aligned_alloc(kAlign, rounded);
  if (data == nullptr) {
    throw Error(str("Out of memory allocating ", n, " bytes for a tensor."));
  }
}

Storage::~Storage() {
  auto* s = static_cast<std::string*>(data);
  for (std::size_t i = 0; i < strings; ++i) s[i].~basic_string();
  if (!buffer_cache().give(data, rounded_bytes(nbytes))) std::free(data);
}

TensorImpl& Tensor::impl() const {
  if (!impl_) throw ValueError("Use of an undefined (empty) Tensor.");
  return *impl_;
}

void Tensor::check_concrete(const char* what) const {
  if (is_symbolic()) {
    throw ValueError(str(what,
                         " needs a concrete tensor, but this is a "
                         "symbolic tensor of shape ",
                         shape_str(shape()),
                         " (a KerasTensor has no values; call the model on "
                         "data instead)."));
  }
}

Tensor Tensor::empty(const Shape& shape, DType dtype) {
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = dtype;
  impl->shape = shape;
  std::size_t nbytes = 0;
  if (__builtin_mul_overflow(static_cast<std::size_t>(shape_size(shape)),
                             dtype_size(dtype), &nbytes)) {
    throw ValueError(str("Shape ", shape_str(shape), " is too large."));
  }
  impl->storage = std::make_shared<Storage>(nbytes);
  if (dtype == DType::string) {
    Storage& storage = *impl->storage;
    const auto n = static_cast<std::size_t>(shape_size(shape));
    for (; storage.strings < n; ++storage.strings) {
      new (static_cast<std::string*>(storage.data) + storage.strings)
          std::string();
    }
  }
  return Tensor(std::move(impl));
}

Tensor Tensor::zeros(const Shape& shape, DType dtype) {
  Tensor t = empty(shape, dtype);
  // Strings start empty; other dtypes are all-zero bytes.
  if (dtype != DType::string) std::memset(t.raw_data(), 0, t.nbytes());
  return t;
}

Tensor Tensor::ones(const Shape& shape, DType dtype) {
  return full(shape, 1.0, dtype);
}

Tensor Tensor::full(const Shape& shape, double value, DType dtype) {
  Tensor t = empty(shape, dtype);
  const std::int64_t n = t.size();
  if (dtype == DType::bfloat16 || dtype == DType::float16) {
    const std::uint16_t bits =
        dtype == DType::bfloat16 ? float_to_bfloat16(static_cast<float>(value))
                                 : float_to_float16(static_cast<float>(value));
    auto* p = static_cast<std::uint16_t*>(t.raw_data());
    for (std::int64_t i = 0; i < n; ++i) p[i] = bits;
    return t;
  }
  dispatch_dtype(dtype, [&](auto zero) {
    using T = decltype(zero);
    T* p = t.data<T>();
    for (std::int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(value);
  });
  return t;
}

Tensor Tensor::scalar(double value, DType dtype) {
  return full({}, value, dtype);
}

Tensor Tensor::symbolic(const Shape& shape, DType dtype) {
  for (std::int64_t d : shape) {
    if (d < -1) {
      throw ValueError(
          str("Invalid dimension ", d, " in shape ", shape_str(shape), "."));
    }
  }
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = dtype;
  impl->shape = shape;
  return Tensor(std::move(impl));
}

std::int64_t Tensor::dim(std::int64_t axis) const {
  return shape()[normalize_axis(axis, shape().size())];
}

std::int64_t Tensor::size() const { return shape_size(shape()); }

std::size_t Tensor::nbytes() const {
  return static_cast<std::size_t>(size()) * dtype_size(dtype());
}

void* Tensor::raw_data() {
  check_concrete("raw_data()");
  return impl().storage->data;
}

const void* Tensor::raw_data() const {
  return const_cast<Tensor*>(this)->raw_data();
}

namespace {

// `v` as element type T. A double outside an integer type's range (or NaN)
// has no C++ conversion (undefined behaviour); NumPy on x86 gives the
// "integer indefinite" value there (the type's minimum), and so do we. uint8
// goes through int64 and wraps, as NumPy's conversion does.
template <class T>
T from_double(double v) {
  if constexpr (std::is_floating_point_v<T> || std::is_same_v<T, bool>) {
    return static_cast<T>(v);
  } else if constexpr (std::is_signed_v<T>) {
    // Both bounds are exact doubles: -2^(bits-1) and 2^(bits-1).
    constexpr double lo = static_cast<double>(std::numeric_limits<T>::min());
    if (!(v >= lo && v < -lo)) return std::numeric_limits<T>::min();
    return static_cast<T>(v);
  } else {
    return static_cast<T>(from_double<std::int64_t>(v));
  }
}

// Reads element i of any dtype as double.
double element_as_double(const Tensor& t, std::int64_t i) {
  const void* p = t.raw_data();
  switch (t.dtype()) {
    case DType::bfloat16:
      return bfloat16_to_float(static_cast<const std::uint16_t*>(p)[i]);
    case DType::float16:
      return float16_to_float(static_cast<const std::uint16_t*>(p)[i]);
    default:
      return dispatch_dtype(t.dtype(), [&](auto zero) {
        using T = decltype(zero);
        return static_cast<double>(static_cast<const T*>(p)[i]);
      });
  }
}

}  // namespace

double Tensor::item() const {
  if (size() != 1) {
    throw ValueError(str("item() needs a tensor with one element, got shape ",
                         shape_str(shape()), "."));
  }
  return element_as_double(*this, 0);
}

std::vector<double> Tensor::to_double_vector() const {
  const std::int64_t n = size();
  std::vector<double> out(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) out[i] = element_as_double(*this, i);
  return out;
}

std::vector<float> Tensor::to_float_vector() const {
  const Tensor f = astype(DType::float32);
  const float* p = f.data<float>();
  return std::vector<float>(p, p + f.size());
}

Tensor Tensor::clone() const {
  check_concrete("clone()");
  Tensor t = empty(shape(), dtype());
  t.copy_from(*this);
  return t;
}

Tensor Tensor::astype(DType target) const {
  if (target == dtype()) return *this;
  Tensor t = empty(shape(), target);
  t.copy_from(*this);
  return t;
}

Tensor Tensor::view(const Shape& new_shape) const {
  check_concrete("view()");
  if (shape_size(new_shape) != size()) {
    throw ValueError(str("Cannot reshape a tensor of shape ",
                         shape_str(shape()), " into shape ",
                         shape_str(new_shape), "."));
  }
  auto impl = std::make_shared<TensorImpl>();
  impl->dtype = dtype();
  impl->shape = new_shape;
  impl->storage = impl_->storage;
  return Tensor(std::move(impl));
}

void Tensor::copy_from(const Tensor& other) {
  check_concrete("copy_from()");
  other.check_concrete("copy_from()");
  const std::int64_t n = size();
  if (other.size() != n) {
    throw ValueError(str("Cannot copy a tensor of shape ",
                         shape_str(other.shape()), " into one of shape ",
                         shape_str(shape()), "."));
  }
  if (other.dtype() == DType::string && dtype() == DType::string) {
    std::copy_n(other.data<std::string>(), n, data<std::string>());
    return;
  }
  if (other.dtype() == DType::string || dtype() == DType::string) {
    throw TypeError(str("Cannot convert a tensor of dtype ",
                        dtype_name(other.dtype()), " to ", dtype_name(dtype()),
                        "."));
  }
  if (other.dtype() == dtype()) {
    std::memcpy(raw_data(), other.raw_data(), nbytes());
    return;
  }
  void* out = raw_data();
  switch (dtype()) {
    case DType::bfloat16:
      for (std::int64_t i = 0; i < n; ++i) {
        static_cast<std::uint16_t*>(out)[i] =
            float_to_bfloat16(static_cast<float>(element_as_double(other, i)));
      }
      return;
    case DType::float16:
      for (std::int64_t i = 0; i < n; ++i) {
        static_cast<std::uint16_t*>(out)[i] =
            float_to_float16(static_cast<float>(element_as_double(other, i)));
      }
      return;
    default:
      dispatch_dtype(dtype(), [&](auto zero) {
        using T = decltype(zero);
        T* p = static_cast<T*>(out);
        const DType from = other.dtype();
        if (from == DType::bfloat16 || from == DType::float16) {
          for (std::int64_t i = 0; i < n; ++i) {
            p[i] = from_double<T>(element_as_double(other, i));
          }
          return;
        }
        // A typed loop per source dtype (initializers fill float64 and
        // convert: this runs over every weight a model creates). The double
        // step keeps the conversion element_as_double makes.
        dispatch_dtype(from, [&](auto src_zero) {
          using S = decltype(src_zero);
          const S* src = static_cast<const S*>(other.raw_data());
          for (std::int64_t i = 0; i < n; ++i) {
            p[i] = from_double<T>(static_cast<double>(src[i]));
          }
        });
      });
  }
}

std::string Tensor::to_string() const {
  std::ostringstream out;
  out << "<Tensor shape=" << shape_str(shape())
      << " dtype=" << dtype_name(dtype());
  if (is_symbolic()) {
    out << " (symbolic)>";
    return out.str();
  }
  if (size() <= 16 && dtype() == DType::string) {
    out << " values=[";
    const std::string* s = data<std::string>();
    for (std::int64_t i = 0; i < size(); ++i) {
      out << (i ? ", " : "") << "b'" << s[i] << "'";
    }
    out << "]";
  } else if (size() <= 16) {
    out << " values=[";
    const auto v = to_double_vector();
    for (std::size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << v[i];
    out << "]";
  }
  out << ">";
  return out.str();
}

}  // namespace keras
