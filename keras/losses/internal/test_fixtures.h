// File: keras/losses/internal/test_fixtures.h
// -----------------------------------------------------------------------------
// Test-only helpers for the optimizer / loss / metric tests: reading the
// golden fixtures in ../shared/fixtures (small float32/int32 .npy files and
// JSON files written by Python). Header-only, included by *_test.cpp only.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "keras/backend/tensor.h"
#include "keras/core/error.h"
#include "keras/core/json.h"
#include "keras/ops/numpy.h"
#include "keras/testing/fixture_cases.h"
#include "keras/utils/npy.h"

namespace keras::testing_fixtures {

inline std::string fixtures_dir() {
  return std::string(KERAS_SHARED_DIR) + "/fixtures";
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot open " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

using testing::read_json;

// The fixtures' .npy arrays (float32 / int32, C order).
inline Tensor read_npy(const std::string& path) { return load_npy(path); }

// Flattened C-order values of a fixture state entry ({"values": [...]}).
inline std::vector<double> json_values(const Json& entry) {
  std::vector<double> out;
  for (const auto& v : entry.at("values")) out.push_back(v.get<double>());
  return out;
}

inline Shape json_shape(const Json& entry) {
  Shape s;
  for (const auto& d : entry.at("shape")) s.push_back(d.get<std::int64_t>());
  return s;
}

// A losses_metrics case: its case.json, input and expected arrays.
struct LossMetricCase {
  std::string dir;
  Json spec;
  Tensors inputs;
  Tensors expected;
};

inline LossMetricCase load_loss_metric_case(const std::string& name) {
  LossMetricCase c;
  c.dir = keras::testing::fixture("losses_metrics/" + name + "/");
  c.spec = keras::testing::read_json(c.dir + "case.json");
  c.inputs = keras::testing::load_case_arrays(c.dir, c.spec["inputs"]);
  c.expected = keras::testing::load_case_arrays(c.dir, c.spec["outputs"]);
  return c;
}

// Values within the case tolerance; Keras' scalars are stored as (1,).
inline ::testing::AssertionResult ValuesClose(const Tensor& actual,
                                              const Tensor& expected,
                                              const Json& spec) {
  const bool scalar_as_1 = actual.ndim() == 0 && expected.size() == 1;
  return keras::testing::AllClose(
      scalar_as_1 ? ops::reshape(actual, expected.shape()) : actual, expected,
      spec["tolerance"]["rtol"].get<double>(),
      spec["tolerance"]["atol"].get<double>());
}

}  // namespace keras::testing_fixtures
