#include "keras/layers/regularization/alpha_dropout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(AlphaDropoutTest, KerasFixtures) {
  testing::expect_layer_case("alpha_dropout");
}

TEST(AlphaDropoutTest, KeepsMeanAndVarianceOfSeluActivations) {
  AlphaDropout layer(0.2, {.seed = 9});
  const Tensor x = random::normal({400, 100}, 0, 1, 2);
  EXPECT_TRUE(testing::AllClose(layer(x), x, 0, 0));
  const auto v = (*layer)(x, {.training = true}).to_double_vector();
  double sum = 0, sq = 0;
  for (double e : v) sum += e, sq += e * e;
  const double mean = sum / v.size();
  EXPECT_NEAR(mean, 0.0, 0.03);
  EXPECT_NEAR(sq / v.size() - mean * mean, 1.0, 0.05);
}

TEST(AlphaDropoutTest, NoiseShapeSharesDraws) {
  AlphaDropout layer(0.5, {.noise_shape = Shape{-1, 1}, .seed = 1});
  const Tensor y = (*layer)(Tensor::ones({6, 4}), {.training = true});
  const auto v = y.to_double_vector();
  for (int r = 0; r < 6; ++r) {
    for (int c = 1; c < 4; ++c) EXPECT_EQ(v[r * 4 + c], v[r * 4]);
  }
  const Json config = layer->get_config();
  EXPECT_EQ(config["noise_shape"], Json::parse("[null, 1]"));
  EXPECT_EQ(AlphaDropoutLayer::from_config(config)->get_config(), config);
}

TEST(AlphaDropoutTest, GradientIsTheAffineScaleOnKeptUnits) {
  AlphaDropout layer(0.3, {.base = {.dtype = "float64"}});
  Tensor x = random::normal({5, 4}, 0, 1, 1, DType::float64);
  x.set_requires_grad(true);
  const Tensors g =
      autograd::grad(ops::sum((*layer)(x, {.training = true})), {x});
  const double alpha_p = -1.6732632423543772 * 1.0507009873554805;
  const double a = std::pow(0.7 * (1 + 0.3 * alpha_p * alpha_p), -0.5);
  for (double e : g[0].to_double_vector()) {
    EXPECT_TRUE(e == 0.0 || std::abs(e - a) < 1e-12) << e;
  }
}

TEST(AlphaDropoutTest, BadRateIsRefused) {
  try {
    AlphaDropout layer(2.0);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Expected a float value "
                                               "between 0 and 1. Received: "
                                               "rate=2"));
  }
}

}  // namespace
}  // namespace keras::layers
