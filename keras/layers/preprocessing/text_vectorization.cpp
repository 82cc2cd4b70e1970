#include "keras/layers/preprocessing/text_vectorization.h"

#include <algorithm>

#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/utf8.h"

namespace keras::layers {

namespace {

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

// Python's string.punctuation (Keras' regex class): all ASCII punctuation.
bool is_ascii_punctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

std::string standardize_text(std::string s, const std::string& mode) {
  if (mode == "lower" || mode == "lower_and_strip_punctuation") {
    // tf.strings.lower without an encoding changes ASCII letters only.
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  if (mode == "strip_punctuation" || mode == "lower_and_strip_punctuation") {
    // ASCII bytes never occur inside a UTF-8 multi-byte sequence.
    s.erase(std::remove_if(s.begin(), s.end(), is_ascii_punctuation), s.end());
  }
  return s;
}

std::vector<std::string> split_text(const std::string& s,
                                    const std::string& mode) {
  std::vector<std::string> out;
  if (mode == "whitespace") {
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_ascii_space(s[i])) ++i;
      const std::size_t start = i;
      while (i < s.size() && !is_ascii_space(s[i])) ++i;
      if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
  }
  // "character": one token per UTF-8 code point (an invalid byte alone).
  for (std::size_t i = 0; i < s.size();) {
    std::uint32_t cp = static_cast<unsigned char>(s[i]);
    const std::size_t n =
        cp < 0x80 ? 1 : std::max<std::size_t>(decode_utf8(s, i, cp), 1);
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// tf.strings.ngrams(tokens, widths, separator=" "): every n-gram of each
// width in turn.
std::vector<std::string> make_ngrams(const std::vector<std::string>& tokens,
                                     const std::vector<std::int64_t>& widths) {
  std::vector<std::string> out;
  for (const std::int64_t w : widths) {
    const auto width = static_cast<std::size_t>(w);
    for (std::size_t i = 0; width > 0 && i + width <= tokens.size(); ++i) {
      std::string gram = tokens[i];
      for (std::size_t k = 1; k < width; ++k) gram += " " + tokens[i + k];
      out.push_back(std::move(gram));
    }
  }
  return out;
}

StringLookupOptions inner_options(const TextVectorizationOptions& o) {
  StringLookupOptions s;
  s.max_tokens = o.max_tokens;
  s.vocabulary = o.vocabulary;
  s.idf_weights = o.idf_weights;
  s.pad_to_max_tokens = o.pad_to_max_tokens;
  s.mask_token = "";
  s.output_mode = o.output_mode;
  s.has_input_vocabulary = o.vocabulary.has_value();
  s.encoding = o.encoding;
  s.vocabulary_size = o.vocabulary_size;
  return s;
}

// The config value of `standardize` / `split`: a name or null (a record is
// a serialized Python callable).
std::optional<std::string> name_or_null(const saving::ConfigReader& r,
                                        const std::string& key,
                                        const char* fallback) {
  if (!r.has(key)) return std::string(fallback);
  const Json& v = r.raw(key);
  if (v.is_null()) return std::nullopt;
  if (v.is_string()) return v.get<std::string>();
  throw NotImplementedError(
      str("TextVectorization: `", key, "` is a Python callable (", v.dump(),
          "), which keras.cpp cannot run. Only the built-in ", key,
          " modes load."));
}

}  // namespace

TextVectorizationLayer::TextVectorizationLayer(TextVectorizationOptions options)
    : Layer(std::move(options.base), "text_vectorization"),
      options_(std::move(options)) {
  if (options_.sparse) {
    throw ValueError(
        "`sparse=True` can only be used with the TensorFlow backend.");
  }
  if (options_.ragged) {
    throw ValueError(
        "`ragged=True` can only be used with the TensorFlow backend.");
  }
  if (options_.standardize) {
    validate_lookup_string_arg(
        *options_.standardize, "TextVectorization", "standardize",
        {"lower_and_strip_punctuation", "lower", "strip_punctuation"});
  }
  if (options_.split) {
    validate_lookup_string_arg(*options_.split, "TextVectorization", "split",
                               {"whitespace", "character"});
  }
  if (options_.output_mode == "binary") options_.output_mode = "multi_hot";
  if (options_.output_mode == "tf-idf") options_.output_mode = "tf_idf";
  validate_lookup_string_arg(
      options_.output_mode, "TextVectorization", "output_mode",
      {"int", "one_hot", "multi_hot", "count", "tf_idf"});
  const Json& ngrams = options_.ngrams;
  bool ngrams_ok = ngrams.is_null() || ngrams.is_number_integer();
  if (ngrams.is_array()) {
    ngrams_ok = std::all_of(ngrams.begin(), ngrams.end(), [](const Json& v) {
      return v.is_number_integer();
    });
  }
  if (!ngrams_ok) {
    throw ValueError(
        str("`ngrams` must be None, an integer, or a tuple of "
            "integers. Received: ngrams=",
            ngrams.dump()));
  }
  if (ngrams.is_number_integer()) {
    for (std::int64_t w = 1; w <= integer_of<std::int64_t>(ngrams); ++w) {
      ngram_widths_.push_back(w);
    }
  } else if (ngrams.is_array()) {
    for (const Json& v : ngrams)
      ngram_widths_.push_back(integer_of<std::int64_t>(v));
  }
  if (options_.output_mode != "int" && options_.output_sequence_length) {
    throw ValueError(
        str("`output_sequence_length` must not be set if "
            "`output_mode` is not 'int'. Received "
            "output_sequence_length=",
            *options_.output_sequence_length, "."));
  }
  if (options_.output_mode == "one_hot" && options_.split) {
    // Keras would one-hot a ragged tensor, which no backend but TensorFlow
    // returns.
    throw NotImplementedError(
        "TextVectorization(output_mode='one_hot') with a `split` gives "
        "ragged outputs, which keras.cpp does not support.");
  }
  lookup_ = track("_lookup_layer",
                  std::make_shared<StringLookupLayer>(inner_options(options_)));
}

Tensor TextVectorizationLayer::preprocess(const Tensor& inputs) const {
  if (inputs.dtype() != DType::string) {
    throw TypeError(
        str("TextVectorization expects string inputs. Received: "
            "inputs.dtype=",
            dtype_name(inputs.dtype())));
  }
  Shape shape = inputs.shape();
  const bool split = options_.split.has_value();
  if (split && shape.size() > 1) {
    if (shape.back() != 1) {
      throw ValueError(
          str("When using `TextVectorization` to tokenize strings, the input "
              "rank must be 1 or the last shape dimension must be 1. Received: "
              "inputs.shape=",
              shape_str(shape), " with rank=", shape.size()));
    }
    shape.pop_back();
  }
  const std::string* in = inputs.data<std::string>();
  const auto n = static_cast<std::size_t>(inputs.size());
  std::vector<std::string> texts(in, in + n);
  if (options_.standardize) {
    for (std::string& t : texts) t = standardize_text(t, *options_.standardize);
  }
  if (!split && ngram_widths_.empty()) {
    Tensor out = Tensor::empty(inputs.shape(), DType::string);
    std::move(texts.begin(), texts.end(), out.data<std::string>());
    return out;
  }
  // Rows of tokens: one per string when splitting; else the last axis
  // (n-grams of unsplit strings).
  std::vector<std::vector<std::string>> rows;
  if (split) {
    for (const std::string& t : texts)
      rows.push_back(split_text(t, *options_.split));
  } else {
    const std::size_t width =
        shape.empty() ? 1 : static_cast<std::size_t>(shape.back());
    if (!shape.empty()) shape.pop_back();
    for (std::size_t i = 0; width > 0 && i < n; i += width) {
      rows.emplace_back(texts.begin() + i, texts.begin() + i + width);
    }
  }
  std::size_t longest = 0;
  for (auto& row : rows) {
    if (!ngram_widths_.empty()) row = make_ngrams(row, ngram_widths_);
    longest = std::max(longest, row.size());
  }
  shape.push_back(static_cast<std::int64_t>(longest));
  Tensor out = Tensor::zeros(shape, DType::string);  // "" pads
  std::string* o = out.data<std::string>();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::move(rows[i].begin(), rows[i].end(), o + i * longest);
  }
  return out;
}

Tensors TextVectorizationLayer::call(const Tensors& inputs,
                                     const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  const bool int_mode = options_.output_mode == "int";
  if (x.is_symbolic()) {
    if (x.dtype() != DType::string) {
      throw TypeError(
          str("TextVectorization expects string inputs. "
              "Received: inputs.dtype=",
              dtype_name(x.dtype())));
    }
    const std::int64_t batch = x.ndim() > 0 ? x.shape()[0] : -1;
    if (int_mode) {
      return {Tensor::symbolic(
          {batch, options_.output_sequence_length.value_or(-1)}, DType::int64)};
    }
    Shape tokens = options_.split ? Shape{batch, -1} : x.shape();
    if (!options_.split && tokens.size() <= 1) tokens.push_back(1);
    return lookup_->call({Tensor::symbolic(tokens, DType::string)}, ctx);
  }
  Tensor tokens = preprocess(x);
  if (int_mode && options_.output_sequence_length && tokens.ndim() > 0) {
    // Trim or pad (with the mask token, index 0) the last axis.
    const std::int64_t length = *options_.output_sequence_length;
    const std::int64_t have = tokens.shape().back();
    Shape shape = tokens.shape();
    shape.back() = length;
    Tensor fitted = Tensor::zeros(shape, DType::string);
    const std::int64_t rows =
        have == 0 ? fitted.size() / std::max<std::int64_t>(length, 1)
                  : tokens.size() / have;
    const std::string* src = tokens.data<std::string>();
    std::string* dst = fitted.data<std::string>();
    for (std::int64_t r = 0; r < rows; ++r) {
      std::copy_n(src + r * have, std::min(have, length), dst + r * length);
    }
    tokens = fitted;
  }
  return lookup_->call({tokens}, ctx);
}

void TextVectorizationLayer::set_vocabulary(
    const std::vector<std::string>& vocabulary,
    const std::optional<std::vector<double>>& idf_weights) {
  lookup_->set_vocabulary(
      std::vector<LookupToken>(vocabulary.begin(), vocabulary.end()),
      idf_weights);
}

void TextVectorizationLayer::adapt(const Tensor& data) {
  Tensor d = data;
  if (d.ndim() == 1) d = d.view({d.dim(0), 1});
  lookup_->adapt(preprocess(d));
}

std::vector<std::string> TextVectorizationLayer::get_vocabulary(
    bool include_special_tokens) const {
  std::vector<std::string> out;
  for (const LookupToken& t : lookup_->get_vocabulary(include_special_tokens)) {
    out.push_back(std::get<std::string>(t));
  }
  return out;
}

std::int64_t TextVectorizationLayer::vocabulary_size() const {
  return lookup_->vocabulary_size();
}

Json TextVectorizationLayer::get_config() const {
  Json config = Layer::get_config();
  const auto opt = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
  config["max_tokens"] = opt(options_.max_tokens);
  config["standardize"] = opt(options_.standardize);
  config["split"] = opt(options_.split);
  config["ngrams"] = options_.ngrams;
  config["output_mode"] = options_.output_mode;
  config["output_sequence_length"] = opt(options_.output_sequence_length);
  config["pad_to_max_tokens"] = options_.pad_to_max_tokens;
  config["sparse"] = options_.sparse;
  config["ragged"] = options_.ragged;
  config["vocabulary"] = opt(options_.vocabulary);
  config["idf_weights"] = opt(options_.idf_weights);
  config["encoding"] = options_.encoding;
  config["vocabulary_size"] = vocabulary_size();
  return config;
}

std::shared_ptr<TextVectorizationLayer> TextVectorizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "TextVectorization");
  TextVectorizationOptions o;
  o.max_tokens = r.optional<std::int64_t>("max_tokens");
  o.standardize = name_or_null(r, "standardize", "lower_and_strip_punctuation");
  o.split = name_or_null(r, "split", "whitespace");
  o.ngrams = r.get<Json>("ngrams", nullptr);
  o.output_mode = r.get<std::string>("output_mode", "int");
  o.output_sequence_length = r.optional<std::int64_t>("output_sequence_length");
  o.pad_to_max_tokens = r.get("pad_to_max_tokens", false);
  const StringLookupOptions lookup = StringLookupLayer::options_from_config(
      Json{{"vocabulary", r.get<Json>("vocabulary", nullptr)},
           {"idf_weights", r.get<Json>("idf_weights", nullptr)}});
  o.vocabulary = lookup.vocabulary;
  o.idf_weights = lookup.idf_weights;
  o.sparse = r.get("sparse", false);
  o.ragged = r.get("ragged", false);
  o.encoding = r.get<std::string>("encoding", "utf-8");
  o.vocabulary_size = r.optional<std::int64_t>("vocabulary_size");
  o.base = layer_options_from_config(r);
  return std::make_shared<TextVectorizationLayer>(std::move(o));
}

// Keras writes the inner layer's vocabulary here too (and again under
// _lookup_layer/, which the weights walk reaches by itself).
void TextVectorizationLayer::save_assets(saving::AssetsDir& dir) const {
  lookup_->save_assets(dir);
}

void TextVectorizationLayer::load_assets(const saving::AssetsDir& dir) {
  lookup_->load_assets(dir);
}

}  // namespace keras::layers
