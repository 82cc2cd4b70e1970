#include "keras/layers/reshaping/permute.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(PermuteTest, MatchesKerasFixtures) {
  for (const char* c : {"permute", "permute_3d"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(PermuteTest, PermutesNonBatchAxes) {
  EXPECT_EQ(Permute({3, 1, 2})(Input({3, 4, 2})).shape(), (Shape{-1, 2, 3, 4}));
}

TEST(PermuteTest, GradientsMatchFiniteDifferences) {
  Permute layer({2, 1}, {.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); },
      {random::normal({2, 3, 2}, 0, 1, 7, DType::float64)});
}

TEST(PermuteTest, InvalidDimsAreRefusedWithKerasMessage) {
  try {
    Permute(std::vector<std::int64_t>{0, 1});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The set of indices in `dims` must be "
                                    "consecutive and start from 1. Received "
                                    "dims=[0, 1]"));
  }
}

}  // namespace
}  // namespace keras::layers
