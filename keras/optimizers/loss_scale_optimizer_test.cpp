#include "keras/optimizers/loss_scale_optimizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::floats;

using optimizers::LossScaleOptimizer;
using optimizers::SGD;

VariablePtr var(std::vector<float> values, const std::string& name = "w") {
  const auto n = static_cast<std::int64_t>(values.size());
  return std::make_shared<Variable>(Tensor::from_vector(values, {n}), name,
                                    /*trainable=*/true, name);
}

std::shared_ptr<LossScaleOptimizer> make(double scale, std::int64_t growth,
                                         std::optional<double> momentum = {}) {
  auto inner = std::make_shared<SGD>(optimizers::SGDOptions{
      .learning_rate = 0.5, .momentum = momentum.value_or(0.0), .name = "sgd"});
  return std::make_shared<LossScaleOptimizer>(
      inner,
      optimizers::LossScaleOptimizerOptions{.initial_scale = scale,
                                            .dynamic_growth_steps = growth,
                                            .name = "loss_scale_optimizer"});
}

TEST(LossScaleOptimizerTest, VariablesInKerasOrder) {
  auto opt = make(1024, 100, 0.9);
  ASSERT_EQ(opt->variables().size(), 4u);  // own and inner iteration/lr
  auto w = var({1, 2}, "dense/kernel");
  opt->build({w});
  std::vector<std::string> paths;
  for (const auto& v : opt->variables()) paths.push_back(v->path());
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "loss_scale_optimizer/iteration",
                       "loss_scale_optimizer/learning_rate",
                       "loss_scale_optimizer/step_counter",
                       "loss_scale_optimizer/dynamic_scale", "sgd/iteration",
                       "sgd/learning_rate", "sgd/dense_kernel_momentum"}));
  EXPECT_EQ(opt->step_counter()->dtype(), DType::int32);
  EXPECT_EQ(opt->variables()[3]->value().item(), 1024.0);
}

TEST(LossScaleOptimizerTest, FiniteStepsUnscaleAndGrow) {
  auto opt = make(8, 2);
  auto w = var({1.0f});
  // Gradients of the scaled loss: 8 * 1.0.
  opt->apply_gradients({floats({8.0f})}, {w});
  EXPECT_NEAR(w->value().item(), 1.0 - 0.5 * 1.0, 1e-7);
  EXPECT_EQ(opt->step_counter()->value().item(), 1.0);
  EXPECT_EQ(opt->dynamic_scale(), 8.0);
  EXPECT_EQ(opt->iterations(), 1);
  opt->apply_gradients({floats({8.0f})}, {w});  // second finite step: x2
  EXPECT_NEAR(w->value().item(), 0.0, 1e-7);
  EXPECT_EQ(opt->step_counter()->value().item(), 0.0);
  EXPECT_EQ(opt->dynamic_scale(), 16.0);
  EXPECT_EQ(opt->iterations(), 2);
  EXPECT_EQ(opt->variables()[0]->value().item(), 0.0);  // own iteration
}

TEST(LossScaleOptimizerTest, NonFiniteStepIsSkippedAndHalvesTheScale) {
  auto opt = make(8, 2);
  auto w = var({1.0f, 2.0f});
  opt->apply_gradients({floats({8.0f, 8.0f})}, {w});
  opt->apply_gradients({floats({std::numeric_limits<float>::infinity(), 1.0f})},
                       {w});
  EXPECT_EQ(w->value().to_double_vector(), (std::vector<double>{0.5, 1.5}));
  EXPECT_EQ(opt->dynamic_scale(), 4.0);
  EXPECT_EQ(opt->step_counter()->value().item(), 0.0);
  EXPECT_EQ(opt->iterations(), 1);  // the inner optimizer did not step
  opt->apply_gradients({floats({std::nanf(""), 0.0f})}, {w});
  EXPECT_EQ(opt->dynamic_scale(), 2.0);
}

TEST(LossScaleOptimizerTest, ScaleLossUsesTheDynamicScale) {
  auto opt = make(64, 2);
  EXPECT_EQ(opt->scale_loss(Tensor::scalar(0.5)).item(), 32.0);
  auto w = var({0.0f});
  opt->apply_gradients({floats({std::nanf("")})}, {w});
  EXPECT_EQ(opt->scale_loss(Tensor::scalar(0.5)).item(), 16.0);
  // The base optimizer scales by loss_scale_factor.
  SGD sgd({.loss_scale_factor = 4.0});
  EXPECT_EQ(sgd.scale_loss(Tensor::scalar(0.5)).item(), 2.0);
}

TEST(LossScaleOptimizerTest, DisablesTheInnerLossScaleFactor) {
  auto inner = std::make_shared<SGD>(
      optimizers::SGDOptions{.learning_rate = 1.0, .loss_scale_factor = 128.0});
  LossScaleOptimizer opt(inner, {.initial_scale = 2});
  EXPECT_TRUE(inner->get_config()["loss_scale_factor"].is_null());
  auto w = var({0.0f});
  opt.apply_gradients({floats({2.0f})}, {w});
  EXPECT_NEAR(w->value().item(), -1.0, 1e-7);
}

TEST(LossScaleOptimizerTest, LearningRateIsTheInnerOne) {
  auto opt = make(8, 2);
  EXPECT_EQ(opt->learning_rate(), 0.5);
  opt->set_learning_rate(0.25);
  EXPECT_EQ(opt->inner_optimizer()->learning_rate(), 0.25);
}

TEST(LossScaleOptimizerTest, SerializationMatchesTheKerasFixture) {
  const Json record = testing::backend_neutral(
      testing::read_json(testing::fixture("serialization/serialize_optimizers/"
                                          "loss_scale_optimizer.json")));
  auto opt = optimizers::deserialize(record);
  EXPECT_EQ(opt->class_name(), "LossScaleOptimizer");
  EXPECT_EQ(optimizers::serialize(*opt), record);
  const auto& lso = dynamic_cast<const LossScaleOptimizer&>(*opt);
  EXPECT_EQ(lso.initial_scale(), 1024.0);
  EXPECT_EQ(lso.dynamic_growth_steps(), 100);
  EXPECT_EQ(lso.inner_optimizer()->class_name(), "SGD");
  // The C++ construction writes the same config.
  auto sgd = std::make_shared<SGD>(
      optimizers::SGDOptions{.learning_rate = 0.01, .name = "sgd_1"});
  const LossScaleOptimizer built(sgd, {.initial_scale = 1024.0,
                                       .dynamic_growth_steps = 100,
                                       .name = "loss_scale_optimizer"});
  EXPECT_EQ(optimizers::serialize(built), record);
}

// y = 2x + 1 learned by Dense(1): loss scaling by a power of two changes
// no bit of the SGD trajectory, and the logged loss is the unscaled one.
std::shared_ptr<Model> linear_model() {
  auto x = Input({1});
  layers::Dense dense(1, {.kernel_initializer = "ones"});
  return std::make_shared<Model>(x, dense(x));
}

TEST(LossScaleOptimizerTest, TrainsLikeItsInnerOptimizerAndResumes) {
  const Tensor x = Tensor::from_vector<float>({0, 1, 2, 3}, {4, 1});
  const Tensor y = Tensor::from_vector<float>({1, 3, 5, 7}, {4, 1});
  auto plain = linear_model();
  plain->compile({.optimizer = std::make_shared<SGD>(
                      optimizers::SGDOptions{.learning_rate = 0.05}),
                  .loss = "mse"});
  auto scaled = linear_model();
  auto lso = std::make_shared<LossScaleOptimizer>(
      std::make_shared<SGD>(optimizers::SGDOptions{.learning_rate = 0.05}),
      optimizers::LossScaleOptimizerOptions{.initial_scale = 256,
                                            .dynamic_growth_steps = 3});
  scaled->compile({.optimizer = lso, .loss = "mse"});
  const trainers::FitOptions fit = {
      .batch_size = 2, .epochs = 3, .verbose = 0, .shuffle = false};
  auto h1 = plain->fit(x, y, fit);
  auto h2 = scaled->fit(x, y, fit);
  EXPECT_EQ(h2.history.at("loss"), h1.history.at("loss"));
  EXPECT_LT(h2.history.at("loss").back(), h2.history.at("loss").front());
  const auto w1 = plain->get_weights(), w2 = scaled->get_weights();
  for (std::size_t i = 0; i < w1.size(); ++i) {
    EXPECT_EQ(w2[i].to_double_vector(), w1[i].to_double_vector());
  }
  // 6 finite steps with growth every 3: 256 -> 512 -> 1024.
  EXPECT_EQ(lso->dynamic_scale(), 1024.0);
  EXPECT_EQ(lso->iterations(), 6);

  testing::TempDir dir;
  scaled->save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  const auto& loaded =
      dynamic_cast<const LossScaleOptimizer&>(*back->optimizer());
  EXPECT_EQ(loaded.dynamic_scale(), 1024.0);
  EXPECT_EQ(loaded.iterations(), 6);
  auto h3 = back->fit(x, y, fit);
  auto h4 = scaled->fit(x, y, fit);
  EXPECT_EQ(h3.history.at("loss"), h4.history.at("loss"));
}

TEST(LossScaleOptimizerTest, LegacyAndBadConfigs) {
  const Json inner = optimizers::serialize(SGD());
  // Keras <= 3.3 also wrote the base arguments at their defaults.
  EXPECT_NO_THROW(optimizers::from_config(
      "LossScaleOptimizer",
      {{"inner_optimizer", inner}, {"use_ema", false}, {"clipnorm", nullptr}}));
  testing::expect_error<ValueError>(
      [&] {
        optimizers::from_config(
            "LossScaleOptimizer",
            {{"inner_optimizer", inner}, {"clipnorm", 1.0}});
      },
      "LossScaleOptimizer does not support `clipnorm`. Instead, set "
      "`clipnorm` on the `inner_optimizer`.");
  testing::expect_error<ValueError>(
      [&] {
        optimizers::from_config(
            "LossScaleOptimizer",
            {{"inner_optimizer", inner}, {"dynamic", false}});
      },
      "LossScaleOptimizer no longer supports `dynamic=False`.");
  testing::expect_error<ValueError>(
      [&] {
        optimizers::from_config(
            "LossScaleOptimizer",
            {{"inner_optimizer", inner}, {"foo", 1}, {"bar", 2}});
      },
      "LossScaleOptimizer does not support arguments: `foo`, `bar`.");
  testing::expect_error<TypeError>(
      [] { optimizers::from_config("LossScaleOptimizer", Json::object()); },
      "missing 1 required positional argument: 'inner_optimizer'");
  testing::expect_error<ValueError>(
      [] { LossScaleOptimizer(std::make_shared<SGD>(), {.initial_scale = 0}); },
      "`initial_scale` must be a positive finite float");
  testing::expect_error<ValueError>(
      [] {
        LossScaleOptimizer(std::make_shared<SGD>(),
                           {.dynamic_growth_steps = 0});
      },
      "`dynamic_growth_steps` must be a positive integer");
}

}  // namespace
}  // namespace keras
