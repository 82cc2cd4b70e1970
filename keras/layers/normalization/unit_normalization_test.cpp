#include "keras/layers/normalization/unit_normalization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

TEST(UnitNormalizationTest, KerasFixtures) {
  for (const char* c : {"unit_normalization", "unit_normalization_axes"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(UnitNormalizationTest, RowsHaveUnitNorm) {
  UnitNormalization un;
  const Tensor y = un(Tensor::from_vector<float>({3, 4, 0, 0}, {2, 2}));
  EXPECT_TRUE(testing::AllClose(
      y, Tensor::from_vector<float>({0.6f, 0.8f, 0, 0}, {2, 2})));
  EXPECT_TRUE(un->weights().empty());
  EXPECT_TRUE(un->get_build_config().is_null());
}

TEST(UnitNormalizationTest, OutOfRangeAxisIsRefused) {
  UnitNormalization un({.axis = {1, 3}});
  try {
    un(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Axis [1, 3] is out of bounds"));
  }
}

TEST(UnitNormalizationTest, GradientsMatchFiniteDifferences) {
  UnitNormalization un({.axis = {1, 2}, .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return un(in[0]); },
      {random::normal({2, 3, 2}, 0, 1, 1, DType::float64)});
}

}  // namespace
}  // namespace keras::layers
