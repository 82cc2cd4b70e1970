#include "keras/layers/preprocessing/rescaling.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(RescalingTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("rescaling");
}

TEST(RescalingTest, PerChannelScaleFromAnArrayRecord) {
  const Json record = {
      {"class_name", "__numpy__"},
      {"config", {{"value", {1.0, 2.0}}, {"dtype", "float32"}}}};
  auto layer = RescalingLayer::from_config(
      {{"name", "r"}, {"scale", record}, {"offset", 1.0}});
  const Tensor y = (*layer)(Tensor::from_vector<int>({1, 1, 3, 3}, {2, 2}));
  EXPECT_EQ(y.dtype(), DType::float32);
  EXPECT_EQ(y.to_double_vector(), (std::vector<double>{2, 3, 4, 7}));
  EXPECT_EQ(layer->get_config()["scale"], record);
}

TEST(RescalingTest, NonNumericScaleIsATypeError) {
  keras::testing::expect_error<TypeError>(
      [] { Rescaling("big"); },
      "`scale` must be a number or an array of numbers");
}

TEST(RescalingTest, GradientsMatchFiniteDifferences) {
  Rescaling layer(0.5, {.offset = 2.0, .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {Tensor::from_vector<double>({1, -2, 3}, {1, 3})});
}

}  // namespace
}  // namespace keras::layers
