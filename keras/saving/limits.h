// File: keras/saving/limits.h
// -----------------------------------------------------------------------------
// Every cap a load applies to an untrusted file, in one struct reachable from
// LoadOptions and LoadWeightsOptions. The defaults accept every file Keras
// 3.15 writes for a model that fits in memory and refuse what Keras calls a
// bomb (zip or HDF5) or what would exhaust memory or the stack.
//
//   keras::saving::LoadOptions options;
//   options.limits.zip.max_member_bytes = 512 << 20;   // tighter for a server
//   options.limits.max_variable_bytes = 256 << 20;
//   auto model = keras::saving::load_model("untrusted.keras", options);
//
// WeightBudgetScope applies the variable caps to the layers a config builds
// (a hostile config.json can ask for Dense(units=10**12) before any weight is
// read): while one is alive on a thread, Layer::add_weight charges every new
// weight to it and throws ValueError past a cap.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <string>

#include "keras/backend/tensor.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/zip_archive.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {

struct Limits {
  ZipLimits zip;    // .keras archives
  H5Limits h5;      // model.weights.h5, *.weights.h5, legacy .h5
  JsonLimits json;  // config.json (nesting depth and size)
  // Largest uncompressed weights file read whole (directory format,
  // *.weights.h5).
  std::uint64_t max_weights_file_bytes = std::uint64_t{64} << 30;  // 64 GiB
  // Largest single weight a config may create (a larger one could not be
  // loaded from a dataset within h5.max_dataset_bytes anyway).
  std::uint64_t max_variable_bytes = std::uint64_t{4} << 30;  // 4 GiB
  // Largest sum of the weights a config may create.
  std::uint64_t max_total_variable_bytes = std::uint64_t{64} << 30;  // 64 GiB
  // Largest single assets file (assets/<path>/<file>, e.g. a vocabulary).
  std::uint64_t max_asset_bytes = std::uint64_t{1} << 30;  // 1 GiB
};

class WeightBudgetScope {
 public:
  // `what` names the file in messages.
  WeightBudgetScope(const Limits& limits, std::string what);
  ~WeightBudgetScope();
  WeightBudgetScope(const WeightBudgetScope&) = delete;
  WeightBudgetScope& operator=(const WeightBudgetScope&) = delete;

  // Charges a new weight to the innermost scope of this thread (no-op
  // without one). Throws ValueError when the shape's size overflows or a cap
  // is exceeded.
  static void charge(const std::string& layer, const std::string& weight,
                     const Shape& shape, DType dtype);

 private:
  std::uint64_t max_variable_bytes_;
  std::uint64_t max_total_bytes_;
  std::uint64_t used_ = 0;
  std::string what_;
  WeightBudgetScope* outer_;
};

}  // namespace keras::saving
