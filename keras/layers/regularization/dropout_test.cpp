#include "keras/layers/regularization/dropout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

TEST(DropoutTest, IdentityAtInference) {
  Dropout layer(0.5);
  Tensor x = random::normal({4, 8});
  EXPECT_TRUE(testing::AllClose(layer(x), x, 0, 0));
}

TEST(DropoutTest, TrainingZeroesAndRescales) {
  Dropout layer(0.5, {.seed = 7});
  Tensor x = Tensor::ones({100, 100});
  Tensor y = (*layer)(x, {.training = true});
  std::int64_t zeros = 0;
  for (double v : y.to_double_vector()) {
    if (v == 0.0) {
      ++zeros;
    } else {
      EXPECT_DOUBLE_EQ(v, 2.0);
    }
  }
  EXPECT_NEAR(double(zeros) / 10000.0, 0.5, 0.03);
}

TEST(DropoutTest, HasNoWeightsAndKerasConfig) {
  Dropout layer(0.2, {.base = {.name = "drop"}});
  layer(Tensor::zeros({1, 3}));
  EXPECT_TRUE(layer->weights().empty());
  const Json config = layer->get_config();
  EXPECT_EQ(config["rate"], 0.2);
  EXPECT_TRUE(config["seed"].is_null());
  EXPECT_TRUE(config["noise_shape"].is_null());
  EXPECT_EQ(DropoutLayer::from_config(config)->get_config(), config);
  EXPECT_TRUE(layer->get_build_config().is_null());
}

TEST(DropoutTest, RateOutOfRangeIsRefused) {
  EXPECT_THROW(Dropout(1.5), ValueError);
  EXPECT_THROW(Dropout(-0.1), ValueError);
}

// A fresh mask per call rules out finite differences: the gradient is the
// mask's scale, y / x (x kept away from 0), with a noise_shape broadcast too.
TEST(DropoutTest, TrainingGradientIsTheScaledMask) {
  for (const std::optional<Shape>& noise_shape :
       {std::optional<Shape>{}, std::optional<Shape>{Shape{3, 1}}}) {
    Dropout layer(
        0.4,
        {.noise_shape = noise_shape, .seed = 3, .base = {.dtype = "float64"}});
    Tensor x = random::uniform({3, 4}, 1, 2, 1, DType::float64);
    x.set_requires_grad(true);
    const Tensor y = (*layer)(x, {.training = true});
    const Tensors g = autograd::grad(ops::sum(y), {x});
    EXPECT_TRUE(testing::AllClose(g[0], y / x, 1e-12, 1e-12));
  }
}

}  // namespace
}  // namespace keras::layers
