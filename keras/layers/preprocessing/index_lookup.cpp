#include "keras/layers/preprocessing/index_lookup.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "keras/saving/assets_store.h"
#include "keras/saving/config_reader.h"
#include "keras/utils/fingerprint.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

namespace {

constexpr std::int64_t kDropped = std::numeric_limits<std::int64_t>::max();

// Python's str() of a term, as Keras' messages and vocabulary.txt show it.
std::string plain_text(const LookupToken& token) {
  if (const auto* i = std::get_if<std::int64_t>(&token)) {
    return std::to_string(*i);
  }
  return std::get<std::string>(token);
}

// Python's repr() of a term (None when absent), for messages.
std::string repr_token(const std::optional<LookupToken>& token) {
  if (!token) return "None";
  if (std::holds_alternative<std::string>(*token)) {
    return "'" + std::get<std::string>(*token) + "'";
  }
  return plain_text(*token);
}

// Python's repr() of a term list.
template <class List>
std::string repr_list(const List& tokens) {
  std::string out = "[";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    out += (i ? ", " : "") + repr_token(tokens[i]);
  }
  return out + "]";
}

// Python's str.splitlines() (after universal-newline reading): the line
// breaks it knows, in UTF-8.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t skip = 0;
    if (c == '\n' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d ||
        c == 0x1e) {
      skip = 1;
    } else if (c == '\r') {
      skip = i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x85) {
      skip = 2;  // U+0085
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      skip = 3;  // U+2028, U+2029
    }
    if (skip == 0) {
      line += text[i];
      continue;
    }
    lines.push_back(std::move(line));
    line.clear();
    i += skip - 1;
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

}  // namespace

void validate_lookup_string_arg(const std::string& value,
                                const std::string& caller,
                                const std::string& arg_name,
                                std::initializer_list<const char*> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) {
    return;
  }
  std::string list = "(";
  for (const char* a : allowed) {
    list += str(list.size() > 1 ? ", " : "", "'", a, "'");
  }
  throw ValueError(str("Unknown value for `", arg_name, "` argument of ",
                       caller, ". Allowed values are: ", list,
                       "). Received: ", arg_name, "=", value));
}

std::optional<std::vector<double>> idf_weights_from_config(
    const saving::ConfigReader& r) {
  if (!r.has("idf_weights") || r.raw("idf_weights").is_null()) {
    return std::nullopt;
  }
  const Json& v = r.raw("idf_weights");
  std::vector<double> out;
  bool ok = v.is_array();
  for (std::size_t i = 0; ok && i < v.size(); ++i) {
    ok = v[i].is_number();
    if (ok) out.push_back(v[i].get<double>());
  }
  if (!ok) {
    throw TypeError(str(r.class_name(),
                        ": `idf_weights` must be a list of numbers. "
                        "Received: ",
                        v.dump()));
  }
  return out;
}

std::optional<std::array<std::int64_t, 2>> lookup_salt_from_config(
    const saving::ConfigReader& r) {
  const Json salt = r.get<Json>("salt", nullptr);
  if (salt.is_null()) return std::nullopt;
  if (salt.is_number_integer()) {
    return std::array<std::int64_t, 2>{integer_of<std::int64_t>(salt),
                                       integer_of<std::int64_t>(salt)};
  }
  if (salt.is_array() && salt.size() == 2 && salt[0].is_number_integer() &&
      salt[1].is_number_integer()) {
    return std::array<std::int64_t, 2>{integer_of<std::int64_t>(salt[0]),
                                       integer_of<std::int64_t>(salt[1])};
  }
  throw ValueError(
      str("The `salt` argument for `IndexLookup` can only be a tuple of 2 "
          "integers, or a single integer. Received: salt=",
          salt.dump(), "."));
}

IndexLookupLayer::IndexLookupLayer(IndexLookupArgs args, bool is_string,
                                   LayerOptions base,
                                   const std::string& base_name)
    : Layer(std::move(base), base_name),
      args_(std::move(args)),
      is_string_(is_string) {
  const std::string caller = is_string ? "StringLookup" : "IntegerLookup";
  if (args_.max_tokens && *args_.max_tokens <= 1) {
    throw ValueError(
        str("If set, `max_tokens` must be greater than 1. "
            "Received: max_tokens=",
            *args_.max_tokens));
  }
  if (args_.pad_to_max_tokens && !args_.max_tokens) {
    throw ValueError(
        "If pad_to_max_tokens is True, must set `max_tokens`. Received: "
        "max_tokens=None");
  }
  if (args_.num_oov_indices < 0) {
    throw ValueError(
        str("`num_oov_indices` must be greater than or equal to "
            "0. Received: num_oov_indices=",
            args_.num_oov_indices));
  }
  validate_lookup_string_arg(args_.oov_method, caller, "oov_method",
                             {"floormod", "farmhash"});
  if (args_.salt && !is_string_ && args_.oov_method != "farmhash") {
    throw ValueError(
        str("`salt` can only be used when `oov_method='farmhash'`. Received: "
            "oov_method=",
            args_.oov_method));
  }
  if (args_.output_mode == "binary") args_.output_mode = "multi_hot";
  if (args_.output_mode == "tf-idf") args_.output_mode = "tf_idf";
  validate_lookup_string_arg(
      args_.output_mode, caller, "output_mode",
      {"int", "one_hot", "multi_hot", "count", "tf_idf"});
  if (args_.invert && args_.output_mode != "int") {
    throw ValueError(
        str("`output_mode` must be `'int'` when `invert` is true. Received: "
            "output_mode=",
            args_.output_mode));
  }
  if (args_.sparse) {
    // Keras: sparse outputs need the TensorFlow backend.
    throw ValueError(
        "`sparse=True` can only be used with the TensorFlow backend.");
  }
  if (args_.idf_weights && args_.output_mode != "tf_idf") {
    throw ValueError(
        str("`idf_weights` should only be set if `output_mode` is `'tf_idf'`. "
            "Received: output_mode=",
            args_.output_mode));
  }
  input_vocabulary_ = args_.vocabulary;
  input_idf_weights_ = args_.idf_weights;
  frozen_vocab_size_ = args_.vocabulary_size;
  has_input_vocabulary_ =
      args_.has_input_vocabulary.value_or(args_.vocabulary.has_value());
  if (args_.output_mode == "tf_idf" && has_input_vocabulary_ &&
      !args_.idf_weights) {
    throw ValueError(
        "When specifying the `vocabulary` argument, in TF-IDF output mode, "
        "the `idf_weights` argument must also be provided.");
  }
  if (args_.vocabulary) set_vocabulary(*args_.vocabulary, args_.idf_weights);
  build_at_init();
}

std::int64_t IndexLookupLayer::oov_start_index() const {
  return args_.mask_token && args_.output_mode == "int" ? 1 : 0;
}

std::int64_t IndexLookupLayer::token_start_index() const {
  return oov_start_index() + args_.num_oov_indices;
}

std::int64_t IndexLookupLayer::vocabulary_size() const {
  return static_cast<std::int64_t>(tokens_.size()) + token_start_index();
}

std::string IndexLookupLayer::token_text(const LookupToken& token) const {
  return plain_text(token);
}

std::vector<LookupToken> IndexLookupLayer::get_vocabulary(
    bool include_special_tokens) const {
  std::vector<LookupToken> vocab;
  if (include_special_tokens) {
    // Keras fills the special slots with oov_token (None -> no value), then
    // puts the mask token at 0.
    const LookupToken oov =
        args_.oov_token ? *args_.oov_token
                        : LookupToken(std::string(is_string_ ? "None" : "-1"));
    vocab.assign(static_cast<std::size_t>(token_start_index()), oov);
    if (oov_start_index() == 1) vocab[0] = *args_.mask_token;
  }
  vocab.insert(vocab.end(), tokens_.begin(), tokens_.end());
  return vocab;
}

void IndexLookupLayer::set_vocabulary(
    const std::vector<LookupToken>& vocabulary,
    const std::optional<std::vector<double>>& idf_weights) {
  if (args_.output_mode == "tf_idf") {
    if (!idf_weights) {
      throw ValueError("`idf_weights` must be set if output_mode is 'tf_idf'.");
    }
  } else if (idf_weights) {
    throw ValueError(
        str("`idf_weights` should only be set if output_mode is `'tf_idf'`. "
            "Received: output_mode=",
            args_.output_mode));
  }
  for (const LookupToken& t : vocabulary) {
    if (std::holds_alternative<std::string>(t) != is_string_) {
      throw TypeError(str("The vocabulary of ", class_name(), " must hold ",
                          is_string_ ? "strings" : "integers",
                          ". Received: ", repr_list(vocabulary)));
    }
  }
  if (vocabulary.empty()) {
    throw ValueError("Cannot set an empty vocabulary. Received: vocabulary=[]");
  }
  const auto oov_start = static_cast<std::size_t>(oov_start_index());
  const auto token_start = static_cast<std::size_t>(token_start_index());
  std::vector<std::optional<LookupToken>> special(oov_start, args_.mask_token);
  special.resize(token_start, args_.oov_token);
  bool found_special = vocabulary.size() >= token_start;
  for (std::size_t i = 0; found_special && i < token_start; ++i) {
    found_special = special[i] && *special[i] == vocabulary[i];
  }
  const std::vector<LookupToken> tokens(
      vocabulary.begin() + (found_special ? token_start : 0), vocabulary.end());

  std::unordered_map<LookupToken, std::int64_t> index;
  std::vector<LookupToken> repeated;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto [it, inserted] =
        index.emplace(tokens[i], static_cast<std::int64_t>(token_start + i));
    if (!inserted && std::find(repeated.begin(), repeated.end(), tokens[i]) ==
                         repeated.end()) {
      repeated.push_back(tokens[i]);
    }
  }
  if (!repeated.empty()) {
    throw ValueError(
        str("The passed vocabulary has at least one repeated term. Please "
            "uniquify your dataset. The repeated terms are: ",
            repr_list(repeated)));
  }
  const std::string special_repr = repr_list(special);
  // A special token among the terms (Keras reports its last position).
  const auto check_reserved = [&](const std::optional<LookupToken>& token,
                                  const char* kind, const char* arg) {
    if (!token || !index.count(*token)) return;
    std::size_t at = 0;
    for (std::size_t i = 0; i < vocabulary.size(); ++i) {
      if (vocabulary[i] == *token) at = i;
    }
    throw ValueError(str(
        "Found reserved ", kind,
        " token at unexpected location in `vocabulary`. Note that passed "
        "`vocabulary` does not need to include the OOV and mask tokens. "
        "Either remove all mask and OOV tokens, or include them only at the "
        "start of the vocabulary in precisely this order: ",
        special_repr, ". Received: ", arg, "=", token_text(*token),
        " at vocabulary index [", at, "]"));
  };
  check_reserved(args_.mask_token, "mask", "mask_token");
  // The OOV token may be a term unless inverting.
  if (args_.invert) check_reserved(args_.oov_token, "OOV", "oov_token");
  const auto new_size = static_cast<std::int64_t>(token_start + tokens.size());
  if (args_.max_tokens && new_size > *args_.max_tokens) {
    throw ValueError(
        str("Attempted to set a vocabulary larger than the maximum vocab "
            "size. Received vocabulary size is ",
            new_size, "; `max_tokens` is ", *args_.max_tokens, "."));
  }
  // Keras' _record_vocabulary_size: the encoded width may not change once
  // known (it fixes the output shape).
  if (args_.output_mode != "int" && !args_.pad_to_max_tokens &&
      frozen_vocab_size_ && *frozen_vocab_size_ != new_size) {
    throw ValueError(str("When using `output_mode=", args_.output_mode,
                         "` and `pad_to_max_tokens=False`, the vocabulary "
                         "size cannot be changed after the layer is called. "
                         "Old vocab size is ",
                         *frozen_vocab_size_, ", new vocab size is ",
                         new_size));
  }
  if (args_.output_mode == "tf_idf") {
    if (idf_weights->size() != vocabulary.size()) {
      throw ValueError(
          str("`idf_weights` must be the same length as vocabulary. "
              "len(idf_weights) is ",
              idf_weights->size(), "; len(vocabulary) is ", vocabulary.size()));
    }
    // Without special tokens in the vocabulary, their slots get the average
    // weight; pad_to_max_tokens pads the back with zeros.
    std::vector<double> weights;
    if (!found_special) {
      const double mean =
          std::accumulate(idf_weights->begin(), idf_weights->end(), 0.0) /
          static_cast<double>(idf_weights->size());
      weights.assign(token_start, mean);
    }
    weights.insert(weights.end(), idf_weights->begin(), idf_weights->end());
    if (args_.pad_to_max_tokens && args_.max_tokens &&
        static_cast<std::int64_t>(weights.size()) < *args_.max_tokens) {
      weights.resize(static_cast<std::size_t>(*args_.max_tokens), 0.0);
    }
    idf_ = std::move(weights);
  }
  tokens_ = tokens;
  index_ = std::move(index);
  frozen_vocab_size_ = new_size;
}

void IndexLookupLayer::adapt(const Tensor& data) {
  if (has_input_vocabulary_) {
    throw ValueError(str("Cannot adapt layer '", name(),
                         "' after setting a static vocabulary via "
                         "`vocabulary` argument or `set_vocabulary()` "
                         "method."));
  }
  const bool strings = data.dtype() == DType::string;
  if (strings != is_string_) {
    throw TypeError(str(class_name(), ".adapt: expected ",
                        is_string_ ? "string" : "integer", " data, got ",
                        dtype_name(data.dtype()), "."));
  }
  const Tensor ints = strings ? data : data.astype(DType::int64);
  const auto n = static_cast<std::size_t>(data.size());
  const auto element = [&](std::size_t i) -> LookupToken {
    if (strings) return data.data<std::string>()[i];
    return ints.data<std::int64_t>()[i];
  };
  // A rank-0 or rank-1 input is one document; otherwise rows are.
  const std::size_t row = data.ndim() <= 1
                              ? std::max<std::size_t>(n, 1)
                              : n / std::max<std::int64_t>(data.dim(0), 1);
  std::unordered_map<LookupToken, std::int64_t> counts, documents;
  std::int64_t num_documents = 0;
  for (std::size_t start = 0; start < n; start += row) {
    ++num_documents;
    std::unordered_map<LookupToken, bool> in_doc;
    for (std::size_t i = start; i < std::min(n, start + row); ++i) {
      const LookupToken t = element(i);
      ++counts[t];
      if (in_doc.emplace(t, true).second) ++documents[t];
    }
  }
  if (args_.mask_token) counts.erase(*args_.mask_token);
  if (args_.oov_token) counts.erase(*args_.oov_token);
  if (counts.empty()) return;
  std::vector<std::pair<LookupToken, std::int64_t>> sorted(counts.begin(),
                                                           counts.end());
  // np.lexsort((tokens, counts))[::-1]: by count, ties by term, descending.
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return a.first > b.first;
  });
  if (args_.max_tokens) {
    const auto learned = static_cast<std::size_t>(
        std::max<std::int64_t>(*args_.max_tokens - token_start_index(), 0));
    if (sorted.size() > learned) sorted.resize(learned);
  }
  tokens_.clear();
  index_.clear();
  for (const auto& [token, count] : sorted) {
    index_.emplace(
        token, token_start_index() + static_cast<std::int64_t>(tokens_.size()));
    tokens_.push_back(token);
  }
  if (args_.output_mode == "tf_idf") {
    // log(1 + num_documents / (1 + document_count)); OOV slots get the mean.
    std::vector<double> weights;
    for (const LookupToken& t : tokens_) {
      weights.push_back(
          std::log(1.0 + static_cast<double>(num_documents) /
                             (1.0 + static_cast<double>(documents[t]))));
    }
    const float mean =
        weights.empty()
            ? 0.0f
            : static_cast<float>(
                  std::accumulate(weights.begin(), weights.end(), 0.0) /
                  static_cast<double>(weights.size()));
    weights.insert(weights.begin(),
                   static_cast<std::size_t>(token_start_index()), mean);
    if (args_.pad_to_max_tokens && args_.max_tokens &&
        static_cast<std::int64_t>(weights.size()) < *args_.max_tokens) {
      weights.resize(static_cast<std::size_t>(*args_.max_tokens), 0.0);
    }
    idf_ = std::move(weights);
  }
  const std::int64_t size = vocabulary_size();
  if (args_.output_mode != "int" && !args_.pad_to_max_tokens &&
      frozen_vocab_size_ && *frozen_vocab_size_ != size) {
    throw ValueError(str("When using `output_mode=", args_.output_mode,
                         "` and `pad_to_max_tokens=False`, the vocabulary "
                         "size cannot be changed after the layer is called. "
                         "Old vocab size is ",
                         *frozen_vocab_size_, ", new vocab size is ", size));
  }
  frozen_vocab_size_ = size;
}

Tensor IndexLookupLayer::lookup(const Tensor& inputs) const {
  const bool strings = inputs.dtype() == DType::string;
  if (strings != is_string_ ||
      (!strings && !is_integer(inputs.dtype()) && !is_float(inputs.dtype()))) {
    throw TypeError(
        str(class_name(), " expects ", is_string_ ? "string" : "integer",
            " inputs. Received: inputs.dtype=", dtype_name(inputs.dtype())));
  }
  const Tensor ints = strings ? inputs : inputs.astype(DType::int64);
  Tensor out = Tensor::empty(inputs.shape(), DType::int64);
  std::int64_t* o = out.data<std::int64_t>();
  const std::int64_t n = inputs.size();
  const std::int64_t mask_value = args_.output_mode == "int" ? 0 : kDropped;
  const std::int64_t n_oov = args_.num_oov_indices;
  const std::int64_t oov_start = oov_start_index();
  // Several OOV slots: integers go by floormod unless oov_method is
  // "farmhash"; strings (and those integers, as decimal text) by
  // tf.strings.to_hash_bucket_fast (FarmHash64), or SipHash with a salt.
  const bool hashed = n_oov > 1 && (strings || args_.oov_method == "farmhash");
  if (hashed && args_.salt) {
    throw NotImplementedError(
        str(class_name(),
            " with a `salt` hashes OOV terms with SipHash64 "
            "(tf.strings.to_hash_bucket_strong), which keras.cpp does not "
            "implement."));
  }
  std::vector<LookupToken> missing;
  for (std::int64_t i = 0; i < n; ++i) {
    LookupToken key = strings ? LookupToken(inputs.data<std::string>()[i])
                              : LookupToken(ints.data<std::int64_t>()[i]);
    if (args_.mask_token && key == *args_.mask_token) {
      o[i] = mask_value;
      continue;
    }
    if (auto it = index_.find(key); it != index_.end()) {
      o[i] = it->second;
    } else if (n_oov == 1) {
      o[i] = oov_start;
    } else if (n_oov == 0) {
      missing.push_back(std::move(key));
      o[i] = -1;
    } else if (hashed) {
      const std::string text =
          strings ? std::get<std::string>(key)
                  : std::to_string(std::get<std::int64_t>(key));
      o[i] = oov_start +
             static_cast<std::int64_t>(fingerprint64(text) %
                                       static_cast<std::uint64_t>(n_oov));
    } else {
      const std::int64_t v = std::get<std::int64_t>(key);
      o[i] = oov_start + ((v % n_oov) + n_oov) % n_oov;  // floormod
    }
  }
  if (!missing.empty()) {
    throw ValueError(str(
        "When `num_oov_indices=0` all inputs should be in vocabulary, found "
        "OOV values ",
        repr_list(missing), ", consider setting `num_oov_indices=1`."));
  }
  return out;
}

Tensor IndexLookupLayer::invert_lookup(const Tensor& inputs) const {
  if (!is_integer(inputs.dtype())) {
    throw TypeError(str(class_name(),
                        "(invert=True) expects integer "
                        "indices. Received: inputs.dtype=",
                        dtype_name(inputs.dtype())));
  }
  const Tensor ids = inputs.astype(DType::int64);
  const std::int64_t* p = ids.data<std::int64_t>();
  const std::int64_t n = ids.size();
  const std::int64_t start = token_start_index();
  const auto value = [&](std::int64_t id) -> const LookupToken* {
    if (args_.mask_token && id == 0) return &*args_.mask_token;
    if (id >= start && id - start < static_cast<std::int64_t>(tokens_.size())) {
      return &tokens_[static_cast<std::size_t>(id - start)];
    }
    return args_.oov_token ? &*args_.oov_token : nullptr;
  };
  if (is_string_) {
    Tensor out = Tensor::empty(ids.shape(), DType::string);
    std::string* o = out.data<std::string>();
    for (std::int64_t i = 0; i < n; ++i) {
      const LookupToken* t = value(p[i]);
      o[i] = t ? std::get<std::string>(*t) : std::string();
    }
    return out;
  }
  Tensor out = Tensor::empty(ids.shape(), DType::int64);
  std::int64_t* o = out.data<std::int64_t>();
  for (std::int64_t i = 0; i < n; ++i) {
    const LookupToken* t = value(p[i]);
    o[i] = t ? std::get<std::int64_t>(*t) : -1;
  }
  return out;
}

std::int64_t IndexLookupLayer::encode_depth() const {
  if (args_.pad_to_max_tokens) return *args_.max_tokens;
  if (!frozen_vocab_size_) {
    throw Error(
        str("When using `output_mode=", args_.output_mode,
            "` and `pad_to_max_tokens=False`, you must set the layer's "
            "vocabulary before calling it. Either pass a `vocabulary` argument "
            "to the layer, or call `adapt` with some sample data."));
  }
  return *frozen_vocab_size_;
}

Tensors IndexLookupLayer::call(const Tensors& inputs, const CallContext&) {
  const Tensor& x = inputs.at(0);
  const bool int_mode = args_.output_mode == "int";
  if (x.is_symbolic()) {
    // Keras' compute_output_spec.
    if (int_mode) {
      return {Tensor::symbolic(x.shape(), args_.invert && is_string_
                                              ? DType::string
                                              : DType::int64)};
    }
    const std::int64_t depth = encode_depth();
    Shape shape = x.shape();
    if (args_.output_mode == "one_hot") {
      if (shape.size() > 1 && shape.back() == 1) shape.pop_back();
      shape.push_back(depth);
    } else if (shape.empty()) {
      shape.push_back(depth);
    } else {
      shape.back() = depth;
    }
    return {Tensor::symbolic(
        shape, args_.output_mode == "tf_idf" ? DType::float32 : DType::int64)};
  }
  if (args_.invert) return {invert_lookup(x)};
  Tensor ids = lookup(x);
  if (int_mode) return {ids};

  // Keras' encode_categorical_inputs with dtype int64 (the lookup's value
  // dtype); ids outside [0, depth) (masked inputs) have no slot.
  const std::int64_t depth = encode_depth();
  if (ids.ndim() == 0) ids = ids.view({1});
  Shape shape = ids.shape();
  const std::int64_t* p = ids.data<std::int64_t>();
  if (args_.output_mode == "one_hot") {
    if (shape.size() > 1 && shape.back() == 1) shape.pop_back();
    const std::int64_t n = ids.size();
    shape.push_back(depth);
    Tensor out = Tensor::zeros(shape, DType::int64);
    std::int64_t* o = out.data<std::int64_t>();
    for (std::int64_t i = 0; i < n; ++i) {
      if (p[i] >= 0 && p[i] < depth) o[i * depth + p[i]] = 1;
    }
    return {out};
  }
  // multi_hot / count / tf_idf: over the last axis (the sample).
  const std::int64_t sample = shape.back();
  const std::int64_t rows = sample == 0 ? 0 : ids.size() / sample;
  shape.back() = depth;
  Tensor counts = Tensor::zeros(shape, DType::int64);
  std::int64_t* c = counts.data<std::int64_t>();
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t j = 0; j < sample; ++j) {
      const std::int64_t id = p[r * sample + j];
      if (id < 0 || id >= depth) continue;
      std::int64_t& slot = c[r * depth + id];
      slot = args_.output_mode == "multi_hot" ? 1 : slot + 1;
    }
  }
  if (args_.output_mode != "tf_idf") return {counts};
  if (static_cast<std::int64_t>(idf_.size()) != depth) {
    throw ValueError(
        "When `output_mode` is `'tf_idf'`, `idf_weights` must be provided.");
  }
  Tensor out = Tensor::empty(shape, DType::float32);
  float* o = out.data<float>();
  for (std::int64_t i = 0; i < counts.size(); ++i) {
    o[i] = static_cast<float>(c[i]) *
           static_cast<float>(idf_[static_cast<std::size_t>(i % depth)]);
  }
  return {out};
}

Json IndexLookupLayer::token_json(
    const std::optional<LookupToken>& token) const {
  if (!token) return nullptr;
  if (const auto* i = std::get_if<std::int64_t>(&*token)) return *i;
  return std::get<std::string>(*token);
}

Json IndexLookupLayer::get_config() const {
  Json config = Layer::get_config();
  config["invert"] = args_.invert;
  config["max_tokens"] =
      args_.max_tokens ? Json(*args_.max_tokens) : Json(nullptr);
  config["num_oov_indices"] = args_.num_oov_indices;
  config["oov_token"] = token_json(args_.oov_token);
  config["mask_token"] = token_json(args_.mask_token);
  config["output_mode"] = args_.output_mode;
  config["sparse"] = args_.sparse;
  config["pad_to_max_tokens"] = args_.pad_to_max_tokens;
  config["vocabulary_dtype"] = is_string_ ? "string" : "int64";
  config["idf_weights"] =
      input_idf_weights_ ? Json(*input_idf_weights_) : Json(nullptr);
  if (input_vocabulary_) {
    Json vocab = Json::array();
    for (const LookupToken& t : *input_vocabulary_) {
      vocab.push_back(token_json(t));
    }
    config["vocabulary"] = vocab;
  } else {
    config["vocabulary"] = nullptr;
  }
  config["vocabulary_size"] =
      frozen_vocab_size_ ? Json(*frozen_vocab_size_) : Json(nullptr);
  config["oov_method"] = args_.oov_method;
  config["salt"] = args_.salt ? Json(*args_.salt) : Json(nullptr);
  return config;
}

// Keras: get_build_config() is {} and build_from_config builds.
Json IndexLookupLayer::get_build_config() const { return Json::object(); }
void IndexLookupLayer::build_from_config(const Json&) {}

std::vector<std::string> IndexLookupLayer::named_state_keys() const {
  if (args_.output_mode != "tf_idf") return {};
  return {"idf_weights"};
}

Tensor IndexLookupLayer::named_state(const std::string&) const {
  Tensor t = Tensor::empty({static_cast<std::int64_t>(idf_.size())});
  std::copy(idf_.begin(), idf_.end(), t.data<float>());
  return t;
}

void IndexLookupLayer::load_named_state(const std::string&,
                                        const Tensor& value) {
  idf_ = value.to_double_vector();
}

void IndexLookupLayer::save_assets(saving::AssetsDir& dir) const {
  if (input_vocabulary_) return;  // the vocabulary is in the config
  std::string text;
  const std::vector<LookupToken> vocab = get_vocabulary(true);
  for (std::size_t i = 0; i < vocab.size(); ++i) {
    if (i) text += '\n';
    text += token_text(vocab[i]);
  }
  dir.write("vocabulary.txt", std::move(text));
}

void IndexLookupLayer::load_assets(const saving::AssetsDir& dir) {
  if (input_vocabulary_) return;  // the vocabulary is in the config
  std::vector<std::string> lines = split_lines(dir.read("vocabulary.txt"));
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  std::vector<LookupToken> values;
  values.reserve(lines.size());
  for (std::string& line : lines) {
    if (is_string_) {
      values.emplace_back(std::move(line));
      continue;
    }
    // Python's int(line): optional sign and surrounding whitespace.
    std::istringstream in(line);
    std::int64_t v = 0;
    std::string rest;
    if (!(in >> v) || (in >> rest)) {
      throw FormatError(str(dir.location(),
                            "/vocabulary.txt: invalid literal for int() with "
                            "base 10: '",
                            line, "'"));
    }
    values.emplace_back(v);
  }
  if (args_.output_mode == "tf_idf") {
    set_vocabulary(values, idf_);
  } else {
    set_vocabulary(values);
  }
}

}  // namespace keras::layers
