#include "keras/layers/core/identity.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

TEST(IdentityTest, KerasFixtures) { testing::expect_layer_case("identity"); }

TEST(IdentityTest, ReturnsItsInputs) {
  Identity id;
  const Tensor x = random::normal({2, 3});
  EXPECT_TRUE(testing::AllClose(id(x), x, 0, 0));
  EXPECT_EQ(id(Tensor::symbolic({-1, 3})).shape(), (Shape{-1, 3}));
  EXPECT_TRUE(id->get_build_config().is_null());
  EXPECT_EQ(IdentityLayer::from_config(id->get_config())->get_config(),
            id->get_config());
  Identity id64({.dtype = "float64"});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return id64(in[0]); },
      {random::normal({2, 2}, 0, 1, 1, DType::float64)});
}

TEST(IdentityTest, BadConfigIsRefused) {
  EXPECT_THROW(IdentityLayer::from_config({{"name", 3}}), TypeError);
}

}  // namespace
}  // namespace keras::layers
