#include "keras/layers/rnn/conv_lstm3d.h"

#include <gtest/gtest.h>

#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(ConvLSTM3DTest, MatchesKerasFixture) {
  testing::expect_layer_case("conv_lstm3d");
}

}  // namespace
}  // namespace keras::layers
