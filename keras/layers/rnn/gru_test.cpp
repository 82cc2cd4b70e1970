#include "keras/layers/rnn/gru.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/layers/rnn/rnn_test_utils.h"

namespace keras::layers {
namespace {

TEST(GRUTest, MatchesKerasFixtures) {
  testing::expect_layer_cases(
      {"gru_reset_after", "gru_reset_before", "gru_return_state"});
}

TEST(GRUTest, ResetAfterBiasHasTwoRows) {
  GRU after(3), before(3, {.reset_after = false});
  after(Tensor::zeros({1, 2, 4}));
  before(Tensor::zeros({1, 2, 4}));
  EXPECT_EQ(after->weights()[2]->shape(), (Shape{2, 9}));
  EXPECT_EQ(before->weights()[2]->shape(), (Shape{9}));
  EXPECT_EQ(after->weights()[0]->shape(), (Shape{4, 9}));
}

TEST(GRUTest, GradientsMatchFiniteDifferences) {
  for (bool reset_after : {true, false}) {
    SCOPED_TRACE(reset_after);
    GRU layer(3, {.go_backwards = true,
                  .reset_after = reset_after,
                  .base = {.dtype = "float64"}});
    testing::expect_recurrent_gradients_match(
        layer, random::normal({2, 4, 3}, 0, 1, 5, DType::float64));
  }
}

TEST(GRUTest, RecurrentDropoutIsAppliedInTraining) {
  GRU layer(3, {.recurrent_dropout = 0.5, .seed = 3});
  const Tensor x = random::normal({4, 6, 5}, 0, 1, 2);
  CallContext training;
  training.training = true;
  EXPECT_FALSE(testing::AllClose(layer(x, training), layer(x)));
}

}  // namespace
}  // namespace keras::layers
