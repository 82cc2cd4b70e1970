#include "keras/layers/regularization/gaussian_dropout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(GaussianDropoutTest, KerasFixtures) {
  testing::expect_layer_case("gaussian_dropout");
}

TEST(GaussianDropoutTest, MultipliesByUnitMeanNoiseWhileTraining) {
  GaussianDropout layer(0.2, {.seed = 5});
  const Tensor x = Tensor::ones({200, 50});
  EXPECT_TRUE(testing::AllClose(layer(x), x, 0, 0));
  const auto v = (*layer)(x, {.training = true}).to_double_vector();
  double sum = 0, sq = 0;
  for (double e : v) sum += e, sq += (e - 1) * (e - 1);
  EXPECT_NEAR(sum / v.size(), 1.0, 0.02);
  EXPECT_NEAR(std::sqrt(sq / v.size()), std::sqrt(0.2 / 0.8), 0.02);
}

TEST(GaussianDropoutTest, GradientIsTheNoise) {
  GaussianDropout layer(0.3, {.base = {.dtype = "float64"}});
  Tensor x = random::uniform({3, 4}, 1, 2, 1, DType::float64);
  x.set_requires_grad(true);
  const Tensor y = (*layer)(x, {.training = true});
  const Tensors g = autograd::grad(ops::sum(y), {x});
  EXPECT_TRUE(testing::AllClose(g[0], y / x, 1e-12, 1e-12));
}

TEST(GaussianDropoutTest, BadRateIsRefused) {
  EXPECT_THROW(GaussianDropout(1.2), ValueError);
}

}  // namespace
}  // namespace keras::layers
