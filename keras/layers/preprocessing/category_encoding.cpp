#include "keras/layers/preprocessing/category_encoding.h"

#include "keras/saving/config_reader.h"
#include "keras/utils/numerical_utils.h"

namespace keras::layers {

CategoryEncodingLayer::CategoryEncodingLayer(std::int64_t num_tokens,
                                             CategoryEncodingOptions options)
    : Layer(std::move(options.base), "category_encoding"),
      num_tokens_(num_tokens),
      output_mode_(std::move(options.output_mode)) {
  validate_output_mode(output_mode_, "CategoryEncoding",
                       {"count", "one_hot", "multi_hot"});
  if (num_tokens_ < 1) {
    throw ValueError(str(
        "`num_tokens` must be >= 1. Received: num_tokens=", num_tokens_, "."));
  }
}

Tensors CategoryEncodingLayer::call(const Tensors& inputs, const CallContext&) {
  return {encode_categorical_inputs(inputs.at(0), output_mode_, num_tokens_,
                                    compute_dtype())};
}

Json CategoryEncodingLayer::get_config() const {
  Json config = Layer::get_config();
  config["num_tokens"] = num_tokens_;
  config["output_mode"] = output_mode_;
  return config;
}

std::shared_ptr<CategoryEncodingLayer> CategoryEncodingLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "CategoryEncoding");
  return std::make_shared<CategoryEncodingLayer>(
      r.required<std::int64_t>("num_tokens"),
      CategoryEncodingOptions{
          .output_mode = r.get<std::string>("output_mode", "multi_hot"),
          .base = layer_options_from_config(r)});
}

}  // namespace keras::layers
