// A main() for the harnesses without libFuzzer (gcc builds, CI without
// clang): runs LLVMFuzzerTestOneInput on every file given (directories are
// walked), then on `KERAS_FUZZ_MUTATIONS` (default 0) random bit-flipped /
// truncated variants of them (fixed seed). Prints the number of executions.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size);

namespace {
void run(const std::string& bytes) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                         bytes.size());
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(argv[i])) {
      for (const auto& e :
           std::filesystem::recursive_directory_iterator(argv[i])) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else {
      files.emplace_back(argv[i]);
    }
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::ostringstream s;
      s << in.rdbuf();
      inputs.push_back(s.str());
    }
  }
  long executions = 0;
  for (const std::string& bytes : inputs) {
    run(bytes);
    ++executions;
  }
  const char* env = std::getenv("KERAS_FUZZ_MUTATIONS");
  const long mutations = env ? std::atol(env) : 0;
  std::mt19937_64 rng(1);
  for (long m = 0; m < mutations && !inputs.empty(); ++m) {
    std::string bytes = inputs[rng() % inputs.size()];
    if (bytes.empty()) continue;
    if (rng() % 4 == 0) {
      bytes.resize(rng() % bytes.size());
    } else {
      for (int k = 1 + static_cast<int>(rng() % 8); k > 0; --k) {
        bytes[rng() % bytes.size()] ^= static_cast<char>(1u << (rng() % 8));
      }
    }
    run(bytes);
    ++executions;
  }
  std::printf("%ld executions, no finding\n", executions);
  return 0;
}
