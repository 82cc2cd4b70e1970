// File: keras/layers/preprocessing/index_lookup.h
// -----------------------------------------------------------------------------
// IndexLookup (Python: keras/src/layers/preprocessing/index_lookup.py): the
// shared base of IntegerLookup and StringLookup. Maps vocabulary terms to
// indices (or back, with `invert`), with `num_oov_indices` out-of-vocabulary
// slots and an optional mask token, and encodes the indices as "int",
// "one_hot", "multi_hot", "count" or "tf_idf".
//
// Index layout (Keras'): with output_mode "int" and a mask token, index 0 is
// the mask; then the OOV indices; then the vocabulary in order. In the other
// modes the mask token has no slot and masked inputs are dropped.
//
// A vocabulary given to the constructor is part of the config; one set later
// (set_vocabulary, adapt) is saved as the asset vocabulary.txt (one term a
// line, special tokens first), as Keras' save_assets writes it.
// -----------------------------------------------------------------------------
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "keras/layers/layer.h"
#include "keras/saving/named_state.h"

namespace keras::saving {
class ConfigReader;
}

namespace keras::layers {

// A vocabulary term: an integer (IntegerLookup) or a UTF-8 string
// (StringLookup).
using LookupToken = std::variant<std::int64_t, std::string>;

// The arguments both lookup layers pass to the base (Keras' IndexLookup
// __init__).
struct IndexLookupArgs {
  std::optional<std::int64_t> max_tokens;
  std::int64_t num_oov_indices = 1;
  std::optional<LookupToken> mask_token;
  std::optional<LookupToken> oov_token;
  std::optional<std::vector<LookupToken>> vocabulary;
  std::optional<std::vector<double>> idf_weights;
  bool invert = false;
  std::string output_mode = "int";
  bool sparse = false;
  bool pad_to_max_tokens = false;
  std::string oov_method = "floormod";
  std::optional<std::array<std::int64_t, 2>> salt;
  // Config-only keys Keras writes (the vocabulary size when saved, and
  // whether the vocabulary was given to the constructor).
  std::optional<std::int64_t> vocabulary_size;
  std::optional<bool> has_input_vocabulary;
};

class IndexLookupLayer : public Layer, public saving::NamedStateSaveable {
 public:
  // `is_string`: the terms are strings (else int64). `caller` names the
  // layer class in messages.
  IndexLookupLayer(IndexLookupArgs args, bool is_string, LayerOptions base,
                   const std::string& base_name);

  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  bool converts_input_args() const override { return false; }
  Json get_config() const override;
  Json get_build_config() const override;
  void build_from_config(const Json& build_config) override;

  // Keras' set_vocabulary: `vocabulary` may start with the special tokens
  // (mask, then OOV) or not; idf_weights only (and always) in "tf_idf".
  void set_vocabulary(
      const std::vector<LookupToken>& vocabulary,
      const std::optional<std::vector<double>>& idf_weights = std::nullopt);
  // Keras' adapt for in-memory data: every element of `data` is a token
  // (rows are documents for tf_idf). Terms sorted by count, then by term,
  // both descending; at most max_tokens slots.
  void adapt(const Tensor& data);
  // The vocabulary, with the mask and OOV tokens unless told otherwise.
  std::vector<LookupToken> get_vocabulary(
      bool include_special_tokens = true) const;
  std::int64_t vocabulary_size() const;
  // The idf weights used in "tf_idf" (padded like the output), or empty.
  const std::vector<double>& idf_weights() const { return idf_; }

  void save_assets(saving::AssetsDir& dir) const override;
  void load_assets(const saving::AssetsDir& dir) override;
  // Keras' save_own_variables: "idf_weights" in "tf_idf" mode.
  std::vector<std::string> named_state_keys() const override;
  Tensor named_state(const std::string& key) const override;
  void load_named_state(const std::string& key, const Tensor& value) override;

 protected:
  // The config's special-token and vocabulary values as JSON.
  Json token_json(const std::optional<LookupToken>& token) const;
  bool is_string() const { return is_string_; }

 private:
  std::int64_t oov_start_index() const;
  std::int64_t token_start_index() const;
  // Input ids for one element: looked up (or hashed into an OOV slot).
  Tensor lookup(const Tensor& inputs) const;
  Tensor invert_lookup(const Tensor& inputs) const;
  std::int64_t encode_depth() const;
  std::string token_text(const LookupToken& token) const;

  IndexLookupArgs args_;
  bool is_string_;
  bool has_input_vocabulary_;
  std::optional<std::vector<LookupToken>> input_vocabulary_;
  std::optional<std::vector<double>> input_idf_weights_;
  std::optional<std::int64_t> frozen_vocab_size_;
  std::vector<LookupToken> tokens_;  // without special tokens
  std::unordered_map<LookupToken, std::int64_t> index_;
  std::vector<double> idf_;
};

// The base arguments of an IntegerLookupOptions / StringLookupOptions
// (their fields share these names).
template <class Options>
IndexLookupArgs index_lookup_args(const Options& o) {
  IndexLookupArgs a;
  a.max_tokens = o.max_tokens;
  a.num_oov_indices = o.num_oov_indices;
  if (o.mask_token) a.mask_token = *o.mask_token;
  if (o.oov_token) a.oov_token = *o.oov_token;
  if (o.vocabulary) {
    a.vocabulary.emplace(o.vocabulary->begin(), o.vocabulary->end());
  }
  a.idf_weights = o.idf_weights;
  a.invert = o.invert;
  a.output_mode = o.output_mode;
  a.sparse = o.sparse;
  a.pad_to_max_tokens = o.pad_to_max_tokens;
  a.oov_method = o.oov_method;
  a.salt = o.salt;
  a.vocabulary_size = o.vocabulary_size;
  if constexpr (requires { o.has_input_vocabulary; }) {
    a.has_input_vocabulary = o.has_input_vocabulary;
  }
  return a;
}

// Config values both lookup layers read: idf_weights (null or numbers) and
// salt (null, one integer used twice, or two).
std::optional<std::vector<double>> idf_weights_from_config(
    const saving::ConfigReader& r);
std::optional<std::array<std::int64_t, 2>> lookup_salt_from_config(
    const saving::ConfigReader& r);

// Keras' argument_validation.validate_string_arg message.
void validate_lookup_string_arg(const std::string& value,
                                const std::string& caller,
                                const std::string& arg_name,
                                std::initializer_list<const char*> allowed);

}  // namespace keras::layers
