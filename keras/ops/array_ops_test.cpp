#include "keras/ops/array_ops.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/ops.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::values_of;

using ::testing::ElementsAre;

TEST(OpsPadTest, PadsEachAxisWithTheConstant) {
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2});
  const Tensor y = ops::pad(x, {{1, 0}, {0, 2}}, 9);
  EXPECT_EQ(y.shape(), (Shape{3, 4}));
  EXPECT_THAT(values_of(y), ElementsAre(9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9));
  EXPECT_EQ(ops::pad(x, {{1, 1}}).shape(), (Shape{4, 4}));
  EXPECT_EQ(ops::pad(Tensor::symbolic({-1, 3}), {{0, 0}, {2, 1}}).shape(),
            (Shape{-1, 6}));
}

TEST(OpsPadTest, GradientsMatchFiniteDifferences) {
  keras::testing::expect_gradients_match(
      [](const Tensors& in) {
        return ops::pad(in[0], {{0, 1}, {2, 0}, {1, 1}});
      },
      {Tensor::from_vector<double>({1, -2, 3, 0.5, 4, 6}, {1, 2, 3})});
}

TEST(OpsPadTest, BadWidthsAreRefused) {
  EXPECT_THROW(ops::pad(Tensor::zeros({2, 2}), {{1, 1}, {1, 1}, {1, 1}}),
               ValueError);
  EXPECT_THROW(ops::pad(Tensor::zeros({2}), {{-1, 0}}), ValueError);
}

TEST(OpsRepeatTest, RepeatsElementsAlongAnAxisOrFlattened) {
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2});
  EXPECT_THAT(values_of(ops::repeat(x, 2, 1)),
              ElementsAre(1, 1, 2, 2, 3, 3, 4, 4));
  EXPECT_THAT(values_of(ops::repeat(x, 2, 0)),
              ElementsAre(1, 2, 1, 2, 3, 4, 3, 4));
  EXPECT_THAT(values_of(ops::repeat(x, 2)),
              ElementsAre(1, 1, 2, 2, 3, 3, 4, 4));
  EXPECT_EQ(ops::repeat(x, 0, -1).shape(), (Shape{2, 0}));
  EXPECT_EQ(ops::repeat(Tensor::symbolic({-1, 3}), 3, 1).shape(),
            (Shape{-1, 9}));
}

TEST(OpsRepeatTest, GradientsMatchFiniteDifferences) {
  keras::testing::expect_gradients_match(
      [](const Tensors& in) { return ops::repeat(in[0], 3, 1); },
      {Tensor::from_vector<double>({1, -2, 3, 0.5}, {2, 2})});
}

TEST(OpsRepeatTest, BadArgumentsAreRefused) {
  EXPECT_THROW(ops::repeat(Tensor::zeros({2}), -1, 0), ValueError);
  EXPECT_THROW(ops::repeat(Tensor::zeros({2}), 2, 3), ValueError);
}

}  // namespace
}  // namespace keras
