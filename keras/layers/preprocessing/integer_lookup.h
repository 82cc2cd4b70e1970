// File: keras/layers/preprocessing/integer_lookup.h
// -----------------------------------------------------------------------------
// IntegerLookup (Python: keras/src/layers/preprocessing/integer_lookup.py):
// integer terms to vocabulary indices (or back, with invert), see
// index_lookup.h for the index layout and output modes.
//
//   auto lookup = keras::layers::IntegerLookup(
//       {.vocabulary = std::vector<std::int64_t>{12, 36, 1138, 42}});
//   lookup(ids);  // [[12, 1138, 42], [42, 1000, 36]] -> [[1, 3, 4], [4, 0, 2]]
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/preprocessing/index_lookup.h"

namespace keras::layers {

struct IntegerLookupOptions {
  std::optional<std::int64_t> max_tokens = std::nullopt;
  std::int64_t num_oov_indices = 1;
  std::optional<std::int64_t> mask_token = std::nullopt;
  std::optional<std::int64_t> oov_token = -1;
  std::optional<std::vector<std::int64_t>> vocabulary = std::nullopt;
  std::string vocabulary_dtype = "int64";
  std::optional<std::vector<double>> idf_weights = std::nullopt;
  bool invert = false;
  std::string output_mode = "int";
  bool sparse = false;
  bool pad_to_max_tokens = false;
  std::string oov_method = "floormod";
  std::optional<std::array<std::int64_t, 2>> salt = std::nullopt;
  LayerOptions base = {};
  // Written by get_config (restored by from_config).
  std::optional<std::int64_t> vocabulary_size = std::nullopt;
};

class IntegerLookupLayer : public IndexLookupLayer {
 public:
  explicit IntegerLookupLayer(IntegerLookupOptions options = {});

  std::string class_name() const override { return "IntegerLookup"; }
  static std::shared_ptr<IntegerLookupLayer> from_config(const Json& config);
};

class IntegerLookup : public Ref<IntegerLookupLayer> {
 public:
  explicit IntegerLookup(IntegerLookupOptions options = {})
      : Ref(std::make_shared<IntegerLookupLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
