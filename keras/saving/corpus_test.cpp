// The real-world corpus (shared/corpus): every file Keras 3.15 loads and has
// expected outputs for must load here and predict Keras' numbers, unless
// corpus_skip.tsv lists it with the reason; every other file must fail with
// a keras::Error (never a crash), and the adversarial archive is refused.
//
// With KERAS_CORPUS_TABLE=<file> the run also writes the README's version
// table (Keras version x files / loaded / matched) to <file>:
//   make corpus-table
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "keras/keras.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

namespace fs = std::filesystem;

struct CorpusFile {
  std::string name;           // local_file
  std::string oracle_load;    // "ok" or Keras' error
  std::string expected_dir;   // relative to the corpus, or empty
  std::string format;         // keras_zip / legacy_h5
  std::string keras_version;  // of the writer
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
    files.push_back({cols[0], cols[13], cols.size() > 14 ? cols[14] : "",
                     cols[4], cols[5]});
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

// ---- the version table ----

struct Outcome {
  bool loaded = false;
  bool matched = false;
};

// Per file, what this run saw.
std::map<std::string, Outcome>& outcomes() {
  static std::map<std::string, Outcome> results;
  return results;
}

// "2.2.4-tf" -> {2, 2}.
std::pair<int, int> major_minor(const std::string& version) {
  static const std::regex pattern(R"((\d+)\.(\d+).*)");
  std::smatch m;
  if (!std::regex_match(version, m, pattern)) return {0, 0};
  return {std::stoi(m[1].str()), std::stoi(m[2].str())};
}

struct Row {
  int files = 0, zips = 0, h5 = 0, expected = 0, loaded = 0, matched = 0;
};

std::string status(const Row& r) {
  if (r.expected == 0) return r.loaded > 0 ? "loads" : "no reference";
  if (r.matched == r.expected) return "all match";
  return str(r.expected - r.matched, " of ", r.expected, " not matched");
}

void write_row(std::ostream& out, const std::string& name, const Row& r) {
  out << "| " << name << " | " << r.files << " | " << r.zips << " / " << r.h5
      << " | " << r.expected << " | " << r.loaded << " | " << r.matched << " | "
      << status(r) << " |\n";
}

void write_table(const std::string& path) {
  std::map<std::pair<int, int>, Row> rows;
  Row total;
  for (const CorpusFile& f : manifest()) {
    const auto found = outcomes().find(f.name);
    const Outcome o = found == outcomes().end() ? Outcome{} : found->second;
    for (Row* r : {&rows[major_minor(f.keras_version)], &total}) {
      ++r->files;
      ++(f.format == "keras_zip" ? r->zips : r->h5);
      r->expected += !f.expected_dir.empty();
      r->loaded += o.loaded;
      r->matched += o.matched;
    }
  }
  std::ofstream out(path);
  out << "| Keras | files | .keras / .h5 | with Keras' outputs | load here "
         "| match Keras' outputs | status |\n"
      << "|---|---|---|---|---|---|---|\n";
  for (const auto& [version, row] : rows) {
    write_row(out, str(version.first, ".", version.second), row);
  }
  write_row(out, "**all**", total);
}

// Writes the table once every corpus test has run.
class VersionTableWriter : public ::testing::Environment {
 public:
  void TearDown() override {
    if (const char* path = std::getenv("KERAS_CORPUS_TABLE")) {
      write_table(path);
    }
  }
};
[[maybe_unused]] const auto* const kTableWriter =
    ::testing::AddGlobalTestEnvironment(new VersionTableWriter);

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
  outcomes()[f.name].loaded = true;
  testing::expect_case_predictions(*model, dir, spec);
  outcomes()[f.name].matched = !HasFailure();
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
    outcomes()[f.name].loaded = true;
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
