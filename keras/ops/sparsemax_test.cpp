#include "keras/ops/sparsemax.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/ops.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::values_of;

TEST(OpsSparsemaxTest, OneElementSupportIsOneHot) {
  EXPECT_THAT(
      values_of(ops::sparsemax(Tensor::from_vector<float>({0, 3, -1}, {3}))),
      ::testing::ElementsAre(0, 1, 0));
}

TEST(OpsSparsemaxTest, LargerSupportsFollowKeras315) {
  // Sorted (2, 1.5, 0.9), cumsums (2, 3.5, 4.4); support {1, 2} (rank 3:
  // 0.9 - 3.4 / 3 < 0); Keras' tau = (2 + 3.5 - 1) / 2 = 2.25.
  const auto y = values_of(
      ops::sparsemax(Tensor::from_vector<double>({1.5, 0.9, 2}, {1, 3})));
  EXPECT_THAT(y, ::testing::ElementsAre(0, 0, 0));
  // Along axis 0 of a (3, 1) tensor: same numbers.
  EXPECT_THAT(values_of(ops::sparsemax(
                  Tensor::from_vector<double>({1.5, 0.9, 2}, {3, 1}), 0)),
              ::testing::ElementsAre(0, 0, 0));
}

TEST(OpsSparsemaxTest, SymbolicAndDtypes) {
  EXPECT_EQ(ops::sparsemax(Tensor::symbolic({-1, 4})).shape(), (Shape{-1, 4}));
  EXPECT_EQ(ops::sparsemax(Tensor::zeros({2, 2}, DType::int32)).dtype(),
            DType::float32);
  EXPECT_THROW(ops::sparsemax(Tensor::zeros({2}), 1), ValueError);
}

TEST(OpsSparsemaxTest, GradientsMatchFiniteDifferences) {
  keras::testing::expect_gradients_match(
      [](const Tensors& in) { return ops::sparsemax(in[0], -1); },
      {Tensor::from_vector<double>({3, 0.2, -1, 0.3, 0.25, 0.1, 0.9, 0.7},
                                   {2, 4})});
  keras::testing::expect_gradients_match(
      [](const Tensors& in) { return ops::sparsemax(in[0], 0); },
      {Tensor::from_vector<double>({0.9, 0.1, 0.85, 0.2, 0.3, 0.0}, {3, 2})});
}

}  // namespace
}  // namespace keras
