#include "keras/layers/weight_initialization.h"

#include <gtest/gtest.h>

#include "keras/keras.h"

namespace keras {
namespace {

bool all_zero(const Tensor& t) {
  for (double v : t.to_double_vector()) {
    if (v != 0.0) return false;
  }
  return true;
}

TEST(SkipWeightInitializationScopeTest, ZeroFillsWeightsWhileAlive) {
  EXPECT_FALSE(SkipWeightInitializationScope::active());
  layers::Dense skipped(4, {.bias_initializer = "ones"});
  {
    SkipWeightInitializationScope scope;
    EXPECT_TRUE(SkipWeightInitializationScope::active());
    {
      SkipWeightInitializationScope nested;
      EXPECT_TRUE(SkipWeightInitializationScope::active());
    }
    EXPECT_TRUE(SkipWeightInitializationScope::active());
    skipped(Tensor::ones({2, 3}));
  }
  EXPECT_FALSE(SkipWeightInitializationScope::active());
  ASSERT_EQ(skipped->weights().size(), 2u);
  for (const auto& v : skipped->weights()) EXPECT_TRUE(all_zero(v->value()));
  EXPECT_EQ(skipped->weights()[0]->dtype(), DType::float32);

  layers::Dense initialized(4, {.bias_initializer = "ones"});
  initialized(Tensor::ones({2, 3}));
  EXPECT_FALSE(all_zero(initialized->weights()[0]->value()));
  EXPECT_FALSE(all_zero(initialized->weights()[1]->value()));
}

TEST(SkipWeightInitializationScopeTest, LoadModelReadsEveryWeight) {
  auto x = Input({3});
  Model model(x, layers::Dense(2, {.bias_initializer = "ones"})(x));
  const std::string path = ::testing::TempDir() + "skip_init.keras";
  model.save(path);
  auto back = saving::load_model(path);
  ASSERT_EQ(back->weights().size(), model.weights().size());
  for (std::size_t i = 0; i < model.weights().size(); ++i) {
    EXPECT_EQ(back->weights()[i]->value().to_double_vector(),
              model.weights()[i]->value().to_double_vector());
  }
  EXPECT_FALSE(SkipWeightInitializationScope::active());
}

}  // namespace
}  // namespace keras
