#include "bench/bench_models.h"

#include <stdexcept>

#include "keras/layers/activations/relu.h"
#include "keras/layers/convolutional/conv2d.h"
#include "keras/layers/normalization/batch_normalization.h"
#include "keras/layers/pooling/global_average_pooling2d.h"
#include "keras/layers/pooling/max_pooling2d.h"
#include "keras/layers/rnn/lstm.h"

namespace bench {

namespace L = keras::layers;
using keras::Input;
using keras::Tensor;
using keras::Tensors;

const std::vector<Workload>& workloads() {
  // FLOPs: 2 x multiply-adds of the matrix work (dense, conv, attention).
  static const std::vector<Workload> all = {
      {"mlp", {784}, 256, 2.0 * (784 * 512 + 512 * 512 + 512 * 10)},
      {"cnn",
       {32, 32, 3},
       64,
       2.0 * (32 * 32 * 32 * 27 + 16 * 16 * 64 * 288 + 8 * 8 * 128 * 576 +
              128 * 10)},
      {"lstm", {50, 32}, 32, 2.0 * 50 * (32 + 128) * 512},
      {"transformer",
       {64, 128},
       32,
       2.0 * (4 * 64 * 128 * 128 + 2 * 64 * 64 * 128 + 2 * 64 * 128 * 512)},
  };
  return all;
}

const Workload& workload(const std::string& name) {
  for (const Workload& w : workloads()) {
    if (w.name == name) return w;
  }
  throw std::invalid_argument("unknown workload " + name);
}

namespace {

ModelPtr mlp() {
  auto x = Input({784});
  auto h = L::Dense(512, {.activation = "relu", .base = {.name = "d1"}})(x);
  h = L::Dense(512, {.activation = "relu", .base = {.name = "d2"}})(h);
  auto y = L::Dense(10, {.base = {.name = "d3"}})(h);
  return std::make_shared<keras::Model>(x, y,
                                        keras::ModelOptions{.name = "mlp"});
}

Tensor conv_block(Tensor x, std::int64_t filters, int k, bool pool) {
  const std::string n = std::to_string(k);
  x = L::Conv2D(filters, {3, 3},
                {.padding = "same", .base = {.name = "c" + n}})(x);
  x = L::BatchNormalization({.base = {.name = "bn" + n}})(x);
  x = L::ReLU({.base = {.name = "relu" + n}})(x);
  if (pool) x = L::MaxPooling2D({.base = {.name = "pool" + n}})(x);
  return x;
}

ModelPtr cnn() {
  auto x = Input({32, 32, 3});
  auto h = conv_block(x, 32, 1, true);
  h = conv_block(h, 64, 2, true);
  h = conv_block(h, 128, 3, false);
  h = L::GlobalAveragePooling2D({.base = {.name = "gap"}})(h);
  auto y = L::Dense(10, {.base = {.name = "d"}})(h);
  auto model =
      std::make_shared<keras::Model>(x, y, keras::ModelOptions{.name = "cnn"});
  // Moving statistics other than 0/1, so the PyTorch cross-check sees them.
  std::uint64_t seed = 99;
  for (const auto& v : model->weights()) {
    const std::string& p = v->path();
    if (p.ends_with("moving_mean")) {
      v->assign(keras::random::uniform(v->shape(), -0.2, 0.2, seed++));
    } else if (p.ends_with("moving_variance")) {
      v->assign(keras::random::uniform(v->shape(), 0.5, 1.5, seed++));
    }
  }
  return model;
}

ModelPtr lstm() {
  auto x = Input({50, 32});
  auto y = L::LSTM(128, {.base = {.name = "lstm"}})(x);
  return std::make_shared<keras::Model>(
      x, y, keras::ModelOptions{.name = "lstm_model"});
}

}  // namespace

ModelPtr build(const std::string& name) {
  keras::random::set_global_seed(1234);
  if (name == "mlp") return mlp();
  if (name == "cnn") return cnn();
  if (name == "lstm") return lstm();
  if (name == "transformer") return transformer_block();
  throw std::invalid_argument("unknown workload " + name);
}

ModelPtr big_model() {
  keras::random::set_global_seed(1234);
  auto x = Input({1024});
  auto h = L::Dense(4096, {.activation = "relu"})(x);
  h = L::Dense(4096, {.activation = "relu"})(h);
  auto y = L::Dense(1024)(h);
  auto model =
      std::make_shared<keras::Model>(x, y, keras::ModelOptions{.name = "big"});
  model->compile({.optimizer = "sgd", .loss = "mean_squared_error"});
  return model;
}

ModelPtr guide_model() {
  keras::random::set_global_seed(1234);
  auto inputs = Input({32});
  auto outputs = L::Dense(1)(inputs);
  auto model = std::make_shared<keras::Model>(inputs, outputs);
  model->compile({.optimizer = std::make_shared<keras::optimizers::Adam>(),
                  .loss = "mean_squared_error"});
  return model;
}

Tensor inputs_for(const Workload& w, std::int64_t batch, std::uint64_t seed) {
  keras::Shape shape = {batch};
  shape.insert(shape.end(), w.sample.begin(), w.sample.end());
  return keras::random::uniform(shape, -1.0, 1.0, seed);
}

void compile_classifier(keras::Model& model) {
  model.compile(
      {.optimizer = std::make_shared<keras::optimizers::Adam>(
           keras::optimizers::AdamOptions{.learning_rate = 1e-3,
                                          .epsilon = 1e-7}),
       .loss = std::make_shared<keras::losses::SparseCategoricalCrossentropy>(
           keras::losses::SparseCategoricalCrossentropyOptions{.from_logits =
                                                                   true})});
}

}  // namespace bench
