#include "keras/losses/losses.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/numpy.h"
#include "keras/testing/expect_error.h"

namespace keras::losses {
namespace {

using testing_fixtures::fixtures_dir;
using testing_fixtures::read_json;

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
  EXPECT_EQ(get("ctc")->class_name(), "LossFunctionWrapper");
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

namespace keras::losses {
namespace {

using testing::expect_error;

TEST(LossesTest, BadArgumentsSayWhatIsWrong) {
  expect_error<ValueError>(
      [] { MeanSquaredError({.reduction = "avg"}); },
      "Invalid value for argument `reduction`. Expected one of");
  expect_error<ValueError>(
      [] { BinaryCrossentropy({.label_smoothing = 1.5}); },
      "`label_smoothing` must be a float in the range [0, 1]. Received: "
      "label_smoothing=1.5");
  expect_error<ValueError>(
      [] { CategoricalFocalCrossentropy({.label_smoothing = -0.1}); },
      "label_smoothing=-0.1");
  expect_error<ValueError>(
      [] { CategoricalGeneralizedCrossEntropy({.q = 1.5}); },
      "q must be in the interval (0, 1)");
  expect_error<TypeError>(
      [] {
        deserialize(Json::parse(
            R"({"class_name": "Huber", "config": {"delta": "big"}})"));
      },
      "argument `delta` must be a number");
  expect_error<TypeError>(
      [] {
        deserialize(
            Json::parse(R"({"class_name": "Dice", "config": {"gamma": 2.0}})"));
      },
      "Dice.__init__() got an unexpected keyword argument 'gamma'");
  expect_error<TypeError>(
      [] {
        make_loss_function("huber", {{"alpha", 1.0}});
      },
      "huber() got an unexpected keyword argument 'alpha'");
  expect_error<TypeError>(
      [] {
        make_loss_function("categorical_generalized_cross_entropy",
                           Json::object());
      },
      "missing 1 required positional argument: 'q'");
  expect_error<ValueError>([] { get("circle_loss"); },
                           "Could not interpret loss identifier: circle_loss");
  // Shapes that do not match.
  const Tensor t = Tensor::zeros({2, 3});
  const Tensor p = Tensor::zeros({2, 4});
  expect_error<ValueError>([&] { BinaryCrossentropy()(t, p); },
                           "must have the same shape");
  expect_error<ValueError>([&] { CategoricalCrossentropy()(t, p); },
                           "must have the same shape");
  expect_error<ValueError>([&] { BinaryFocalCrossentropy()(t, p); },
                           "must have the same shape");
}

TEST(LossesTest, RegistryKnowsEveryKerasName) {
  for (const char* cls :
       {"MeanAbsolutePercentageError", "MeanSquaredLogarithmicError",
        "CosineSimilarity", "Huber", "LogCosh", "Hinge", "SquaredHinge",
        "CategoricalHinge", "KLDivergence", "Poisson",
        "BinaryFocalCrossentropy", "CategoricalFocalCrossentropy", "Dice",
        "Tversky", "CategoricalGeneralizedCrossEntropy"}) {
    EXPECT_EQ(get(cls)->class_name(), cls);
  }
  auto fn_name = [](const std::string& id) {
    auto w = std::dynamic_pointer_cast<LossFunctionWrapper>(get(id));
    EXPECT_TRUE(w && w->is_function()) << id;
    return w ? w->fn_name() : "";
  };
  EXPECT_EQ(fn_name("huber"), "huber");
  EXPECT_EQ(fn_name("kld"), "kl_divergence");
  EXPECT_EQ(fn_name("MAPE"), "mean_absolute_percentage_error");
  EXPECT_EQ(fn_name("msle"), "mean_squared_logarithmic_error");
  EXPECT_EQ(fn_name("log_cosh"), "log_cosh");
  EXPECT_EQ(fn_name("binary_focal_crossentropy"), "binary_focal_crossentropy");
  EXPECT_EQ(fn_name("tversky"), "tversky");
  // Function records and LossFunctionWrapper records with arguments.
  EXPECT_EQ(serialize(*deserialize(function_record("poisson"))),
            function_record("poisson"));
  const Json wrapper = Json::parse(R"({"class_name": "LossFunctionWrapper",
      "config": {"name": "h", "reduction": "sum", "fn": "huber",
                 "delta": 0.5}})");
  const auto loss = deserialize(wrapper);
  EXPECT_EQ(loss->get_config()["delta"], 0.5);
  const Tensor t = Tensor::from_vector<float>({0, 0}, {1, 2});
  const Tensor p = Tensor::from_vector<float>({1, 0.25f}, {1, 2});
  // (0.5 * 1 - 0.125 + 0.5 * 0.0625) / 2
  EXPECT_NEAR((*loss)(t, p).item(), (0.375 + 0.03125) / 2, 1e-6);
  // Dice over given axes keeps the batch axis.
  const Tensor y = Tensor::from_vector<float>({1, 0, 1, 1}, {2, 2});
  const Tensor dice_values = dice(y, y, std::vector<std::int64_t>{1});
  EXPECT_EQ(dice_values.shape(), (Shape{2}));
  EXPECT_NEAR(dice_values.to_double_vector()[1], 0.0, 1e-6);
}

// Gradients of the other loss functions w.r.t. y_pred against finite
// differences (float64; points away from kinks).
TEST(LossesTest, MoreGradientsMatchFiniteDifferences) {
  const Tensor t = Tensor::from_vector<double>({1, 0, 0, 0, 1, 0}, {2, 3});
  const Tensor probs =
      Tensor::from_vector<double>({0.6, 0.3, 0.1, 0.2, 0.5, 0.3}, {2, 3});
  const Tensor logits =
      Tensor::from_vector<double>({1.5, -0.3, 0.2, -1.0, 0.7, 2.0}, {2, 3});
  const Tensor reg_true =
      Tensor::from_vector<double>({0.5, 1.2, 2.0, 0.3, 0.9, 1.5}, {2, 3});
  const Tensor labels = Tensor::from_vector<std::int32_t>({0, 2}, {2});
  using testing::expect_gradients_match;
  auto check = [&](const char* what, const std::function<Tensor(Tensor)>& f,
                   const Tensor& at) {
    SCOPED_TRACE(what);
    expect_gradients_match([&](const Tensors& x) { return f(x[0]); }, {at});
  };
  check(
      "mape",
      [&](Tensor p) { return mean_absolute_percentage_error(reg_true, p); },
      logits);
  check(
      "msle",
      [&](Tensor p) { return mean_squared_logarithmic_error(reg_true, p); },
      probs);
  check(
      "cosine", [&](Tensor p) { return cosine_similarity(reg_true, p); },
      logits);
  check(
      "huber", [&](Tensor p) { return huber(reg_true, p, 0.7); }, logits);
  check(
      "log_cosh", [&](Tensor p) { return log_cosh(reg_true, p); }, logits);
  // Margins 1 - y * p away from 0 (labels 0/1 become -1/1).
  const Tensor hinge_at =
      Tensor::from_vector<double>({1.5, -0.3, 0.2, -0.6, 0.7, 2.0}, {2, 3});
  check(
      "hinge", [&](Tensor p) { return hinge(t, p); }, hinge_at);
  check(
      "squared_hinge", [&](Tensor p) { return squared_hinge(t, p); }, hinge_at);
  check(
      "categorical_hinge", [&](Tensor p) { return categorical_hinge(t, p); },
      logits);
  check(
      "kl_divergence", [&](Tensor p) { return kl_divergence(probs, p); },
      Tensor::from_vector<double>({0.5, 0.2, 0.3, 0.1, 0.6, 0.3}, {2, 3}));
  check(
      "poisson", [&](Tensor p) { return poisson(reg_true, p); }, probs);
  check(
      "binary_focal", [&](Tensor p) { return binary_focal_crossentropy(t, p); },
      probs);
  check(
      "binary_focal_logits",
      [&](Tensor p) {
        return binary_focal_crossentropy(t, p, true, 0.3, 1.5, true, 0.1);
      },
      logits);
  check(
      "categorical_focal",
      [&](Tensor p) { return categorical_focal_crossentropy(t, p); }, probs);
  check(
      "categorical_focal_logits",
      [&](Tensor p) {
        return categorical_focal_crossentropy(t, p, 0.4, 3.0, true);
      },
      logits);
  check(
      "generalized_ce",
      [&](Tensor p) {
        return categorical_generalized_cross_entropy(labels, p, 0.6);
      },
      probs);
  check(
      "dice", [&](Tensor p) { return dice(t, p); }, probs);
  check(
      "tversky", [&](Tensor p) { return tversky(t, p, 0.3, 0.7); }, probs);
  // A reduced, weighted class loss.
  const Tensor w = Tensor::from_vector<double>({0.3, 2.0}, {2});
  check(
      "Huber class",
      [&](Tensor p) { return Huber({.delta = 0.7})(reg_true, p, w); }, logits);
}

// The circle loss against a direct transcription of Keras' formula.
TEST(LossesTest, CircleMatchesKerasFormula) {
  const std::vector<double> e = {0.6, 0.8, 0.0, 0.8,  0.6,  0.0,
                                 0.0, 0.6, 0.8, 0.36, 0.48, 0.8};
  const std::vector<int> labels = {0, 0, 1, 1};
  const double g = 64.0, m = 0.3;
  std::vector<double> per_sample;
  for (int i = 0; i < 4; ++i) {
    double p_sum = 0, n_sum = 0;
    for (int j = 0; j < 4; ++j) {
      double dot = 0;
      for (int k = 0; k < 3; ++k) dot += e[i * 3 + k] * e[j * 3 + k];
      const double d = std::max(1.0 - dot, 0.0);
      if (labels[i] == labels[j] && i != j) {
        p_sum += std::exp(-g * std::max(m + d, 0.0) * (m - d));
      } else if (labels[i] != labels[j]) {
        n_sum += std::exp(g * std::max(1 + m - d, 0.0) * (1 - m - d));
      }
    }
    per_sample.push_back(
        std::log1p(std::exp(std::log(p_sum) + std::log(n_sum))));
  }
  double expected = 0;
  int positive = 0;
  for (double v : per_sample) {
    if (v > 0) expected += v, ++positive;
  }
  expected /= positive;
  const Tensor emb = Tensor::from_vector<double>(e, {4, 3});
  const Tensor y = Tensor::from_vector<std::int32_t>({0, 0, 1, 1}, {4});
  Circle loss({.gamma = g, .margin = m});
  EXPECT_NEAR(loss(y, emb).item(), expected, 1e-6 * expected);
  EXPECT_EQ(serialize(loss)["config"]["gamma"], 64.0);
  // A label alone in the batch has no positive pair: its loss is 0.
  const Tensor lonely = Tensor::from_vector<std::int32_t>({0, 0, 1, 2}, {4});
  const Tensor values = circle(lonely, emb, g, m);
  EXPECT_EQ(values.to_double_vector()[3], 0.0);
  testing::expect_gradients_match(
      [&](const Tensors& x) { return circle(y, x[0], 8.0, 0.3); }, {emb});
}

}  // namespace
}  // namespace keras::losses
