#include "keras/layers/preprocessing/string_lookup.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

IndexLookupArgs string_args(StringLookupOptions& o) {
  if (o.sparse) {
    throw ValueError(
        "`sparse=True` can only be used with the TensorFlow backend.");
  }
  return index_lookup_args(o);
}

std::optional<std::vector<std::string>> string_list(
    const saving::ConfigReader& r, const std::string& key) {
  if (!r.has(key) || r.raw(key).is_null()) return std::nullopt;
  const Json& v = r.raw(key);
  std::vector<std::string> out;
  bool ok = v.is_array();
  for (std::size_t i = 0; ok && i < v.size(); ++i) {
    ok = v[i].is_string();
    if (ok) out.push_back(v[i].get<std::string>());
  }
  if (!ok) {
    throw TypeError(str(r.class_name(), ": `", key,
                        "` must be a list of strings. Received: ", v.dump()));
  }
  return out;
}

}  // namespace

StringLookupLayer::StringLookupLayer(StringLookupOptions options)
    : IndexLookupLayer(string_args(options), /*is_string=*/true,
                       std::move(options.base), "string_lookup"),
      encoding_(std::move(options.encoding)) {}

Json StringLookupLayer::get_config() const {
  Json config = IndexLookupLayer::get_config();
  // One dtype only for strings: Keras does not write it.
  config.erase("vocabulary_dtype");
  config["encoding"] = encoding_;
  return config;
}

StringLookupOptions StringLookupLayer::options_from_config(const Json& config) {
  saving::ConfigReader r(config, "StringLookup");
  StringLookupOptions o;
  o.max_tokens = r.optional<std::int64_t>("max_tokens");
  o.num_oov_indices = r.get<std::int64_t>("num_oov_indices", 1);
  o.mask_token = r.optional<std::string>("mask_token");
  o.oov_token = r.has("oov_token") ? r.optional<std::string>("oov_token")
                                   : std::optional<std::string>("[UNK]");
  o.vocabulary = string_list(r, "vocabulary");
  o.idf_weights = idf_weights_from_config(r);
  o.invert = r.get("invert", false);
  o.output_mode = r.get<std::string>("output_mode", "int");
  o.pad_to_max_tokens = r.get("pad_to_max_tokens", false);
  o.sparse = r.get("sparse", false);
  o.encoding = r.get<std::string>("encoding", "utf-8");
  o.oov_method = r.get<std::string>("oov_method", "floormod");
  o.salt = lookup_salt_from_config(r);
  o.vocabulary_size = r.optional<std::int64_t>("vocabulary_size");
  // Keras' IndexLookup drops `trainable` and `dtype` from the config.
  o.base.name = r.get<std::string>("name", "");
  return o;
}

std::shared_ptr<StringLookupLayer> StringLookupLayer::from_config(
    const Json& config) {
  return std::make_shared<StringLookupLayer>(options_from_config(config));
}

}  // namespace keras::layers
