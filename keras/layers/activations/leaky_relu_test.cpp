#include "keras/layers/activations/leaky_relu.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(LeakyReLUTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("leaky_relu");
}

TEST(LeakyReLUTest, DefaultSlopeIsKerasLayerDefault) {
  LeakyReLU layer;
  EXPECT_EQ(layer->get_config()["negative_slope"], 0.3);
  EXPECT_NEAR(layer(Tensor::full({1, 1}, -1.0)).item(), -0.3, 1e-7);
  // Keras 2 configs wrote the slope as `alpha`.
  auto old = LeakyReLULayer::from_config(Json::parse(R"({"alpha": 0.1})"));
  EXPECT_DOUBLE_EQ(old->negative_slope(), 0.1);
}

TEST(LeakyReLUTest, GradientsMatchFiniteDifferences) {
  LeakyReLU layer({.negative_slope = 0.2, .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {Tensor::from_vector<double>({-2.5, -0.7, 0.2, 0.45, 1.3, 3.1}, {2, 3})});
}

TEST(LeakyReLUTest, NegativeSlopeIsRefused) {
  try {
    LeakyReLU({.negative_slope = -0.5});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Received: negative_slope=-0.5"));
  }
}

}  // namespace
}  // namespace keras::layers
