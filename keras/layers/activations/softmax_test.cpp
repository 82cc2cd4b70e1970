#include "keras/layers/activations/softmax.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(SoftmaxTest, MatchesKerasFixtures) {
  for (const char* c : {"softmax_layer", "softmax_axis1"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(SoftmaxTest, SeveralAxesNormalizeJointly) {
  Softmax layer({.axis = {1, 2}});
  const Tensor y = layer(random::normal({2, 3, 4}, 0, 1, 5));
  const Tensor total = ops::sum(y, {1, 2});
  EXPECT_TRUE(testing::AllClose(total, Tensor::ones({2})));
  EXPECT_EQ(layer->get_config()["axis"], Json::parse("[1, 2]"));
  EXPECT_EQ(Softmax()->get_config()["axis"], -1);
}

TEST(SoftmaxTest, GradientsMatchFiniteDifferences) {
  for (std::vector<std::int64_t> axis :
       {std::vector<std::int64_t>{-1}, std::vector<std::int64_t>{0, 1}}) {
    Softmax layer({.axis = axis, .base = {.dtype = "float64"}});
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); },
        {Tensor::from_vector<double>({-2.5, -0.7, 0.2, 0.45, 1.3, 3.1},
                                     {2, 3})});
  }
}

TEST(SoftmaxTest, EmptyAxisIsRefused) {
  EXPECT_THROW(Softmax({.axis = {}}), ValueError);
}

}  // namespace
}  // namespace keras::layers
