#include "keras/layers/rnn/conv_lstm2d.h"

#include <gtest/gtest.h>

#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(ConvLSTM2DTest, MatchesKerasFixture) {
  testing::expect_layer_case("conv_lstm2d");
}

}  // namespace
}  // namespace keras::layers
