#include "keras/regularizers/orthogonal_regularizer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/regularizers/orthogonal_regularizer.h"
#include "keras/testing/expect_error.h"

namespace keras {
namespace {

using regularizers::OrthogonalRegularizer;

// Rows (1,0), (1,1)/sqrt2, (0,1) after normalization: the pairs' dot products
// are 1/sqrt2, 0, 1/sqrt2, so the penalty is factor * 0.5 * 2*sqrt2 / 3.
// Columns (1,1,0)/sqrt2 and (0,1,2)/sqrt5: one pair, dot 1/sqrt10.
Tensor sample() {
  return Tensor::from_vector<float>({1, 0, 1, 1, 0, 2}, {3, 2});
}

TEST(OrthogonalRegularizerTest, RowsPenaltyMatchesHandComputation) {
  const Tensor p = OrthogonalRegularizer(0.5, "rows")(sample());
  EXPECT_NEAR(p.item(), 0.5 * 0.5 * 2.0 * std::sqrt(2.0) / 3.0, 1e-6);
}

TEST(OrthogonalRegularizerTest, ColumnsPenaltyMatchesHandComputation) {
  const Tensor p = OrthogonalRegularizer(0.5, "columns")(sample());
  EXPECT_NEAR(p.item(), 0.5 * 0.5 * 2.0 / std::sqrt(10.0), 1e-6);
}

TEST(OrthogonalRegularizerTest, OrthogonalRowsHaveNoPenalty) {
  const Tensor x = Tensor::from_vector<float>({2, 0, 0, 0, -3, 0}, {2, 3});
  EXPECT_NEAR(OrthogonalRegularizer(1.0)(x).item(), 0.0, 1e-7);
}

TEST(OrthogonalRegularizerTest, GradientMatchesFiniteDifferences) {
  for (const char* mode : {"rows", "columns"}) {
    OrthogonalRegularizer reg(0.3, mode);
    testing::expect_gradients_match(
        [&](const Tensors& in) { return reg(in[0]); },
        {Tensor::from_vector<float>({1.0f, 0.2f, 0.7f, 1.1f, -0.4f, 1.5f},
                                    {3, 2})});
  }
}

TEST(OrthogonalRegularizerTest, ConfigRoundTripsWithFloat32Factor) {
  const Json config = OrthogonalRegularizer(0.02, "columns").get_config();
  EXPECT_EQ(config,
            (Json{{"factor", 0.019999999552965164}, {"mode", "columns"}}));
  const auto again =
      saving::deserialize_keras_object<regularizers::Regularizer>(
          saving::serialize_keras_object(
              OrthogonalRegularizer(0.02, "columns")));
  EXPECT_EQ(again->get_config(), config);
  EXPECT_EQ(regularizers::get("orthogonal_regularizer")->get_config(),
            (Json{{"factor", 0.009999999776482582}, {"mode", "rows"}}));
}

TEST(OrthogonalRegularizerTest, BadArgumentsRaiseKerasErrors) {
  testing::expect_error<ValueError>(
      [] { OrthogonalRegularizer(0.01, "diagonal"); },
      "Expected one of {\"rows\", \"columns\"}. Received: mode=diagonal");
  testing::expect_error<ValueError>(
      [] { OrthogonalRegularizer(-1.0); },
      "Invalid value for argument factor: expected a non-negative float");
  testing::expect_error<ValueError>(
      [] {
        OrthogonalRegularizer()(Tensor::ones({2, 2, 2}));
      },
      "Inputs to OrthogonalRegularizer must have rank 2. Received: "
      "inputs.shape=(2, 2, 2)");
}

}  // namespace
}  // namespace keras
