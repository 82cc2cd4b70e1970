#include "keras/layers/reshaping/cropping1d.h"

namespace keras::layers {

Cropping1DLayer::Cropping1DLayer(std::pair<std::int64_t, std::int64_t> cropping,
                                 LayerOptions base)
    : CroppingLayer(1, {cropping}, "", false, std::move(base), "cropping1d") {}

Cropping1DLayer::Cropping1DLayer(std::int64_t cropping, LayerOptions base)
    : CroppingLayer(1, {{cropping, cropping}}, "", false, std::move(base),
                    "cropping1d") {}

std::shared_ptr<Cropping1DLayer> Cropping1DLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Cropping1D");
  const SpatialPairs pairs = read_pairs(r, "cropping", 1, {{1, 1}});
  if (pairs.size() != 1) check_pairs(pairs, 1, "cropping");
  return std::make_shared<Cropping1DLayer>(pairs[0],
                                           layer_options_from_config(r));
}

}  // namespace keras::layers
