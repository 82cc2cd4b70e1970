#include "keras/initializers/initializer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

// Keras' serialize_keras_object output, round-tripped through our classes.
void expect_fixture_round_trips(
    const std::string& dir_name,
    const std::function<Json(const Json&)>& round_trip,
    const std::set<std::string>& unsupported) {
  const std::string dir = testing::fixture("serialization/" + dir_name);
  int checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (file == "case.json" || entry.path().extension() != ".json") continue;
    const Json record = testing::read_json(entry.path().string());
    if (unsupported.count(record["class_name"].get<std::string>())) continue;
    EXPECT_EQ(round_trip(record), record) << file;
    ++checked;
  }
  EXPECT_GT(checked, 3);
}

TEST(InitializersTest, SerializationMatchesKerasFixtures) {
  expect_fixture_round_trips(
      "serialize_initializers",
      [](const Json& record) {
        return saving::serialize_keras_object(
            *saving::deserialize_keras_object<initializers::InitializerBase>(
                record));
      },
      {"Identity"});
}

TEST(RegularizersTest, SerializationMatchesKerasFixtures) {
  expect_fixture_round_trips(
      "serialize_regularizers",
      [](const Json& record) {
        return saving::serialize_keras_object(
            *saving::deserialize_keras_object<regularizers::Regularizer>(
                record));
      },
      {});
  EXPECT_EQ(saving::serialize_keras_object(regularizers::L1(0.005)),
            testing::read_json(testing::fixture(
                "guide/c_l1_regularizer_serialize/serialized.json")));
}

TEST(ConstraintsTest, SerializationMatchesKerasFixtures) {
  expect_fixture_round_trips(
      "serialize_constraints",
      [](const Json& record) {
        return saving::serialize_keras_object(
            *saving::deserialize_keras_object<constraints::Constraint>(record));
      },
      {});
}

TEST(InitializersTest, StringsResolveToKerasClasses) {
  EXPECT_EQ(initializers::get("he_normal")->class_name(), "HeNormal");
  EXPECT_EQ(initializers::get("GlorotUniform")->class_name(), "GlorotUniform");
  EXPECT_THROW(initializers::get("nope"), ValueError);
}

TEST(InitializersTest, LegacyNamesAndAliasesResolve) {
  EXPECT_EQ(initializers::get("uniform")->class_name(), "RandomUniform");
  EXPECT_EQ(initializers::get("zero")->class_name(), "Zeros");
  // Keras 3 before 3.6 wrote Orthogonal as "OrthogonalInitializer".
  const Json old = {{"module", "keras.initializers"},
                    {"class_name", "OrthogonalInitializer"},
                    {"config", {{"gain", 2.0}, {"seed", nullptr}}},
                    {"registered_name", nullptr}};
  auto init =
      saving::deserialize_keras_object<initializers::InitializerBase>(old);
  EXPECT_EQ(init->class_name(), "Orthogonal");
  EXPECT_EQ(init->get_config()["gain"], 2.0);
}

TEST(InitializersTest, IdentityIsGainTimesEye) {
  const Tensor w = initializers::Identity(2.0)({2, 3}, DType::float32);
  EXPECT_EQ(w.to_double_vector(), (std::vector<double>{2, 0, 0, 0, 2, 0}));
  keras::testing::expect_error<ValueError>(
      [] {
        initializers::Identity()({2, 2, 2}, DType::float32);
      },
      "can only be used for 2D square matrices");
}

TEST(InitializersTest, GlorotUniformStaysWithinItsLimit) {
  const Tensor w = initializers::GlorotUniform(3)({100, 50}, DType::float32);
  const double limit = std::sqrt(6.0 / 150.0);
  double sum = 0;
  for (double v : w.to_double_vector()) {
    EXPECT_LE(std::fabs(v), limit);
    sum += v;
  }
  EXPECT_NEAR(sum / 5000.0, 0.0, 0.01);
  // A seed makes it reproducible.
  EXPECT_TRUE(testing::AllClose(
      initializers::GlorotUniform(3)({100, 50}, DType::float32), w, 0, 0));
}

TEST(InitializersTest, HeNormalHasKerasStandardDeviation) {
  const Tensor w = initializers::HeNormal(1)({400, 300}, DType::float64);
  double sq = 0;
  for (double v : w.to_double_vector()) sq += v * v;
  EXPECT_NEAR(std::sqrt(sq / w.size()), std::sqrt(2.0 / 400.0), 0.002);
}

TEST(ConstraintsTest, MaxNormClipsColumnNorms) {
  const Tensor w = Tensor::from_vector<double>({3, 0, 4, 1}, {2, 2});
  const auto out = constraints::MaxNorm(1.0, 0)(w).to_double_vector();
  EXPECT_NEAR(out[0], 0.6, 1e-6);  // column 0 = (3, 4), norm 5
  EXPECT_NEAR(out[2], 0.8, 1e-6);
  EXPECT_NEAR(out[1], 0.0, 1e-6);
  EXPECT_NEAR(out[3], 1.0, 1e-6);  // column 1 = (0, 1), norm 1: unchanged
  EXPECT_TRUE(testing::AllClose(
      constraints::NonNeg()(Tensor::from_vector<double>({-1, 2}, {2})),
      Tensor::from_vector<double>({0, 2}, {2})));
}

}  // namespace
}  // namespace keras
