// Fixture tests: optimizers written by Python Keras 3.15.1 (torch backend).
//
// The optimizer trajectory cases train a tiny MLP (Dense(4, tanh) ->
// Dense(3), loss mse, batch 4, 16 samples). The gradients of that model are
// computed by hand here, so the optimizers are checked step by step against
// Keras' per-epoch state without depending on the trainer; a second test
// resumes each case's model_epoch2.keras with fit().
#include "keras/optimizers/optimizers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>

#include "keras/losses/internal/test_fixtures.h"
#include "keras/models/model.h"
#include "keras/saving/saving_lib.h"
#include "keras/saving/zip_archive.h"

namespace keras::optimizers {
namespace {

using testing_fixtures::fixtures_dir;
using testing_fixtures::json_shape;
using testing_fixtures::json_values;
using testing_fixtures::read_json;
using testing_fixtures::read_npy;

std::string case_dir(const std::string& name) {
  return fixtures_dir() + "/optimizers/" + name;
}

// The optimizers each case's `api` constructs, through the C++ API.
std::map<std::string, std::function<std::shared_ptr<Optimizer>()>>
constructed_cases() {
  return {
      {"sgd",
       [] { return std::make_shared<SGD>(SGDOptions{.learning_rate = 0.1}); }},
      {"sgd_momentum",
       [] {
         return std::make_shared<SGD>(
             SGDOptions{.learning_rate = 0.05, .momentum = 0.9});
       }},
      {"sgd_nesterov",
       [] {
         return std::make_shared<SGD>(SGDOptions{
             .learning_rate = 0.05, .momentum = 0.9, .nesterov = true});
       }},
      {"sgd_clipnorm",
       [] {
         return std::make_shared<SGD>(
             SGDOptions{.learning_rate = 0.1, .clipnorm = 0.1});
       }},
      {"sgd_clipvalue",
       [] {
         return std::make_shared<SGD>(
             SGDOptions{.learning_rate = 0.1, .clipvalue = 0.02});
       }},
      {"sgd_global_clipnorm",
       [] {
         return std::make_shared<SGD>(
             SGDOptions{.learning_rate = 0.1, .global_clipnorm = 0.2});
       }},
      {"sgd_gradient_accumulation",
       [] {
         return std::make_shared<SGD>(
             SGDOptions{.learning_rate = 0.1,
                        .momentum = 0.5,
                        .gradient_accumulation_steps = 2});
       }},
      {"adam",
       [] {
         return std::make_shared<Adam>(AdamOptions{.learning_rate = 0.01});
       }},
      {"adam_amsgrad",
       [] {
         return std::make_shared<Adam>(
             AdamOptions{.learning_rate = 0.01, .amsgrad = true});
       }},
      {"adam_clipnorm",
       [] {
         return std::make_shared<Adam>(
             AdamOptions{.learning_rate = 0.01, .clipnorm = 0.1});
       }},
      {"adam_clipvalue",
       [] {
         return std::make_shared<Adam>(
             AdamOptions{.learning_rate = 0.01, .clipvalue = 0.02});
       }},
      {"adam_global_clipnorm",
       [] {
         return std::make_shared<Adam>(
             AdamOptions{.learning_rate = 0.01, .global_clipnorm = 0.2});
       }},
      {"adam_ema",
       [] {
         return std::make_shared<Adam>(AdamOptions{
             .learning_rate = 0.01, .use_ema = true, .ema_momentum = 0.8});
       }},
      {"rmsprop",
       [] {
         return std::make_shared<RMSprop>(
             RMSpropOptions{.learning_rate = 0.01});
       }},
      {"rmsprop_centered",
       [] {
         return std::make_shared<RMSprop>(
             RMSpropOptions{.learning_rate = 0.01, .centered = true});
       }},
      {"rmsprop_momentum",
       [] {
         return std::make_shared<RMSprop>(RMSpropOptions{
             .learning_rate = 0.01, .rho = 0.8, .momentum = 0.5});
       }},
      {"adamw",
       [] {
         return std::make_shared<AdamW>(
             AdamWOptions{.learning_rate = 0.01, .weight_decay = 0.05});
       }},
      {"adagrad",
       [] {
         return std::make_shared<Adagrad>(AdagradOptions{.learning_rate = 0.1});
       }},
      {"adadelta",
       [] {
         return std::make_shared<Adadelta>(
             AdadeltaOptions{.learning_rate = 1.0});
       }},
      {"adamax",
       [] {
         return std::make_shared<Adamax>(AdamaxOptions{.learning_rate = 0.02});
       }},
      {"nadam",
       [] {
         return std::make_shared<Nadam>(NadamOptions{.learning_rate = 0.01});
       }},
      {"lamb",
       [] {
         return std::make_shared<Lamb>(LambOptions{.learning_rate = 0.01});
       }},
      {"lion",
       [] {
         return std::make_shared<Lion>(LionOptions{.learning_rate = 0.003});
       }},
      {"ftrl",
       [] {
         return std::make_shared<Ftrl>(
             FtrlOptions{.learning_rate = 0.1,
                         .l1_regularization_strength = 0.001,
                         .l2_regularization_strength = 0.01,
                         .l2_shrinkage_regularization_strength = 0.01,
                         .beta = 0.1});
       }},
      {"adafactor",
       [] {
         return std::make_shared<Adafactor>(
             AdafactorOptions{.learning_rate = 0.05});
       }},
      {"adam_cosine_decay_schedule",
       [] {
         return std::make_shared<Adam>(AdamOptions{
             .learning_rate = std::make_shared<schedules::CosineDecay>(
                 schedules::CosineDecayOptions{.initial_learning_rate = 0.02,
                                               .decay_steps = 10,
                                               .alpha = 0.1,
                                               .warmup_target = 0.05,
                                               .warmup_steps = 2})});
       }},
      {"sgd_exponential_decay_schedule",
       [] {
         return std::make_shared<SGD>(SGDOptions{
             .learning_rate = std::make_shared<schedules::ExponentialDecay>(
                 schedules::ExponentialDecayOptions{
                     .initial_learning_rate = 0.2,
                     .decay_steps = 3,
                     .decay_rate = 0.5,
                     .staircase = true}),
             .momentum = 0.3});
       }},
  };
}

Json without_name(Json config) {
  config.erase("name");
  return config;
}

// Config values are compared as JSON values (float32-widened learning rate
// included: both sides hold the same double).
TEST(OptimizerFixturesTest, ConstructedConfigsMatchKeras) {
  for (const auto& [name, make] : constructed_cases()) {
    SCOPED_TRACE(name);
    const Json record = read_json(case_dir(name) + "/optimizer_config.json");
    auto opt = make();
    EXPECT_EQ(opt->class_name(), record["class_name"].get<std::string>());
    EXPECT_EQ(without_name(opt->get_config()), without_name(record["config"]));
    // Keras' auto-name for the class (possibly made unique: "adam_3").
    const std::string expected_prefix = record["config"]["name"];
    EXPECT_EQ(opt->name().rfind(expected_prefix, 0), 0u) << opt->name();
  }
}

TEST(OptimizerFixturesTest, DeserializedRecordsRoundTrip) {
  for (const auto& [name, make] : constructed_cases()) {
    SCOPED_TRACE(name);
    const Json record = read_json(case_dir(name) + "/optimizer_config.json");
    auto opt = deserialize(record);  // torch-backend module string
    EXPECT_EQ(opt->get_config(), record["config"]);
    Json out = serialize(*opt);
    EXPECT_EQ(out["module"], "keras.optimizers");
    EXPECT_EQ(out["class_name"], record["class_name"]);
    EXPECT_TRUE(out["registered_name"].is_null());
    EXPECT_EQ(out["config"], record["config"]);
  }
}

// Trainable variables shaped and named as in a state_epoch_<k>.json.
Variables model_variables(const Json& state) {
  Variables vars;
  for (const auto& w : state.at("model_weights")) {
    const std::string path = w.at("path");
    vars.push_back(std::make_shared<Variable>(
        Tensor::zeros(json_shape(w), DType::float32),
        path.substr(path.rfind('/') + 1), true, path));
  }
  return vars;
}

void expect_state(const Variables& vars, const Json& entries, double rtol,
                  double atol, const std::string& what) {
  ASSERT_EQ(vars.size(), entries.size()) << what;
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto expected = json_values(entries[i]);
    const auto got = vars[i]->value().to_double_vector();
    ASSERT_EQ(got.size(), expected.size()) << what << " " << i;
    for (std::size_t k = 0; k < got.size(); ++k) {
      EXPECT_LE(std::abs(got[k] - expected[k]),
                atol + rtol * std::abs(expected[k]))
          << what << ": variable " << i << " (" << vars[i]->path()
          << ") element " << k << " got " << got[k] << " expected "
          << expected[k];
    }
  }
}

// Forward + backward of Dense(4, tanh) -> Dense(3) with mse on rows
// [row0, row0 + batch) (double precision). Returns the batch loss.
double mlp_gradients(const Variables& w, const Tensor& x, const Tensor& y,
                     std::int64_t row0, std::int64_t batch, Tensors& grads) {
  const std::int64_t in = w[0]->shape()[0], hid = w[0]->shape()[1],
                     out = w[2]->shape()[1];
  const auto W1 = w[0]->value().to_double_vector();
  const auto b1 = w[1]->value().to_double_vector();
  const auto W2 = w[2]->value().to_double_vector();
  const auto b2 = w[3]->value().to_double_vector();
  const auto X = x.to_double_vector();
  const auto Y = y.to_double_vector();
  std::vector<double> gW1(in * hid), gb1(hid), gW2(hid * out), gb2(out);
  double loss = 0;
  const double denom = static_cast<double>(batch * out);
  for (std::int64_t r = row0; r < row0 + batch; ++r) {
    std::vector<double> h(hid), dp(out), dh(hid, 0.0);
    for (std::int64_t j = 0; j < hid; ++j) {
      double z = b1[j];
      for (std::int64_t i = 0; i < in; ++i)
        z += X[r * in + i] * W1[i * hid + j];
      h[j] = std::tanh(z);
    }
    for (std::int64_t o = 0; o < out; ++o) {
      double p = b2[o];
      for (std::int64_t j = 0; j < hid; ++j) p += h[j] * W2[j * out + o];
      const double e = p - Y[r * out + o];
      loss += e * e / denom;
      dp[o] = 2 * e / denom;
    }
    for (std::int64_t o = 0; o < out; ++o) {
      gb2[o] += dp[o];
      for (std::int64_t j = 0; j < hid; ++j) {
        gW2[j * out + o] += h[j] * dp[o];
        dh[j] += dp[o] * W2[j * out + o];
      }
    }
    for (std::int64_t j = 0; j < hid; ++j) {
      const double dz = dh[j] * (1 - h[j] * h[j]);
      gb1[j] += dz;
      for (std::int64_t i = 0; i < in; ++i)
        gW1[i * hid + j] += X[r * in + i] * dz;
    }
  }
  auto to_tensor = [](const std::vector<double>& v, const Shape& s) {
    return Tensor::from_vector<double>(v, s).astype(DType::float32);
  };
  grads = {to_tensor(gW1, w[0]->shape()), to_tensor(gb1, w[1]->shape()),
           to_tensor(gW2, w[2]->shape()), to_tensor(gb2, w[3]->shape())};
  return loss;
}

// Every trajectory case folder (the lr_schedule_* folders hold schedule
// values only and are tested in learning_rate_schedule_test.cpp).
std::vector<std::string> trajectory_cases() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(fixtures_dir() + "/optimizers")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.rfind("lr_schedule_", 0) == 0) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(OptimizerFixturesTest, EveryCaseHasAConstructedOptimizer) {
  const auto constructed = constructed_cases();
  for (const auto& name : trajectory_cases()) {
    EXPECT_TRUE(constructed.count(name)) << name;
  }
}

// The fixture MLP with `weights_file` loaded (its trainable variables are
// what the optimizer updates).
std::shared_ptr<Model> fixture_model(const std::string& dir,
                                     const std::string& weights_file) {
  auto model =
      saving::load_model(dir + "/model_epoch2.keras", {.compile = false});
  model->load_weights(dir + "/" + weights_file);
  return model;
}

void expect_final_weights(const Variables& vars, const std::string& dir,
                          double rtol, double atol, const std::string& what) {
  ASSERT_EQ(vars.size(), 4u);
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto expected =
        read_npy(dir + "/expected_" + std::to_string(i) + ".npy")
            .to_double_vector();
    const auto got = vars[i]->value().to_double_vector();
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t k = 0; k < got.size(); ++k) {
      EXPECT_LE(std::abs(got[k] - expected[k]),
                atol + rtol * std::abs(expected[k]))
          << what << ": final weight " << i << " element " << k;
    }
  }
}

class OptimizerTrajectoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  std::string dir() const { return case_dir(GetParam()); }
  Json info() const { return read_json(dir() + "/case.json"); }
};

// From initial.weights.h5 and a fresh optimizer, three epochs of hand-computed
// gradients reach Keras' weights, optimizer variables and losses after every
// epoch, then (use_ema) the moving averages fit() leaves in the model.
TEST_P(OptimizerTrajectoryTest, MatchesKerasEpochByEpoch) {
  const Json info = this->info();
  const double rtol = info["tolerance"]["rtol"];
  const double atol = info["tolerance"]["atol"];
  const Tensor x = read_npy(dir() + "/input_0.npy");
  const Tensor y = read_npy(dir() + "/input_1.npy");
  const std::int64_t steps = info["steps_per_epoch"];
  const std::int64_t batch = x.shape()[0] / steps;

  // Variables with Keras' paths ("opt_mlp/hidden/kernel": the optimizer
  // names its slots after them) holding initial.weights.h5.
  const Variables vars =
      model_variables(read_json(dir() + "/state_epoch_1.json"));
  const Variables initial =
      fixture_model(dir(), "initial.weights.h5")->trainable_weights();
  ASSERT_EQ(vars.size(), initial.size());
  for (std::size_t i = 0; i < vars.size(); ++i) {
    vars[i]->assign(initial[i]->value().clone());
  }
  auto opt = deserialize(read_json(dir() + "/optimizer_config.json"));
  opt->build(vars);

  // Layout: count, order, paths, shapes, dtypes.
  const Json& layout = info["optimizer_variables"];
  ASSERT_EQ(opt->variables().size(), layout.size());
  for (std::size_t i = 0; i < layout.size(); ++i) {
    EXPECT_EQ(opt->variables()[i]->path(),
              layout[i]["path"].get<std::string>());
    EXPECT_EQ(opt->variables()[i]->shape(), json_shape(layout[i]));
    EXPECT_EQ(dtype_name(opt->variables()[i]->dtype()),
              layout[i]["dtype"].get<std::string>());
  }

  for (int epoch = 1; epoch <= 3; ++epoch) {
    double epoch_loss = 0;
    for (std::int64_t s = 0; s < steps; ++s) {
      Tensors grads;
      epoch_loss += mlp_gradients(vars, x, y, s * batch, batch, grads);
      opt->apply_gradients(grads, vars);
    }
    const Json state =
        read_json(dir() + "/state_epoch_" + std::to_string(epoch) + ".json");
    const std::string what = GetParam() + " epoch " + std::to_string(epoch);
    expect_state(vars, state["model_weights"], rtol, atol, what + " weights");
    expect_state(opt->variables(), state["optimizer_variables"], rtol, atol,
                 what + " optimizer variables");
    EXPECT_NEAR(epoch_loss / steps,
                info["loss_per_epoch"][epoch - 1].get<double>(), 1e-5)
        << what;
    EXPECT_EQ(opt->iterations(), state["iterations"].get<std::int64_t>());
  }
  opt->finalize_variable_values(vars);
  expect_final_weights(vars, dir(), rtol, atol, GetParam());
}

// load_model(model_epoch2.keras) restores the optimizer exactly; one more
// epoch of fit() gives Keras' resumed (= uninterrupted) epoch 3.
TEST_P(OptimizerTrajectoryTest, ResumesFromKerasFile) {
  const Json info = this->info();
  const double rtol = info["tolerance"]["rtol"];
  const double atol = info["tolerance"]["atol"];
  auto model = saving::load_model(dir() + "/model_epoch2.keras");
  ASSERT_TRUE(model->compiled());
  auto opt = model->optimizer();
  const Json epoch2 = read_json(dir() + "/state_epoch_2.json");
  expect_state(opt->variables(), epoch2["optimizer_variables"], 0, 0,
               GetParam() + " loaded optimizer variables");
  EXPECT_EQ(opt->get_config(),
            read_json(dir() + "/optimizer_config.json")["config"]);

  model->fit(read_npy(dir() + "/input_0.npy"), read_npy(dir() + "/input_1.npy"),
             {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  const Json resumed = read_json(dir() + "/state_resumed_epoch3.json");
  expect_state(opt->variables(), resumed["optimizer_variables"], rtol, atol,
               GetParam() + " resumed optimizer variables");
  EXPECT_EQ(opt->iterations(), resumed["iterations"].get<std::int64_t>());
  expect_final_weights(model->trainable_weights(), dir(), rtol, atol,
                       GetParam() + " resumed");
}

INSTANTIATE_TEST_SUITE_P(Fixtures, OptimizerTrajectoryTest,
                         ::testing::ValuesIn(trajectory_cases()),
                         [](const auto& info) { return info.param; });

TEST(OptimizersTest, GetIsCaseInsensitive) {
  EXPECT_EQ(get("adam")->class_name(), "Adam");
  EXPECT_EQ(get("Adam")->class_name(), "Adam");
  EXPECT_EQ(get("SGD")->class_name(), "SGD");
  EXPECT_EQ(get("sgd")->class_name(), "SGD");
  EXPECT_EQ(get("RMSprop")->class_name(), "RMSprop");
  EXPECT_EQ(get("rmsprop")->class_name(), "RMSprop");
  EXPECT_NEAR(get("sgd")->learning_rate(), 0.01, 1e-9);
  EXPECT_THROW(get("nope"), ValueError);
  EXPECT_EQ(get("adamw")->class_name(), "AdamW");
  EXPECT_EQ(get("AdaFactor")->class_name(), "Adafactor");
  EXPECT_THROW(get("muon"), NotImplementedError);
}

TEST(OptimizersTest, SerializationFixtures) {
  const std::string dir =
      fixtures_dir() + "/serialization/serialize_optimizers/";
  const Json info = read_json(dir + "case.json");
  for (const Json& object : info["objects"]) {
    const std::string key = object["key"];
    SCOPED_TRACE(key);
    const Json record = read_json(dir + key + ".json");
    if (record["class_name"] == "LossScaleOptimizer") {
      // Its inner optimizer's record names the torch module: see
      // loss_scale_optimizer_test.cpp, which compares backend-neutrally.
      EXPECT_EQ(deserialize(record)->class_name(), "LossScaleOptimizer");
      continue;
    }
    auto opt = deserialize(record);
    EXPECT_EQ(opt->class_name(), record["class_name"].get<std::string>());
    EXPECT_EQ(serialize(*opt)["config"], record["config"]);
    // Our records name the public module, as TensorFlow/JAX files do.
    Json expected = record;
    expected["module"] = "keras.optimizers";
    expected["registered_name"] = nullptr;
    EXPECT_EQ(serialize(*opt), expected);
  }
  // The C++ constructions of those objects give the same configs.
  const Json sgd = read_json(dir + "sgd.json");
  EXPECT_EQ(without_name(
                SGD({.learning_rate = 0.1, .momentum = 0.9, .nesterov = true})
                    .get_config()),
            without_name(sgd["config"]));
  const Json adam = read_json(dir + "adam.json");
  EXPECT_EQ(without_name(Adam({.learning_rate = 0.002,
                               .beta_1 = 0.8,
                               .amsgrad = true,
                               .clipnorm = 1.0})
                             .get_config()),
            without_name(adam["config"]));
  const Json rms = read_json(dir + "rmsprop.json");
  EXPECT_EQ(
      without_name(RMSprop({.momentum = 0.2, .centered = true}).get_config()),
      without_name(rms["config"]));
  const Json ema = read_json(dir + "adam_ema_accum.json");
  EXPECT_EQ(without_name(Adam({.use_ema = true,
                               .ema_momentum = 0.9,
                               .ema_overwrite_frequency = 5,
                               .loss_scale_factor = 128.0,
                               .gradient_accumulation_steps = 4})
                             .get_config()),
            without_name(ema["config"]));
  EXPECT_EQ(deserialize(ema)->get_config(), ema["config"]);
  const Json scheduled = read_json(dir + "adam_with_schedule.json");
  auto opt = deserialize(scheduled);
  ASSERT_TRUE(opt->learning_rate_schedule());
  EXPECT_EQ(opt->learning_rate_schedule()->class_name(),
            scheduled["config"]["learning_rate"]["class_name"]);
  EXPECT_FALSE(opt->learning_rate_variable());
}

TEST(OptimizersTest, DeserializeRoundtripFixtures) {
  const std::string dir =
      fixtures_dir() + "/serialization/deserialize_roundtrips/";
  for (const char* key :
       {"optimizer_string_name_lowercase", "optimizer_legacy_decay_key"}) {
    SCOPED_TRACE(key);
    auto opt = deserialize(read_json(dir + key + ".in.json"));
    const Json out = read_json(dir + key + ".out.json");
    EXPECT_EQ(opt->class_name(), out["class_name"].get<std::string>());
    // Names auto-generated when absent may differ.
    EXPECT_EQ(without_name(opt->get_config()), without_name(out["config"]));
  }
}

TEST(OptimizersTest, BadArgumentsOfNewOptimizersThrow) {
  try {
    AdamW({.weight_decay = std::nullopt});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_EQ(std::string(e.what()),
              "Argument `weight_decay` must be a float. Received: "
              "weight_decay=None");
  }
  EXPECT_THROW(
      deserialize(Json::parse(
          R"({"class_name": "AdamW", "config": {"weight_decay": null}})")),
      ValueError);
  EXPECT_THROW(Lion({.beta_1 = 0.0}), ValueError);
  EXPECT_THROW(Lion({.beta_1 = 1.5}), ValueError);
  EXPECT_THROW(Ftrl({.learning_rate_power = 0.5}), ValueError);
  EXPECT_THROW(Ftrl({.initial_accumulator_value = -1.0}), ValueError);
  EXPECT_THROW(Ftrl({.l1_regularization_strength = -1.0}), ValueError);
  EXPECT_THROW(Ftrl({.l2_regularization_strength = -1.0}), ValueError);
  EXPECT_THROW(Ftrl({.l2_shrinkage_regularization_strength = -1.0}),
               ValueError);
  // A schedule record that is not one.
  EXPECT_THROW(deserialize(Json::parse(R"({"class_name": "Adam", "config":
      {"learning_rate": {"module": "keras.optimizers.schedules",
                         "class_name": "Nope", "config": {}}}})")),
               TypeError);
  EXPECT_THROW(deserialize(Json::parse(
                   R"({"class_name": "Adagrad", "config": {"epsilon": "x"}})")),
               TypeError);
}

TEST(OptimizersTest, UnknownConfigKeysRejected) {
  Json record = Json::parse(
      R"({"class_name": "SGD", "config": {"learning_rate": 0.1, "foo": 1}})");
  try {
    deserialize(record);
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_EQ(std::string(e.what()), "Argument(s) not recognized: {'foo': 1}");
  }
  EXPECT_THROW(deserialize(Json::parse(R"({"class_name": "Mystery"})")),
               TypeError);
}

}  // namespace
}  // namespace keras::optimizers

namespace keras::optimizers {
namespace {

// A real user file (Keras 3.5) whose Adam runs on a CosineDecay schedule.
std::string cosine_decay_corpus_file() {
  return std::string(KERAS_SHARED_DIR) +
         "/corpus/files/123Cryptic__diabetes_detection__model.keras";
}

TEST(OptimizersCorpusTest, CosineDecayOptimizerRecordDeserializes) {
  saving::ZipReader zip(cosine_decay_corpus_file());
  const Json config = Json::parse(zip.read("config.json"));
  const Json& record = config["compile_config"]["optimizer"];
  auto opt = deserialize(record);
  ASSERT_TRUE(opt->learning_rate_schedule());
  EXPECT_EQ(opt->learning_rate_schedule()->class_name(), "CosineDecay");
  EXPECT_EQ(opt->get_config(), record["config"]);
}

// load_model compiles it, with its 21 optimizer variables (no
// learning_rate variable) restored.
TEST(OptimizersCorpusTest, LoadsModelCompiledWithCosineDecay) {
  std::shared_ptr<Model> model;
  try {
    model = saving::load_model(cosine_decay_corpus_file());
  } catch (const NotImplementedError& e) {
    if (std::string(e.what()).find("Metric") == std::string::npos) throw;
    GTEST_SKIP() << "the file's compile_config also needs metrics keras.cpp "
                    "lacks: "
                 << e.what();
  }
  ASSERT_TRUE(model->compiled());
  const auto& opt = model->optimizer();
  EXPECT_EQ(opt->class_name(), "Adam");
  ASSERT_TRUE(opt->learning_rate_schedule());
  EXPECT_EQ(opt->variables().size(), 21u);
  EXPECT_GT(opt->iterations(), 0);
}

}  // namespace
}  // namespace keras::optimizers
