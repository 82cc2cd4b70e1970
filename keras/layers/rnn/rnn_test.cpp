#include "keras/layers/rnn/rnn.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "keras/layers/core/masking.h"
#include "keras/layers/rnn/gru_cell.h"
#include "keras/layers/rnn/lstm.h"
#include "keras/layers/rnn/lstm_cell.h"
#include "keras/layers/rnn/rnn_test_utils.h"
#include "keras/layers/rnn/simple_rnn_cell.h"
#include "keras/layers/rnn/stacked_rnn_cells.h"

namespace keras::layers {
namespace {

TEST(RNNTest, MatchesKerasFixtures) {
  testing::expect_layer_cases({"rnn_stacked_cells", "masking_lstm"});
}

TEST(RNNTest, ModelWithEmbeddingMaskMatchesKeras) {
  const std::string dir = testing::fixture("models/call_kwargs_training_mask/");
  auto model = saving::load_model(dir + "model.keras");
  const Tensor y = model->predict(keras::load_npy(dir + "input_0.npy"));
  EXPECT_TRUE(testing::AllClose(y, keras::load_npy(dir + "expected_0.npy"),
                                1e-5, 1e-5));
}

TEST(RNNTest, StackedCellsCarryAllStates) {
  RNN layer(std::vector<RNNCellPtr>{LSTMCell(3), GRUCell(2)},
            {.return_state = true});
  Tensors out =
      layer->call_with({random::normal({2, 4, 5})}, ArgsForm::kSingle);
  ASSERT_EQ(out.size(), 4u);  // output, lstm h, lstm c, gru h
  EXPECT_EQ(out[0].shape(), (Shape{2, 2}));
  EXPECT_EQ(out[2].shape(), (Shape{2, 3}));
  EXPECT_TRUE(testing::AllClose(out[0], out[3]));
}

TEST(RNNTest, MaskedStepsKeepThePreviousState) {
  LSTM lstm(3, {.return_sequences = true});
  Tensor x = random::normal({1, 4, 2});
  // Zero the third step so Masking masks it.
  Tensor mask_x = x * Tensor::from_vector<float>({1, 1, 0, 1}, {1, 4, 1});
  const Tensor y = lstm(Masking(0.0)(mask_x));
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(y, 1, 2, 3),
                                ops::slice_axis(y, 1, 1, 2)));
  // The unmasked prefix equals a run on the prefix alone.
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(y, 1, 0, 2),
                                lstm(ops::slice_axis(x, 1, 0, 2))));
}

TEST(RNNTest, MaskedGradientsMatchFiniteDifferences) {
  RNN layer(LSTMCell(2, {.base = {.dtype = "float64"}}),
            {.return_sequences = true, .base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 4, 3}, 0, 1, 1, DType::float64);
  CallContext ctx;
  ctx.masks = {
      ops::cast(Tensor::from_vector<float>({1, 0, 1, 1, 1, 1, 0, 1}, {2, 4}),
                DType::bool_)};
  layer(x);
  const Tensor w = random::normal({2, 4, 2}, 0, 1, 3, DType::float64);
  testing::expect_variable_gradients_match(
      [&] { return ops::sum(layer(x, ctx) * w); }, layer->weights());
}

// RNN over StackedRNNCells (SimpleRNNCell feeding GRUCell), looped and
// unrolled: weights and input gradients.
TEST(RNNTest, StackedCellsGradientsMatchFiniteDifferences) {
  for (bool unroll : {false, true}) {
    SCOPED_TRACE(unroll);
    const LayerOptions f64 = {.dtype = "float64"};
    RNN layer(StackedRNNCells({SimpleRNNCell(2, {.base = f64}),
                               GRUCell(2, {.reset_after = false, .base = f64})},
                              f64),
              {.return_sequences = true, .unroll = unroll, .base = f64});
    testing::expect_recurrent_gradients_match(
        layer, random::normal({2, 3, 3}, 0, 1, 2, DType::float64));
  }
}

// Masked steps pass the state through: the input gradient of a masked
// step is zero and the others still match finite differences.
TEST(RNNTest, MaskedInputGradientsMatchFiniteDifferences) {
  RNN layer(GRUCell(2, {.base = {.dtype = "float64"}}),
            {.return_sequences = true, .base = {.dtype = "float64"}});
  CallContext ctx;
  ctx.masks = {
      ops::cast(Tensor::from_vector<float>({1, 1, 0, 1, 0, 1, 1, 1}, {2, 4}),
                DType::bool_)};
  testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0], ctx); },
      {random::normal({2, 4, 3}, 0, 1, 4, DType::float64)});
}

// predict's fused recurrence (autograd off) equals the recorded ops for
// every cell and flag combination: masks (with zero_output_for_mask),
// go_backwards, returned sequences and states, batches on both sides of the
// BLAS hand-off.
TEST(RNNTest, FusedRecurrenceMatchesTheRecordedOps) {
  const std::vector<std::function<RNNCellPtr()>> cells = {
      [] { return LSTMCell(4); },
      [] { return GRUCell(4); },
      [] { return GRUCell(4, {.reset_after = false}); },
      [] { return GRUCell(4, {.use_bias = false}); },
      [] { return SimpleRNNCell(4); },
      [] { return SimpleRNNCell(4, {.activation = "relu"}); },
  };
  for (std::size_t c = 0; c < cells.size(); ++c) {
    for (std::int64_t batch : {1, 3, 10}) {
      for (int variant = 0; variant < 4; ++variant) {
        SCOPED_TRACE(::testing::Message() << "cell " << c << " batch " << batch
                                          << " variant " << variant);
        const bool masked = variant >= 2;
        RNN layer(cells[c](), {.return_sequences = variant % 2 == 0,
                               .return_state = true,
                               .go_backwards = variant == 1 || variant == 3,
                               .zero_output_for_mask = variant == 3});
        const Tensor x = random::normal({batch, 5, 3}, 0, 1, 11);
        Tensor mask;
        if (masked) {
          // Row 0 masks its first and last steps (the final output's step
          // either way round), the others one step in the middle.
          std::vector<float> m(static_cast<std::size_t>(batch * 5), 1.0f);
          m[0] = m[4] = 0.0f;
          for (std::int64_t b = 1; b < batch; ++b) m[b * 5 + b % 5] = 0.0f;
          mask = ops::cast(Tensor::from_vector(m, {batch, 5}), DType::bool_);
        }
        testing::expect_fused_matches_recorded(layer, x, mask);
      }
    }
  }
}

}  // namespace
}  // namespace keras::layers
