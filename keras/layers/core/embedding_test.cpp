#include "keras/layers/core/embedding.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/layer_case.h"
#include "keras/ops/internal/gradient_check.h"

namespace keras::layers {
namespace {

using ::testing::HasSubstr;

TEST(EmbeddingTest, KerasFixtures) {
  // The second case averages with GlobalAveragePooling1D over the mask.
  for (const char* c : {"embedding", "embedding_mask_zero_gap"}) {
    SCOPED_TRACE(c);
    testing::expect_layer_case(c);
  }
}

TEST(EmbeddingTest, MaskZeroMasksPadding) {
  Embedding emb(5, 2, {.mask_zero = true});
  const Tensor y = emb(Tensor::from_vector<std::int32_t>({2, 0, 4}, {1, 3}));
  const Tensor mask = get_keras_mask(y);
  ASSERT_TRUE(mask.defined());
  EXPECT_EQ(mask.to_double_vector(), (std::vector<double>{1, 0, 1}));
  Embedding plain(5, 2);
  EXPECT_FALSE(
      get_keras_mask(plain(Tensor::from_vector<std::int32_t>({0}, {1})))
          .defined());
}

TEST(EmbeddingTest, LooksUpRows) {
  Embedding emb(4, 2, {.embeddings_initializer = "ones"});
  const Tensor ids = Tensor::from_vector<std::int32_t>({3, 0, 1}, {1, 3});
  emb(ids);
  emb->embeddings()->assign(
      Tensor::from_vector<float>({0, 1, 2, 3, 4, 5, 6, 7}, {4, 2}));
  EXPECT_TRUE(testing::AllClose(
      emb(ids), Tensor::from_vector<float>({6, 7, 0, 1, 2, 3}, {1, 3, 2})));
  // Float ids are truncated to int32 as in Keras.
  EXPECT_TRUE(testing::AllClose(emb(Tensor::from_vector<float>({1.7f}, {1})),
                                Tensor::from_vector<float>({2, 3}, {1, 2})));
  EXPECT_EQ(emb(Tensor::symbolic({-1, 5}, DType::int32)).shape(),
            (Shape{-1, 5, 2}));
}

TEST(EmbeddingTest, ConfigRoundTrip) {
  Embedding emb(10, 3, {.mask_zero = true});
  const Json config = emb->get_config();
  EXPECT_EQ(config["mask_zero"], true);
  EXPECT_EQ(config["embeddings_initializer"]["class_name"], "RandomUniform");
  EXPECT_EQ(EmbeddingLayer::from_config(config)->get_config(), config);
}

TEST(EmbeddingTest, BadArgumentsAreRefused) {
  try {
    Embedding emb(0, 3);
    FAIL() << "no error";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("`input_dim` must be a positive integer. "
                                    "Received: input_dim=0"));
  }
  EXPECT_THROW(Embedding(3, -1), ValueError);
  Embedding emb(3, 2);
  EXPECT_THROW(emb(Tensor::from_vector<std::int32_t>({3}, {1})), ValueError);
}

TEST(EmbeddingTest, GradientsMatchFiniteDifferences) {
  Embedding emb(
      5, 3,
      {.embeddings_regularizer = std::make_shared<regularizers::L2>(0.1),
       .base = {.dtype = "float64"}});
  const Tensor ids = Tensor::from_vector<std::int32_t>({1, 4, 1, 0}, {2, 2});
  emb(ids);
  const Tensor w = random::normal({2, 2, 3}, 0, 1, 1, DType::float64);
  testing::expect_variable_gradients_match(
      [&] {
        Tensor loss = ops::sum(emb(ids) * w);
        for (const Tensor& p : emb->losses()) loss = loss + p;
        return loss;
      },
      emb->weights());
}

}  // namespace
}  // namespace keras::layers
