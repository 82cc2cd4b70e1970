// Tests of MaxPooling1D/2D/3D and AveragePooling1D/2D/3D (their shared base
// holds all the behaviour; the kernels are tested in ops/pooling_test.cpp).
#include "keras/layers/pooling/base_pooling.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/layers/pooling/average_pooling1d.h"
#include "keras/layers/pooling/average_pooling2d.h"
#include "keras/layers/pooling/average_pooling3d.h"
#include "keras/layers/pooling/max_pooling1d.h"
#include "keras/layers/pooling/max_pooling2d.h"
#include "keras/layers/pooling/max_pooling3d.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(PoolingLayersTest, KerasFixtures) {
  for (const char* c :
       {"max_pooling1d", "max_pooling1d_same", "max_pooling2d",
        "max_pooling2d_same_s1", "max_pooling3d", "average_pooling1d",
        "average_pooling1d_same", "average_pooling2d", "average_pooling2d_same",
        "average_pooling3d"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(PoolingLayersTest, DefaultsAndConfig) {
  MaxPooling2D pool;
  EXPECT_EQ(pool(Tensor::zeros({1, 4, 6, 3})).shape(), (Shape{1, 2, 3, 3}));
  const Json config = pool->get_config();
  EXPECT_EQ(config["pool_size"], Json({2, 2}));
  EXPECT_EQ(config["strides"], Json({2, 2}));
  EXPECT_EQ(config["padding"], "valid");
  EXPECT_EQ(config["data_format"], "channels_last");
  EXPECT_TRUE(pool->get_build_config().is_null());
  EXPECT_EQ(MaxPooling2DLayer::from_config(config)->get_config(), config);
  AveragePooling3D avg(
      {.pool_size = {2, 1, 1}, .data_format = "channels_first"});
  EXPECT_EQ(avg(Tensor::zeros({1, 3, 4, 5, 6})).shape(),
            (Shape{1, 3, 2, 5, 6}));
  AveragePooling1D a1({.pool_size = {3}, .strides = {1}, .padding = "same"});
  EXPECT_EQ(a1(Tensor::symbolic({-1, 7, 2})).shape(), (Shape{-1, 7, 2}));
  MaxPooling1D m1;
  EXPECT_EQ(m1(Tensor::zeros({1, 5, 2})).shape(), (Shape{1, 2, 2}));
  MaxPooling3D m3;
  EXPECT_EQ(m3(Tensor::zeros({1, 4, 4, 4, 1})).shape(), (Shape{1, 2, 2, 2, 1}));
  AveragePooling2D a2;
  EXPECT_EQ(a2(Tensor::zeros({1, 4, 4, 1})).shape(), (Shape{1, 2, 2, 1}));
}

TEST(PoolingLayersTest, BadArgumentsAreRefused) {
  try {
    MaxPooling2D pool({.pool_size = {2, 0}});
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("The `pool_size` argument must be a tuple "
                                    "of 2 integers. Received pool_size=(2, "
                                    "0), including values {0}"));
  }
  EXPECT_THROW(MaxPooling1D({.padding = "causal"}), ValueError);
  EXPECT_THROW(AveragePooling2D({.data_format = "nhwc"}), ValueError);
  MaxPooling2D pool;
  try {
    pool(Tensor::zeros({1, 4, 4}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("expected ndim=4, found ndim=3"));
  }
}

TEST(PoolingLayersTest, GradientsMatchFiniteDifferences) {
  const Tensor x = random::uniform({2, 5, 4, 3}, -1, 1, 1, DType::float64);
  MaxPooling2D max_pool(
      {.pool_size = {2}, .strides = {1}, .base = {.dtype = "float64"}});
  AveragePooling2D avg_pool({.pool_size = {3},
                             .strides = {2},
                             .padding = "same",
                             .base = {.dtype = "float64"}});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return max_pool(in[0]); }, {x});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return avg_pool(in[0]); }, {x});
}

// The 1D and 3D classes: every pooling class is exercised.
TEST(PoolingLayersTest, OneAndThreeDGradientsMatchFiniteDifferences) {
  const Tensor x1 = random::uniform({2, 5, 2}, -1, 1, 2, DType::float64);
  const Tensor x3 = random::uniform({1, 3, 4, 3, 2}, -1, 1, 3, DType::float64);
  const LayerOptions f64 = {.dtype = "float64"};
  const std::vector<std::pair<LayerPtr, Tensor>> cases = {
      {MaxPooling1D({.pool_size = {2}, .strides = {1}, .base = f64}), x1},
      {AveragePooling1D({.pool_size = {3}, .padding = "same", .base = f64}),
       x1},
      {MaxPooling3D({.pool_size = {2}, .padding = "same", .base = f64}), x3},
      {AveragePooling3D({.pool_size = {2, 2, 1},
                         .strides = {1},
                         .data_format = "channels_first",
                         .base = f64}),
       x3},
  };
  for (const auto& [layer, x] : cases) {
    SCOPED_TRACE(layer->class_name());
    keras::testing::expect_gradients_match(
        [&layer = layer](const Tensors& in) { return (*layer)(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
