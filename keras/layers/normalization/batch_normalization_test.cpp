#include "keras/layers/normalization/batch_normalization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

TEST(BatchNormalizationTest, KerasFixtures) {
  for (const char* c :
       {"batch_normalization", "batch_normalization_axis1",
        "batch_normalization_conv", "batch_normalization_no_center",
        "batch_normalization_no_scale"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(BatchNormalizationTest, WeightOrderAndTrainability) {
  BatchNormalization bn;
  bn(Tensor::zeros({2, 3}));
  const auto w = bn->weights();
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0]->name(), "gamma");
  EXPECT_EQ(w[1]->name(), "beta");
  EXPECT_EQ(w[2]->name(), "moving_mean");
  EXPECT_EQ(w[3]->name(), "moving_variance");
  EXPECT_EQ(bn->trainable_weights().size(), 2u);
  BatchNormalization no_scale({.scale = false});
  no_scale(Tensor::zeros({2, 3}));
  EXPECT_EQ(no_scale->weights()[0]->name(), "beta");
}

TEST(BatchNormalizationTest, TrainingUsesBatchStatisticsAndMovesAverages) {
  BatchNormalization bn({.momentum = 0.9, .epsilon = 0.0});
  const Tensor x = Tensor::from_vector<float>({1, 10, 3, 30}, {2, 2});
  const Tensor y = (*bn)(x, {.training = true});
  // Per column: mean (2, 20), variance (1, 100) -> normalized to -1 / +1.
  EXPECT_TRUE(AllClose(y, Tensor::from_vector<float>({-1, -1, 1, 1}, {2, 2}),
                       1e-5, 1e-5));
  EXPECT_TRUE(AllClose(bn->moving_mean()->value(),
                       Tensor::from_vector<float>({0.2f, 2.0f}, {2})));
  EXPECT_TRUE(AllClose(bn->moving_variance()->value(),
                       Tensor::from_vector<float>({1.0f, 10.9f}, {2}), 1e-5,
                       1e-5));
  // Inference uses the moving statistics and changes nothing.
  const Tensor z = bn(x);
  EXPECT_TRUE(AllClose(bn->moving_mean()->value(),
                       Tensor::from_vector<float>({0.2f, 2.0f}, {2})));
  EXPECT_NEAR(z.to_double_vector()[0], (1 - 0.2) / 1.0, 1e-5);
  // A frozen layer runs in inference mode even when training.
  bn->set_trainable(false);
  EXPECT_TRUE(AllClose((*bn)(x, {.training = true}), z, 0, 0));
}

TEST(BatchNormalizationTest, RenormTrainsAndSerializes) {
  BatchNormalization bn(
      {.renorm = true, .renorm_clipping = {{"rmax", 3.0}, {"dmax", 5.0}}});
  const Tensor x = random::normal({8, 3}, 1, 2, 3);
  (*bn)(x, {.training = true});
  ASSERT_EQ(bn->weights().size(), 7u);
  EXPECT_EQ(bn->weights()[4]->name(), "moving_stddev");
  const Json config = bn->get_config();
  EXPECT_EQ(config["renorm_clipping"]["rmax"], 3.0);
  EXPECT_EQ(BatchNormalizationLayer::from_config(config)->get_config(), config);
  EXPECT_THROW(
      BatchNormalization({.renorm = true, .renorm_clipping = {{"max", 1.0}}}),
      ValueError);
}

TEST(BatchNormalizationTest, BadArgumentsAreRefused) {
  try {
    BatchNormalization bn({.axis = 3});
    bn(Tensor::zeros({2, 3}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Axis 3 is out of bounds for input shape"));
  }
  EXPECT_THROW(BatchNormalization({.synchronized = true}), ValueError);
  BatchNormalization bn;
  bn(Tensor::zeros({2, 3}));
  try {
    bn(Tensor::zeros({2, 4}));
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("expected axis -1 of input shape to have "
                                    "value 3"));
  }
}

TEST(BatchNormalizationTest, GradientsMatchFiniteDifferences) {
  for (bool training : {false, true}) {
    SCOPED_TRACE(training);
    BatchNormalization bn({.axis = 1, .base = {.dtype = "float64"}});
    const Tensor x = random::normal({4, 3, 2}, 0, 1, 1, DType::float64);
    bn(x);
    bn->set_weights({random::uniform({3}, 0.5, 1.5, 2, DType::float64),
                     random::normal({3}, 0, 1, 3, DType::float64),
                     random::normal({3}, 0, 1, 4, DType::float64),
                     random::uniform({3}, 0.5, 1.5, 5, DType::float64)});
    const Tensor w = random::normal({4, 3, 2}, 0, 1, 6, DType::float64);
    testing::expect_variable_gradients_match(
        [&] { return ops::sum((*bn)(x, {.training = training}) * w); },
        bn->trainable_weights());
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return (*bn)(in[0], {.training = training}); },
        {x});
  }
}

}  // namespace
}  // namespace keras::layers
