#include "keras/layers/activations/relu.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ReLUTest, MatchesKerasFixtures) {
  for (const char* c : {"relu_max_value", "relu_threshold_slope"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(ReLUTest, ComputesKerasPiecewiseFunction) {
  ReLU layer({.max_value = 1.5, .negative_slope = 0.1, .threshold = 0.3});
  const auto y = layer(Tensor::from_vector<float>({-1, 0.2f, 0.5f, 2}, {1, 4}))
                     .to_double_vector();
  EXPECT_NEAR(y[0], 0.1 * (-1 - 0.3), 1e-6);
  EXPECT_NEAR(y[1], 0.1 * (0.2 - 0.3), 1e-6);
  EXPECT_NEAR(y[2], 0.5, 1e-6);
  EXPECT_NEAR(y[3], 1.5, 1e-6);
  EXPECT_TRUE(layer->get_build_config().is_null());
  EXPECT_TRUE(ReLU()->get_config()["max_value"].is_null());
}

TEST(ReLUTest, GradientsMatchFiniteDifferences) {
  for (ReLUOptions o : {ReLUOptions{}, ReLUOptions{.max_value = 6.0},
                        ReLUOptions{.max_value = 2.0, .negative_slope = 0.2},
                        ReLUOptions{.negative_slope = 0.3, .threshold = 0.1}}) {
    o.base.dtype = "float64";
    ReLU layer(o);
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); },
        {Tensor::from_vector<double>({-2.5, -0.7, 0.2, 0.45, 1.3, 3.1},
                                     {2, 3})});
  }
}

TEST(ReLUTest, NegativeArgumentsAreRefusedWithKerasMessages) {
  try {
    ReLU({.max_value = -1.0});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("max_value of a ReLU layer cannot be a "
                                    "negative value. Received: "
                                    "max_value=-1.0"));
  }
  EXPECT_THROW(ReLU({.negative_slope = -0.1}), ValueError);
  EXPECT_THROW(ReLU({.threshold = -0.1}), ValueError);
}

}  // namespace
}  // namespace keras::layers
