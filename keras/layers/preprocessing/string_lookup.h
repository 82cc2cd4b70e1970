// File: keras/layers/preprocessing/string_lookup.h
// -----------------------------------------------------------------------------
// StringLookup (Python: keras/src/layers/preprocessing/string_lookup.py):
// string terms (DType::string tensors) to vocabulary indices, or indices back
// to strings with invert; see index_lookup.h for the index layout and output
// modes.
//
//   auto lookup = keras::layers::StringLookup(
//       {.vocabulary = std::vector<std::string>{"a", "b", "c", "d"}});
//   lookup(words);  // [["a", "c", "d"], ["d", "z", "b"]] -> [[1, 3, 4], [4, 0,
//   2]]
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

struct StringLookupOptions {
  std::optional<std::int64_t> max_tokens = std::nullopt;
  std::int64_t num_oov_indices = 1;
  std::optional<std::string> mask_token = std::nullopt;
  std::optional<std::string> oov_token = "[UNK]";
  std::optional<std::vector<std::string>> vocabulary = std::nullopt;
  std::optional<std::vector<double>> idf_weights = std::nullopt;
  bool invert = false;
  std::string output_mode = "int";
  bool pad_to_max_tokens = false;
  bool sparse = false;
  // Terms are UTF-8 in keras.cpp; the name is kept for the config.
  std::string encoding = "utf-8";
  std::optional<std::array<std::int64_t, 2>> salt = std::nullopt;
  LayerOptions base = {};
  // Written by get_config (restored by from_config).
  std::string oov_method = "floormod";
  std::optional<std::int64_t> vocabulary_size = std::nullopt;
  std::optional<bool> has_input_vocabulary = std::nullopt;
};

class StringLookupLayer : public IndexLookupLayer {
 public:
  explicit StringLookupLayer(StringLookupOptions options = {});

  std::string class_name() const override { return "StringLookup"; }
  Json get_config() const override;
  static std::shared_ptr<StringLookupLayer> from_config(const Json& config);
  // The options a config describes (also TextVectorization's inner layer).
  static StringLookupOptions options_from_config(const Json& config);

 private:
  std::string encoding_;
};

class StringLookup : public Ref<StringLookupLayer> {
 public:
  explicit StringLookup(StringLookupOptions options = {})
      : Ref(std::make_shared<StringLookupLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
