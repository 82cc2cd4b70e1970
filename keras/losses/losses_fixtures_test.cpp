// Every loss_* case of fixtures/losses_metrics/ (written by Keras 3.15.1):
// the loss deserialized from loss_config.json (or, where Keras' own config
// does not reproduce it, built with the C++ API as in the case's `api`)
// gives Keras' value, weighted value and per-sample values; serialize() and
// get_config() give Keras' records; the C++ class API builds the same
// object.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/losses/losses.h"

namespace keras::losses {
namespace {

using testing::JsonMatches;
using testing::read_json;
using testing_fixtures::ValuesClose;

// Each case's loss built with the C++ API (the case's `api` line).
const std::map<std::string, std::function<std::shared_ptr<Loss>()>>&
cpp_losses() {
  using std::make_shared;
  static const std::map<std::string, std::function<std::shared_ptr<Loss>()>>
      table = {
          {"loss_binary_crossentropy",
           [] { return make_shared<BinaryCrossentropy>(); }},
          {"loss_binary_crossentropy_from_logits",
           [] {
             return make_shared<BinaryCrossentropy>(
                 BinaryCrossentropyOptions{.from_logits = true});
           }},
          {"loss_binary_crossentropy_label_smoothing",
           [] {
             return make_shared<BinaryCrossentropy>(
                 BinaryCrossentropyOptions{.label_smoothing = 0.1});
           }},
          {"loss_binary_crossentropy_logits_smoothing",
           [] {
             return make_shared<BinaryCrossentropy>(BinaryCrossentropyOptions{
                 .from_logits = true, .label_smoothing = 0.2});
           }},
          {"loss_binary_focal_crossentropy",
           [] {
             return make_shared<BinaryFocalCrossentropy>(
                 BinaryFocalCrossentropyOptions{.gamma = 2.0});
           }},
          {"loss_binary_focal_crossentropy_balanced_logits",
           [] {
             return make_shared<BinaryFocalCrossentropy>(
                 BinaryFocalCrossentropyOptions{.apply_class_balancing = true,
                                                .alpha = 0.3,
                                                .gamma = 1.5,
                                                .from_logits = true,
                                                .label_smoothing = 0.1});
           }},
          {"loss_categorical_crossentropy",
           [] { return make_shared<CategoricalCrossentropy>(); }},
          {"loss_categorical_crossentropy_from_logits",
           [] {
             return make_shared<CategoricalCrossentropy>(
                 CategoricalCrossentropyOptions{.from_logits = true});
           }},
          {"loss_categorical_crossentropy_label_smoothing",
           [] {
             return make_shared<CategoricalCrossentropy>(
                 CategoricalCrossentropyOptions{.label_smoothing = 0.2});
           }},
          {"loss_categorical_focal_crossentropy",
           [] { return make_shared<CategoricalFocalCrossentropy>(); }},
          {"loss_categorical_focal_crossentropy_logits",
           [] {
             return make_shared<CategoricalFocalCrossentropy>(
                 CategoricalFocalCrossentropyOptions{
                     .alpha = 0.4, .gamma = 3.0, .from_logits = true});
           }},
          {"loss_categorical_generalized_cross_entropy",
           [] {
             return make_shared<CategoricalGeneralizedCrossEntropy>(
                 CategoricalGeneralizedCrossEntropyOptions{.q = 0.6});
           }},
          {"loss_categorical_hinge",
           [] { return make_shared<CategoricalHinge>(); }},
          {"loss_cosine_similarity",
           [] {
             return make_shared<CosineSimilarity>(
                 CosineSimilarityOptions{.axis = -1});
           }},
          {"loss_dice", [] { return make_shared<Dice>(); }},
          {"loss_hinge", [] { return make_shared<Hinge>(); }},
          {"loss_huber", [] { return make_shared<Huber>(); }},
          {"loss_huber_delta",
           [] { return make_shared<Huber>(HuberOptions{.delta = 0.7}); }},
          {"loss_kl_divergence", [] { return make_shared<KLDivergence>(); }},
          {"loss_log_cosh", [] { return make_shared<LogCosh>(); }},
          {"loss_mae_reduction_mean",
           [] {
             return make_shared<MeanAbsoluteError>(
                 MeanAbsoluteErrorOptions{.reduction = "mean"});
           }},
          {"loss_mean_absolute_error",
           [] { return make_shared<MeanAbsoluteError>(); }},
          {"loss_mean_absolute_percentage_error",
           [] { return make_shared<MeanAbsolutePercentageError>(); }},
          {"loss_mean_squared_error",
           [] { return make_shared<MeanSquaredError>(); }},
          {"loss_mean_squared_logarithmic_error",
           [] { return make_shared<MeanSquaredLogarithmicError>(); }},
          {"loss_mse_reduction_sum",
           [] {
             return make_shared<MeanSquaredError>(
                 MeanSquaredErrorOptions{.reduction = "sum"});
           }},
          {"loss_poisson", [] { return make_shared<Poisson>(); }},
          {"loss_sparse_categorical_crossentropy",
           [] { return make_shared<SparseCategoricalCrossentropy>(); }},
          {"loss_sparse_categorical_crossentropy_from_logits",
           [] {
             return make_shared<SparseCategoricalCrossentropy>(
                 SparseCategoricalCrossentropyOptions{.from_logits = true});
           }},
          {"loss_sparse_categorical_crossentropy_ignore_class",
           [] {
             return make_shared<SparseCategoricalCrossentropy>(
                 SparseCategoricalCrossentropyOptions{.from_logits = true,
                                                      .ignore_class = 1});
           }},
          {"loss_squared_hinge", [] { return make_shared<SquaredHinge>(); }},
          {"loss_tversky",
           [] {
             return make_shared<Tversky>(
                 TverskyOptions{.alpha = 0.3, .beta = 0.7});
           }},
      };
  return table;
}

class LossCase : public ::testing::TestWithParam<std::string> {};

TEST_P(LossCase, MatchesKeras) {
  const auto c = testing_fixtures::load_loss_metric_case(GetParam());
  const std::string& dir = c.dir;
  const Json& spec = c.spec;
  const Tensors& in = c.inputs;
  const Tensors& expected = c.expected;
  const Json record = read_json(dir + "loss_config.json");
  ASSERT_EQ(in.size(), 3u);
  ASSERT_EQ(expected.size(), 3u);

  const auto it = cpp_losses().find(GetParam());
  ASSERT_NE(it, cpp_losses().end()) << "no C++ constructor for this case";
  const std::shared_ptr<Loss> built = it->second();
  const std::shared_ptr<Loss> loaded = deserialize(record);
  // The C++ API and the deserializer agree with Keras' records.
  EXPECT_TRUE(JsonMatches(serialize(*built), record));
  EXPECT_TRUE(JsonMatches(serialize(*loaded), record));
  EXPECT_TRUE(
      JsonMatches(loaded->get_config(), read_json(dir + "get_config.json")));

  // Keras computed expected_0/1 with the object of `api`; its config
  // reproduces it unless the case says otherwise (Huber's delta).
  const bool roundtrip = spec.value("config_roundtrip_reproduces_values", true);
  const Loss& loss = roundtrip ? *loaded : *built;
  EXPECT_TRUE(ValuesClose(loss(in[0], in[1]), expected[0], c.spec)) << "value";
  EXPECT_TRUE(ValuesClose(loss(in[0], in[1], in[2]), expected[1], c.spec))
      << "weighted value";
  if (roundtrip) {
    EXPECT_TRUE(ValuesClose((*built)(in[0], in[1]), expected[0], c.spec))
        << "value of the C++-built loss";
  }

  // Per-sample values: from_config({**get_config(), "reduction": None}).
  Json none_record = record;
  none_record["config"]["reduction"] = nullptr;
  const auto per_sample = deserialize(none_record);
  EXPECT_TRUE(ValuesClose((*per_sample)(in[0], in[1]), expected[2], c.spec))
      << "per-sample values";
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LossCase,
    ::testing::ValuesIn(testing::fixture_cases("losses_metrics", "loss_")),
    testing::CaseNamePrinter());

}  // namespace
}  // namespace keras::losses
