// The real-world corpus (shared/corpus): every file Keras 3.15 loads and has
// expected outputs for must load here and predict Keras' numbers, unless
// corpus_skip.tsv lists it with the reason; every other file must fail with
// a keras::Error (never a crash), and the adversarial archive is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "keras/keras.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

namespace fs = std::filesystem;

struct CorpusFile {
  std::string name;          // local_file
  std::string oracle_load;   // "ok" or Keras' error
  std::string expected_dir;  // relative to the corpus, or empty
};

// Names the case in gtest's output instead of dumping its bytes.
void PrintTo(const CorpusFile& f, std::ostream* os) { *os << f.name; }

std::string corpus_dir() { return testing::shared_path("corpus"); }

std::vector<CorpusFile> manifest() {
  std::vector<CorpusFile> files;
  std::ifstream in(corpus_dir() + "/MANIFEST.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    for (std::string col; std::getline(ss, col, '\t');) cols.push_back(col);
    if (cols.size() < 14) continue;
    files.push_back({cols[0], cols[13], cols.size() > 14 ? cols[14] : ""});
  }
  return files;
}

// corpus_skip.tsv: "<local_file>\t<reason>" lines; # starts a comment.
const std::map<std::string, std::string>& skip_list() {
  static const std::map<std::string, std::string> skips = [] {
    std::map<std::string, std::string> m;
    std::ifstream in(std::string(KERAS_SOURCE_DIR) +
                     "/keras/saving/corpus_skip.tsv");
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      const auto tab = line.find('\t');
      if (tab != std::string::npos)
        m[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return m;
  }();
  return skips;
}

std::vector<CorpusFile> with_expected() {
  std::vector<CorpusFile> out;
  for (const CorpusFile& f : manifest()) {
    if (!f.expected_dir.empty()) out.push_back(f);
  }
  return out;
}

std::vector<CorpusFile> without_expected() {
  std::vector<CorpusFile> out;
  for (const CorpusFile& f : manifest()) {
    if (f.expected_dir.empty()) out.push_back(f);
  }
  return out;
}

std::string test_name(const ::testing::TestParamInfo<CorpusFile>& info) {
  std::string name;
  for (char c : info.param.name)
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return name;
}

class CorpusPredictTest : public ::testing::TestWithParam<CorpusFile> {};

TEST_P(CorpusPredictTest, LoadsAndMatchesKeras) {
  const CorpusFile& f = GetParam();
  if (auto it = skip_list().find(f.name); it != skip_list().end()) {
    GTEST_SKIP() << it->second;
  }
  const std::string dir = corpus_dir() + "/" + f.expected_dir + "/";
  const Json spec = testing::read_json(dir + "case.json");
  // As the oracle loaded them: load_model(path, compile=False).
  auto model =
      load_model(corpus_dir() + "/files/" + f.name, {.compile = false});
  testing::expect_case_predictions(*model, dir, spec);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusPredictTest,
                         ::testing::ValuesIn(with_expected()), test_name);

class CorpusRefusedTest : public ::testing::TestWithParam<CorpusFile> {};

// Files Keras itself cannot load either load here on purpose or fail with a
// keras::Error naming the problem: never a crash or another exception type.
TEST_P(CorpusRefusedTest, LoadsOrFailsWithAKerasError) {
  const CorpusFile& f = GetParam();
  try {
    load_model(corpus_dir() + "/files/" + f.name, {.compile = false});
  } catch (const Error& e) {
    EXPECT_GT(std::string(e.what()).size(), 20u);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRefusedTest,
                         ::testing::ValuesIn(without_expected()), test_name);

TEST(CorpusTest, AdversarialArchiveIsRefused) {
  try {
    load_model(corpus_dir() + "/files/12end__evil_keras__model.keras",
               {.compile = false});
    FAIL() << "the tampered archive loaded";
  } catch (const Error& e) {
    SUCCEED() << e.what();
  }
}

TEST(CorpusTest, AtLeast95PercentOfLoadableFilesAreNotSkipped) {
  const auto cases = with_expected();
  std::size_t skipped = 0;
  for (const CorpusFile& f : cases) skipped += skip_list().count(f.name);
  ASSERT_FALSE(cases.empty());
  EXPECT_GE(double(cases.size() - skipped) / double(cases.size()), 0.95)
      << skipped << " of " << cases.size() << " skipped";
}

}  // namespace
}  // namespace keras::saving
