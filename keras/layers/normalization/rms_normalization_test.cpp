#include "keras/layers/normalization/rms_normalization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

TEST(RMSNormalizationTest, KerasFixtures) {
  testing::expect_layer_case("rms_normalization");
}

TEST(RMSNormalizationTest, DividesByTheRootMeanSquare) {
  RMSNormalization rms({.epsilon = 0.0});
  const Tensor y = rms(Tensor::from_vector<float>({3, 4}, {1, 2}));
  const float r = std::sqrt(12.5f);
  EXPECT_TRUE(
      testing::AllClose(y, Tensor::from_vector<float>({3 / r, 4 / r}, {1, 2})));
  EXPECT_EQ(rms->scale()->shape(), (Shape{2}));
  EXPECT_EQ(rms->get_config()["axis"], Json({-1}));
}

TEST(RMSNormalizationTest, OutOfRangeAxisIsRefused) {
  RMSNormalization rms({.axis = 2});
  try {
    rms(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Axis 2 is out of bounds"));
  }
}

TEST(RMSNormalizationTest, GradientsMatchFiniteDifferences) {
  RMSNormalization rms({.base = {.dtype = "float64"}});
  const Tensor x = random::normal({3, 4}, 0, 1, 1, DType::float64);
  rms(x);
  rms->scale()->assign(random::uniform({4}, 0.5, 1.5, 2, DType::float64));
  const Tensor w = random::normal({3, 4}, 0, 1, 3, DType::float64);
  testing::expect_variable_gradients_match([&] { return ops::sum(rms(x) * w); },
                                           rms->weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return rms(in[0]); }, {x});
}

}  // namespace
}  // namespace keras::layers
