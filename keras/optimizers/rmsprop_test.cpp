#include "keras/optimizers/rmsprop.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

namespace keras::optimizers {
namespace {

struct RMSpropReference {
  double lr, rho, momentum, eps;
  bool centered;
  std::vector<double> v, m, a;
  void step(std::vector<double>& w, const std::vector<double>& g) {
    if (v.empty()) {
      v.assign(w.size(), 0);
      m.assign(w.size(), 0);
      a.assign(w.size(), 0);
    }
    for (std::size_t i = 0; i < w.size(); ++i) {
      v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
      double denom = v[i] + eps;
      if (centered) {
        a[i] = rho * a[i] + (1 - rho) * g[i];
        denom -= a[i] * a[i];
      }
      const double inc = lr * g[i] / std::sqrt(denom);
      if (momentum > 0) {
        m[i] = momentum * m[i] + inc;
        w[i] -= m[i];
      } else {
        w[i] -= inc;
      }
    }
  }
};

void check(const RMSpropOptions& options) {
  std::vector<float> w0 = {0.5f, -1.0f, 2.0f};
  auto w = std::make_shared<Variable>(Tensor::from_vector<float>(w0, {3}),
                                      "bias", true, "d/bias");
  RMSprop opt(options);
  RMSpropReference ref{options.learning_rate.value(), options.rho,
                       options.momentum, options.epsilon, options.centered};
  std::vector<double> wr(w0.begin(), w0.end());
  const std::vector<std::vector<float>> grads = {
      {0.1f, -0.2f, 0.3f}, {0.5f, 0.1f, -0.3f}, {-0.05f, -0.2f, 0.01f}};
  for (const auto& g : grads) {
    opt.apply_gradients({Tensor::from_vector<float>(g, {3})}, {w});
    ref.step(wr, std::vector<double>(g.begin(), g.end()));
    auto got = w->value().to_double_vector();
    for (std::size_t i = 0; i < wr.size(); ++i) {
      EXPECT_NEAR(got[i], wr[i], 1e-6 + 1e-5 * std::abs(wr[i])) << i;
    }
  }
}

TEST(RMSpropTest, Plain) { check({.learning_rate = 0.01}); }
TEST(RMSpropTest, Centered) {
  check({.learning_rate = 0.01, .centered = true});
}
TEST(RMSpropTest, MomentumAndRho) {
  check({.learning_rate = 0.01, .rho = 0.8, .momentum = 0.5});
}
TEST(RMSpropTest, CenteredWithMomentum) {
  check({.learning_rate = 0.02, .momentum = 0.3, .centered = true});
}

TEST(RMSpropTest, FirstStepHandComputed) {
  auto w = std::make_shared<Variable>(Tensor::from_vector<float>({1.0f}, {1}),
                                      "b", true, "b");
  RMSprop opt({.learning_rate = 0.01});
  opt.apply_gradients({Tensor::from_vector<float>({2.0f}, {1})}, {w});
  // v = 0.1 * 4 = 0.4; w = 1 - 0.01 * 2 / sqrt(0.4 + 1e-7)
  EXPECT_NEAR(w->value().item(), 1.0 - 0.02 / std::sqrt(0.4 + 1e-7), 1e-6);
}

TEST(RMSpropTest, SlotBlocksAreSeparate) {
  auto k = std::make_shared<Variable>(Tensor::zeros({2, 2}), "kernel", true,
                                      "m/d/kernel");
  auto b =
      std::make_shared<Variable>(Tensor::zeros({2}), "bias", true, "m/d/bias");
  RMSprop opt({.momentum = 0.5, .centered = true, .name = "rms"});
  opt.build({k, b});
  std::vector<std::string> names;
  for (const auto& v : opt.variables()) names.push_back(v->name());
  EXPECT_EQ(names,
            (std::vector<std::string>{
                "iteration", "learning_rate", "m_d_kernel_velocity",
                "m_d_bias_velocity", "m_d_kernel_momentum", "m_d_bias_momentum",
                "m_d_kernel_average_gradient", "m_d_bias_average_gradient"}));
}

}  // namespace
}  // namespace keras::optimizers
