// File: keras/testing/test_utils.h
// -----------------------------------------------------------------------------
// Helpers for keras.cpp's tests: where the shared fixtures are, comparing
// tensors with Keras' tolerance rule, and temporary directories. Test-only
// (header-only, included by *_test.cpp files).
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/json.h"
#include "keras/utils/json_utils.h"

#ifndef KERAS_SHARED_DIR
#define KERAS_SHARED_DIR "../shared"
#endif

namespace keras::testing {

inline std::string shared_path(const std::string& relative) {
  return std::string(KERAS_SHARED_DIR) + "/" + relative;
}

inline std::string fixture(const std::string& relative) {
  return shared_path("fixtures/" + relative);
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline Json read_json(const std::string& path) {
  return parse_json(read_text(path), path);
}

// A tensor's elements as doubles, to match with gmock's ElementsAre.
inline std::vector<double> values_of(const Tensor& t) {
  return t.to_double_vector();
}

// A float32 tensor of `values` with `shape`.
inline Tensor floats(const std::vector<float>& values, const Shape& shape) {
  return Tensor::from_vector<float>(values, shape);
}

// A 1-D float32 tensor of `values`.
inline Tensor floats(const std::vector<float>& values) {
  return floats(values, {static_cast<std::int64_t>(values.size())});
}

// A string tensor of `values` with `shape`.
inline Tensor string_tensor(const std::vector<std::string>& values,
                            const Shape& shape) {
  return Tensor::from_vector<std::string>(values, shape);
}

// The elements of an int64 tensor.
inline std::vector<std::int64_t> int64_values_of(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::int64);
  const std::int64_t* p = t.data<std::int64_t>();
  return {p, p + t.size()};
}

// The folder of the fixtures written by Python Keras.
inline std::filesystem::path fixtures_root() {
  return std::filesystem::path(KERAS_SHARED_DIR) / "fixtures";
}

// |actual - expected| <= atol + rtol * |expected| elementwise (the fixtures'
// rule); reports the worst element.
inline ::testing::AssertionResult AllClose(const Tensor& actual,
                                           const Tensor& expected,
                                           double rtol = 1e-5,
                                           double atol = 1e-6) {
  if (actual.shape() != expected.shape()) {
    return ::testing::AssertionFailure()
           << "shape " << shape_str(actual.shape()) << " != expected "
           << shape_str(expected.shape());
  }
  const auto a = actual.to_double_vector();
  const auto e = expected.to_double_vector();
  double worst = 0.0;
  std::size_t worst_i = 0;
  bool ok = true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const double err = std::fabs(a[i] - e[i]);
    if (!(err <= atol + rtol * std::fabs(e[i]))) {
      ok = false;
      if (!(err <= worst)) {
        worst = err;
        worst_i = i;
      }
    }
  }
  if (ok) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "max abs error " << worst << " at flat index " << worst_i
         << " (actual " << a[worst_i] << ", expected " << e[worst_i] << ")";
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("keras_test_" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    // A test may have made it read-only; take it back to remove it.
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const {
    return (path_ / name).string();
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace keras::testing

#include "keras/backend/variable.h"
#include "keras/ops/ops.h"

namespace keras::testing {

// Checks autograd's gradient of the scalar `loss()` with respect to each
// variable against central finite differences, perturbing the variable's
// values in place (use float64 variables).
inline void expect_variable_gradients_match(const std::function<Tensor()>& loss,
                                            const Variables& variables,
                                            double tol = 1e-6,
                                            double eps = 1e-6) {
  Tensors sources;
  for (const auto& v : variables) sources.push_back(v->value());
  const Tensors grads = autograd::grad(loss(), sources);
  autograd::NoGradGuard no_grad;
  for (std::size_t k = 0; k < variables.size(); ++k) {
    Tensor value = variables[k]->value();
    ASSERT_EQ(value.dtype(), DType::float64) << "use float64 variables";
    double* p = value.data<double>();
    const auto g = grads[k].to_double_vector();
    for (std::int64_t i = 0; i < value.size(); ++i) {
      const double saved = p[i];
      p[i] = saved + eps;
      const double up = loss().item();
      p[i] = saved - eps;
      const double down = loss().item();
      p[i] = saved;
      const double numeric = (up - down) / (2 * eps);
      EXPECT_NEAR(g[i], numeric, tol * std::max(1.0, std::fabs(numeric)))
          << variables[k]->path() << " element " << i;
    }
  }
}

}  // namespace keras::testing
