#include "keras/initializers/stft.h"

#include <gtest/gtest.h>

#include <cmath>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"

namespace keras {
namespace {

using initializers::STFT;

double at(const Tensor& k, std::int64_t t, std::int64_t bin) {
  const Tensor f = k.astype(DType::float64);
  return f.data<double>()[t * k.shape()[2] + bin];
}

// Frame length 4, 3 bins (fft_length 4): the periodic Hann window is
// (0, 0.5, 1, 0.5), density scaling sqrt(1.5); cos(-pi t k / 2) gives the
// basis (1, 1, 1), (1, 0, -1), (1, -1, 1), (1, 0, -1) by frame.
TEST(STFTInitializerTest, RealPeriodicHannDensityMatchesHandValues) {
  const Tensor k = STFT({.periodic = true})({4, 1, 3}, DType::float32);
  ASSERT_EQ(k.shape(), (Shape{4, 1, 3}));
  const double s = std::sqrt(1.5);
  const double expected[4][3] = {{0, 0, 0},
                                 {0.5 / s, 0, -0.5 / s},
                                 {1 / s, -1 / s, 1 / s},
                                 {0.5 / s, 0, -0.5 / s}};
  for (int t = 0; t < 4; ++t) {
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(at(k, t, b), expected[t][b], 1e-6);
  }
}

TEST(STFTInitializerTest, ImaginarySideIsTheNegativeSine) {
  const Tensor k =
      STFT({.side = "imag", .scaling = "spectrum", .periodic = true})(
          {4, 1, 3}, DType::float32);
  // sin(-pi t k / 2) * w(t) / sum|w| with sum|w| = 2.
  EXPECT_NEAR(at(k, 1, 1), -0.5 / 2.0, 1e-6);
  EXPECT_NEAR(at(k, 3, 1), 0.5 / 2.0, 1e-6);
  EXPECT_NEAR(at(k, 2, 1), 0.0, 1e-6);
  EXPECT_NEAR(at(k, 2, 2), 0.0, 1e-6);
}

TEST(STFTInitializerTest, SymmetricWindowsMatchScipy) {
  const auto hann = initializers::get_window("hann", 4, false);
  EXPECT_NEAR(hann[1], 0.75, 1e-12);
  EXPECT_NEAR(hann[3], 0.0, 1e-12);
  const auto hamming = initializers::get_window("hamming", 3, false);
  EXPECT_NEAR(hamming[0], 0.08, 1e-12);
  EXPECT_NEAR(hamming[1], 1.0, 1e-12);
  const auto bartlett = initializers::get_window("bartlett", 5, false);
  EXPECT_NEAR(bartlett[1], 0.5, 1e-12);
  const auto blackman = initializers::get_window("blackman", 3, false);
  EXPECT_NEAR(blackman[1], 1.0, 1e-12);
  EXPECT_EQ(initializers::get_window("hann", 1, true), std::vector<double>{1});
}

TEST(STFTInitializerTest, NoWindowIsThePlainBasis) {
  const Tensor k = STFT({.window = std::monostate{}, .scaling = std::nullopt})(
      {2, 1, 2}, DType::float64);
  EXPECT_DOUBLE_EQ(at(k, 1, 1), -1.0);  // cos(-pi)
  EXPECT_DOUBLE_EQ(at(k, 0, 1), 1.0);
}

TEST(STFTInitializerTest, ExplicitWindowValues) {
  const Tensor k = STFT({.window = std::vector<double>{1, 3},
                         .scaling = "spectrum"})({2, 1, 2}, DType::float64);
  EXPECT_DOUBLE_EQ(at(k, 1, 0), 3.0 / 4.0);
  EXPECT_THROW(
      STFT({.window = std::vector<double>{1}})({2, 1, 2}, DType::float32),
      ValueError);
}

TEST(STFTInitializerTest, ConfigRoundTripsWithAliases) {
  const STFT stft({.periodic = true});
  const Json record = saving::serialize_keras_object(stft);
  EXPECT_EQ(record["config"], (Json{{"side", "real"},
                                    {"window", "hann"},
                                    {"periodic", true},
                                    {"scaling", "density"}}));
  Json old = record;
  old["class_name"] = "STFTInitializer";
  EXPECT_EQ(
      saving::serialize_keras_object(
          *saving::deserialize_keras_object<initializers::InitializerBase>(
              old)),
      record);
  EXPECT_EQ(initializers::get("stft")->class_name(), "STFT");
  const STFT plain(
      {.window = std::vector<double>{0.5, 1.0}, .scaling = std::nullopt});
  EXPECT_EQ(
      saving::serialize_keras_object(
          *saving::deserialize_keras_object<initializers::InitializerBase>(
              saving::serialize_keras_object(plain))),
      saving::serialize_keras_object(plain));
}

TEST(STFTInitializerTest, BadArgumentsRaiseKerasErrors) {
  testing::expect_error<ValueError>(
      [] { STFT({.side = "both"}); },
      "side should be 'real' or 'imag', not both");
  testing::expect_error<ValueError>([] { STFT({.window = "nope"}); },
                                    "Unknown window type.");
  testing::expect_error<ValueError>(
      [] { STFT({.scaling = "l3"}); },
      "Scaling is invalid, it must be `None`, 'density' or 'spectrum'. "
      "Received scaling=l3");
  testing::expect_error<ValueError>(
      [] {
        STFT()({4, 3}, DType::float32);
      },
      "Received: shape=(4, 3)");
}

}  // namespace
}  // namespace keras
