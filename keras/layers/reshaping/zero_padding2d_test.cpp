#include "keras/layers/reshaping/zero_padding2d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ZeroPadding2DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("zero_padding2d");
}

TEST(ZeroPadding2DTest, ChannelsFirstPadsTheLastTwoAxes) {
  ZeroPadding2D layer({{1, 0}, {2, 1}}, {.data_format = "channels_first"});
  EXPECT_EQ(layer(Input({3, 6, -1})).shape(), (Shape{-1, 3, 7, -1}));
}

TEST(ZeroPadding2DTest, GradientsMatchFiniteDifferences) {
  ZeroPadding2D layer({{1, 0}, {2, 1}}, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({1, 3, 2, 2}, 0, 1, 7, DType::float64)});
}

TEST(ZeroPadding2DTest, BadPaddingIsRefused) {
  try {
    ZeroPadding2D({{1, 1}});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("`padding` should have two elements."));
  }
}

}  // namespace
}  // namespace keras::layers
