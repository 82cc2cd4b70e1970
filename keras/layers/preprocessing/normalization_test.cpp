#include "keras/layers/preprocessing/normalization.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

TEST(NormalizationTest, MatchesKerasFixtures) {
  for (const char* c : {"normalization_adapted", "normalization_given_stats",
                        "normalization_invert"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(NormalizationTest, AdaptComputesPerFeatureStatistics) {
  Normalization norm;
  norm->adapt(
      Tensor::from_vector<float>({0, 7, 4, 2, 9, 6, 0, 7, 4, 2, 9, 6}, {4, 3}));
  const Tensor y = norm(Tensor::from_vector<float>({0, 7, 4}, {1, 3}));
  EXPECT_TRUE(keras::testing::AllClose(
      y, Tensor::from_vector<float>({-1, -1, -1}, {1, 3}), 1e-6, 1e-6));
  ASSERT_EQ(norm->weights().size(), 3u);
  EXPECT_EQ(norm->weights()[2]->dtype(), DType::int32);  // count
  EXPECT_EQ(norm->get_build_config()["input_shape"], Json::parse("[4, 3]"));
}

TEST(NormalizationTest, ScalarStatisticsAndInvert) {
  Normalization norm({.mean = 3.0, .variance = 4.0});
  EXPECT_EQ(norm(Tensor::from_vector<float>({5}, {1, 1})).to_double_vector(),
            std::vector<double>{1});
  EXPECT_TRUE(norm->weights().empty());
  Normalization inv({.mean = 3.0, .variance = 4.0, .invert = true});
  EXPECT_EQ(inv(Tensor::from_vector<float>({1}, {1, 1})).to_double_vector(),
            std::vector<double>{5});
}

TEST(NormalizationTest, AxisNoneUsesOneStatistic) {
  Normalization norm({.axis = {}});
  norm->adapt(Tensor::from_vector<float>({1, 2, 3, 4, 5}, {5}));
  const auto y =
      norm(Tensor::from_vector<float>({1, 2, 3}, {3})).to_double_vector();
  EXPECT_NEAR(y[0], -1.4142135, 1e-6);
  EXPECT_NEAR(y[2], 0.0, 1e-6);
  EXPECT_TRUE(norm->get_config()["axis"].empty());
}

TEST(NormalizationTest, InvalidStatisticsAreValueErrors) {
  keras::testing::expect_error<ValueError>(
      [] { Normalization({.mean = 1.0}); },
      "both `mean` and `variance` must be set");
  keras::testing::expect_error<ValueError>(
      [] {
        Normalization(
            {.mean = Json::array({1.0, 2.0}), .variance = Json::array({1.0})});
      },
      "must have the same shape");
  keras::testing::expect_error<ValueError>(
      [] {
        Normalization({.axis = {3}})(Tensor::zeros({2, 2}));
      },
      "All `axis` values must be in the range");
}

TEST(NormalizationTest, GradientsMatchFiniteDifferences) {
  Normalization norm({.mean = Json::array({1.0, -1.0}),
                      .variance = Json::array({4.0, 0.25}),
                      .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return norm(in[0]); },
      {Tensor::from_vector<double>({0.5, 2, -3, 1}, {2, 2})});
}

}  // namespace
}  // namespace keras::layers
