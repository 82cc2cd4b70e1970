// File: bench/bench_models.h
// -----------------------------------------------------------------------------
// The models of the benchmark suite (issue 8), built from a fixed seed so
// that every run has the same weights. Layer names are fixed because
// bench/torch_bench.py maps the exported variables to PyTorch by path
// ("d1/kernel", "mha/query/kernel", ...).
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "keras/keras.h"

namespace bench {

using ModelPtr = std::shared_ptr<keras::Model>;

// One inference workload: the model and its two batch sizes.
struct Workload {
  std::string name;         // "mlp", "cnn", "lstm", "transformer"
  keras::Shape sample;      // one sample's shape
  std::int64_t big_batch;   // the throughput batch
  double flops_per_sample;  // forward multiply-adds x 2 (matrix work only)
};

const std::vector<Workload>& workloads();

// Builds a workload's model (weights from seed 1234).
ModelPtr build(const std::string& name);

// Dense 1024-4096-4096-1024: 25.2M float32 parameters, about 100 MB.
ModelPtr big_model();
// The guide's first example: Input(32) -> Dense(1), Adam, mean squared error.
ModelPtr guide_model();

// Post-norm encoder block (bench_transformer.cpp).
ModelPtr transformer_block();

// Random inputs of `batch` samples for a workload (seeded).
keras::Tensor inputs_for(const Workload& w, std::int64_t batch,
                         std::uint64_t seed);
const Workload& workload(const std::string& name);

// Compiles a classification model as both sides train it: Adam(1e-3,
// epsilon 1e-7), sparse categorical crossentropy from logits.
void compile_classifier(keras::Model& model);

}  // namespace bench
