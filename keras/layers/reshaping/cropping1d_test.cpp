#include "keras/layers/reshaping/cropping1d.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(Cropping1DTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("cropping1d");
}

TEST(Cropping1DTest, CropsTheStepsAxis) {
  EXPECT_EQ(Cropping1D({1, 2})(Input({6, 2})).shape(), (Shape{-1, 3, 2}));
  EXPECT_EQ(Cropping1D(1)(Input({-1, 2})).shape(), (Shape{-1, -1, 2}));
  EXPECT_EQ(Cropping1D()->get_config()["cropping"], Json::parse("[1, 1]"));
}

TEST(Cropping1DTest, GradientsMatchFiniteDifferences) {
  Cropping1D layer({1, 2}, {.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 6, 3}, 0, 1, 7, DType::float64)});
}

TEST(Cropping1DTest, BadCroppingIsRefusedWithKerasMessages) {
  try {
    Cropping1D({3, 3})(Input({6, 2}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("`cropping` parameter of `Cropping1D` "
                                    "layer must be smaller than the input "
                                    "length"));
  }
  try {
    Cropping1D({-1, 2});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The `cropping` argument must be a tuple "
                                    "of 2 integers. Received cropping=(-1, 2), "
                                    "including values {-1} that do not "
                                    "satisfy `value >= 0`"));
  }
}

}  // namespace
}  // namespace keras::layers
