// Faults during save and load (issue 7): saves are atomic (a child killed
// with SIGKILL at random moments leaves the old or the new complete file),
// a failed save leaves the old file intact, and a file that changes while
// it is read fails with a keras::Error.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "keras/keras.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/file_utils.h"

namespace keras::saving {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

// ~1 MB of weights, so that a save takes long enough to be interrupted.
std::shared_ptr<Model> make_model(int /*which*/) {
  auto inputs = Input({64});
  // Default initializers draw fresh values: two models differ.
  auto h = layers::Dense(256)(inputs);
  h = layers::Dense(512)(h);
  auto outputs = layers::Dense(4)(h);
  return std::make_shared<Model>(inputs, outputs);
}

const Tensor& probe() {
  static const Tensor x = random::uniform({2, 64}, -1.0, 1.0, 3);
  return x;
}

std::vector<double> outputs_of(Model& model) {
  return model.predict(probe()).to_double_vector();
}

// Saves `path` for `suffix` and reads it back into predictions.
void save_as(const Model& model, const std::string& path) {
  if (path.ends_with(".weights.h5")) {
    model.save_weights(path);
  } else {
    model.save(path);
  }
}

std::vector<double> load_outputs(const std::string& path) {
  if (path.ends_with(".weights.h5")) {
    auto model = make_model(1);
    model->load_weights(path);
    return outputs_of(*model);
  }
  auto model = load_model(path, {.compile = false});
  return outputs_of(*model);
}

class KilledSaveTest : public ::testing::TestWithParam<std::string> {};

TEST_P(KilledSaveTest, DestinationIsAlwaysTheOldOrTheNewFile) {
  const int kills = GetParam() == ".keras" ? 200 : 50;
  TempDir dir;
  const std::string path = dir.file("model" + GetParam());
  auto old_model = make_model(1);
  auto new_model = make_model(2);
  const auto old_out = outputs_of(*old_model);
  const auto new_out = outputs_of(*new_model);
  ASSERT_NE(old_out, new_out);
  save_as(*old_model, path);
  // How long a forked child takes to save once, fork included: in a process
  // that has grown (the whole test binary) the child's first save pays for
  // copy-on-write faults, so the parent's own save time would kill too soon.
  const auto t0 = std::chrono::steady_clock::now();
  const pid_t timer = fork();
  ASSERT_GE(timer, 0);
  if (timer == 0) {
    try {
      save_as(*new_model, dir.file("timing" + GetParam()));
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  int timer_status = 0;
  waitpid(timer, &timer_status, 0);
  ASSERT_TRUE(WIFEXITED(timer_status) && WEXITSTATUS(timer_status) == 0);
  const auto save_us = std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::steady_clock::now() - t0)
                           .count();
  std::mt19937 rng(42);
  int saw_new = 0;
  for (int i = 0; i < kills; ++i) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      // Alternate, so a kill may land in either direction of the swap.
      for (;;) {
        try {
          save_as(*new_model, path);
          save_as(*old_model, path);
        } catch (...) {
          _exit(3);
        }
      }
    }
    std::this_thread::sleep_for(std::chrono::microseconds(
        std::uniform_int_distribution<long>(0, 3 * save_us + 1000)(rng)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the saving child failed, kill " << i;
    std::vector<double> out;
    try {
      out = load_outputs(path);
    } catch (const Error& e) {
      FAIL() << "kill " << i << " left a broken file: " << e.what();
    }
    EXPECT_TRUE(out == old_out || out == new_out) << "kill " << i;
    if (out == new_out) ++saw_new;
  }
  // The temporary files of killed saves stay hidden beside the target.
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(name.starts_with("model") || name.starts_with("timing") ||
                name.starts_with("."))
        << name;
  }
  EXPECT_GT(saw_new, 0);
}

INSTANTIATE_TEST_SUITE_P(Formats, KilledSaveTest,
                         ::testing::Values(".keras", ".weights.h5", ".h5"),
                         [](const auto& info) {
                           return info.param == ".keras" ? "keras"
                                  : info.param == ".h5"  ? "legacy_h5"
                                                         : "weights_h5";
                         });

TEST(SaveFaultsTest, SaveUnderARegularFileFailsClearly) {
  TempDir dir;
  const std::string file = dir.file("plain");
  write_file_atomic(file, "not a directory");
  auto model = make_model(1);
  for (const std::string& name : {"/m.keras", "/m.weights.h5", "/m.h5"}) {
    EXPECT_THROW(save_as(*model, file + name), FileError) << name;
  }
  EXPECT_EQ(read_file(file), "not a directory");
}

TEST(SaveFaultsTest, SaveIntoReadOnlyDirectoryKeepsTheOldFile) {
  if (geteuid() == 0) {
    GTEST_SKIP() << "running as root: directory permissions do not apply "
                    "(the write-error path is covered by "
                    "SaveThatRunsOutOfSpaceKeepsTheOldFile)";
  }
  TempDir dir;
  const std::string path = dir.file("m.keras");
  auto old_model = make_model(1);
  old_model->save(path);
  fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
  try {
    make_model(2)->save(path);
    ADD_FAILURE() << "saved into a read-only directory";
  } catch (const FileError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  fs::permissions(dir.path(), fs::perms::owner_all);
  EXPECT_EQ(load_outputs(path), outputs_of(*old_model));
}

// A full disk without privileges: RLIMIT_FSIZE makes writes past 64 KiB fail
// (EFBIG) in a child, like ENOSPC on a small tmpfs.
TEST(SaveFaultsTest, SaveThatRunsOutOfSpaceKeepsTheOldFile) {
  TempDir dir;
  auto old_model = make_model(1);
  auto new_model = make_model(2);
  for (const std::string suffix : {".keras", ".weights.h5", ".h5"}) {
    const std::string path = dir.file("m" + suffix);
    save_as(*old_model, path);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{64 << 10, 64 << 10};
      setrlimit(RLIMIT_FSIZE, &limit);
      try {
        save_as(*new_model, path);
      } catch (const FileError&) {
        _exit(0);
      } catch (...) {
        _exit(2);
      }
      _exit(1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << suffix;
    EXPECT_EQ(WEXITSTATUS(status), 0)
        << suffix << ": 1 = saved past the limit, 2 = not a FileError";
    EXPECT_EQ(load_outputs(path), outputs_of(*old_model)) << suffix;
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      EXPECT_FALSE(entry.path().filename().string().starts_with("."))
          << "a failed save left " << entry.path();
    }
  }
}

TEST(SaveFaultsTest, FileChangingUnderAReaderFailsCleanly) {
  TempDir dir;
  const std::string path = dir.file("m.keras");
  make_model(1)->save(path);
  const std::string original = read_file(path);
  std::string other;
  {
    make_model(2)->save(dir.file("other.keras"));
    other = read_file(dir.file("other.keras"));
  }
  // Truncated, then rewritten in place with another model's bytes.
  for (const std::string& replacement :
       {original.substr(0, original.size() / 2), other}) {
    ZipReader zip(path);
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << replacement;
    }
    try {
      const std::string weights = zip.read("model.weights.h5");
      // The reader may see either version; it must never mix them.
      const std::string old_weights =
          ZipReader::from_buffer(original).read("model.weights.h5");
      const std::string new_weights =
          ZipReader::from_buffer(other).read("model.weights.h5");
      EXPECT_TRUE(weights == old_weights || weights == new_weights);
    } catch (const Error&) {
    }
    write_file_atomic(path, original);
  }
}

}  // namespace
}  // namespace keras::saving
