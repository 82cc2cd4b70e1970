#include "keras/layers/reshaping/flatten.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(FlattenTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("flatten");
}

TEST(FlattenTest, ChannelsFirstMovesChannelsLast) {
  const Tensor x = random::normal({2, 3, 4, 5}, 0, 1, 1);
  const Tensor y = Flatten({.data_format = "channels_first"})(x);
  const Tensor expected =
      ops::reshape(ops::transpose(x, {0, 2, 3, 1}), {2, 60});
  EXPECT_TRUE(testing::AllClose(y, expected, 0, 0));
  EXPECT_EQ(Flatten()(Input({3, 4})).shape(), (Shape{-1, 12}));
  EXPECT_EQ(Flatten()(Tensor::zeros({2})).shape(), (Shape{2, 1}));
}

TEST(FlattenTest, GradientsMatchFiniteDifferences) {
  Flatten layer({.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 3, 2}, 0, 1, 7, DType::float64)});
}

TEST(FlattenTest, BadDataFormatIsRefused) {
  try {
    Flatten({.data_format = "channels_middle"});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Received: data_format=channels_middle"));
  }
}

}  // namespace
}  // namespace keras::layers
