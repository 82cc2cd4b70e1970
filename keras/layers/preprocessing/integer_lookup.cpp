#include "keras/layers/preprocessing/integer_lookup.h"

#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

IndexLookupArgs integer_args(IntegerLookupOptions& o) {
  // IntegerLookup's own checks run before IndexLookup's.
  if (o.max_tokens && *o.max_tokens <= 1) {
    throw ValueError(
        str("If `max_tokens` is set for `IntegerLookup`, it must "
            "be greater than 1. Received: max_tokens=",
            *o.max_tokens));
  }
  if (o.num_oov_indices < 0) {
    throw ValueError(
        str("The value of `num_oov_indices` argument for "
            "`IntegerLookup` must >= 0. Received: "
            "num_oov_indices=",
            o.num_oov_indices));
  }
  if (o.sparse) {
    throw ValueError(
        "`sparse=True` can only be used with the TensorFlow backend.");
  }
  if (o.vocabulary_dtype != "int64") {
    throw ValueError(
        str("Only `vocabulary_dtype='int64'` is supported at "
            "this time. Received: vocabulary_dtype=",
            o.vocabulary_dtype));
  }
  return index_lookup_args(o);
}

}  // namespace

IntegerLookupLayer::IntegerLookupLayer(IntegerLookupOptions options)
    : IndexLookupLayer(integer_args(options), /*is_string=*/false,
                       std::move(options.base), "integer_lookup") {}

std::shared_ptr<IntegerLookupLayer> IntegerLookupLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "IntegerLookup");
  IntegerLookupOptions o;
  o.max_tokens = r.optional<std::int64_t>("max_tokens");
  o.num_oov_indices = r.get<std::int64_t>("num_oov_indices", 1);
  o.mask_token = r.optional<std::int64_t>("mask_token");
  o.oov_token = r.has("oov_token") ? r.optional<std::int64_t>("oov_token")
                                   : std::optional<std::int64_t>(-1);
  if (r.has("vocabulary") && !r.raw("vocabulary").is_null()) {
    o.vocabulary = r.required<std::vector<std::int64_t>>("vocabulary");
  }
  o.vocabulary_dtype = r.get<std::string>("vocabulary_dtype", "int64");
  o.idf_weights = idf_weights_from_config(r);
  o.invert = r.get("invert", false);
  o.output_mode = r.get<std::string>("output_mode", "int");
  o.sparse = r.get("sparse", false);
  o.pad_to_max_tokens = r.get("pad_to_max_tokens", false);
  o.oov_method = r.get<std::string>("oov_method", "floormod");
  o.salt = lookup_salt_from_config(r);
  o.vocabulary_size = r.optional<std::int64_t>("vocabulary_size");
  // Keras' IndexLookup drops `trainable` and `dtype` from the config.
  o.base.name = r.get<std::string>("name", "");
  return std::make_shared<IntegerLookupLayer>(std::move(o));
}

}  // namespace keras::layers
