#include "keras/layers/rnn/conv_lstm3d.h"

#include <gtest/gtest.h>

#include "keras/layers/rnn/rnn_test_utils.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(ConvLSTM3DTest, MatchesKerasFixture) {
  testing::expect_layer_case("conv_lstm3d");
}

TEST(ConvLSTM3DTest, GradientsMatchFiniteDifferences) {
  ConvLSTM3D layer(1, {2},
                   {.padding = "same",
                    .bias_initializer = "random_normal",
                    .return_sequences = true,
                    .base = {.dtype = "float64"}});
  testing::expect_recurrent_gradients_match(
      layer, random::normal({1, 2, 2, 2, 3, 1}, 0, 1, 7, DType::float64));
}

}  // namespace
}  // namespace keras::layers
