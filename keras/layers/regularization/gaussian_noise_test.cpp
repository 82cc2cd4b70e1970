#include "keras/layers/regularization/gaussian_noise.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(GaussianNoiseTest, KerasFixtures) {
  testing::expect_layer_case("gaussian_noise");
}

TEST(GaussianNoiseTest, AddsNoiseOnlyWhileTraining) {
  GaussianNoise layer(0.5, {.seed = 3});
  const Tensor x = Tensor::zeros({200, 50});
  EXPECT_TRUE(testing::AllClose(layer(x), x, 0, 0));
  const Tensor a = (*layer)(x, {.training = true});
  const auto v = a.to_double_vector();
  double sum = 0, sq = 0;
  for (double e : v) sum += e, sq += e * e;
  EXPECT_NEAR(sum / v.size(), 0.0, 0.02);
  EXPECT_NEAR(std::sqrt(sq / v.size()), 0.5, 0.02);
  // Each call draws new noise.
  EXPECT_FALSE(testing::AllClose((*layer)(x, {.training = true}), a, 0, 0));
}

TEST(GaussianNoiseTest, GradientIsTheIdentity) {
  GaussianNoise layer(0.3, {.base = {.dtype = "float64"}});
  Tensor x = random::normal({3, 4}, 0, 1, 1, DType::float64);
  x.set_requires_grad(true);
  const Tensors g =
      autograd::grad(ops::sum((*layer)(x, {.training = true})), {x});
  EXPECT_TRUE(testing::AllClose(g[0], ops::ones_like(x), 0, 0));
}

TEST(GaussianNoiseTest, BadStddevIsRefused) {
  try {
    GaussianNoise layer(-0.1);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Received: stddev=-0.1"));
  }
}

}  // namespace
}  // namespace keras::layers
