#include "keras/layers/rnn/simple_rnn.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/layers/rnn/rnn_test_utils.h"

namespace keras::layers {
namespace {

TEST(SimpleRNNTest, MatchesKerasFixtures) {
  testing::expect_layer_cases({"simple_rnn", "simple_rnn_go_backwards",
                               "simple_rnn_return_sequences",
                               "simple_rnn_return_state"});
}

TEST(SimpleRNNTest, OneStepIsActivationOfAffineMaps) {
  SimpleRNN layer(2, {.activation = "linear", .use_bias = false});
  const Tensor x = Tensor::from_vector<float>({1, 2}, {1, 1, 2});
  layer(x);
  layer->weights()[0]->assign(Tensor::from_vector<float>({1, 0, 0, 1}, {2, 2}));
  EXPECT_TRUE(
      testing::AllClose(layer(x), Tensor::from_vector<float>({1, 2}, {1, 2})));
}

TEST(SimpleRNNTest, GradientsMatchFiniteDifferences) {
  SimpleRNN layer(3, {.return_sequences = true, .base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      layer, random::normal({2, 5, 3}, 0, 1, 4, DType::float64));
}

TEST(SimpleRNNTest, SymbolicCallGivesKerasShapes) {
  SimpleRNN layer(3, {.return_sequences = true, .return_state = true});
  Tensors out =
      layer->call_with({Tensor::symbolic({-1, 7, 2})}, ArgsForm::kSingle);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].shape(), (Shape{-1, 7, 3}));
  EXPECT_EQ(out[1].shape(), (Shape{-1, 3}));
}

}  // namespace
}  // namespace keras::layers
