#include "keras/optimizers/adam.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace keras::optimizers {
namespace {

// Adam in double precision, for comparison.
struct AdamReference {
  double lr, b1, b2, eps;
  bool amsgrad = false;
  std::vector<double> m, v, vhat;
  int t = 0;
  void step(std::vector<double>& w, const std::vector<double>& g) {
    if (m.empty()) {
      m.assign(w.size(), 0);
      v.assign(w.size(), 0);
      vhat.assign(w.size(), 0);
    }
    ++t;
    const double alpha =
        lr * std::sqrt(1 - std::pow(b2, t)) / (1 - std::pow(b1, t));
    for (std::size_t i = 0; i < w.size(); ++i) {
      m[i] += (g[i] - m[i]) * (1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
      vhat[i] = std::max(vhat[i], v[i]);
      const double denom = amsgrad ? vhat[i] : v[i];
      w[i] -= m[i] * alpha / (std::sqrt(denom) + eps);
    }
  }
};

void run_against_reference(bool amsgrad) {
  std::vector<float> w0 = {0.5f, -1.0f, 2.0f, 0.0f};
  auto w = std::make_shared<Variable>(Tensor::from_vector<float>(w0, {2, 2}),
                                      "kernel", true, "dense/kernel");
  Adam adam({.learning_rate = 0.01, .amsgrad = amsgrad});
  AdamReference ref{0.01, 0.9, 0.999, 1e-7, amsgrad};
  std::vector<double> wr(w0.begin(), w0.end());
  const std::vector<std::vector<float>> grads = {{0.1f, -0.2f, 0.3f, 1e-3f},
                                                 {0.5f, 0.1f, -0.3f, 0.0f},
                                                 {-0.05f, -0.2f, 0.01f, 2.0f},
                                                 {0.0f, 0.0f, 0.0f, 0.0f}};
  for (const auto& g : grads) {
    adam.apply_gradients({Tensor::from_vector<float>(g, {2, 2})}, {w});
    ref.step(wr, std::vector<double>(g.begin(), g.end()));
    auto got = w->value().to_double_vector();
    for (std::size_t i = 0; i < wr.size(); ++i) {
      EXPECT_NEAR(got[i], wr[i], 1e-6 + 1e-5 * std::abs(wr[i])) << i;
    }
  }
  EXPECT_EQ(adam.iterations(), 4);
}

TEST(AdamTest, MatchesDoublePrecisionReference) {
  run_against_reference(false);
}

TEST(AdamTest, AmsgradMatchesReference) { run_against_reference(true); }

TEST(AdamTest, FirstStepMovesByLearningRateTimesSign) {
  auto w = std::make_shared<Variable>(Tensor::from_vector<float>({1, 1}, {2}),
                                      "bias", true, "d/bias");
  Adam adam({.learning_rate = 0.1});
  adam.apply_gradients({Tensor::from_vector<float>({3.0f, -0.5f}, {2})}, {w});
  auto out = w->value().to_float_vector();
  EXPECT_NEAR(out[0], 0.9, 1e-5);
  EXPECT_NEAR(out[1], 1.1, 1e-5);
}

TEST(AdamTest, SlotLayoutInterleavesMomentumAndVelocity) {
  auto k = std::make_shared<Variable>(Tensor::zeros({3, 2}), "kernel", true,
                                      "seq/dense/kernel");
  auto b = std::make_shared<Variable>(Tensor::zeros({2}), "bias", true,
                                      "seq/dense/bias");
  Adam adam({.amsgrad = true, .name = "adam_x"});
  EXPECT_EQ(adam.variables().size(), 2u);
  adam.build({k, b});
  std::vector<std::string> paths;
  for (const auto& v : adam.variables()) paths.push_back(v->path());
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "adam_x/iteration", "adam_x/learning_rate",
                       "adam_x/seq_dense_kernel_momentum",
                       "adam_x/seq_dense_kernel_velocity",
                       "adam_x/seq_dense_bias_momentum",
                       "adam_x/seq_dense_bias_velocity",
                       "adam_x/seq_dense_kernel_velocity_hat",
                       "adam_x/seq_dense_bias_velocity_hat"}));
  EXPECT_EQ(adam.variables()[0]->dtype(), DType::int32);
  EXPECT_EQ(adam.variables()[1]->dtype(), DType::float32);
  EXPECT_EQ(adam.variables()[2]->shape(), (Shape{3, 2}));
  EXPECT_EQ(adam.variables()[2]->name(), "seq_dense_kernel_momentum");
  EXPECT_FALSE(adam.variables()[2]->trainable());
}

TEST(AdamTest, ConfigKeys) {
  Adam adam({.learning_rate = 0.002,
             .beta_1 = 0.8,
             .amsgrad = true,
             .clipnorm = 1.0,
             .name = "adam"});
  Json expected = Json::parse(R"({
    "name": "adam", "learning_rate": 0.0020000000949949026,
    "weight_decay": null, "clipnorm": 1.0, "global_clipnorm": null,
    "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
    "ema_overwrite_frequency": null, "loss_scale_factor": null,
    "gradient_accumulation_steps": null, "beta_1": 0.8, "beta_2": 0.999,
    "epsilon": 1e-07, "amsgrad": true})");
  EXPECT_EQ(adam.get_config().dump(), expected.dump());
}

}  // namespace
}  // namespace keras::optimizers
