#include "keras/layers/rnn/lstm.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/layers/rnn/rnn_test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(LSTMTest, MatchesKerasFixtures) {
  testing::expect_layer_cases({"lstm", "lstm_return_sequences",
                               "lstm_return_state",
                               "lstm_go_backwards_no_unit_forget"});
}

TEST(LSTMTest, WeightsLiveInTheCellWithKerasShapes) {
  LSTM layer(3);
  Tensors out = layer->call_with({Tensor::zeros({2, 5, 4})}, ArgsForm::kSingle);
  EXPECT_EQ(out.size(), 1u);
  auto w = layer->weights();
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0]->shape(), (Shape{4, 12}));
  EXPECT_EQ(w[1]->shape(), (Shape{3, 12}));
  EXPECT_EQ(w[2]->shape(), (Shape{12}));
  // unit_forget_bias: the forget slice starts at one.
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(w[2]->value(), 0, 3, 6),
                                Tensor::ones({3})));
  EXPECT_EQ(layer->tracked_attributes().at(0).name, "cell");
}

TEST(LSTMTest, InferenceStepMatchesTheRecordedOps) {
  // Without autograd the steps run fused; with it, as separate ops. Batch 3
  // runs the cell's own product, batch 12 the BLAS.
  for (std::int64_t batch : {1, 3, 12}) {
    SCOPED_TRACE(batch);
    LSTM layer(5, {.return_sequences = true, .return_state = true});
    testing::expect_fused_matches_recorded(
        layer, random::normal({batch, 6, 4}, 0.0, 1.0, 7));
  }
  LSTM relu(4, {.activation = "relu", .recurrent_activation = "linear"});
  testing::expect_fused_matches_recorded(relu,
                                         random::normal({2, 5, 3}, 0, 1, 8));
}

TEST(LSTMTest, FusedOnlyForActivationsWithKernels) {
  LSTMCell plain(3), hard(3, {.recurrent_activation = "hard_sigmoid"});
  plain->build_from_config({{"input_shape", shape_to_json({2, 4})}});
  hard->build_from_config({{"input_shape", shape_to_json({2, 4})}});
  EXPECT_NE(plain->fused_recurrence(2), nullptr);
  EXPECT_EQ(hard->fused_recurrence(2), nullptr);
  LSTM hard_layer(3, {.recurrent_activation = "hard_sigmoid"});
  testing::expect_fused_matches_recorded(hard_layer,
                                         random::normal({2, 5, 3}, 0, 1, 8));
}

TEST(LSTMTest, ReturnStateGivesOutputAndBothStates) {
  LSTM layer(3, {.return_sequences = true, .return_state = true});
  Tensors out =
      layer->call_with({random::normal({2, 4, 5})}, ArgsForm::kSingle);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].shape(), (Shape{2, 4, 3}));
  EXPECT_EQ(out[1].shape(), (Shape{2, 3}));
  EXPECT_EQ(out[2].shape(), (Shape{2, 3}));
  // The last output is the final hidden state.
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(out[0], 1, 3, 4),
                                ops::expand_dims(out[1], 1)));
}

TEST(LSTMTest, GradientsMatchFiniteDifferences) {
  LSTM layer(3, {.return_sequences = true, .base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      layer, random::normal({2, 4, 3}, 0, 1, 7, DType::float64));
}

TEST(LSTMTest, LongSequenceBackpropagates) {
  LSTM layer(4, {.base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 50, 3}, 0, 1, 9, DType::float64);
  testing::expect_recurrent_gradients_match(layer, x);
}

TEST(LSTMTest, DropoutOnlyChangesTrainingCalls) {
  LSTM layer(3, {.dropout = 0.5, .recurrent_dropout = 0.5, .seed = 1});
  const Tensor x = random::normal({4, 6, 5}, 0, 1, 2);
  const Tensor a = layer(x), b = layer(x);
  EXPECT_TRUE(testing::AllClose(a, b));
  CallContext training;
  training.training = true;
  EXPECT_FALSE(testing::AllClose(layer(x, training), a));
}

TEST(LSTMTest, BadArgumentsAreRefused) {
  try {
    LSTM layer(0);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("expected a positive integer, got 0"));
  }
  try {
    LSTM layer(2, {.stateful = true});
    FAIL() << "no error";
  } catch (const NotImplementedError& e) {
    EXPECT_THAT(e.what(), HasSubstr("stateful=True"));
  }
  try {
    LSTM(2)(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("expected ndim=3, found ndim=2"));
  }
  // Keras clips dropout rates instead of refusing them.
  EXPECT_EQ(LSTM(2, {.dropout = 1.5})->get_config()["dropout"], 1.0);
}

}  // namespace
}  // namespace keras::layers
