#include "keras/layers/reshaping/zero_padding1d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ZeroPadding1DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("zero_padding1d");
}

TEST(ZeroPadding1DTest, PadsTheStepsAxisWithZeros) {
  const Tensor y = ZeroPadding1D({{1, 2}})(Tensor::ones({1, 2, 1}));
  EXPECT_THAT(y.to_double_vector(), ::testing::ElementsAre(0, 1, 1, 0, 0));
  EXPECT_EQ(ZeroPadding1D()->get_config()["padding"], Json::parse("[1, 1]"));
  EXPECT_EQ(ZeroPadding1D(2, {.data_format = "channels_first"})(Input({3, 5}))
                .shape(),
            (Shape{-1, 3, 9}));
}

TEST(ZeroPadding1DTest, GradientsMatchFiniteDifferences) {
  ZeroPadding1D layer({{1, 2}}, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 3, 2}, 0, 1, 7, DType::float64)});
}

TEST(ZeroPadding1DTest, BadPaddingIsRefused) {
  try {
    ZeroPadding1D({{1, -2}});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The `padding` argument must be a tuple "
                                    "of 2 integers. Received padding=(1, -2)"));
  }
}

}  // namespace
}  // namespace keras::layers
