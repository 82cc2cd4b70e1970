#include "keras/random/random.h"

#include <cmath>
#include <mutex>
#include <random>

namespace keras::random {

namespace {

std::mutex global_mutex;
std::mt19937_64 global_engine(1337);

std::mt19937_64 engine_for(Seed seed) {
  return std::mt19937_64(seed ? static_cast<std::uint64_t>(*seed)
                              : next_seed());
}

template <class Draw>
Tensor fill(const Shape& shape, DType dtype, Draw draw) {
  Tensor t = Tensor::empty(shape, DType::float64);
  double* p = t.data<double>();
  for (std::int64_t i = 0, n = t.size(); i < n; ++i) p[i] = draw();
  return t.astype(dtype);
}

}  // namespace

std::uint64_t next_seed() {
  std::lock_guard<std::mutex> lock(global_mutex);
  return global_engine();
}

void set_global_seed(std::uint64_t seed) {
  std::lock_guard<std::mutex> lock(global_mutex);
  global_engine.seed(seed);
}

Tensor normal(const Shape& shape, double mean, double stddev, Seed seed,
              DType dtype) {
  auto engine = engine_for(seed);
  std::normal_distribution<double> dist(mean, stddev);
  return fill(shape, dtype, [&] { return dist(engine); });
}

Tensor uniform(const Shape& shape, double minval, double maxval, Seed seed,
               DType dtype) {
  auto engine = engine_for(seed);
  std::uniform_real_distribution<double> dist(minval, maxval);
  return fill(shape, dtype, [&] { return dist(engine); });
}

Tensor truncated_normal(const Shape& shape, double mean, double stddev,
                        Seed seed, DType dtype) {
  auto engine = engine_for(seed);
  std::normal_distribution<double> dist(0.0, 1.0);
  return fill(shape, dtype, [&] {
    double z;
    do z = dist(engine);
    while (std::fabs(z) > 2.0);
    return mean + stddev * z;
  });
}

Tensor dropout_mask(const Shape& shape, double rate, Seed seed) {
  auto engine = engine_for(seed);
  std::uniform_real_distribution<double> dist(0.0, 1.0);
  const double scale = 1.0 / (1.0 - rate);
  return fill(shape, DType::float32,
              [&] { return dist(engine) < rate ? 0.0 : scale; });
}

}  // namespace keras::random
