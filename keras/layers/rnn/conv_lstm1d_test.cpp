#include "keras/layers/rnn/conv_lstm1d.h"

#include <gtest/gtest.h>

#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(ConvLSTM1DTest, MatchesKerasFixture) {
  testing::expect_layer_case("conv_lstm1d");
}

}  // namespace
}  // namespace keras::layers
