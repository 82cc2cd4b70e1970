#include "keras/layers/normalization/layer_normalization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(LayerNormalizationTest, KerasFixtures) {
  for (const char* c : {"layer_normalization", "layer_normalization_axes",
                        "layer_normalization_axis1_numpy",
                        "layer_normalization_no_center_scale",
                        "layer_normalization_rms_scaling"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(LayerNormalizationTest, AxisIsWrittenAsASortedListOnceBuilt) {
  LayerNormalization ln({.axis = {2, 1}});
  EXPECT_EQ(ln->get_config()["axis"], Json({2, 1}));
  ln(Tensor::zeros({2, 3, 4}));
  EXPECT_EQ(ln->get_config()["axis"], Json({1, 2}));
  EXPECT_EQ(ln->gamma()->shape(), (Shape{3, 4}));
  LayerNormalization single;
  EXPECT_EQ(single->get_config()["axis"], -1);
  single(Tensor::zeros({2, 3}));
  EXPECT_EQ(single->get_config()["axis"], Json({-1}));
  LayerNormalization rms({.rms_scaling = true});
  rms(Tensor::zeros({2, 3}));
  EXPECT_EQ(rms->weights().size(), 1u);  // gamma only
}

TEST(LayerNormalizationTest, OutOfRangeAxisIsRefused) {
  LayerNormalization ln({.axis = 4});
  try {
    ln(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Axis 4 is out of bounds for input shape "
                                    "(2, 3). Received: axis=4"));
  }
}

TEST(LayerNormalizationTest, GradientsMatchFiniteDifferences) {
  for (bool rms : {false, true}) {
    LayerNormalization ln(
        {.axis = {1, 2}, .rms_scaling = rms, .base = {.dtype = "float64"}});
    const Tensor x = random::normal({2, 3, 4}, 0, 1, 1, DType::float64);
    ln(x);
    for (const auto& v : ln->weights()) {
      v->assign(random::normal(v->shape(), 1, 0.3, 2, DType::float64));
    }
    const Tensor w = random::normal({2, 3, 4}, 0, 1, 3, DType::float64);
    testing::expect_variable_gradients_match(
        [&] { return ops::sum(ln(x) * w); }, ln->weights());
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return ln(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
