#include "keras/layers/activations/elu.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ELUTest, MatchesKerasFixture) {
  keras::testing::expect_layer_case("elu_layer");
}

TEST(ELUTest, ConfigPutsAlphaAfterTheName) {
  const Json config = ELU({.alpha = 0.7})->get_config();
  EXPECT_EQ(config.begin().key(), "name");
  EXPECT_EQ(std::next(config.begin()).key(), "alpha");
  EXPECT_EQ(ELULayer::from_config(config)->get_config(), config);
}

TEST(ELUTest, GradientsMatchFiniteDifferences) {
  ELU layer({.alpha = 0.7, .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {Tensor::from_vector<double>({-2.5, -0.7, 0.2, 0.45, 1.3, 3.1}, {2, 3})});
}

TEST(ELUTest, WrongConfigTypeIsATypeError) {
  EXPECT_THROW(ELULayer::from_config(Json::parse(R"({"alpha": "big"})")),
               TypeError);
}

}  // namespace
}  // namespace keras::layers
