#include "keras/layers/merging/add.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(AddTest, MatchesKerasFixtures) {
  for (const char* c : {"add", "add_broadcast_rank3"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(AddTest, BroadcastsLowerRankInputsAfterTheBatchAxis) {
  // (2, 4) + (2, 3, 4): the first input becomes (2, 1, 4), as in Keras.
  Add layer;
  const Tensor a = Tensor::from_vector<float>({1, 2, 3, 4, 5, 6, 7, 8}, {2, 4});
  const Tensor b = Tensor::zeros({2, 3, 4});
  const Tensor y = layer(Tensors{a, b});
  EXPECT_EQ(y.shape(), (Shape{2, 3, 4}));
  EXPECT_EQ(y.to_double_vector()[4], 1.0);   // y[0, 1, 0] = a[0, 0]
  EXPECT_EQ(y.to_double_vector()[12], 5.0);  // y[1, 0, 0] = a[1, 0]
  auto sym = Add()(Tensors{Input({4}), Input({3, 4})});
  EXPECT_EQ(sym.shape(), (Shape{-1, 3, 4}));
  EXPECT_EQ(layer->get_build_config()["input_shape"],
            Json::parse("[[2, 4], [2, 3, 4]]"));
}

TEST(AddTest, GradientsMatchFiniteDifferences) {
  Add layer({.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in); },
      {random::normal({2, 3}, 0, 1, 1, DType::float64),
       random::normal({2, 1}, 0, 1, 2, DType::float64)});
}

TEST(AddTest, IncompatibleShapesAreRefusedWithKerasMessages) {
  try {
    Add()(Tensors{Input({3}), Input({4})});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Inputs have incompatible shapes. "
                                    "Received shapes (3,) and (4,)"));
  }
  try {
    Add()(Tensors{Tensor::zeros({2, 3}), Tensor::zeros({3, 3})});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Cannot merge tensors with different "
                                    "batch sizes. Received tensors with "
                                    "shapes [(2, 3), (3, 3)]"));
  }
}

}  // namespace
}  // namespace keras::layers
