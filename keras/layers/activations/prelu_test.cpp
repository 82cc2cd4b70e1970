#include "keras/layers/activations/prelu.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(PReLUTest, MatchesKerasFixtures) {
  for (const char* c : {"prelu", "prelu_shared_axes"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(PReLUTest, AlphaShapeSharesTheSharedAxes) {
  PReLU layer({.shared_axes = std::vector<std::int64_t>{1, 2}});
  layer(Input({6, 6, 3}));
  ASSERT_EQ(layer->weights().size(), 1u);
  EXPECT_EQ(layer->alpha()->shape(), (Shape{1, 1, 3}));
  EXPECT_EQ(layer->alpha()->path(), layer->name() + "/alpha");
}

TEST(PReLUTest, GradientsMatchFiniteDifferences) {
  PReLU layer({.alpha_initializer = initializers::Constant(0.25),
               .shared_axes = std::vector<std::int64_t>{1},
               .base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 3, 2}, 0, 1, 4, DType::float64);
  layer(x);
  layer->alpha()->assign(Tensor::from_vector<double>({0.1, -0.4}, {1, 2}));
  testing::expect_variable_gradients_match(
      [&] { return keras::testing::weighted_sum_for_gradient_check(layer(x)); },
      layer->weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); }, {x});
}

TEST(PReLUTest, IncompatibleInputIsRefused) {
  PReLU layer;
  layer(Tensor::zeros({1, 6}));
  try {
    layer(Tensor::zeros({1, 5}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("expected axis 1 of input shape to have "
                                    "value 6"));
  }
}

}  // namespace
}  // namespace keras::layers
