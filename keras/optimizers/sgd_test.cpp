#include "keras/optimizers/sgd.h"

#include <gtest/gtest.h>

#include <memory>

#include "keras/testing/test_utils.h"

namespace keras::optimizers {
namespace {

using keras::testing::floats;

VariablePtr make_var(std::vector<float> values, const std::string& path) {
  const std::int64_t n = static_cast<std::int64_t>(values.size());
  return std::make_shared<Variable>(Tensor::from_vector<float>(values, {n}),
                                    "v", true, path);
}

TEST(SGDTest, PlainStepIsLearningRateTimesGradient) {
  auto w = make_var({1.0f, 2.0f}, "d/kernel");
  SGD sgd({.learning_rate = 0.1});
  sgd.apply_gradients({floats({0.5f, -1.0f})}, {w});
  auto out = w->value().to_float_vector();
  EXPECT_FLOAT_EQ(out[0], 1.0f - 0.1f * 0.5f);
  EXPECT_FLOAT_EQ(out[1], 2.0f + 0.1f);
  EXPECT_EQ(sgd.iterations(), 1);
  // Only iteration and learning_rate: no slots without momentum.
  EXPECT_EQ(sgd.variables().size(), 2u);
}

TEST(SGDTest, MomentumTwoSteps) {
  auto w = make_var({1.0f}, "d/kernel");
  SGD sgd({.learning_rate = 0.1, .momentum = 0.9});
  sgd.apply_gradients({floats({1.0f})}, {w});
  // m = -0.1; w = 0.9
  EXPECT_NEAR(w->value().item(), 0.9, 1e-6);
  sgd.apply_gradients({floats({1.0f})}, {w});
  // m = 0.9 * -0.1 - 0.1 = -0.19; w = 0.71
  EXPECT_NEAR(w->value().item(), 0.71, 1e-6);
  ASSERT_EQ(sgd.variables().size(), 3u);
  EXPECT_EQ(sgd.variables()[2]->path(), sgd.name() + "/d_kernel_momentum");
  EXPECT_NEAR(sgd.variables()[2]->value().item(), -0.19, 1e-6);
}

TEST(SGDTest, NesterovTwoSteps) {
  auto w = make_var({1.0f}, "d/kernel");
  SGD sgd({.learning_rate = 0.1, .momentum = 0.9, .nesterov = true});
  sgd.apply_gradients({floats({1.0f})}, {w});
  // m = -0.1; w = 1 - 0.1 + 0.9 * -0.1 = 0.81
  EXPECT_NEAR(w->value().item(), 0.81, 1e-6);
  sgd.apply_gradients({floats({1.0f})}, {w});
  // m = -0.19; w = 0.81 - 0.1 + 0.9 * -0.19 = 0.539
  EXPECT_NEAR(w->value().item(), 0.539, 1e-6);
}

TEST(SGDTest, ConfigHasKerasKeysInOrder) {
  SGD sgd({.learning_rate = 0.1,
           .momentum = 0.9,
           .nesterov = true,
           .name = "my_sgd"});
  Json expected = Json::parse(R"({
    "name": "my_sgd", "learning_rate": 0.10000000149011612,
    "weight_decay": null, "clipnorm": null, "global_clipnorm": null,
    "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
    "ema_overwrite_frequency": null, "loss_scale_factor": null,
    "gradient_accumulation_steps": null, "momentum": 0.9, "nesterov": true})");
  EXPECT_EQ(sgd.get_config().dump(), expected.dump());
}

TEST(SGDTest, DefaultsAndValidation) {
  SGD sgd;
  EXPECT_NEAR(sgd.learning_rate(), 0.01, 1e-9);
  EXPECT_EQ(sgd.class_name(), "SGD");
  EXPECT_THROW(SGD({.momentum = 1.5}), ValueError);
  EXPECT_THROW(SGD({.momentum = -0.1}), ValueError);
}

}  // namespace
}  // namespace keras::optimizers
