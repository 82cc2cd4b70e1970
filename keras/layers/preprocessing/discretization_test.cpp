#include "keras/layers/preprocessing/discretization.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(DiscretizationTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("discretization");
}

TEST(DiscretizationTest, BucketsLikeNumpyDigitize) {
  Discretization layer({.bin_boundaries = std::vector<double>{0.0, 1.0, 2.0}});
  const Tensor y =
      layer(Tensor::from_vector<float>({-1.5f, 0.0f, 1.0f, 2.5f}, {1, 4}));
  EXPECT_EQ(y.dtype(), DType::int64);
  EXPECT_EQ(y.to_double_vector(), (std::vector<double>{0, 1, 2, 3}));
  Discretization hot(
      {.bin_boundaries = std::vector<double>{0.0}, .output_mode = "one_hot"});
  EXPECT_EQ(hot(Tensor::from_vector<float>({-1, 1}, {2})).to_double_vector(),
            (std::vector<double>{1, 0, 0, 1}));
}

TEST(DiscretizationTest, ConfigIsKerasShortForm) {
  Discretization layer(
      {.bin_boundaries = std::vector<double>{0.5}, .base = {.name = "d"}});
  EXPECT_EQ(layer->get_config(),
            Json::parse(R"({"bin_boundaries": [0.5], "num_bins": null,
              "epsilon": 0.01, "output_mode": "int", "sparse": false,
              "name": "d", "dtype": "float32"})"));
}

TEST(DiscretizationTest, BadArgumentsAreValueErrors) {
  keras::testing::expect_error<ValueError>(
      [] { Discretization(DiscretizationOptions{}); },
      "set either `num_bins` or `bin_boundaries`");
  keras::testing::expect_error<ValueError>(
      [] { Discretization({.num_bins = -1}); },
      "`num_bins` must be greater than or equal to 0");
  keras::testing::expect_error<ValueError>(
      [] {
        Discretization({.bin_boundaries = std::vector<double>{0.0},
                        .output_mode = "tf_idf"});
      },
      "received an invalid value tf_idf");
  keras::testing::expect_error<ValueError>(
      [] { Discretization({.num_bins = 3})(Tensor::zeros({2})); },
      "call `adapt(dataset)`");
}

}  // namespace
}  // namespace keras::layers
