#include "keras/layers/normalization/group_normalization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/layers/normalization/layer_normalization.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/normalization.h"

namespace keras::layers {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

TEST(GroupNormalizationTest, KerasFixtures) {
  for (const char* c : {"group_normalization", "group_normalization_rank3"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(GroupNormalizationTest, OneGroupIsLayerNormalizationOverAllDims) {
  const Tensor x = random::normal({2, 3, 4}, 1, 2, 1);
  GroupNormalization gn({.groups = 1, .epsilon = 1e-3});
  LayerNormalization ln({.axis = {1, 2}, .epsilon = 1e-3});
  EXPECT_TRUE(AllClose(gn(x), ln(x), 1e-4, 1e-5));
}

TEST(GroupNormalizationTest, InstanceNormalizationWritesTheGroupCount) {
  GroupNormalization gn({.groups = -1, .axis = 1});
  const Tensor y = gn(random::normal({2, 3, 5}, 0, 1, 2));
  EXPECT_EQ(gn->get_config()["groups"], 3);
  auto [m, v] = ops::moments(y, {2});
  EXPECT_TRUE(AllClose(m, ops::zeros_like(m), 0, 1e-5));
}

TEST(GroupNormalizationTest, BadArgumentsAreRefused) {
  try {
    GroupNormalization gn({.groups = 0});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Received: groups=0"));
  }
  GroupNormalization gn({.groups = 4});
  try {
    gn(Tensor::zeros({2, 6}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Number of groups (4) must be a multiple "
                                    "of the number of channels (6)."));
  }
  GroupNormalization big({.groups = 8});
  EXPECT_THROW(big(Tensor::zeros({2, 6})), ValueError);
}

TEST(GroupNormalizationTest, GradientsMatchFiniteDifferences) {
  GroupNormalization gn({.groups = 2, .base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 3, 4}, 0, 1, 1, DType::float64);
  gn(x);
  for (const auto& v : gn->weights()) {
    v->assign(random::normal(v->shape(), 1, 0.3, 2, DType::float64));
  }
  const Tensor w = random::normal({2, 3, 4}, 0, 1, 3, DType::float64);
  testing::expect_variable_gradients_match([&] { return ops::sum(gn(x) * w); },
                                           gn->weights());
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return gn(in[0]); }, {x});
}

}  // namespace
}  // namespace keras::layers
