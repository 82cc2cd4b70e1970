// Randomly corrupted copies of fixture files (issue 7): bit flips,
// truncations, overwritten HDF5 header bytes, damaged members re-packed with
// valid CRCs (so the JSON and HDF5 parsers see the damage), swapped, renamed
// and deleted zip members. Every load either succeeds (then predicts) or
// throws a keras::Error: never a crash, a hang or another exception. A fixed
// seed makes every case reproducible ("case N" in a failure).
//
// KERAS_CORRUPTION_CASES / KERAS_CORRUPTION_CLI_CASES raise the counts for
// offline runs (defaults keep CI under a minute).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

#include "keras/keras.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/file_utils.h"

#ifndef KERAS_CLI_PATH
#define KERAS_CLI_PATH "keras-cpp"
#endif

namespace keras::saving {
namespace {

using testing::fixture;
using testing::TempDir;

int env_count(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoi(v) : fallback;
}

// Aborts the process when one case runs longer than `limit` (a hang).
class Watchdog {
 public:
  explicit Watchdog(std::chrono::seconds limit)
      : limit_(limit), thread_([this] { run(); }) {}
  ~Watchdog() {
    done_ = true;
    thread_.join();
  }
  void start(std::string what) {
    const std::lock_guard<std::mutex> lock(mutex_);
    what_ = std::move(what);
    started_ = std::chrono::steady_clock::now();
  }

 private:
  void run() {
    while (!done_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!what_.empty() &&
          std::chrono::steady_clock::now() - started_ > limit_) {
        std::cerr << "HANG: " << what_ << " ran longer than " << limit_.count()
                  << " s\n";
        std::abort();
      }
    }
  }
  std::chrono::seconds limit_;
  std::mutex mutex_;
  std::string what_;
  std::chrono::steady_clock::time_point started_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

using Rng = std::mt19937_64;

std::size_t pick(Rng& rng, std::size_t n) {
  return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
}

void flip_bits(std::string& b, Rng& rng) {
  const std::size_t flips = 1 + pick(rng, 8);
  for (std::size_t i = 0; i < flips && !b.empty(); ++i) {
    b[pick(rng, b.size())] ^= static_cast<char>(1u << pick(rng, 8));
  }
}

void truncate(std::string& b, Rng& rng) { b.resize(pick(rng, b.size())); }

// Random bytes over the first 2 KiB (superblock, root group headers).
void smash_header(std::string& b, Rng& rng) {
  const std::size_t span = std::min<std::size_t>(b.size(), 2048);
  const std::size_t n = 1 + pick(rng, 16);
  for (std::size_t i = 0; i < n && span > 0; ++i) {
    b[pick(rng, span)] = static_cast<char>(pick(rng, 256));
  }
}

void mutate_bytes(std::string& b, Rng& rng) {
  switch (pick(rng, 3)) {
    case 0:
      flip_bits(b, rng);
      break;
    case 1:
      truncate(b, rng);
      break;
    default:
      smash_header(b, rng);
      break;
  }
}

struct Member {
  std::string name, bytes;
};

std::vector<Member> members_of(const std::string& archive) {
  ZipReader zip = ZipReader::from_buffer(archive);
  std::vector<Member> out;
  for (const std::string& name : zip.names()) {
    out.push_back({name, zip.read(name)});
  }
  return out;
}

std::string pack(const std::vector<Member>& members, const TempDir& dir) {
  const std::string path = dir.file("repacked.keras");
  ZipWriter out(path);
  for (const Member& m : members) out.add(m.name, m.bytes);
  out.close();
  return read_file(path);
}

// A corrupted .keras archive: raw damage, or damaged/reordered/missing
// members re-packed with valid CRCs.
std::string corrupt_keras(const std::string& original, Rng& rng,
                          const TempDir& dir) {
  std::string b = original;
  const std::size_t kind = pick(rng, 6);
  if (kind == 0) {
    flip_bits(b, rng);
    return b;
  }
  if (kind == 1) {
    truncate(b, rng);
    return b;
  }
  std::vector<Member> members = members_of(original);
  switch (kind) {
    case 2:  // damage config.json or model.weights.h5
    case 3:
      for (Member& m : members) {
        if (m.name == (kind == 2 ? "config.json" : "model.weights.h5")) {
          mutate_bytes(m.bytes, rng);
        }
      }
      break;
    case 4:  // swap two members' contents, or delete one
      if (pick(rng, 2) == 0) {
        std::swap(members[pick(rng, members.size())].bytes,
                  members[pick(rng, members.size())].bytes);
      } else {
        members.erase(members.begin() +
                      static_cast<std::ptrdiff_t>(pick(rng, members.size())));
      }
      break;
    default:  // reorder and rename
      std::shuffle(members.begin(), members.end(), rng);
      if (pick(rng, 2) == 0) members.front().name += "x";
      break;
  }
  return pack(members, dir);
}

// Zero inputs of the model's input shapes (None -> 2).
Tensors zero_inputs(Model& model) {
  Tensors xs;
  for (const Tensor& in : model.inputs()) {
    Shape s = in.shape();
    for (auto& d : s) d = d < 0 ? 2 : d;
    xs.push_back(Tensor::zeros(s, in.dtype()));
  }
  return xs;
}

// Runs `f`; a keras::Error is fine, anything else fails the case.
template <class F>
void expect_clean(const std::string& what, F f) {
  try {
    f();
  } catch (const Error&) {
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": non-keras exception " << typeid(e).name()
                  << ": " << e.what();
  } catch (...) {
    ADD_FAILURE() << what << ": unknown exception";
  }
}

const std::vector<std::string>& keras_sources() {
  static const std::vector<std::string> files = {
      fixture("bad/valid_reference/model.keras"),
      fixture("models/residual_cnn_block/model.keras"),
      fixture("models/multi_io_list/model.keras"),
      fixture("models/shared_layers/model.keras"),
      fixture("models/functional_in_functional/model.keras"),
  };
  return files;
}

TEST(CorruptionTest, CorruptedFilesLoadOrThrowKerasErrors) {
  const int cases = env_count("KERAS_CORRUPTION_CASES", 3000);
  TempDir dir;
  Watchdog watchdog(std::chrono::seconds(30));
  std::vector<std::string> originals;
  for (const std::string& f : keras_sources())
    originals.push_back(read_file(f));
  const std::string weights =
      read_file(fixture("bad/valid_reference/model.weights.h5"));
  const std::string legacy =
      read_file(fixture("weights/legacy_h5_sequential_mlp/model.h5"));
  auto target = load_model(keras_sources()[0], {.compile = false});
  Rng rng(20261127);
  int loaded = 0;
  for (int i = 0; i < cases; ++i) {
    const std::string what = "case " + std::to_string(i);
    watchdog.start(what);
    const std::size_t kind = pick(rng, 10);
    std::string path;
    std::string bytes;
    if (kind < 7) {  // .keras archives
      bytes = corrupt_keras(originals[pick(rng, originals.size())], rng, dir);
      path = dir.file("c.keras");
    } else if (kind < 9) {  // weights files
      bytes = weights;
      mutate_bytes(bytes, rng);
      path = dir.file("c.weights.h5");
    } else {  // legacy HDF5 models
      bytes = legacy;
      mutate_bytes(bytes, rng);
      path = dir.file("c.h5");
    }
    write_file_atomic(path, bytes);
    expect_clean(what, [&] {
      if (kind == 7 || kind == 8) {
        target->load_weights(path);
      } else {
        auto model = load_model(path);
        ++loaded;
        model->predict(zero_inputs(*model));
      }
    });
  }
  watchdog.start("");
  std::cout << cases << " corrupted files, " << loaded << " loaded\n";
}

// A sample through the CLI as a subprocess with a timeout: exit 0 or 1.
TEST(CorruptionTest, CliNeverCrashesOrHangsOnCorruptedFiles) {
  const int cases = env_count("KERAS_CORRUPTION_CLI_CASES", 100);
  TempDir dir;
  const std::string original = read_file(keras_sources()[0]);
  const std::string input = fixture("bad/valid_reference/input_0.npy");
  Rng rng(7);
  for (int i = 0; i < cases; ++i) {
    const std::string path = dir.file("c" + std::to_string(i) + ".keras");
    write_file_atomic(path, corrupt_keras(original, rng, dir));
    const std::string command =
        "timeout -s KILL 60 " + std::string(KERAS_CLI_PATH) + " predict " +
        path + " -i " + input + " -o " + dir.file("out") + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status)) << "case " << i << ": " << command;
    const int code = WEXITSTATUS(status);
    EXPECT_TRUE(code == 0 || code == 1) << "case " << i << " exited " << code
                                        << " (137 = timeout): " << command;
    if (code != 0 && code != 1) continue;
    std::filesystem::remove(path);
  }
}

}  // namespace
}  // namespace keras::saving
