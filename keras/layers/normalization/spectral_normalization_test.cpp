#include "keras/layers/normalization/spectral_normalization.h"

#include <gtest/gtest.h>

#include "keras/layers/core/dense.h"
#include "keras/layers/core/embedding.h"
#include "keras/layers/regularization/dropout.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

using testing::expect_error;

TEST(SpectralNormalizationTest, MatchesKerasFixture) {
  testing::expect_layer_case("spectral_normalization_dense");
}

TEST(SpectralNormalizationTest, HoldsTheKernelAndVectorUAsKerasDoes) {
  Dense dense(3);
  SpectralNormalization layer(dense);
  const Tensor x = random::normal({2, 5}, 0, 1, 1);
  const Tensor y = layer(x);
  Variables own = layer->own_variables();
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].get(), dense->kernel().get());  // shared, not a copy
  EXPECT_EQ(own[1]->name(), "vector_u");
  EXPECT_EQ(own[1]->shape(), (Shape{1, 3}));
  EXPECT_FALSE(own[1]->trainable());
  EXPECT_EQ(layer->weights().size(), 3u);  // kernel, vector_u, bias
  EXPECT_EQ(layer->trainable_weights().size(), 2u);
  EXPECT_EQ(layer->tracked_attributes().at(0).name, "layer");
  // Inference calls are the wrapped layer's.
  EXPECT_TRUE(testing::AllClose(y, dense(x)));
  SpectralNormalization emb(Embedding(6, 4));
  emb(Tensor::from_vector<std::int32_t>({1, 2}, {2}));
  EXPECT_EQ(emb->vector_u()->shape(), (Shape{1, 4}));
  EXPECT_EQ(emb->kernel()->name(), "embeddings");
}

TEST(SpectralNormalizationTest, TrainingCallsNormalizeTheKernel) {
  Dense dense(4, {.kernel_initializer = "random_normal"});
  SpectralNormalization layer(dense, {.power_iterations = 50});
  const Tensor x = random::normal({2, 6}, 0, 1, 2);
  layer(x);
  const Tensor before = dense->kernel()->value().clone();
  CallContext training;
  training.training = true;
  const Tensor y = layer(x, training);
  const Tensor after = dense->kernel()->value();
  EXPECT_FALSE(testing::AllClose(before, after));
  // The output already uses the normalized kernel.
  EXPECT_TRUE(testing::AllClose(y, dense(x)));
  // Converged: the new kernel has spectral norm 1, so normalizing again
  // changes nothing.
  EXPECT_TRUE(
      testing::AllClose(layer->normalized_weights()[1], after, 1e-4, 1e-5));
  // Its u is a unit vector.
  EXPECT_NEAR(ops::sum(ops::square(layer->vector_u()->value())).item(), 1.0,
              1e-5);
}

TEST(SpectralNormalizationTest, AllZeroKernelIsLeftAlone) {
  Dense dense(2, {.kernel_initializer = "zeros"});
  SpectralNormalization layer(dense);
  const Tensor x = random::normal({2, 3}, 0, 1, 3);
  layer(x);
  const Tensor u = layer->vector_u()->value().clone();
  CallContext training;
  training.training = true;
  layer(x, training);
  EXPECT_TRUE(testing::AllClose(layer->vector_u()->value(), u));
  EXPECT_TRUE(
      testing::AllClose(dense->kernel()->value(), Tensor::zeros({3, 2})));
}

TEST(SpectralNormalizationTest, GradientsMatchFiniteDifferences) {
  Dense dense(3, {.base = {.dtype = "float64"}});
  SpectralNormalization layer(dense, {.base = {.dtype = "float64"}});
  const Tensor x = random::normal({2, 4}, 0, 1, 4, DType::float64);
  layer(x);
  testing::expect_variable_gradients_match(
      [&] { return testing::weighted_sum_for_gradient_check(layer(x)); },
      layer->trainable_weights());
  testing::expect_gradients_match(
      [&](const Tensors& in) { return layer(in[0]); }, {x});
}

TEST(SpectralNormalizationTest, ConfigRoundTrips) {
  SpectralNormalization layer(Dense(2), {.power_iterations = 3});
  const Json config = layer->get_config();
  EXPECT_EQ(config["power_iterations"], 3);
  EXPECT_EQ(config["layer"]["class_name"], "Dense");
  EXPECT_EQ(SpectralNormalizationLayer::from_config(config)->get_config(),
            config);
}

TEST(SpectralNormalizationTest, SavedModelsLoadBack) {
  testing::TempDir dir;
  auto x = Input({5});
  SpectralNormalization layer(Dense(3));
  Model model({x}, {layer(x)});
  const Tensor in = random::normal({2, 5}, 0, 1, 12);
  CallContext training;
  training.training = true;
  layer(in, training);  // changes the kernel and vector_u
  const Tensor y = model.predict(Tensors{in})[0];
  model.save(dir.file("m.keras"));
  auto back = saving::load_model(dir.file("m.keras"));
  EXPECT_TRUE(testing::AllClose(back->predict(Tensors{in})[0], y, 0, 0));
  auto loaded = std::dynamic_pointer_cast<SpectralNormalizationLayer>(
      back->get_layer(layer->name()));
  ASSERT_TRUE(loaded);
  EXPECT_TRUE(testing::AllClose(loaded->vector_u()->value(),
                                layer->vector_u()->value(), 0, 0));
}

TEST(SpectralNormalizationTest, BadArgumentsAreRefused) {
  expect_error([] { SpectralNormalization layer(LayerPtr{}); },
               "Received: None");
  expect_error([] { SpectralNormalization(Dense(2), {.power_iterations = 0}); },
               "`power_iterations` should be greater than zero. Received: "
               "`power_iterations=0`");
  expect_error(
      [] {
        SpectralNormalization(Dropout(0.5))(Tensor::zeros({2, 3}));
      },
      "Dropout object has no attribute 'kernel' nor 'embeddings'");
  expect_error(
      [] {
        SpectralNormalization layer(Dense(2));
        layer(Tensor::zeros({2, 3}));
        layer(Tensor::zeros({2, 4}));
      },
      "expected axis -1 of input shape to have value 3");
}

}  // namespace
}  // namespace keras::layers
