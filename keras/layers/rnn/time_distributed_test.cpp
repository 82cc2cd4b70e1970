#include "keras/layers/rnn/time_distributed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/layers/core/dense.h"
#include "keras/layers/rnn/rnn_test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(TimeDistributedTest, MatchesKerasFixtures) {
  testing::expect_layer_cases(
      {"time_distributed_dense", "time_distributed_conv2d"});
}

TEST(TimeDistributedTest, AppliesTheLayerToEveryStep) {
  Dense dense(2);
  TimeDistributed layer(dense);
  const Tensor x = random::normal({3, 4, 5});
  const Tensor y = layer(x);
  EXPECT_EQ(y.shape(), (Shape{3, 4, 2}));
  EXPECT_TRUE(testing::AllClose(
      ops::slice_axis(y, 1, 2, 3),
      ops::expand_dims(dense(ops::squeeze(ops::slice_axis(x, 1, 2, 3), {1})),
                       1)));
  EXPECT_EQ(layer(Tensor::symbolic({-1, 4, 5})).shape(), (Shape{-1, 4, 2}));
}

TEST(TimeDistributedTest, GradientsMatchFiniteDifferences) {
  TimeDistributed layer(
      Dense(2, {.activation = "tanh", .base = {.dtype = "float64"}}),
      {.base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      layer, random::normal({2, 3, 2}, 0, 1, 8, DType::float64));
}

TEST(TimeDistributedTest, LowRankInputIsRefused) {
  try {
    TimeDistributed(Dense(2))(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("at least 3 dimensions"));
  }
}

}  // namespace
}  // namespace keras::layers
