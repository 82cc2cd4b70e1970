#include "keras/layers/regularization/activity_regularization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

TEST(ActivityRegularizationTest, KerasFixtures) {
  testing::expect_layer_case("activity_regularization");
}

TEST(ActivityRegularizationTest, AddsTheBatchAveragedPenaltyWhileTraining) {
  ActivityRegularization layer(0.1, 0.01);
  const Tensor x = Tensor::from_vector<float>({1, -2, 3, 0}, {2, 2});
  EXPECT_TRUE(testing::AllClose((*layer)(x, {.training = true}), x, 0, 0));
  ASSERT_EQ(layer->losses().size(), 1u);
  // (0.1 * 6 + 0.01 * 14) / batch 2.
  EXPECT_NEAR(layer->losses()[0].item(), 0.37, 1e-6);
  const Json config = layer->get_config();
  EXPECT_FALSE(config.contains("activity_regularizer"));
  EXPECT_EQ(config["l1"], 0.1);
  EXPECT_EQ(ActivityRegularizationLayer::from_config(config)->get_config(),
            config);
}

TEST(ActivityRegularizationTest, PenaltyGradientMatchesFiniteDifferences) {
  ActivityRegularization layer(0.1, 0.2, {.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) {
        Tensor y = ops::sum((*layer)(in[0], {.training = true}));
        return y + layer->losses()[0];
      },
      {Tensor::from_vector<double>({0.5, -1.5, 2.0, 0.3}, {2, 2})});
}

TEST(ActivityRegularizationTest, WrongConfigTypeIsRefused) {
  EXPECT_THROW(ActivityRegularizationLayer::from_config({{"l1", "big"}}),
               TypeError);
}

}  // namespace
}  // namespace keras::layers
