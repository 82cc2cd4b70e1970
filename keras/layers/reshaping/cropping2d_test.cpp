#include "keras/layers/reshaping/cropping2d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(Cropping2DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("cropping2d");
}

TEST(Cropping2DTest, ChannelsFirstCropsTheLastTwoAxes) {
  Cropping2D layer({{1, 0}, {2, 1}}, {.data_format = "channels_first"});
  EXPECT_EQ(layer(Input({3, 6, 6})).shape(), (Shape{-1, 3, 5, 3}));
  EXPECT_EQ(Cropping2D(1)->get_config()["cropping"],
            Json::parse("[[1, 1], [1, 1]]"));
}

TEST(Cropping2DTest, GradientsMatchFiniteDifferences) {
  Cropping2D layer({{1, 0}, {2, 1}}, {.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({1, 5, 4, 2}, 0, 1, 7, DType::float64)});
}

TEST(Cropping2DTest, BadCroppingIsRefusedWithKerasMessages) {
  try {
    Cropping2D({{3, 3}, {0, 0}})(Input({6, 6, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Values in `cropping` argument should be "
                                    "smaller than the corresponding spatial "
                                    "dimension of the input. Received: "
                                    "inputs.shape=(None, 6, 6, 3), "
                                    "cropping=((3, 3), (0, 0))"));
  }
  try {
    Cropping2D({{1, 1}, {1, -1}});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("`2nd entry of cropping`"));
  }
}

}  // namespace
}  // namespace keras::layers
