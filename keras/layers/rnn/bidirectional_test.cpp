#include "keras/layers/rnn/bidirectional.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/layers/rnn/gru.h"
#include "keras/layers/rnn/lstm.h"
#include "keras/layers/rnn/rnn_test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(BidirectionalTest, MatchesKerasFixtures) {
  testing::expect_layer_cases(
      {"bidirectional_lstm_concat", "bidirectional_lstm_ave",
       "bidirectional_gru_sum_seq", "bidirectional_simple_rnn_mul",
       "bidirectional_backward_layer"});
}

TEST(BidirectionalTest, NamesCopiesAndMergesNone) {
  Bidirectional layer(
      LSTM(2, {.return_sequences = true, .base = {.name = "enc"}}),
      {.merge_mode = std::nullopt});
  EXPECT_EQ(layer->forward_layer()->name(), "forward_enc");
  EXPECT_EQ(layer->backward_layer()->name(), "backward_enc");
  EXPECT_TRUE(layer->backward_layer()->flags().go_backwards);
  Tensors out =
      layer->call_with({random::normal({2, 4, 3})}, ArgsForm::kSingle);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].shape(), (Shape{2, 4, 2}));
}

TEST(BidirectionalTest, GradientsMatchFiniteDifferences) {
  Bidirectional layer(
      GRU(2, {.return_sequences = true, .base = {.dtype = "float64"}}),
      {.base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      layer, random::normal({2, 3, 2}, 0, 1, 8, DType::float64));
}

TEST(BidirectionalTest, BadArgumentsAreRefused) {
  try {
    Bidirectional layer(LSTM(2), {.merge_mode = "max"});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Invalid merge mode. Received: max"));
  }
  try {
    Bidirectional layer(LSTM(2), {.backward_layer = LSTM(2)});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("different `go_backwards` value"));
  }
}

}  // namespace
}  // namespace keras::layers
