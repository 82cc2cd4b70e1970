// Tests of SpatialDropout1D/2D/3D.
#include "keras/layers/regularization/base_spatial_dropout.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "keras/keras.h"
#include "keras/layers/regularization/spatial_dropout1d.h"
#include "keras/layers/regularization/spatial_dropout2d.h"
#include "keras/layers/regularization/spatial_dropout3d.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(SpatialDropoutTest, KerasFixtures) {
  for (const char* c :
       {"spatial_dropout1d", "spatial_dropout2d", "spatial_dropout3d"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

// In training every channel of every example is either all zero or all
// scaled by 1 / (1 - rate).
void expect_whole_channels(const Tensor& y, std::int64_t channels,
                           bool channels_last, double scale) {
  const auto v = y.to_double_vector();
  const std::int64_t batch = y.dim(0);
  const std::int64_t spatial = y.size() / batch / channels;
  for (std::int64_t b = 0; b < batch; ++b) {
    for (std::int64_t c = 0; c < channels; ++c) {
      std::set<double> values;
      for (std::int64_t s = 0; s < spatial; ++s) {
        const std::int64_t i = channels_last ? (b * spatial + s) * channels + c
                                             : (b * channels + c) * spatial + s;
        values.insert(v[i]);
      }
      EXPECT_EQ(values.size(), 1u);
      EXPECT_TRUE(*values.begin() == 0.0 ||
                  std::abs(*values.begin() - scale) < 1e-6);
    }
  }
}

TEST(SpatialDropoutTest, DropsWholeChannelsWhileTraining) {
  SpatialDropout1D d1(0.5, {.seed = 1});
  expect_whole_channels((*d1)(Tensor::ones({4, 6, 5}), {.training = true}), 5,
                        true, 2.0);
  SpatialDropout2D d2(0.5, {.data_format = "channels_first", .seed = 2});
  expect_whole_channels((*d2)(Tensor::ones({4, 5, 3, 3}), {.training = true}),
                        5, false, 2.0);
  SpatialDropout3D d3(0.25);
  expect_whole_channels(
      (*d3)(Tensor::ones({4, 2, 2, 2, 6}), {.training = true}), 6, true,
      1 / 0.75);
  const Tensor x = random::normal({2, 3, 4});
  EXPECT_TRUE(testing::AllClose(d1(x), x, 0, 0));
}

TEST(SpatialDropoutTest, ConfigIsKerasShortForm) {
  SpatialDropout2D d(0.4, {.seed = 3});
  const Json config = d->get_config();
  EXPECT_EQ(config, Json({{"rate", 0.4},
                          {"seed", 3},
                          {"name", d->name()},
                          {"dtype", "float32"},
                          {"data_format", "channels_last"}}));
  EXPECT_EQ(SpatialDropout2DLayer::from_config(config)->get_config(), config);
}

TEST(SpatialDropoutTest, BadArgumentsAreRefused) {
  try {
    SpatialDropout1D d(1.5);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("Received: rate=1.5"));
  }
  SpatialDropout2D d(0.1);
  EXPECT_THROW(d(Tensor::zeros({2, 3, 4})), ValueError);
}

TEST(SpatialDropoutTest, GradientsMatchFiniteDifferences) {
  SpatialDropout1D d(0.5, {.seed = 4, .base = {.dtype = "float64"}});
  // A fixed seed per call keeps the mask the same across the finite
  // differences only at inference; check the identity path there.
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) { return d(in[0]); },
      {random::normal({2, 3, 2}, 0, 1, 1, DType::float64)});
}

// In training the mask is drawn per call, so finite differences do not
// apply: the gradient is the scaled per-channel mask, y / x (x away from 0).
TEST(SpatialDropoutTest, TrainingGradientIsTheScaledMask) {
  const LayerOptions f64 = {.dtype = "float64"};
  const std::vector<std::pair<LayerPtr, Shape>> cases = {
      {SpatialDropout1D(0.5, {.seed = 1, .base = f64}), {2, 3, 4}},
      {SpatialDropout2D(0.5, {.seed = 2, .base = f64}), {2, 3, 2, 4}},
      {SpatialDropout3D(
           0.5, {.data_format = "channels_first", .seed = 3, .base = f64}),
       {2, 4, 2, 2, 3}},
  };
  for (const auto& [layer, shape] : cases) {
    SCOPED_TRACE(layer->class_name());
    Tensor x = random::uniform(shape, 1, 2, 5, DType::float64);
    x.set_requires_grad(true);
    const Tensor y = (*layer)(x, {.training = true});
    const Tensors g = autograd::grad(ops::sum(y), {x});
    EXPECT_TRUE(testing::AllClose(g[0], y / x, 1e-12, 1e-12));
  }
}

}  // namespace
}  // namespace keras::layers
