#include "keras/layers/core/masking.h"

#include <gtest/gtest.h>

#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

TEST(MaskingTest, MatchesKerasFixture) {
  testing::expect_layer_case("masking");
}

TEST(MaskingTest, ZeroesAndMasksStepsEqualToMaskValue) {
  Masking layer(2.0);
  const Tensor x = Tensor::from_vector<float>({2, 2, 1, 2, 3, 3}, {1, 3, 2});
  const Tensor y = layer(x);
  EXPECT_TRUE(testing::AllClose(
      y, Tensor::from_vector<float>({0, 0, 1, 2, 3, 3}, {1, 3, 2})));
  const Tensor mask = get_keras_mask(y);
  ASSERT_TRUE(mask.defined());
  EXPECT_TRUE(testing::AllClose(ops::cast(mask, DType::float32),
                                Tensor::from_vector<float>({0, 1, 1}, {1, 3})));
  EXPECT_EQ(MaskingLayer::from_config(layer->get_config())->mask_value(), 2.0);
}

TEST(MaskingTest, GradientsMatchFiniteDifferences) {
  // The mask is a step function of the inputs, so finite differences are
  // only meaningful away from it: no step here equals the mask value.
  Masking layer(0.0, {.base = {.dtype = "float64"}});
  testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {Tensor::from_vector<double>({0, 0.7, 1, -2, 0.5, 3}, {1, 3, 2})});
}

}  // namespace
}  // namespace keras::layers
