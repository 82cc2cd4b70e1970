#include "keras/layers/merging/dot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(DotTest, MatchesKerasFixtures) {
  for (const char* c : {"dot", "dot_normalize_axes"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(DotTest, BatchDotShapesFollowKeras) {
  EXPECT_EQ(Dot(1)(Tensors{Input({4}), Input({4})}).shape(), (Shape{-1, 1}));
  EXPECT_EQ(Dot({2, 1})(Tensors{Input({3, 4}), Input({4, 5})}).shape(),
            (Shape{-1, 3, 5}));
  EXPECT_EQ(Dot(-1)(Tensors{Input({2, 3, 4}), Input({4})}).shape(),
            (Shape{-1, 2, 3}));
  const Tensor x = random::normal({2, 3, 4}, 0, 1, 1);
  const Tensor y = random::normal({2, 5, 4}, 0, 1, 2);
  const Tensor z = Dot({2, 2})(Tensors{x, y});
  // z[b, i, j] = sum_k x[b, i, k] y[b, j, k]
  const auto xv = x.to_double_vector(), yv = y.to_double_vector();
  double expected = 0;
  for (int k = 0; k < 4; ++k)
    expected += xv[12 + 2 * 4 + k] * yv[20 + 3 * 4 + k];
  EXPECT_NEAR(z.to_double_vector()[15 + 2 * 5 + 3], expected, 1e-5);
}

TEST(DotTest, ConfigKeepsTheFormOfAxes) {
  EXPECT_EQ(Dot(1)->get_config()["axes"], 1);
  EXPECT_EQ(Dot({2, 2}, {.normalize = true})->get_config()["axes"],
            Json::parse("[2, 2]"));
}

TEST(DotTest, GradientsMatchFiniteDifferences) {
  for (bool normalize : {false, true}) {
    Dot layer({2, 2}, {.normalize = normalize, .base = {.dtype = "float64"}});
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in); },
        {random::normal({2, 3, 4}, 0, 1, 1, DType::float64),
         random::normal({2, 2, 4}, 0, 1, 2, DType::float64)});
  }
}

TEST(DotTest, BadAxesAreRefusedWithKerasMessages) {
  try {
    Dot(1)(Tensors{Input({3}), Input({4})});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Incompatible input shapes: axis values 3 "
                                    "(at axis 1) != 4 (at axis 1)"));
  }
  try {
    Dot(0)(Tensors{Tensor::zeros({2, 3}), Tensor::zeros({2, 3})});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Cannot perform batch_dot over axis 0"));
  }
  EXPECT_THROW(DotLayer::from_config(Json::parse(R"({"axes": [1, 2, 3]})")),
               ValueError);
}

}  // namespace
}  // namespace keras::layers
