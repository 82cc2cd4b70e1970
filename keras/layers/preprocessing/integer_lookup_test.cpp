#include "keras/layers/preprocessing/integer_lookup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using keras::testing::expect_error;

// The examples of Keras 3.15's IntegerLookup docstring.
const std::vector<std::int64_t> kIntegerVocab = {12, 36, 1138, 42};

Tensor ints(const std::vector<std::int64_t>& v, const Shape& shape) {
  return Tensor::from_vector<std::int64_t>(v, shape);
}

std::vector<std::int64_t> values(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::int64);
  const std::int64_t* p = t.data<std::int64_t>();
  return {p, p + t.size()};
}

TEST(IntegerLookupTest, KnownVocabulary) {
  IntegerLookup layer({.vocabulary = kIntegerVocab});
  const Tensor out = layer(ints({12, 1138, 42, 42, 1000, 36}, {2, 3}));
  EXPECT_EQ(out.shape(), (Shape{2, 3}));
  EXPECT_EQ(values(out), (std::vector<std::int64_t>{1, 3, 4, 4, 0, 2}));
  // Other integer dtypes are looked up as int64.
  EXPECT_EQ(values(layer(Tensor::from_vector<int>({36, 5}, {2}))),
            (std::vector<std::int64_t>{2, 0}));
}

TEST(IntegerLookupTest, AdaptedVocabularyIsSortedByCountThenValue) {
  IntegerLookup layer;
  const Tensor data = ints({12, 1138, 42, 42, 1000, 36}, {2, 3});
  layer->adapt(data);
  const auto vocab = layer->get_vocabulary();
  std::vector<std::int64_t> got;
  for (const auto& t : vocab) got.push_back(std::get<std::int64_t>(t));
  EXPECT_EQ(got, (std::vector<std::int64_t>{-1, 42, 1138, 1000, 36, 12}));
  EXPECT_EQ(values(layer(data)), (std::vector<std::int64_t>{5, 2, 1, 1, 3, 4}));
  EXPECT_EQ(layer->vocabulary_size(), 6);
}

TEST(IntegerLookupTest, MultipleOovIndicesUseFloormod) {
  IntegerLookup layer({.num_oov_indices = 2, .vocabulary = kIntegerVocab});
  EXPECT_EQ(values(layer(ints({12, 1138, 42, 37, 1000, 36}, {2, 3}))),
            (std::vector<std::int64_t>{2, 4, 5, 1, 0, 3}));
  IntegerLookup four({.num_oov_indices = 4,
                      .vocabulary = std::vector<std::int64_t>{10, 20, 30}});
  EXPECT_EQ(values(four(ints({100, 300, 700, 1100, 1700, 2000}, {6}))),
            (std::vector<std::int64_t>(6, 0)));
  // Negative terms: Python's floor modulo.
  EXPECT_EQ(values(four(ints({-1}, {1}))), (std::vector<std::int64_t>{3}));
  // oov_method="farmhash" hashes the decimal text (Keras' docstring).
  IntegerLookup farmhash({.num_oov_indices = 4,
                          .vocabulary = std::vector<std::int64_t>{10, 20, 30},
                          .oov_method = "farmhash"});
  EXPECT_EQ(values(farmhash(ints({100, 300, 700, 1100, 1700, 2000}, {6}))),
            (std::vector<std::int64_t>{3, 3, 2, 2, 0, 1}));
}

TEST(IntegerLookupTest, OneHotMultiHotCount) {
  const Tensor one_hot =
      IntegerLookup({.vocabulary = kIntegerVocab, .output_mode = "one_hot"})(
          ints({12, 36, 1138, 42, 7}, {5}));
  EXPECT_EQ(one_hot.shape(), (Shape{5, 5}));
  EXPECT_EQ(values(one_hot),
            (std::vector<std::int64_t>{0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
                                       1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}));
  const Tensor data = ints({12, 1138, 42, 42, 42, 7, 36, 7}, {2, 4});
  EXPECT_EQ(values(IntegerLookup({.vocabulary = kIntegerVocab,
                                  .output_mode = "multi_hot"})(data)),
            (std::vector<std::int64_t>{0, 1, 0, 1, 1, 1, 0, 1, 0, 1}));
  EXPECT_EQ(values(IntegerLookup(
                {.vocabulary = kIntegerVocab, .output_mode = "count"})(data)),
            (std::vector<std::int64_t>{0, 1, 0, 1, 2, 2, 0, 1, 0, 1}));
  // A trailing axis of 1 is the one encoded by one_hot.
  EXPECT_EQ(IntegerLookup({.vocabulary = kIntegerVocab,
                           .output_mode = "one_hot"})(ints({12, 36}, {2, 1}))
                .shape(),
            (Shape{2, 5}));
}

TEST(IntegerLookupTest, TfIdf) {
  const Tensor data = ints({12, 1138, 42, 42, 42, 7, 36, 7}, {2, 4});
  const Tensor a =
      IntegerLookup({.vocabulary = kIntegerVocab,
                     .idf_weights = std::vector<double>{0.25, 0.75, 0.6, 0.4},
                     .output_mode = "tf_idf"})(data);
  EXPECT_EQ(a.dtype(), DType::float32);
  EXPECT_THAT(a.to_float_vector(),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{0, 0.25, 0, 0.6, 0.8, 1.0,
                                                      0, 0.75, 0, 0.4}));
  // With the OOV term in the vocabulary, its weight is given.
  const Tensor b = IntegerLookup(
      {.vocabulary = std::vector<std::int64_t>{-1, 12, 36, 1138, 42},
       .idf_weights = std::vector<double>{0.9, 0.25, 0.75, 0.6, 0.4},
       .output_mode = "tf_idf"})(data);
  EXPECT_THAT(b.to_float_vector(),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{0, 0.25, 0, 0.6, 0.8, 1.8,
                                                      0, 0.75, 0, 0.4}));
}

TEST(IntegerLookupTest, InvertMapsIndicesBack) {
  IntegerLookup inverse({.vocabulary = kIntegerVocab, .invert = true});
  EXPECT_EQ(values(inverse(ints({1, 3, 4, 4, 0, 2}, {2, 3}))),
            (std::vector<std::int64_t>{12, 1138, 42, 42, -1, 36}));
  // Forward then inverse, with the forward layer's full vocabulary.
  IntegerLookup forward({.vocabulary = kIntegerVocab});
  std::vector<std::int64_t> full;
  for (const auto& t : forward->get_vocabulary()) {
    full.push_back(std::get<std::int64_t>(t));
  }
  IntegerLookup back({.vocabulary = full, .invert = true});
  EXPECT_EQ(values(back(forward(ints({12, 1138, 42, 42, 1000, 36}, {2, 3})))),
            (std::vector<std::int64_t>{12, 1138, 42, 42, -1, 36}));
}

TEST(IntegerLookupTest, MaskToken) {
  IntegerLookup layer({.mask_token = 0, .vocabulary = kIntegerVocab});
  // Index 0 is the mask, 1 the OOV slot.
  EXPECT_EQ(values(layer(ints({0, 12, 7, 42}, {4}))),
            (std::vector<std::int64_t>{0, 2, 1, 5}));
  std::vector<std::int64_t> vocab;
  for (const auto& t : layer->get_vocabulary()) {
    vocab.push_back(std::get<std::int64_t>(t));
  }
  EXPECT_EQ(vocab, (std::vector<std::int64_t>{0, -1, 12, 36, 1138, 42}));
  // Outside "int" the mask has no slot and masked inputs are dropped.
  EXPECT_EQ(values(IntegerLookup({.mask_token = 0,
                                  .vocabulary = kIntegerVocab,
                                  .output_mode = "count"})(
                ints({0, 0, 12, 7}, {1, 4}))),
            (std::vector<std::int64_t>{1, 1, 0, 0, 0}));
  // Inverted, index 0 gives the mask token back.
  EXPECT_EQ(values(IntegerLookup({.mask_token = 0,
                                  .vocabulary = kIntegerVocab,
                                  .invert = true})(ints({0, 1, 2}, {3}))),
            (std::vector<std::int64_t>{0, -1, 12}));
}

TEST(IntegerLookupTest, PadToMaxTokens) {
  const Tensor out =
      IntegerLookup({.max_tokens = 8,
                     .vocabulary = kIntegerVocab,
                     .output_mode = "multi_hot",
                     .pad_to_max_tokens = true})(ints({12, 7}, {1, 2}));
  EXPECT_EQ(out.shape(), (Shape{1, 8}));
  EXPECT_EQ(values(out), (std::vector<std::int64_t>{1, 1, 0, 0, 0, 0, 0, 0}));
}

TEST(IntegerLookupTest, NoOovIndicesRefusesUnknownTerms) {
  IntegerLookup layer({.num_oov_indices = 0, .vocabulary = kIntegerVocab});
  EXPECT_EQ(values(layer(ints({12, 42}, {2}))),
            (std::vector<std::int64_t>{0, 3}));
  expect_error<ValueError>(
      [&] {
        layer(ints({12, 7}, {2}));
      },
      "found OOV values [7], consider setting "
      "`num_oov_indices=1`");
}

TEST(IntegerLookupTest, SymbolicShapesAndDtypes) {
  auto x = Input({4}, {.dtype = DType::int64});
  auto y = IntegerLookup({.vocabulary = kIntegerVocab})(x);
  EXPECT_EQ(y.shape(), (Shape{-1, 4}));
  EXPECT_EQ(y.dtype(), DType::int64);
  auto z =
      IntegerLookup({.vocabulary = kIntegerVocab, .output_mode = "count"})(x);
  EXPECT_EQ(z.shape(), (Shape{-1, 5}));
}

TEST(IntegerLookupTest, ConfigRoundTrip) {
  IntegerLookup layer({.max_tokens = 10,
                       .num_oov_indices = 2,
                       .mask_token = 0,
                       .vocabulary = kIntegerVocab,
                       .output_mode = "int",
                       .base = {.name = "ids"}});
  const Json config = layer->get_config();
  std::vector<std::string> keys;
  for (auto it = config.begin(); it != config.end(); ++it) {
    keys.push_back(it.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "name", "trainable", "dtype", "invert", "max_tokens",
                      "num_oov_indices", "oov_token", "mask_token",
                      "output_mode", "sparse", "pad_to_max_tokens",
                      "vocabulary_dtype", "idf_weights", "vocabulary",
                      "vocabulary_size", "oov_method", "salt"}));
  EXPECT_EQ(config["vocabulary"], Json({12, 36, 1138, 42}));
  EXPECT_EQ(config["vocabulary_size"], 7);
  EXPECT_EQ(config["oov_token"], -1);
  EXPECT_EQ(config["mask_token"], 0);
  EXPECT_TRUE(config["salt"].is_null());
  auto back = IntegerLookupLayer::from_config(config);
  EXPECT_EQ(back->get_config(), config);
  // Keras' record of a layer with a salt: one integer stands for both.
  Json salted = config;
  salted["oov_method"] = "farmhash";
  salted["salt"] = 7;
  EXPECT_EQ(IntegerLookupLayer::from_config(salted)->get_config()["salt"],
            Json({7, 7}));
}

TEST(IntegerLookupTest, BadArgumentsAreErrors) {
  expect_error<ValueError>([] { IntegerLookup({.max_tokens = 1}); },
                           "If `max_tokens` is set for `IntegerLookup`, it "
                           "must be greater than 1. Received: max_tokens=1");
  expect_error<ValueError>([] { IntegerLookup({.num_oov_indices = -1}); },
                           "must >= 0. Received: num_oov_indices=-1");
  expect_error<ValueError>([] { IntegerLookup({.vocabulary_dtype = "int32"}); },
                           "Only `vocabulary_dtype='int64'` is supported");
  expect_error<ValueError>([] { IntegerLookup({.output_mode = "bad"}); },
                           "Unknown value for `output_mode` argument of "
                           "IntegerLookup");
  expect_error<ValueError>([] { IntegerLookup({.oov_method = "md5"}); },
                           "Unknown value for `oov_method`");
  expect_error<ValueError>(
      [] {
        IntegerLookup({.salt = std::array<std::int64_t, 2>{1, 2}});
      },
      "`salt` can only be used when `oov_method='farmhash'`");
  expect_error<ValueError>(
      [] { IntegerLookup({.invert = true, .output_mode = "count"}); },
      "`output_mode` must be `'int'` when `invert` is true");
  expect_error<ValueError>([] { IntegerLookup({.sparse = true}); },
                           "TensorFlow backend");
  expect_error<ValueError>(
      [] { IntegerLookup({.idf_weights = std::vector<double>{1.0}}); },
      "`idf_weights` should only be set if `output_mode` is `'tf_idf'`");
  expect_error<ValueError>(
      [] {
        IntegerLookup({.vocabulary = kIntegerVocab, .output_mode = "tf_idf"});
      },
      "the `idf_weights` argument must also be provided");
  expect_error<ValueError>(
      [] { IntegerLookup({.pad_to_max_tokens = true}); },
      "If pad_to_max_tokens is True, must set `max_tokens`");
  expect_error<ValueError>(
      [] {
        IntegerLookup({.vocabulary = std::vector<std::int64_t>{1, 2, 1}});
      },
      "The repeated terms are: [1]");
  expect_error<ValueError>(
      [] {
        IntegerLookup(
            {.mask_token = 2, .vocabulary = std::vector<std::int64_t>{1, 2}});
      },
      "Found reserved mask token at unexpected location");
  expect_error<ValueError>(
      [] {
        IntegerLookup(
            {.vocabulary = std::vector<std::int64_t>{1, -1}, .invert = true});
      },
      "Found reserved OOV token at unexpected location");
  expect_error<ValueError>(
      [] { IntegerLookup({.vocabulary = std::vector<std::int64_t>{}}); },
      "Cannot set an empty vocabulary");
  expect_error<ValueError>(
      [] { IntegerLookup({.max_tokens = 3, .vocabulary = kIntegerVocab}); },
      "Received vocabulary size is 5; `max_tokens` is 3.");
  expect_error<Error>(
      [] {
        IntegerLookup({.output_mode = "count"})(ints({1}, {1, 1}));
      },
      "you must set the layer's vocabulary before calling it");
  expect_error<TypeError>(
      [] {
        IntegerLookup({.vocabulary = kIntegerVocab})(
            Tensor::zeros({1}, DType::string));
      },
      "IntegerLookup expects integer inputs");
  expect_error<ValueError>(
      [] {
        Json config = IntegerLookup()->get_config();
        config["salt"] = Json({1, 2, 3});
        IntegerLookupLayer::from_config(config);
      },
      "can only be a tuple of 2 integers");
}

TEST(IntegerLookupTest, AdaptedVocabularyIsSavedAsAnAsset) {
  keras::testing::TempDir dir;
  auto x = Input({3}, {.dtype = DType::int64});
  auto lookup = IntegerLookup();
  lookup->adapt(ints({12, 1138, 42, 42, 1000, 36}, {2, 3}));
  auto model = std::make_shared<Model>(x, lookup(x));
  const std::string path = dir.file("lookup.keras");
  model->save(path);
  {
    saving::ZipReader zip(path);
    EXPECT_THAT(zip.names(),
                ::testing::ElementsAre(
                    "metadata.json", "config.json", "model.weights.h5",
                    "assets/layers/integer_lookup/vocabulary.txt"));
    EXPECT_EQ(zip.read("assets/layers/integer_lookup/vocabulary.txt"),
              "-1\n42\n1138\n1000\n36\n12");
  }
  auto back = saving::load_model(path);
  const Tensor data = ints({12, 1138, 42, 7, 1000, 36}, {2, 3});
  EXPECT_EQ(values(back->predict(data)), values(model->predict(data)));
  EXPECT_EQ(values(back->predict(data)),
            (std::vector<std::int64_t>{5, 2, 1, 0, 3, 4}));
  // A vocabulary given to the constructor is in the config: no asset.
  auto y = Input({3}, {.dtype = DType::int64});
  auto in_config = std::make_shared<Model>(
      y, IntegerLookup({.vocabulary = kIntegerVocab})(y));
  in_config->save(dir.file("config_vocab.keras"));
  EXPECT_EQ(saving::ZipReader(dir.file("config_vocab.keras")).names().size(),
            3u);
}

}  // namespace
}  // namespace keras::layers
