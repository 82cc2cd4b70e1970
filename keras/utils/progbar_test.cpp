// Tests of keras/utils/progbar.h: the exact bytes of Keras' Progbar, with a
// fake clock, checked against fit_output.txt written by real Keras.
#include "keras/utils/progbar.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "keras/core/error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::fixtures_root;

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// A Progbar writing to a string, driven by a settable clock.
struct Harness {
  double now = 0;
  std::ostringstream out;
  ProgbarOptions options(ProgbarOptions o = {}) {
    o.out = &out;
    o.clock = [this] { return now; };
    return o;
  }
  std::string take() {
    std::string s = out.str();
    out.str("");
    return s;
  }
};

const std::string kCell = "\xE2\x94\x81";
std::string cells(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kCell;
  return s;
}
// The bar part of a line: bold counter, green cells, white cells.
std::string bar(const std::string& count, int green, int white) {
  std::string s = "\x1b[1m" + count + "\x1b[0m ";
  if (green > 0) s += "\x1b[32m" + cells(green) + "\x1b[0m";
  return s + "\x1b[37m" + cells(white) + "\x1b[0m";
}
std::string bold(const std::string& s) { return "\x1b[1m" + s + "\x1b[0m"; }

TEST(Progbar, ReproducesKerasFitOutputByteForByte) {
  // model.fit(verbose=1) on 4 steps: ProgbarLogger updates after each batch
  // (stateless_metrics = {}: logs are already averages) and finalizes with
  // the epoch logs. Steps 2..4 came within 50 ms of step 1, so Keras skipped
  // drawing them; a clock giving "7ms/step" then "3ms/step" reproduces the
  // file exactly.
  std::ifstream file(
      fixtures_root() / "guide/a_get_model_fit_save/fit_output.txt",
      std::ios::binary);
  ASSERT_TRUE(file) << "fixture missing";
  std::ostringstream expected;
  expected << file.rdbuf();

  Harness h;
  Progbar progbar(4, h.options({.stateless_metrics = std::set<std::string>{}}));
  h.now = 0.007;
  progbar.update(1, {{"loss", 0.26921}}, false);
  h.now = 0.010;
  progbar.update(2, {{"loss", 0.31}}, false);
  h.now = 0.013;
  progbar.update(3, {{"loss", 0.35}}, false);
  h.now = 0.016;
  progbar.update(4, {{"loss", 0.36934}}, false);
  progbar.update(4, {{"loss", 0.36934}}, true);
  EXPECT_EQ(h.take(), expected.str());
}

TEST(Progbar, FirstUpdateAndErasingStructure) {
  Harness h;
  Progbar progbar(4, h.options({.stateless_metrics = std::set<std::string>{}}));
  h.now = 0.007;
  progbar.update(1, {{"loss", 0.2692}});
  const std::string line1 =
      bar("1/4", 5, 15) + " " + bold("0s") + " 7ms/step - loss: 0.2692";
  EXPECT_EQ(h.take(), "\r" + line1);
  // 51 visible characters: "1/4 " + 20 cells + " 0s 7ms/step - loss: ...".
  h.now = 0.1;
  progbar.update(2, {{"loss", 0.5}});  // (0.1 - 0.007) / 1 per step
  EXPECT_EQ(h.take(), std::string(51, '\b') + "\r" + bar("2/4", 10, 10) + " " +
                          bold("0s") + " 93ms/step - loss: 0.5000");
}

TEST(Progbar, ShorterLineIsPaddedWithSpaces) {
  Harness h;
  Progbar progbar(10, h.options({.stateful_metrics = std::set<std::string>{
                                     "loss", "accuracy"}}));
  h.now = 1;
  progbar.update(1, {{"loss", 123.5}, {"accuracy", 0.5}});
  const std::string first = h.take();
  h.now = 2;
  progbar.update(2, {{"loss", 1.5}, {"accuracy", 0.25}});
  const std::string second = h.take();
  // "1s/step" -> "1s/step", ETA "9s" -> "8s", loss 123.5000 -> 1.5000.
  EXPECT_THAT(second, HasSubstr("loss: 1.5000 - accuracy: 0.2500  "));
  EXPECT_EQ(second.substr(second.size() - 9), " 0.2500  ");
  EXPECT_THAT(first, HasSubstr(bold("9s") + " 1s/step - loss: 123.5000"));
}

TEST(Progbar, MetricsAreAveragedWeightedBySteps) {
  // Default: every metric is stateless (averaged): weights are the steps
  // since the previous update.
  Harness h;
  Progbar progbar(10, h.options());
  h.now = 1;
  progbar.update(1, {{"loss", 1.0}});
  h.now = 2;
  progbar.update(3, {{"loss", 2.0}});  // (1*1 + 2*2) / 3
  EXPECT_THAT(h.take(), HasSubstr("loss: 1.6667"));
  h.now = 3;
  progbar.update(6, {{"loss", 4.0}});  // (5 + 4*3) / 6
  EXPECT_THAT(h.take(), HasSubstr("loss: 2.8333"));
  // A repeated step still counts once.
  h.now = 4;
  progbar.update(6, {{"loss", 0.0}});  // (17 + 0) / 7
  EXPECT_THAT(h.take(), HasSubstr("loss: 2.4286"));
  // finalize shows the given value as is.
  progbar.update(10, {{"loss", 9.0}});
  EXPECT_THAT(h.take(), HasSubstr("loss: 9.0000\n"));
}

TEST(Progbar, StatefulAndStatelessLists) {
  Harness h;
  Progbar a(10, h.options({.stateful_metrics = std::set<std::string>{"acc"}}));
  h.now = 1;
  a.update(1, {{"loss", 1.0}, {"acc", 1.0}});
  h.now = 2;
  a.update(2, {{"loss", 3.0}, {"acc", 3.0}});
  EXPECT_THAT(h.take(), HasSubstr("loss: 2.0000 - acc: 3.0000"));

  Progbar b(10,
            h.options({.stateless_metrics = std::set<std::string>{"loss"}}));
  h.now = 3;
  b.update(1, {{"loss", 1.0}, {"acc", 1.0}});
  h.now = 4;
  b.update(2, {{"loss", 3.0}, {"acc", 3.0}});
  EXPECT_THAT(h.take(), HasSubstr("loss: 2.0000 - acc: 3.0000"));
}

TEST(Progbar, BothMetricListsIsValueError) {
  try {
    Progbar p(1, {.stateful_metrics = std::set<std::string>{},
                  .stateless_metrics = std::set<std::string>{}});
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("at most one of stateful_metrics"));
  }
}

TEST(Progbar, ValueFormats) {
  Harness h;
  Progbar progbar(2, h.options({.stateful_metrics = std::set<std::string>{
                                    "a", "b", "c", "d", "e"}}));
  h.now = 1;
  progbar.update(1, {{"a", 0.0001234},
                     {"b", -0.5},
                     {"c", std::nan("")},
                     {"d", -HUGE_VAL},
                     {"e", 0.0}});
  EXPECT_THAT(h.take(), HasSubstr(" - a: 1.2340e-04 - b: -0.5000 - c: nan - "
                                  "d: -inf - e: 0.0000e+00"));
  // Longer than any fixed buffer; Python's f"{1e130:.4f}" gives the exact
  // binary value too.
  h.now = 2;
  progbar.update(2, {{"a", 1e130}});
  EXPECT_THAT(h.take(),
              HasSubstr(" - a: 100000000000000005978307824605161518517492902"
                        "52338090708736359498322008205751130936310560341066"
                        "601403445681992244323541365884452864.0000 - b:"));
}

TEST(Progbar, TimeFormats) {
  Harness h;
  Progbar slow(10000, h.options());
  h.now = 2;
  slow.update(1);  // 2 s/step, ETA 19998 s
  EXPECT_THAT(h.take(), HasSubstr("   1/10000"));
  h.now = 3;
  Progbar minutes(100, h.options());
  h.now = 5;
  minutes.update(1);  // 2 s/step, ETA 198 s
  EXPECT_THAT(h.take(), HasSubstr(bold("3:18") + " 2s/step"));
  Progbar hours(10000, h.options());
  h.now = 7;
  hours.update(1);
  EXPECT_THAT(h.take(), HasSubstr(bold("5:33:18") + " 2s/step"));
  Progbar fast(10, h.options());
  h.now += 0.0000042;
  fast.update(1);
  EXPECT_THAT(h.take(), HasSubstr(" 4us/step"));
  Progbar none(10, h.options());
  none.update(0);
  EXPECT_THAT(h.take(), HasSubstr(bold("0s") + " 0s/step"));
}

TEST(Progbar, StepEstimateSkipsFirstStep) {
  Harness h;
  Progbar progbar(100, h.options());
  h.now = 10;  // slow first step
  progbar.update(1);
  EXPECT_THAT(h.take(), HasSubstr(" 10s/step"));
  h.now = 10.5;
  progbar.update(11);  // (10.5 - 10) / 10
  EXPECT_THAT(h.take(), HasSubstr(" 50ms/step"));
}

TEST(Progbar, IntervalSkipsRedrawsButNotFinalize) {
  Harness h;
  Progbar progbar(3, h.options({.interval = 1.0}));
  h.now = 0.1;
  progbar.update(1);
  EXPECT_FALSE(h.take().empty());
  h.now = 0.5;
  progbar.update(2);
  EXPECT_EQ(h.take(), "");
  progbar.update(3);  // current >= target finalizes
  EXPECT_THAT(h.take(), HasSubstr("3/3"));
}

TEST(Progbar, CounterIsRightAligned) {
  Harness h;
  Progbar progbar(100, h.options());
  h.now = 1;
  progbar.update(5);
  EXPECT_THAT(h.take(), HasSubstr(bar("  5/100", 1, 19)));
}

TEST(Progbar, UnknownTarget) {
  Harness h;
  Progbar progbar(std::nullopt, h.options());
  h.now = 1;
  progbar.update(5, {{"loss", 2.0}});
  EXPECT_EQ(h.take(),
            "\r      5/Unknown " + bold("1s") + " 200ms/step - loss: 2.0000");
  // Like ProgbarLogger at the end of an epoch of unknown length.
  progbar.set_target(progbar.seen_so_far());
  h.now = 2;
  progbar.update(5, {{"loss", 2.0}}, true);
  const std::string last = h.take();
  EXPECT_THAT(last, HasSubstr(bar("5/5", 20, 0) + " " + bold("2s")));
  EXPECT_EQ(last.back(), '\n');
}

TEST(Progbar, NonDynamicDisplayStartsNewLines) {
  Harness h;
  Progbar progbar(2, h.options({.dynamic_display = false}));
  h.now = 1;
  progbar.update(1);
  progbar.update(2);
  const std::string s = h.take();
  EXPECT_EQ(s.find('\b'), std::string::npos);
  EXPECT_EQ(s.find('\r'), std::string::npos);
  EXPECT_EQ(s.substr(0, 1), "\n");
  EXPECT_EQ(s.back(), '\n');
}

TEST(Progbar, OvershootingTheTargetDrawsLongerBar) {
  Harness h;
  Progbar progbar(4, h.options());
  h.now = 1;
  progbar.update(5, {}, false);  // Keras: int(20 * 5 / 4) green cells
  EXPECT_THAT(h.take(), HasSubstr(bar("5/4", 25, 0)));
  progbar.update(4'000'000'000'000'000'000, {}, false);  // no huge output
  EXPECT_LT(h.take().size(), 100000u);
}

TEST(Progbar, Verbose2PrintsOneLinePerEpoch) {
  // Keras' fit(verbose=2): only the finalizing update prints.
  Harness h;
  Progbar progbar(4, h.options({.verbose = 2,
                                .stateless_metrics = std::set<std::string>{}}));
  h.now = 0.5;
  progbar.update(2, {{"loss", 0.5}}, false);
  EXPECT_EQ(h.take(), "");
  h.now = 1.2;
  progbar.update(4, {{"loss", 0.36934}, {"mae", -0.25}}, true);
  // Step 1 was never reported, so 1.2 / 4 = 300 ms per step; negatives print in
  // e-notation (Keras tests avg > 1e-3 without abs() here).
  EXPECT_EQ(h.take(),
            "4/4 - 1s - 300ms/step - loss: 0.3693 - mae: -2.5000e-01\n");
}

TEST(Progbar, Verbose2AlignsCountAndSkipsUnknownTarget) {
  Harness h;
  Progbar progbar(12, h.options({.verbose = 2}));
  h.now = 3;
  progbar.update(12);
  EXPECT_EQ(h.take(), "12/12 - 3s - 250ms/step\n");
  Progbar unknown(std::nullopt, h.options({.verbose = 2}));
  unknown.update(5, {}, true);
  EXPECT_EQ(h.take(), "");
}

TEST(Progbar, Verbose0IsSilent) {
  Harness h;
  Progbar progbar(2, h.options({.verbose = 0}));
  progbar.update(1, {{"loss", 1}});
  progbar.update(2, {{"loss", 1}});
  EXPECT_EQ(h.take(), "");
}

TEST(Progbar, AddAdvancesBySteps) {
  Harness h;
  Progbar progbar(10, h.options());
  h.now = 1;
  progbar.add(3);
  progbar.add(2);
  EXPECT_EQ(progbar.seen_so_far(), 5);
}

TEST(Progbar, CustomWidthAndUnitName) {
  Harness h;
  Progbar progbar(4, h.options({.width = 8, .unit_name = "sample"}));
  h.now = 0.004;
  progbar.update(2);
  EXPECT_EQ(h.take(),
            "\r" + bar("2/4", 4, 4) + " " + bold("0s") + " 2ms/sample");
}

}  // namespace
}  // namespace keras
