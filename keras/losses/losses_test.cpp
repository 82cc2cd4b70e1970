#include "keras/losses/losses.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/numpy.h"

namespace keras::losses {
namespace {

using testing_fixtures::fixtures_dir;
using testing_fixtures::read_json;
using testing_fixtures::read_npy;

void expect_close(const Tensor& got, const Tensor& expected, double rtol,
                  double atol, const std::string& what) {
  const auto g = got.to_double_vector();
  const auto e = expected.to_double_vector();
  ASSERT_EQ(g.size(), e.size()) << what;
  for (std::size_t i = 0; i < g.size(); ++i) {
    EXPECT_LE(std::abs(g[i] - e[i]), atol + rtol * std::abs(e[i]))
        << what << "[" << i << "]: got " << g[i] << " expected " << e[i];
  }
}

class LossFixtureTest : public ::testing::TestWithParam<std::string> {};

// Deserialize loss_config.json; value, weighted value, per-sample values
// (reduction None) and the config must match Keras.
TEST_P(LossFixtureTest, MatchesKeras) {
  const std::string dir = fixtures_dir() + "/losses_metrics/" + GetParam();
  const Json info = read_json(dir + "/case.json");
  const double rtol = info["tolerance"]["rtol"];
  const double atol = info["tolerance"]["atol"];
  const Json record = read_json(dir + "/loss_config.json");
  const Tensor y_true = read_npy(dir + "/input_0.npy");
  const Tensor y_pred = read_npy(dir + "/input_1.npy");
  const Tensor weight = read_npy(dir + "/input_2.npy");

  auto loss = deserialize(record);
  EXPECT_EQ(serialize(*loss), record);
  EXPECT_EQ(loss->get_config(), read_json(dir + "/get_config.json"));
  expect_close((*loss)(y_true, y_pred), read_npy(dir + "/expected_0.npy"), rtol,
               atol, "value");
  expect_close((*loss)(y_true, y_pred, weight),
               read_npy(dir + "/expected_1.npy"), rtol, atol, "weighted");

  Json config = loss->get_config();
  config["reduction"] = nullptr;
  Json none_record = record;
  none_record["config"] = config;
  auto per_sample = deserialize(none_record);
  const Tensor values = (*per_sample)(y_true, y_pred);
  EXPECT_EQ(values.shape(), read_npy(dir + "/expected_2.npy").shape());
  expect_close(values, read_npy(dir + "/expected_2.npy"), rtol, atol,
               "per_sample");
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LossFixtureTest,
    ::testing::Values("loss_mean_squared_error", "loss_mse_reduction_sum",
                      "loss_mean_absolute_error", "loss_mae_reduction_mean",
                      "loss_binary_crossentropy",
                      "loss_binary_crossentropy_from_logits",
                      "loss_binary_crossentropy_label_smoothing",
                      "loss_binary_crossentropy_logits_smoothing",
                      "loss_categorical_crossentropy",
                      "loss_categorical_crossentropy_from_logits",
                      "loss_categorical_crossentropy_label_smoothing",
                      "loss_sparse_categorical_crossentropy",
                      "loss_sparse_categorical_crossentropy_from_logits",
                      "loss_sparse_categorical_crossentropy_ignore_class"));

TEST(LossesTest, SerializationFixtures) {
  const std::string dir = fixtures_dir() + "/serialization/serialize_losses/";
  for (const char* key :
       {"mean_squared_error_class", "mean_squared_error_function", "mae_class",
        "binary_crossentropy_class", "binary_crossentropy_function",
        "categorical_crossentropy_class",
        "sparse_categorical_crossentropy_class"}) {
    SCOPED_TRACE(key);
    const Json record = read_json(dir + key + ".json");
    EXPECT_EQ(serialize(*deserialize(record)), record);
  }
  // The same objects built with the C++ API.
  EXPECT_EQ(serialize(MeanSquaredError()),
            read_json(dir + "mean_squared_error_class.json"));
  EXPECT_EQ(
      serialize(MeanAbsoluteError({.reduction = "sum", .name = "my_mae"})),
      read_json(dir + "mae_class.json"));
  EXPECT_EQ(serialize(BinaryCrossentropy(
                {.from_logits = true, .label_smoothing = 0.1})),
            read_json(dir + "binary_crossentropy_class.json"));
  EXPECT_EQ(serialize(CategoricalCrossentropy({.label_smoothing = 0.2})),
            read_json(dir + "categorical_crossentropy_class.json"));
  EXPECT_EQ(serialize(SparseCategoricalCrossentropy(
                {.from_logits = true, .ignore_class = 0})),
            read_json(dir + "sparse_categorical_crossentropy_class.json"));
  EXPECT_EQ(serialize(*get("mean_squared_error")),
            read_json(dir + "mean_squared_error_function.json"));
  EXPECT_EQ(serialize(*get("binary_crossentropy")),
            read_json(dir + "binary_crossentropy_function.json"));
  // deserialize_roundtrips: a bare loss string -> the function record.
  const std::string rt =
      fixtures_dir() + "/serialization/deserialize_roundtrips/";
  EXPECT_EQ(serialize(*deserialize(read_json(rt + "loss_string.in.json"))),
            read_json(rt + "loss_string.out.json"));
}

TEST(LossesTest, GetResolvesKerasNames) {
  EXPECT_EQ(get("mse")->name(), "mse");
  EXPECT_EQ(get("MSE")->name(), "MSE");
  auto mse = std::dynamic_pointer_cast<LossFunctionWrapper>(get("mse"));
  ASSERT_TRUE(mse);
  EXPECT_EQ(mse->fn_name(), "mean_squared_error");
  EXPECT_TRUE(mse->is_function());
  EXPECT_EQ(
      std::dynamic_pointer_cast<LossFunctionWrapper>(get("mae"))->fn_name(),
      "mean_absolute_error");
  EXPECT_EQ(get("MeanSquaredError")->class_name(), "MeanSquaredError");
  EXPECT_EQ(get("MeanSquaredError")->name(), "mean_squared_error");
  EXPECT_EQ(get("SparseCategoricalCrossentropy")->class_name(),
            "SparseCategoricalCrossentropy");
  for (const char* id :
       {"binary_crossentropy", "categorical_crossentropy",
        "sparse_categorical_crossentropy", "mean_absolute_error", "bce"}) {
    EXPECT_NO_THROW(get(id)) << id;
  }
  try {
    get("nonsense");
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Could not interpret loss identifier: nonsense");
  }
  EXPECT_THROW(get("huber"), NotImplementedError);
  EXPECT_THROW(MeanSquaredError({.reduction = "avg"}), ValueError);
}

TEST(LossesTest, CompileLossResolvesCrossentropy) {
  auto fn = [](const std::shared_ptr<Loss>& l) {
    return std::dynamic_pointer_cast<LossFunctionWrapper>(l)->fn_name();
  };
  EXPECT_EQ(fn(get_compile_loss("crossentropy", {8, 1}, {8, 1})),
            "binary_crossentropy");
  EXPECT_EQ(fn(get_compile_loss("ce", {8}, {8, 4})),
            "sparse_categorical_crossentropy");
  EXPECT_EQ(fn(get_compile_loss("ce", {8, 1}, {8, 4})),
            "sparse_categorical_crossentropy");
  EXPECT_EQ(fn(get_compile_loss("crossentropy", {8, 4}, {8, 4})),
            "categorical_crossentropy");
  EXPECT_EQ(get_compile_loss("ce", {8, 4}, {8, 4})->name(), "ce");
  EXPECT_EQ(fn(get_compile_loss("mse", {8, 4}, {8, 4})), "mean_squared_error");
}

TEST(LossesTest, HandComputedValues) {
  const Tensor t = Tensor::from_vector<float>({1, 0, 1, 0}, {2, 2});
  const Tensor p = Tensor::from_vector<float>({0.5f, 0.5f, 1.0f, 0.0f}, {2, 2});
  // per sample: ((0.25 + 0.25) / 2, 0) -> mean 0.125
  EXPECT_NEAR(MeanSquaredError()(t, p).item(), 0.125, 1e-7);
  EXPECT_NEAR(MeanSquaredError({.reduction = "sum"})(t, p).item(), 0.25, 1e-7);
  EXPECT_NEAR(MeanAbsoluteError()(t, p).item(), 0.25, 1e-7);
  // Sample weights (2,) multiply per-sample values, divide by 2 samples.
  const Tensor w = Tensor::from_vector<float>({2, 0}, {2});
  EXPECT_NEAR(MeanSquaredError()(t, p, w).item(), 0.25, 1e-7);
  EXPECT_NEAR(
      MeanSquaredError({.reduction = "mean_with_sample_weight"})(t, p, w)
          .item(),
      0.25, 1e-7);  // 0.5 / sum(w)
  const Tensor none = MeanSquaredError({.reduction = std::nullopt})(t, p);
  EXPECT_EQ(none.shape(), (Shape{2}));
  // BCE with probabilities 0/1 is clipped to [1e-7, 1 - 1e-7].
  const double bce = BinaryCrossentropy()(t, p).item();
  EXPECT_NEAR(bce, (std::log(2.0) + 0) / 2, 1e-5);
  // Sparse labels of shape (batch, 1) and (batch,) agree.
  const Tensor logits = Tensor::from_vector<float>({2, 1, 0, 0, 1, 2}, {2, 3});
  const Tensor labels = Tensor::from_vector<std::int32_t>({0, 2}, {2});
  const Tensor labels2 = Tensor::from_vector<std::int32_t>({0, 2}, {2, 1});
  SparseCategoricalCrossentropy scce({.from_logits = true});
  const double expected = std::log(std::exp(2.0) + std::exp(1.0) + 1.0) - 2.0;
  EXPECT_NEAR(scce(labels, logits).item(), expected, 1e-5);
  EXPECT_NEAR(scce(labels2, logits).item(), expected, 1e-5);
  const Tensor onehot = Tensor::from_vector<float>({1, 0, 0, 0, 0, 1}, {2, 3});
  EXPECT_NEAR(
      CategoricalCrossentropy({.from_logits = true})(onehot, logits).item(),
      expected, 1e-5);
}

// Gradients of the loss functions w.r.t. y_pred against finite differences
// (float64).
TEST(LossesTest, GradientsMatchFiniteDifferences) {
  const Tensor t = Tensor::from_vector<double>({1, 0, 0, 0, 1, 0}, {2, 3});
  const Tensor probs =
      Tensor::from_vector<double>({0.6, 0.3, 0.1, 0.2, 0.5, 0.3}, {2, 3});
  const Tensor logits =
      Tensor::from_vector<double>({1.5, -0.3, 0.2, -1.0, 0.7, 2.0}, {2, 3});
  const Tensor tb = Tensor::from_vector<double>({1, 0, 1, 0, 0, 1}, {2, 3});
  const Tensor labels = Tensor::from_vector<std::int32_t>({0, 2}, {2});
  using testing::expect_gradients_match;
  expect_gradients_match(
      [&](const Tensors& x) { return mean_squared_error(t, x[0]); }, {logits});
  expect_gradients_match(
      [&](const Tensors& x) { return mean_absolute_error(t, x[0]); }, {logits});
  expect_gradients_match(
      [&](const Tensors& x) { return binary_crossentropy(tb, x[0]); }, {probs});
  expect_gradients_match(
      [&](const Tensors& x) {
        return binary_crossentropy(tb, x[0], true, 0.1);
      },
      {logits});
  expect_gradients_match(
      [&](const Tensors& x) { return categorical_crossentropy(t, x[0]); },
      {probs});
  expect_gradients_match(
      [&](const Tensors& x) {
        return categorical_crossentropy(t, x[0], true, 0.2);
      },
      {logits});
  expect_gradients_match(
      [&](const Tensors& x) {
        return sparse_categorical_crossentropy(labels, x[0]);
      },
      {probs});
  expect_gradients_match(
      [&](const Tensors& x) {
        return sparse_categorical_crossentropy(labels, x[0], true);
      },
      {logits});
  // The reduced, weighted loss too.
  const Tensor w = Tensor::from_vector<double>({0.3, 2.0}, {2});
  expect_gradients_match(
      [&](const Tensors& x) {
        return CategoricalCrossentropy({.from_logits = true})(t, x[0], w);
      },
      {logits});
}

}  // namespace
}  // namespace keras::losses
