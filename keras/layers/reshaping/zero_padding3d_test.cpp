#include "keras/layers/reshaping/zero_padding3d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ZeroPadding3DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("zero_padding3d");
}

TEST(ZeroPadding3DTest, DefaultPadsEverySideByOne) {
  EXPECT_EQ(ZeroPadding3D()(Input({4, 4, 4, 2})).shape(),
            (Shape{-1, 6, 6, 6, 2}));
  EXPECT_EQ(ZeroPadding3D()->get_config()["padding"],
            Json::parse("[[1, 1], [1, 1], [1, 1]]"));
}

TEST(ZeroPadding3DTest, GradientsMatchFiniteDifferences) {
  ZeroPadding3D layer(1, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({1, 2, 2, 2, 1}, 0, 1, 7, DType::float64)});
}

TEST(ZeroPadding3DTest, BadPaddingIsRefused) {
  EXPECT_THROW(ZeroPadding3D(1)(Input({4, 4, 2})), ValueError);
  EXPECT_THROW(ZeroPadding3D({{1, 1}, {1, 1}, {-1, 1}}), ValueError);
}

}  // namespace
}  // namespace keras::layers
