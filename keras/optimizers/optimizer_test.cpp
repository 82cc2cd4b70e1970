#include "keras/optimizers/optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "keras/optimizers/adam.h"
#include "keras/optimizers/sgd.h"
#include "keras/testing/test_utils.h"

namespace keras::optimizers {
namespace {

using keras::testing::floats;

VariablePtr var(std::vector<float> values, const std::string& path = "d/w") {
  const std::int64_t n = static_cast<std::int64_t>(values.size());
  return std::make_shared<Variable>(Tensor::from_vector<float>(values, {n}),
                                    "w", true, path);
}

TEST(OptimizerTest, ClipnormClipsEachGradientByItsNorm) {
  auto a = var({0.0f, 0.0f});
  auto b = var({0.0f}, "d/b");
  SGD sgd({.learning_rate = 1.0, .clipnorm = 1.0});
  // |(3, 4)| = 5 -> (0.6, 0.8); |(0.5)| < 1 stays.
  sgd.apply_gradients({floats({3, 4}), floats({0.5f})}, {a, b});
  auto av = a->value().to_float_vector();
  EXPECT_NEAR(av[0], -0.6, 1e-6);
  EXPECT_NEAR(av[1], -0.8, 1e-6);
  EXPECT_NEAR(b->value().item(), -0.5, 1e-6);
}

TEST(OptimizerTest, GlobalClipnormScalesAllGradients) {
  auto a = var({0.0f, 0.0f});
  auto b = var({0.0f}, "d/b");
  SGD sgd({.learning_rate = 1.0, .global_clipnorm = 1.0});
  // global norm of (3, 4, 12) = 13
  sgd.apply_gradients({floats({3, 4}), floats({12})}, {a, b});
  auto av = a->value().to_float_vector();
  EXPECT_NEAR(av[0], -3.0 / 13, 1e-6);
  EXPECT_NEAR(av[1], -4.0 / 13, 1e-6);
  EXPECT_NEAR(b->value().item(), -12.0 / 13, 1e-6);
}

TEST(OptimizerTest, ClipvalueClipsElements) {
  auto a = var({0.0f, 0.0f, 0.0f});
  SGD sgd({.learning_rate = 1.0, .clipvalue = 0.5});
  sgd.apply_gradients({floats({3, -4, 0.25f})}, {a});
  auto av = a->value().to_float_vector();
  EXPECT_NEAR(av[0], -0.5, 1e-7);
  EXPECT_NEAR(av[1], 0.5, 1e-7);
  EXPECT_NEAR(av[2], -0.25, 1e-7);
}

TEST(OptimizerTest, OnlyOneClipArgument) {
  try {
    SGD({.clipnorm = 1.0, .clipvalue = 0.5});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(
        std::string(e.what()).find(
            "Received: clipnorm=1.0, clipvalue=0.5, global_clipnorm=None"),
        std::string::npos)
        << e.what();
  }
}

TEST(OptimizerTest, WeightDecayBeforeUpdate) {
  auto a = var({2.0f});
  SGD sgd({.learning_rate = 0.1, .weight_decay = 0.5});
  sgd.apply_gradients({floats({1.0f})}, {a});
  // w *= 1 - 0.5 * 0.1 -> 1.9; w -= 0.1 -> 1.8
  EXPECT_NEAR(a->value().item(), 1.8, 1e-6);
}

TEST(OptimizerTest, LossScaleFactorDividesGradients) {
  auto a = var({0.0f});
  SGD sgd({.learning_rate = 1.0, .loss_scale_factor = 4.0});
  sgd.apply_gradients({floats({2.0f})}, {a});
  EXPECT_NEAR(a->value().item(), -0.5, 1e-7);
}

TEST(OptimizerTest, GradientAccumulationUpdatesEveryNSteps) {
  auto a = var({0.0f});
  SGD sgd({.learning_rate = 1.0,
           .gradient_accumulation_steps = 2,
           .name = "acc_sgd"});
  sgd.apply_gradients({floats({1.0f})}, {a});
  EXPECT_EQ(a->value().item(), 0.0);
  ASSERT_EQ(sgd.variables().size(), 3u);
  EXPECT_EQ(sgd.variables()[2]->path(), "acc_sgd/d_w_gradient_accumulator");
  EXPECT_EQ(sgd.variables()[2]->value().item(), 1.0);
  EXPECT_EQ(sgd.iterations(), 0);
  sgd.apply_gradients({floats({3.0f})}, {a});
  EXPECT_NEAR(a->value().item(), -2.0, 1e-7);  // mean of 1 and 3
  EXPECT_EQ(sgd.variables()[2]->value().item(), 0.0);
  EXPECT_EQ(sgd.iterations(), 1);
  EXPECT_EQ(sgd.iteration_variable()->value().item(), 2.0);
  EXPECT_THROW(SGD({.gradient_accumulation_steps = 1}), ValueError);
}

TEST(OptimizerTest, EmaAveragesAndFinalize) {
  auto a = var({0.0f});
  SGD sgd({.learning_rate = 1.0, .use_ema = true, .ema_momentum = 0.5});
  sgd.apply_gradients({floats({1.0f})}, {a});  // w = -1, first step: avg = w
  ASSERT_EQ(sgd.variables().size(), 3u);
  EXPECT_NEAR(sgd.variables()[2]->value().item(), -1.0, 1e-7);
  sgd.apply_gradients({floats({1.0f})}, {a});  // w = -2, avg = -1.5
  EXPECT_NEAR(sgd.variables()[2]->value().item(), -1.5, 1e-7);
  sgd.finalize_variable_values({a});
  EXPECT_NEAR(a->value().item(), -1.5, 1e-7);
}

TEST(OptimizerTest, EmaOverwriteFrequency) {
  auto a = var({0.0f});
  SGD sgd({.learning_rate = 1.0,
           .use_ema = true,
           .ema_momentum = 0.5,
           .ema_overwrite_frequency = 2});
  sgd.apply_gradients({floats({1.0f})}, {a});  // iteration 0 -> no overwrite
  EXPECT_NEAR(a->value().item(), -1.0, 1e-7);
  sgd.apply_gradients({floats({1.0f})}, {a});  // (1 + 1) % 2 == 0 -> overwrite
  EXPECT_NEAR(a->value().item(), -1.5, 1e-7);
}

TEST(OptimizerTest, ConstraintAppliedAfterUpdate) {
  auto a = var({0.0f, 0.0f});
  a->constraint = [](const Tensor& t) {
    Tensor out = t.clone();
    float* p = out.data<float>();
    for (int i = 0; i < 2; ++i) p[i] = std::max(p[i], 0.0f);
    return out;
  };
  SGD sgd({.learning_rate = 1.0});
  sgd.apply_gradients({floats({1.0f, -1.0f})}, {a});
  auto av = a->value().to_float_vector();
  EXPECT_EQ(av[0], 0.0f);
  EXPECT_EQ(av[1], 1.0f);
}

TEST(OptimizerTest, MissingGradientsAreSkipped) {
  auto a = var({1.0f});
  auto b = var({1.0f}, "d/b");
  SGD sgd({.learning_rate = 1.0});
  sgd.apply_gradients({Tensor(), floats({1.0f})}, {a, b});
  EXPECT_EQ(a->value().item(), 1.0);
  EXPECT_EQ(b->value().item(), 0.0);
  EXPECT_THROW(sgd.apply_gradients({Tensor(), Tensor()}, {a, b}), ValueError);
}

TEST(OptimizerTest, UnknownVariableRejected) {
  auto a = var({1.0f});
  auto other = var({1.0f}, "x/y");
  SGD sgd;
  sgd.apply_gradients({floats({1.0f})}, {a});
  EXPECT_THROW(sgd.apply_gradients({floats({1.0f})}, {other}), ValueError);
}

TEST(OptimizerTest, ApplyWithoutVariablesNeedsBuild) {
  SGD sgd;
  EXPECT_THROW(sgd.apply({floats({1.0f})}), ValueError);
  auto a = var({1.0f});
  sgd.build({a});
  sgd.apply({floats({1.0f})});
  EXPECT_NEAR(a->value().item(), 0.99, 1e-7);
}

TEST(OptimizerTest, LearningRateIsAFloat32Variable) {
  Adam adam({.learning_rate = 0.001});
  EXPECT_EQ(adam.learning_rate(), static_cast<double>(0.001f));
  adam.set_learning_rate(0.5);
  EXPECT_EQ(adam.learning_rate(), 0.5);
  EXPECT_EQ(adam.get_config()["learning_rate"].get<double>(), 0.5);
  EXPECT_EQ(adam.learning_rate_variable()->path(),
            adam.name() + "/learning_rate");
}

TEST(OptimizerTest, AutoNamesAreSnakeCaseAndUnique) {
  Adam a1;
  Adam a2;
  EXPECT_EQ(a1.name().rfind("adam", 0), 0u);
  EXPECT_NE(a1.name(), a2.name());
  EXPECT_EQ(a1.iteration_variable()->path(), a1.name() + "/iteration");
}

TEST(OptimizerTest, Float64Variables) {
  auto w = std::make_shared<Variable>(
      Tensor::from_vector<double>({1.0, 2.0}, {2}), "w", true, "w");
  SGD sgd({.learning_rate = 0.5});
  sgd.apply_gradients({Tensor::from_vector<double>({1.0, 1.0}, {2})}, {w});
  auto out = w->value().to_double_vector();
  EXPECT_DOUBLE_EQ(out[0], 0.5);
  EXPECT_DOUBLE_EQ(out[1], 1.5);
}

TEST(OptimizerTest, ShapeMismatchRejected) {
  auto a = var({1.0f, 2.0f});
  SGD sgd;
  EXPECT_THROW(sgd.apply_gradients({floats({1.0f})}, {a}), ValueError);
}

}  // namespace
}  // namespace keras::optimizers
