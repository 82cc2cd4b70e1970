// File: keras/layers/preprocessing/text_vectorization.h
// -----------------------------------------------------------------------------
// TextVectorization (Python: keras/src/layers/preprocessing/
// text_vectorization.py): strings to token indices or encoded vectors.
// Each input string is standardized ("lower": ASCII lower case, as
// tf.strings.lower; "strip_punctuation": drops the 32 ASCII punctuation
// characters), split ("whitespace": runs of ASCII whitespace; "character":
// UTF-8 code points), optionally turned into n-grams (joined by " "), then
// looked up by an inner StringLookup (attribute `_lookup_layer`, mask token
// "") whose index 0 is padding.
//
// "int" output is (batch, output_sequence_length) int64, rows padded with 0
// (or as long as the longest row when output_sequence_length is null);
// "multi_hot" / "count" / "tf_idf" are (batch, vocabulary size).
//
//   auto tv = keras::layers::TextVectorization(
//       {.output_sequence_length = 4,
//        .vocabulary = std::vector<std::string>{"the", "cat"}});
//   tv(sentences);  // ["The cat!"] -> [[2, 3, 0, 0]]
//
// Python callables for standardize/split cannot be loaded (they are code).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "keras/core/ref.h"
#include "keras/layers/preprocessing/string_lookup.h"

namespace keras::layers {

struct TextVectorizationOptions {
  std::optional<std::int64_t> max_tokens = std::nullopt;
  std::optional<std::string> standardize = "lower_and_strip_punctuation";
  std::optional<std::string> split = "whitespace";
  // null, n (all widths 1..n) or an explicit list of widths.
  Json ngrams = nullptr;
  std::string output_mode = "int";
  std::optional<std::int64_t> output_sequence_length = std::nullopt;
  bool pad_to_max_tokens = false;
  std::optional<std::vector<std::string>> vocabulary = std::nullopt;
  std::optional<std::vector<double>> idf_weights = std::nullopt;
  bool sparse = false;
  bool ragged = false;
  std::string encoding = "utf-8";
  LayerOptions base = {};
  // Written by get_config (restored by from_config).
  std::optional<std::int64_t> vocabulary_size = std::nullopt;
};

class TextVectorizationLayer : public Layer, public saving::NamedStateSaveable {
 public:
  explicit TextVectorizationLayer(TextVectorizationOptions options = {});

  std::string class_name() const override { return "TextVectorization"; }
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  bool converts_input_args() const override { return false; }
  Json get_config() const override;
  static std::shared_ptr<TextVectorizationLayer> from_config(
      const Json& config);

  void set_vocabulary(
      const std::vector<std::string>& vocabulary,
      const std::optional<std::vector<double>>& idf_weights = std::nullopt);
  // Learns the vocabulary from strings (each one a document).
  void adapt(const Tensor& data);
  std::vector<std::string> get_vocabulary(
      bool include_special_tokens = true) const;
  std::int64_t vocabulary_size() const;

  // The standardized, split (and n-grammed) tokens: a (batch, longest row)
  // string tensor padded with "" (the mask token).
  Tensor preprocess(const Tensor& inputs) const;

  void save_assets(saving::AssetsDir& dir) const override;
  void load_assets(const saving::AssetsDir& dir) override;
  // Keras stores the inner layer's idf_weights here too.
  std::vector<std::string> named_state_keys() const override {
    return lookup_->named_state_keys();
  }
  Tensor named_state(const std::string& key) const override {
    return lookup_->named_state(key);
  }
  void load_named_state(const std::string& key, const Tensor& value) override {
    lookup_->load_named_state(key, value);
  }

 private:
  TextVectorizationOptions options_;
  std::vector<std::int64_t> ngram_widths_;
  std::shared_ptr<StringLookupLayer> lookup_;
};

class TextVectorization : public Ref<TextVectorizationLayer> {
 public:
  explicit TextVectorization(TextVectorizationOptions options = {})
      : Ref(std::make_shared<TextVectorizationLayer>(std::move(options))) {}
  using Ref::Ref;
};

}  // namespace keras::layers
