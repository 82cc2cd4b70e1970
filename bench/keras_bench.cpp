// File: bench/keras_bench.cpp
// -----------------------------------------------------------------------------
// keras_bench: the C++ side of the benchmark suite of issue 8 (Google
// Benchmark). bench/compare.py runs it beside bench/torch_bench.py and turns
// both into ratios, target lines and bench/RESULTS.md.
//
//   keras_bench [--work_dir=DIR] [--threads=N] [benchmark flags]
//   keras_bench --export=DIR      weights, inputs and outputs of every
//                                 inference model as .npy (for PyTorch)
//   keras_bench --peak_rss=FILE   loads FILE once, prints peak RSS (JSON)
//
// Every workload reports real (wall) time: the BLAS runs on several threads.
// -----------------------------------------------------------------------------
#include <benchmark/benchmark.h>
#include <cblas.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_models.h"

namespace fs = std::filesystem;
using keras::Tensor;

namespace {

struct Settings {
  fs::path work_dir = "bench-tmp";
  int threads = 0;  // 0: OpenBLAS' default
};
Settings settings;

constexpr auto kRate = benchmark::Counter::kIsIterationInvariantRate;

std::vector<float> random_floats(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  std::vector<float> v(n);
  for (float& f : v) f = dist(gen);
  return v;
}

// ---- sgemm: the machine's own matrix rate ----

void sgemm(int m, int n, int k, const float* a, const float* b, float* c) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b,
              n, 0.0f, c, n);
}

void bm_sgemm(benchmark::State& state, int m, int n, int k) {
  auto a = random_floats(std::size_t(m) * k, 1);
  auto b = random_floats(std::size_t(k) * n, 2);
  std::vector<float> c(std::size_t(m) * n);
  for (auto _ : state) {
    sgemm(m, n, k, a.data(), b.data(), c.data());
    benchmark::ClobberMemory();
  }
  state.counters["flops"] = benchmark::Counter(2.0 * m * n * k, kRate);
}

// The three products of MLP 784-512-512-10 at batch B, back to back.
void bm_sgemm_mlp(benchmark::State& state, int batch) {
  const int dims[] = {784, 512, 512, 10};
  std::vector<std::vector<float>> w, act;
  act.push_back(random_floats(std::size_t(batch) * 784, 3));
  for (int l = 0; l < 3; ++l) {
    w.push_back(random_floats(std::size_t(dims[l]) * dims[l + 1], 4 + l));
    act.emplace_back(std::size_t(batch) * dims[l + 1]);
  }
  for (auto _ : state) {
    for (int l = 0; l < 3; ++l) {
      sgemm(batch, dims[l + 1], dims[l], act[l].data(), w[l].data(),
            act[l + 1].data());
    }
    benchmark::ClobberMemory();
  }
  state.counters["flops"] = benchmark::Counter(
      bench::workload("mlp").flops_per_sample * batch, kRate);
}

// ---- inference ----

void bm_predict(benchmark::State& state, const std::string& name,
                std::int64_t batch) {
  const bench::Workload& w = bench::workload(name);
  auto model = bench::build(name);
  const Tensor x = bench::inputs_for(w, batch, 7);
  model->predict(x, {.batch_size = batch});  // warm-up
  for (auto _ : state) {
    Tensor y = model->predict(x, {.batch_size = batch});
    benchmark::DoNotOptimize(y.raw_data());
  }
  state.SetItemsProcessed(state.iterations() * batch);
  state.counters["flops"] =
      benchmark::Counter(w.flops_per_sample * double(batch), kRate);
}

// ---- training ----

Tensor labels(std::int64_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::vector<std::int64_t> v(static_cast<std::size_t>(n));
  for (auto& l : v) l = std::int64_t(gen() % 10);
  return Tensor::from_vector(v, {n});
}

void bm_fit(benchmark::State& state, const std::string& name,
            std::int64_t samples, std::int64_t batch) {
  const bench::Workload& w = bench::workload(name);
  auto model = bench::build(name);
  bench::compile_classifier(*model);
  const Tensor x = bench::inputs_for(w, samples, 11);
  const Tensor y = labels(samples, 12);
  for (auto _ : state) {
    model->fit(x, y, {.batch_size = batch, .epochs = 1, .verbose = 0});
  }
  state.SetItemsProcessed(state.iterations() * samples);
  // Forward + backward (input and weight gradients): 3x the forward FLOPs.
  state.counters["flops"] =
      benchmark::Counter(3.0 * w.flops_per_sample * double(samples), kRate);
}

void bm_fit_guide(benchmark::State& state) {
  auto model = bench::guide_model();
  const Tensor x = keras::random::uniform({128, 32}, 0.0, 1.0, 1);
  const Tensor y = keras::random::uniform({128, 1}, 0.0, 1.0, 2);
  for (auto _ : state) model->fit(x, y, {.verbose = 0});
  state.SetItemsProcessed(state.iterations() * 128);
}

// ---- load and save, against reading and writing the same bytes ----

fs::path big_file() { return settings.work_dir / "big.keras"; }
fs::path guide_file() { return settings.work_dir / "guide.keras"; }

// Writes the two model files once, when the first io benchmark runs.
void prepare_files() {
  static bool done = false;
  if (done) return;
  done = true;
  fs::create_directories(settings.work_dir);
  bench::big_model()->save(big_file().string());
  // As in the guide: trained (so the file holds Adam's state), then saved.
  auto guide = bench::guide_model();
  guide->fit(keras::random::uniform({128, 32}, 0.0, 1.0, 1),
             keras::random::uniform({128, 1}, 0.0, 1.0, 2), {.verbose = 0});
  guide->save(guide_file().string());
}

void bm_read_bytes(benchmark::State& state) {
  prepare_files();
  const auto size = fs::file_size(big_file());
  for (auto _ : state) {
    // A fresh buffer each time: a loader must also get memory for the bytes.
    std::unique_ptr<char[]> buf(new char[size]);
    std::FILE* f = std::fopen(big_file().c_str(), "rb");
    const std::size_t got = std::fread(buf.get(), 1, size, f);
    std::fclose(f);
    if (got != size) state.SkipWithError("short read");
    benchmark::DoNotOptimize(buf.get());
  }
  state.SetBytesProcessed(std::int64_t(state.iterations() * size));
}

// Writes the big model file's bytes to `out` in each iteration: plainly
// (the page cache takes them), or the way save() must write to replace a
// file safely - into a temporary file beside it, fsync'd, renamed over it.
void write_bytes_floor(benchmark::State& state, bool durable) {
  prepare_files();
  const auto size = fs::file_size(big_file());
  std::vector<char> bytes(size);
  {
    std::ifstream in(big_file(), std::ios::binary);
    in.read(bytes.data(), std::streamsize(size));
  }
  const fs::path out = settings.work_dir / "floor.bin";
  const fs::path temp = settings.work_dir / "floor.bin.tmp";
  for (auto _ : state) {
    std::FILE* f = std::fopen((durable ? temp : out).c_str(), "wb");
    const std::size_t put = std::fwrite(bytes.data(), 1, size, f);
    if (durable) {
      std::fflush(f);
      ::fsync(::fileno(f));
    }
    std::fclose(f);
    if (durable) fs::rename(temp, out);
    if (put != size) state.SkipWithError("short write");
  }
  state.SetBytesProcessed(std::int64_t(state.iterations() * size));
}

void bm_write_bytes(benchmark::State& state) {
  write_bytes_floor(state, false);
}

void bm_write_bytes_durable(benchmark::State& state) {
  write_bytes_floor(state, true);
}

void bm_load(benchmark::State& state, const fs::path& file) {
  prepare_files();
  const auto size = fs::file_size(file);
  for (auto _ : state) {
    auto model = keras::saving::load_model(file.string());
    benchmark::DoNotOptimize(model.get());
  }
  state.SetBytesProcessed(std::int64_t(state.iterations() * size));
}

void bm_save(benchmark::State& state) {
  prepare_files();
  auto model = keras::saving::load_model(big_file().string());
  const fs::path out = settings.work_dir / "big_saved.keras";
  for (auto _ : state) model->save(out.string());
  state.SetBytesProcessed(
      std::int64_t(state.iterations() * fs::file_size(big_file())));
}

void register_all() {
  using benchmark::RegisterBenchmark;
  auto common = [](benchmark::internal::Benchmark* b, int reps) {
    b->UseRealTime()->Repetitions(reps)->ReportAggregatesOnly(true)->Unit(
        benchmark::kMillisecond);
    return b;
  };
  common(RegisterBenchmark("sgemm/1024", bm_sgemm, 1024, 1024, 1024), 5)
      ->MinTime(0.2);
  common(RegisterBenchmark("sgemm/mlp_b256", bm_sgemm_mlp, 256), 5)
      ->MinTime(0.2);
  for (const bench::Workload& w : bench::workloads()) {
    for (std::int64_t batch : {std::int64_t(1), w.big_batch}) {
      const std::string name =
          "predict/" + w.name + "/b" + std::to_string(batch);
      common(RegisterBenchmark(name.c_str(), bm_predict, w.name, batch), 5)
          ->MinTime(0.2);
    }
  }
  common(RegisterBenchmark("io/read_bytes", bm_read_bytes), 5)->MinTime(0.3);
  common(RegisterBenchmark("io/load", bm_load, big_file()), 5)->MinTime(0.3);
  common(RegisterBenchmark("io/write_bytes", bm_write_bytes), 5)->MinTime(0.3);
  common(RegisterBenchmark("io/write_bytes_durable", bm_write_bytes_durable), 5)
      ->MinTime(0.3);
  common(RegisterBenchmark("io/save", bm_save), 5)->MinTime(0.3);
  common(RegisterBenchmark("io/load_guide", bm_load, guide_file()), 5)
      ->MinTime(0.2);
  common(RegisterBenchmark("fit/guide", bm_fit_guide), 5)->MinTime(0.2);
  common(RegisterBenchmark("fit/mlp", bm_fit, std::string("mlp"),
                           std::int64_t(60000), std::int64_t(128)),
         3)
      ->Iterations(1);
  common(RegisterBenchmark("fit/cnn", bm_fit, std::string("cnn"),
                           std::int64_t(10000), std::int64_t(64)),
         1)
      ->Iterations(1);
}

// ---- modes for bench/compare.py ----

// Each inference model's variables (DIR/<model>/<i>.npy, listed with their
// paths in manifest.txt), a 4-sample input x.npy and the output y.npy.
int export_models(const fs::path& dir) {
  for (const bench::Workload& w : bench::workloads()) {
    const fs::path sub = dir / w.name;
    fs::create_directories(sub);
    auto model = bench::build(w.name);
    std::ofstream manifest(sub / "manifest.txt");
    int i = 0;
    for (const auto& v : model->weights()) {
      keras::save_npy((sub / (std::to_string(i) + ".npy")).string(),
                      v->value());
      manifest << i++ << " " << v->path() << "\n";
    }
    const Tensor x = bench::inputs_for(w, 4, 5);
    keras::save_npy((sub / "x.npy").string(), x);
    keras::save_npy((sub / "y.npy").string(), model->predict(x));
  }
  return 0;
}

long max_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int peak_rss(const std::string& file) {
  const long before = max_rss_kb();
  auto model = keras::saving::load_model(file);
  const long after = max_rss_kb();
  std::size_t weights_bytes = 0;
  for (const auto& v : model->weights()) weights_bytes += v->value().nbytes();
  std::cout << "{\"baseline_kb\": " << before << ", \"peak_kb\": " << after
            << ", \"weights_bytes\": " << weights_bytes
            << ", \"file_bytes\": " << fs::file_size(file) << "}\n";
  return model ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest = {argv[0]};
  std::string export_dir, rss_file;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](const char* flag) -> const char* {
      const std::string prefix = std::string(flag) + "=";
      return a.rfind(prefix, 0) == 0 ? argv[i] + prefix.size() : nullptr;
    };
    if (const char* v = value("--work_dir")) {
      settings.work_dir = v;
    } else if (const char* t = value("--threads")) {
      settings.threads = std::atoi(t);
    } else if (const char* e = value("--export")) {
      export_dir = e;
    } else if (const char* r = value("--peak_rss")) {
      rss_file = r;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (settings.threads > 0) openblas_set_num_threads(settings.threads);
  if (!rss_file.empty()) return peak_rss(rss_file);
  if (!export_dir.empty()) return export_models(export_dir);

  int n = int(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::AddCustomContext("blas_threads",
                              std::to_string(openblas_get_num_threads()));
  register_all();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
