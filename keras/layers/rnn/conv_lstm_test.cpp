#include "keras/layers/rnn/conv_lstm.h"

#include <gtest/gtest.h>

#include "keras/layers/rnn/conv_lstm1d.h"
#include "keras/layers/rnn/conv_lstm2d.h"
#include "keras/layers/rnn/conv_lstm3d.h"
#include "keras/layers/rnn/rnn_test_utils.h"
#include "keras/ops/conv.h"
#include "keras/testing/expect_error.h"

namespace keras::layers {
namespace {

using testing::expect_error;

Tensor reverse_time(const Tensor& x) {
  Tensors steps;
  for (std::int64_t t = x.dim(1) - 1; t >= 0; --t) {
    steps.push_back(ops::slice_axis(x, 1, t, t + 1));
  }
  return ops::concatenate(steps, 1);
}

TEST(ConvLSTMTest, WeightsLiveInTheCellWithKerasShapes) {
  ConvLSTM2D layer(3, {2, 3});
  layer(Tensor::zeros({2, 4, 5, 6, 2}));
  auto w = layer->weights();
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0]->shape(), (Shape{2, 3, 2, 12}));
  EXPECT_EQ(w[1]->shape(), (Shape{2, 3, 3, 12}));
  EXPECT_EQ(w[2]->shape(), (Shape{12}));
  // unit_forget_bias: the forget slice starts at one, the rest at zero.
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(w[2]->value(), 0, 3, 6),
                                Tensor::ones({3})));
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(w[2]->value(), 0, 6, 12),
                                Tensor::zeros({6})));
  EXPECT_EQ(layer->tracked_attributes().at(0).name, "cell");
  EXPECT_EQ(layer->cell().name(), "conv_lstm_cell");
  EXPECT_TRUE(layer->own_variables().empty());
}

TEST(ConvLSTMTest, OutputShapesFollowPaddingStridesAndReturnFlags) {
  ConvLSTM2D seq(
      4, {3, 3},
      {.strides = {2}, .return_sequences = true, .return_state = true});
  Tensors out =
      seq->call_with({random::normal({2, 3, 7, 6, 2})}, ArgsForm::kSingle);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].shape(), (Shape{2, 3, 3, 2, 4}));
  EXPECT_EQ(out[1].shape(), (Shape{2, 3, 2, 4}));
  EXPECT_EQ(out[2].shape(), (Shape{2, 3, 2, 4}));
  // The last output is the final hidden state.
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(out[0], 1, 2, 3),
                                ops::expand_dims(out[1], 1)));
  Tensors sym =
      seq->call_with({Tensor::symbolic({-1, 3, 7, 6, 2})}, ArgsForm::kSingle);
  EXPECT_EQ(sym[0].shape(), (Shape{-1, 3, 3, 2, 4}));
  EXPECT_EQ(sym[2].shape(), (Shape{-1, 3, 2, 4}));
  ConvLSTM1D same(2, {3}, {.padding = "SAME"});
  EXPECT_EQ(same(Tensor::symbolic({-1, -1, 5, 1})).shape(), (Shape{-1, 5, 2}));
  ConvLSTM3D first(2, {2, 2, 2}, {.data_format = "channels_first"});
  EXPECT_EQ(first(Tensor::zeros({1, 2, 3, 3, 4, 5})).shape(),
            (Shape{1, 2, 2, 3, 4}));
}

// One step from zero states: z = conv(x, kernel) + bias, so the output is
// o * tanh(i * tanh(g)) whatever the recurrent kernel.
TEST(ConvLSTMTest, FirstStepIsTheInputConvolution) {
  for (const auto& [strides, dilation, padding] :
       std::vector<std::tuple<ConvLSTMSizes, ConvLSTMSizes, std::string>>{
           {{2, 1}, {1}, "valid"}, {{1}, {2, 1}, "same"}, {{2}, {1}, "same"}}) {
    ConvLSTM2D layer(2, {3, 2},
                     {.strides = strides,
                      .padding = padding,
                      .dilation_rate = dilation,
                      .bias_initializer = "random_normal"});
    const Tensor x = random::normal({2, 1, 7, 6, 3}, 0, 1, 4);
    const Tensor y = layer(x);
    const auto& cell = layer->cell();
    const Tensor z =
        ops::conv(ops::squeeze(x, {1}), cell.kernel()->value(), cell.strides(),
                  padding, "channels_last", cell.dilation_rate()) +
        cell.bias()->value();
    auto gate = [&](int k) { return ops::slice_axis(z, 3, 2 * k, 2 * k + 2); };
    const Tensor expected =
        ops::sigmoid(gate(3)) *
        ops::tanh(ops::sigmoid(gate(0)) * ops::tanh(gate(2)));
    EXPECT_TRUE(testing::AllClose(y, expected, 1e-5, 1e-6)) << padding;
  }
}

TEST(ConvLSTMTest, ChannelsFirstMatchesChannelsLast) {
  ConvLSTM2D last(3, {3, 2}, {.padding = "same", .return_sequences = true});
  ConvLSTM2D first(3, {3, 2},
                   {.padding = "same",
                    .data_format = "channels_first",
                    .return_sequences = true});
  const Tensor x = random::normal({2, 3, 5, 4, 2}, 0, 1, 5);
  const Tensor y = last(x);
  first(ops::transpose(x, {0, 1, 4, 2, 3}));
  first->set_weights(last->get_weights());
  EXPECT_TRUE(testing::AllClose(first(ops::transpose(x, {0, 1, 4, 2, 3})),
                                ops::transpose(y, {0, 1, 4, 2, 3}), 1e-5,
                                1e-6));
}

TEST(ConvLSTMTest, GoBackwardsRunsTheReversedSequence) {
  ConvLSTM1D fwd(2, {2});
  ConvLSTM1D bwd(2, {2}, {.go_backwards = true});
  const Tensor x = random::normal({2, 4, 5, 3}, 0, 1, 6);
  fwd(x);
  bwd(x);
  bwd->set_weights(fwd->get_weights());
  EXPECT_TRUE(testing::AllClose(bwd(x), fwd(reverse_time(x)), 1e-5, 1e-6));
}

TEST(ConvLSTMTest, MaskedStepsKeepThePreviousState) {
  ConvLSTM1D layer(2, {2}, {.return_sequences = true, .return_state = true});
  const Tensor x = random::normal({2, 3, 5, 3}, 0, 1, 8);
  CallContext ctx;
  ctx.masks = {Tensor::from_vector<bool>({true, true, false, true, false, true},
                                         {2, 3})};
  Tensors out = layer->call_with({x}, ArgsForm::kSingle, ctx);
  // Sample 0: the masked last step repeats step 1 and keeps its states.
  const Tensor x0 = ops::slice_axis(ops::slice_axis(x, 0, 0, 1), 1, 0, 2);
  Tensors ref = layer->call_with({x0}, ArgsForm::kSingle);
  const Tensor seq0 = ops::slice_axis(out[0], 0, 0, 1);
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(seq0, 1, 2, 3),
                                ops::slice_axis(ref[0], 1, 1, 2)));
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(out[2], 0, 0, 1), ref[2]));
  // Sample 1: the masked middle step repeats step 0.
  const Tensor seq1 = ops::slice_axis(out[0], 0, 1, 2);
  EXPECT_TRUE(testing::AllClose(ops::slice_axis(seq1, 1, 1, 2),
                                ops::slice_axis(seq1, 1, 0, 1)));
  ConvLSTM1D zeroed(2, {2},
                    {.return_sequences = true, .zero_output_for_mask = true});
  zeroed(x);
  zeroed->set_weights(layer->get_weights());
  const Tensor z = zeroed->call_with({x}, ArgsForm::kSingle, ctx)[0];
  EXPECT_TRUE(
      testing::AllClose(ops::slice_axis(ops::slice_axis(z, 0, 0, 1), 1, 2, 3),
                        Tensor::zeros({1, 1, 4, 2})));
}

TEST(ConvLSTMTest, GradientsMatchFiniteDifferences) {
  ConvLSTM2D layer(2, {2, 2},
                   {.padding = "same",
                    .bias_initializer = "random_normal",
                    .return_sequences = true,
                    .base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      layer, random::normal({2, 3, 3, 3, 2}, 0, 1, 7, DType::float64));
  ConvLSTM1D first(2, {2},
                   {.strides = {2},
                    .data_format = "channels_first",
                    .base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      first, random::normal({2, 3, 2, 5}, 0, 1, 9, DType::float64));
}

TEST(ConvLSTMTest, DropoutOnlyChangesTrainingCalls) {
  ConvLSTM1D layer(3, {2}, {.dropout = 0.5, .recurrent_dropout = 0.5});
  const Tensor x = random::normal({2, 3, 5, 2}, 0, 1, 2);
  const Tensor a = layer(x), b = layer(x);
  EXPECT_TRUE(testing::AllClose(a, b));
  CallContext training;
  training.training = true;
  EXPECT_FALSE(testing::AllClose(layer(x, training), a));
}

// With a seed the per-gate masks repeat, so training calls are
// differentiable functions to check.
TEST(ConvLSTMTest, TrainingWithDropoutBackpropagates) {
  ConvLSTM2D layer(2, {2, 2},
                   {.padding = "same",
                    .dropout = 0.3,
                    .recurrent_dropout = 0.4,
                    .seed = 5,
                    .return_sequences = true,
                    .base = {.dtype = "float64"}});
  CallContext training;
  training.training = true;
  const Tensor x = random::normal({2, 2, 3, 3, 2}, 0, 1, 10, DType::float64);
  const Tensor y = layer(x, training);
  EXPECT_TRUE(testing::AllClose(layer(x, training), y, 0, 0));
  EXPECT_FALSE(testing::AllClose(layer(x), y));
  testing::expect_variable_gradients_match(
      [&] {
        return testing::weighted_sum_for_gradient_check(layer(x, training));
      },
      layer->weights());
  testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0], training); }, {x});
}

TEST(ConvLSTMTest, ConfigRoundTrips) {
  ConvLSTM3D layer(2, {1, 2, 3},
                   {.strides = {1, 2, 1},
                    .padding = "Same",
                    .data_format = "channels_first",
                    .use_bias = false,
                    .unit_forget_bias = false,
                    .dropout = 1.5,
                    .seed = 3,
                    .return_state = true,
                    .go_backwards = true});
  const Json config = layer->get_config();
  EXPECT_EQ(config["padding"], "same");
  EXPECT_EQ(config["strides"], Json({1, 2, 1}));
  EXPECT_EQ(config["dropout"], 1.0);
  EXPECT_EQ(ConvLSTM3DLayer::from_config(config)->get_config(), config);
  std::vector<std::string> keys;
  for (auto& [k, v] : config.items()) keys.push_back(k);
  EXPECT_EQ(keys.at(3), "return_sequences");
  EXPECT_EQ(keys.at(9), "filters");
  EXPECT_EQ(keys.back(), "seed");
  Json ints = config;
  ints["kernel_size"] = 2;
  ints["data_format"] = nullptr;
  auto read = ConvLSTM3DLayer::from_config(ints);
  EXPECT_EQ(read->cell().kernel_size(), (ConvLSTMSizes{2, 2, 2}));
  EXPECT_EQ(read->cell().data_format(), "channels_last");
}

TEST(ConvLSTMTest, SavedModelsLoadBack) {
  testing::TempDir dir;
  auto x = Input({3, 2, 5, 4});
  ConvLSTM2D layer(3, {2, 2},
                   {.padding = "same",
                    .data_format = "channels_first",
                    .bias_initializer = "random_normal",
                    .go_backwards = true});
  Model model({x}, {layer(x)});
  const Tensor in = random::normal({2, 3, 2, 5, 4}, 0, 1, 11);
  const Tensor y = model.predict(Tensors{in})[0];
  model.save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  EXPECT_TRUE(testing::AllClose(back->predict(Tensors{in})[0], y, 0, 0));
  EXPECT_EQ(back->get_config(), model.get_config());
}

TEST(ConvLSTMTest, BadArgumentsAreRefused) {
  expect_error([] { ConvLSTM2D(0, {3}); }, "Received filters=0");
  expect_error(
      [] {
        ConvLSTM2D(2, {3, 3, 3});
      },
      "`kernel_size` argument must be a tuple of 2 integers");
  expect_error([] { ConvLSTM1D(2, {0}); }, "that do not satisfy `value > 0`");
  expect_error([] { ConvLSTM2D(2, {3}, {.strides = {-1}}); },
               "that do not satisfy `value >= 0`");
  expect_error(
      [] { ConvLSTM2D(2, {3}, {.strides = {2}, .dilation_rate = {2}}); },
      "Specifying `strides > 1` is not compatible with `dilation_rate > 1`");
  expect_error([] { ConvLSTM1D(2, {3}, {.padding = "causal"}); },
               "must be a list/tuple or one of {'valid', 'same'}");
  expect_error([] { ConvLSTM1D(2, {3}, {.data_format = "nchw"}); },
               "`data_format` argument must be one of");
  expect_error([] { ConvLSTM1D(2, {3}, {.stateful = true}); }, "stateful=True");
  expect_error(
      [] {
        ConvLSTM2D(2, {3})(Tensor::zeros({2, 3, 4, 4}));
      },
      "expected ndim=5, found ndim=4");
  expect_error(
      [] {
        ConvLSTM2D(2, {3})(Tensor::symbolic({-1, 3, -1, 4, 2}));
      },
      "only support static input shapes for the spatial dimension");
  expect_error(
      [] {
        ConvLSTM1D(2, {3})(Tensor::symbolic({-1, 3, 4, -1}));
      },
      "The channel dimension of the inputs (last axis) should be "
      "defined");
  expect_error(
      [] {
        ConvLSTM1D(2, {5})(Tensor::zeros({1, 2, 3, 1}));
      },
      "Computed output size would be negative");
  expect_error(
      [] {
        ConvLSTM1D(2, {2})(Tensor::zeros({1, 0, 3, 1}));
      },
      "0 timesteps");
  expect_error(
      [] {
        ConvLSTM1D layer(2, {2});
        CallContext ctx;
        ctx.masks = {Tensor::ones({1, 3})};
        layer->call_with({Tensor::zeros({1, 2, 3, 1})}, ArgsForm::kSingle, ctx);
      },
      "the mask must have shape (batch, timesteps)");
  expect_error(
      [] {
        ConvLSTM2DLayer::from_config({{"kernel_size", 3}});
      },
      "filters");
}

}  // namespace
}  // namespace keras::layers
