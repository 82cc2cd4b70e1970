#include "keras/layers/merging/concatenate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(ConcatenateTest, MatchesKerasFixtures) {
  for (const char* c : {"concatenate", "concatenate_axis1"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(ConcatenateTest, SymbolicShapeAndConfig) {
  Concatenate layer({.axis = 1});
  auto y = layer(Tensors{Input({3, 4}), Input({2, 4})});
  EXPECT_EQ(y.shape(), (Shape{-1, 5, 4}));
  EXPECT_EQ(layer->get_config()["axis"], 1);
  EXPECT_EQ(ConcatenateLayer::from_config(layer->get_config())->get_config(),
            layer->get_config());
}

TEST(ConcatenateTest, GradientsMatchFiniteDifferences) {
  Concatenate layer({.base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in); },
      {random::normal({2, 3}, 0, 1, 1, DType::float64),
       random::normal({2, 2}, 0, 1, 2, DType::float64)});
}

TEST(ConcatenateTest, MismatchedShapesAreRefusedWithKerasMessage) {
  try {
    Concatenate()(Tensors{Input({3, 4}), Input({2, 4})});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(),
                HasSubstr("A `Concatenate` layer requires inputs with "
                          "matching shapes except for the concatenation axis. "
                          "Received: input_shape=[(None, 3, 4), (None, 2, "
                          "4)]"));
  }
}

}  // namespace
}  // namespace keras::layers
