#include "keras/optimizers/schedules/learning_rate_schedule.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "keras/core/error.h"
#include "keras/losses/internal/test_fixtures.h"
#include "keras/optimizers/optimizers.h"
#include "keras/testing/expect_error.h"

namespace keras::optimizers::schedules {
namespace {

using keras::testing::expect_error;
using testing_fixtures::fixtures_dir;
using testing_fixtures::read_json;
using testing_fixtures::read_npy;

std::vector<std::string> schedule_cases() {
  std::vector<std::string> names;
  for (const auto& entry :
       std::filesystem::directory_iterator(fixtures_dir() + "/optimizers")) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("lr_schedule_", 0) == 0) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

class ScheduleFixtureTest : public ::testing::TestWithParam<std::string> {};

// lr(step) for steps 0..10 matches Keras; the record and get_config()
// round-trip exactly (same JSON text: ints stay ints).
TEST_P(ScheduleFixtureTest, ValuesAndConfigMatchKeras) {
  const std::string dir = fixtures_dir() + "/optimizers/" + GetParam() + "/";
  const Json info = read_json(dir + "case.json");
  const double rtol = info["tolerance"]["rtol"];
  const double atol = info["tolerance"]["atol"];
  const Json record = read_json(dir + "schedule_config.json");
  auto schedule = deserialize(record);
  EXPECT_EQ(schedule->get_config().dump(),
            read_json(dir + "get_config.json").dump());
  EXPECT_EQ(serialize(*schedule).dump(), record.dump());

  const auto steps = read_npy(dir + "input_0.npy").to_double_vector();
  const auto expected = read_npy(dir + "expected_0.npy").to_double_vector();
  ASSERT_EQ(steps.size(), expected.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const double got = (*schedule)(static_cast<std::int64_t>(steps[i]));
    EXPECT_LE(std::abs(got - expected[i]), atol + rtol * std::abs(expected[i]))
        << GetParam() << " step " << steps[i] << ": got " << got << " expected "
        << expected[i];
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ScheduleFixtureTest,
                         ::testing::ValuesIn(schedule_cases()),
                         [](const auto& info) { return info.param; });

TEST(LearningRateScheduleTest, SerializationFixturesRoundTrip) {
  const std::string dir =
      fixtures_dir() + "/serialization/serialize_lr_schedules/";
  const Json info = read_json(dir + "case.json");
  ASSERT_EQ(info["objects"].size(), 6u);
  for (const Json& object : info["objects"]) {
    SCOPED_TRACE(object["key"].get<std::string>());
    const Json record = read_json(dir + object["file"].get<std::string>());
    auto schedule = deserialize(record);
    EXPECT_EQ(serialize(*schedule).dump(), record.dump());
    EXPECT_EQ(schedule->get_config().dump(), object["get_config"].dump());
  }
}

TEST(LearningRateScheduleTest, ConstructedInCppMatchesKerasRecords) {
  const std::string dir =
      fixtures_dir() + "/serialization/serialize_lr_schedules/";
  EXPECT_EQ(serialize(ExponentialDecay({.initial_learning_rate = 0.1,
                                        .decay_steps = 1000,
                                        .decay_rate = 0.96,
                                        .staircase = true}))
                .dump(),
            read_json(dir + "exponential_decay.json").dump());
  EXPECT_EQ(serialize(PiecewiseConstantDecay({.boundaries = {100, 200},
                                              .values = {0.1, 0.01, 0.001}}))
                .dump(),
            read_json(dir + "piecewise_constant_decay.json").dump());
  EXPECT_EQ(serialize(CosineDecay({.initial_learning_rate = 0.1,
                                   .decay_steps = 1000,
                                   .alpha = 0.1,
                                   .warmup_target = 0.2,
                                   .warmup_steps = 10}))
                .dump(),
            read_json(dir + "cosine_decay.json").dump());
  EXPECT_EQ(serialize(CosineDecayRestarts({.initial_learning_rate = 0.1,
                                           .first_decay_steps = 100,
                                           .t_mul = 2.0,
                                           .m_mul = 0.9,
                                           .alpha = 0.0}))
                .dump(),
            read_json(dir + "cosine_decay_restarts.json").dump());
  EXPECT_EQ(serialize(InverseTimeDecay({.initial_learning_rate = 0.1,
                                        .decay_steps = 10,
                                        .decay_rate = 0.5}))
                .dump(),
            read_json(dir + "inverse_time_decay.json").dump());
  EXPECT_EQ(serialize(PolynomialDecay({.initial_learning_rate = 0.1,
                                       .decay_steps = 100,
                                       .end_learning_rate = 0.001,
                                       .power = 0.5,
                                       .cycle = true}))
                .dump(),
            read_json(dir + "polynomial_decay.json").dump());
}

TEST(LearningRateScheduleTest, BadArgumentsThrow) {
  expect_error<ValueError>(
      [&] {
        ExponentialDecay({.initial_learning_rate = 0.1,
                          .decay_steps = 0,
                          .decay_rate = 0.5});
      },
      "Argument `decay_steps` must be > 0. Received: decay_steps=0");
  expect_error<ValueError>(
      [&] {
        PolynomialDecay({.initial_learning_rate = 0.1, .decay_steps = -1});
      },
      "Argument `decay_steps` must be > 0. Received: decay_steps=-1");
  expect_error<ValueError>(
      [&] {
        InverseTimeDecay({.initial_learning_rate = 0.1,
                          .decay_steps = 0,
                          .decay_rate = 0.5});
      },
      "Argument `decay_steps` must be > 0. Received: decay_steps=0");
  expect_error<ValueError>(
      [&] { CosineDecay({.initial_learning_rate = 0.1, .decay_steps = 0}); },
      "Argument `decay_steps` must be > 0. Received: decay_steps=0");
  expect_error<ValueError>(
      [&] {
        CosineDecayRestarts(
            {.initial_learning_rate = 0.1, .first_decay_steps = 0});
      },
      "Argument `first_decay_steps` must be > 0. Received: "
      "first_decay_steps=0");
  try {
    PiecewiseConstantDecay({.boundaries = {1, 2}, .values = {0.1, 0.2}});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_EQ(std::string(e.what()),
              "The length of boundaries should be 1 less than the length of "
              "values. Received: boundaries=[1, 2] of length 2, and "
              "values=[0.1, 0.2] of length 2.");
  }
}

TEST(LearningRateScheduleTest, BadRecordsThrow) {
  const Json good = Json::parse(R"({"module": "keras.optimizers.schedules",
      "class_name": "ExponentialDecay", "config": {"initial_learning_rate": 0.1,
      "decay_steps": 10, "decay_rate": 0.5}, "registered_name": null})");
  EXPECT_NO_THROW(deserialize(good));
  Json r = good;
  r["config"]["foo"] = 1;
  try {
    deserialize(r);
    FAIL();
  } catch (const TypeError& e) {
    EXPECT_EQ(std::string(e.what()),
              "ExponentialDecay.__init__() got an unexpected keyword argument "
              "'foo'");
  }
  r = good;
  r["config"].erase("decay_rate");
  expect_error<TypeError>(
      [&] { deserialize(r); },
      "missing 1 required positional argument: 'decay_rate'");
  r = good;
  r["config"]["decay_steps"] = "ten";
  expect_error<TypeError>([&] { deserialize(r); },
                          "Argument `decay_steps` should be a number");
  r = good;
  r.erase("module");  // Keras-2 style
  expect_error<TypeError>([&] { deserialize(r); },
                          "Could not locate class 'ExponentialDecay'");
  r = good;
  r["class_name"] = "NoSuchSchedule";
  expect_error<TypeError>([&] { deserialize(r); },
                          "Could not locate class 'NoSuchSchedule'");
  expect_error<ValueError>([&] { deserialize(Json("ExponentialDecay")); },
                           "Could not interpret learning rate schedule");
}

// Values away from the fixtures' steps: Keras' formulas.
TEST(LearningRateScheduleTest, ClipsAndCycles) {
  PolynomialDecay no_cycle({.initial_learning_rate = 1.0,
                            .decay_steps = 4,
                            .end_learning_rate = 0.0});
  EXPECT_FLOAT_EQ(no_cycle(2), 0.5f);
  EXPECT_FLOAT_EQ(no_cycle(100), 0.0f);
  PolynomialDecay cycle({.initial_learning_rate = 1.0,
                         .decay_steps = 4,
                         .end_learning_rate = 0.0,
                         .cycle = true});
  EXPECT_FLOAT_EQ(cycle(6), 0.25f);  // decay_steps stretched to 8
  CosineDecay cosine({.initial_learning_rate = 1.0, .decay_steps = 10});
  EXPECT_FLOAT_EQ(cosine(1000), 0.0f);
  PiecewiseConstantDecay piecewise(
      {.boundaries = {2, 5}, .values = {1.0, 0.5, 0.1}});
  EXPECT_FLOAT_EQ(piecewise(2), 1.0f);
  EXPECT_FLOAT_EQ(piecewise(3), 0.5f);
  EXPECT_FLOAT_EQ(piecewise(5), 0.5f);
  EXPECT_FLOAT_EQ(piecewise(6), 0.1f);
}

// As an optimizer's learning_rate: no learning_rate variable, the rate
// follows `iteration`, and it cannot be assigned.
TEST(LearningRateScheduleTest, DrivesAnOptimizer) {
  auto schedule = std::make_shared<ExponentialDecay>(ExponentialDecayOptions{
      .initial_learning_rate = 1.0, .decay_steps = 1, .decay_rate = 0.5});
  SGD sgd({.learning_rate = schedule});
  EXPECT_EQ(sgd.variables().size(), 1u);  // iteration only
  EXPECT_FALSE(sgd.learning_rate_variable());
  auto w = std::make_shared<Variable>(Tensor::scalar(0.0, DType::float32), "w");
  EXPECT_DOUBLE_EQ(sgd.learning_rate(), 1.0);
  sgd.apply_gradients({Tensor::scalar(1.0, DType::float32)}, {w});
  EXPECT_DOUBLE_EQ(w->value().item(), -1.0);
  EXPECT_DOUBLE_EQ(sgd.learning_rate(), 0.5);
  sgd.apply_gradients({Tensor::scalar(1.0, DType::float32)}, {w});
  EXPECT_DOUBLE_EQ(w->value().item(), -1.5);
  expect_error<TypeError>([&] { sgd.set_learning_rate(0.1); },
                          "its learning rate is not settable");
  EXPECT_EQ(sgd.get_config()["learning_rate"], serialize(*schedule));
}

}  // namespace
}  // namespace keras::optimizers::schedules
