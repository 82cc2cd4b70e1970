#include "keras/layers/preprocessing/text_vectorization.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using keras::testing::int64_values_of;
using keras::testing::string_tensor;

using keras::testing::expect_error;
using Strings = std::vector<std::string>;

// Keras 3.15's TextVectorization docstring: adapt, then look up.
TEST(TextVectorizationTest, AdaptedVocabulary) {
  TextVectorization layer({.max_tokens = 5000, .output_sequence_length = 4});
  layer->adapt(string_tensor({"foo bar", "bar baz", "baz bada boom"}, {3}));
  EXPECT_EQ(layer->get_vocabulary(),
            (Strings{"", "[UNK]", "baz", "bar", "foo", "boom", "bada"}));
  const Tensor out = layer(string_tensor({"foo qux bar", "qux baz"}, {2, 1}));
  EXPECT_EQ(out.shape(), (Shape{2, 4}));
  EXPECT_EQ(int64_values_of(out),
            (std::vector<std::int64_t>{4, 1, 3, 0, 1, 2, 0, 0}));
}

TEST(TextVectorizationTest, GivenVocabulary) {
  TextVectorization layer(
      {.max_tokens = 5000,
       .output_sequence_length = 4,
       .vocabulary = Strings{"earth", "wind", "and", "fire"}});
  EXPECT_EQ(layer->get_vocabulary(),
            (Strings{"", "[UNK]", "earth", "wind", "and", "fire"}));
  // Standardized (ASCII lower case, punctuation dropped), split on
  // whitespace runs, truncated to the sequence length.
  EXPECT_EQ(int64_values_of(layer(
                string_tensor({"  Earth, WIND & fire!\tand water"}, {1}))),
            (std::vector<std::int64_t>{2, 3, 5, 4}));
}

TEST(TextVectorizationTest, RowsPadToTheLongestWithoutASequenceLength) {
  TextVectorization layer({.vocabulary = Strings{"a", "b"}});
  const Tensor out = layer(string_tensor({"a b a", "b", ""}, {3}));
  EXPECT_EQ(out.shape(), (Shape{3, 3}));
  EXPECT_EQ(int64_values_of(out),
            (std::vector<std::int64_t>{2, 3, 2, 3, 0, 0, 0, 0, 0}));
}

TEST(TextVectorizationTest, StandardizeSplitAndNgrams) {
  TextVectorization chars({.standardize = std::nullopt,
                           .split = "character",
                           .vocabulary = Strings{"a", "é", "B"}});
  EXPECT_EQ(int64_values_of(chars(string_tensor({"aéB!"}, {1}))),
            (std::vector<std::int64_t>{2, 3, 4, 1}));
  TextVectorization bigrams(
      {.ngrams = 2, .vocabulary = Strings{"a", "b", "a b", "b c"}});
  // 1-grams first, then 2-grams.
  EXPECT_EQ(int64_values_of(bigrams(string_tensor({"A b c"}, {1}))),
            (std::vector<std::int64_t>{2, 3, 1, 4, 5}));
  TextVectorization whole({.standardize = "lower",
                           .split = std::nullopt,
                           .vocabulary = Strings{"new york", "paris"}});
  const Tensor out = whole(string_tensor({"New York", "Rome"}, {2, 1}));
  EXPECT_EQ(out.shape(), (Shape{2, 1}));
  EXPECT_EQ(int64_values_of(out), (std::vector<std::int64_t>{2, 1}));
}

TEST(TextVectorizationTest, EncodedOutputModes) {
  const Strings vocab = {"a", "b", "c"};
  const Tensor data = string_tensor({"a b b z", "c"}, {2});
  EXPECT_EQ(int64_values_of(TextVectorization(
                {.output_mode = "multi_hot", .vocabulary = vocab})(data)),
            (std::vector<std::int64_t>{1, 1, 1, 0, 0, 0, 0, 1}));
  EXPECT_EQ(int64_values_of(TextVectorization(
                {.output_mode = "count", .vocabulary = vocab})(data)),
            (std::vector<std::int64_t>{1, 1, 2, 0, 0, 0, 0, 1}));
  const Tensor tf_idf = TextVectorization(
      {.output_mode = "tf_idf",
       .vocabulary = vocab,
       .idf_weights = std::vector<double>{0.5, 0.25, 1.0}})(data);
  EXPECT_THAT(tf_idf.to_float_vector(),
              ::testing::Pointwise(
                  ::testing::FloatNear(1e-6),
                  std::vector<float>{0.5833333f, 0.5, 0.5, 0, 0, 0, 0, 1}));
  const Tensor padded = TextVectorization({.max_tokens = 6,
                                           .output_mode = "multi_hot",
                                           .pad_to_max_tokens = true,
                                           .vocabulary = vocab})(data);
  EXPECT_EQ(padded.shape(), (Shape{2, 6}));
}

TEST(TextVectorizationTest, SymbolicShapes) {
  auto x = Input({1}, {.dtype = DType::string});
  auto y = TextVectorization(
      {.output_sequence_length = 7, .vocabulary = Strings{"a"}})(x);
  EXPECT_EQ(y.shape(), (Shape{-1, 7}));
  EXPECT_EQ(y.dtype(), DType::int64);
  auto z = TextVectorization(
      {.output_mode = "count", .vocabulary = Strings{"a", "b"}})(x);
  // Outside "int" the mask token "" has no slot: OOV + 2 terms.
  EXPECT_EQ(z.shape(), (Shape{-1, 3}));
}

TEST(TextVectorizationTest, ConfigRoundTrip) {
  TextVectorization layer({.max_tokens = 100,
                           .ngrams = Json({1, 3}),
                           .output_sequence_length = 9,
                           .vocabulary = Strings{"x", "y"},
                           .base = {.name = "tv"}});
  const Json config = layer->get_config();
  std::vector<std::string> keys;
  for (auto it = config.begin(); it != config.end(); ++it) {
    keys.push_back(it.key());
  }
  EXPECT_EQ(keys,
            (std::vector<std::string>{
                "name", "trainable", "dtype", "max_tokens", "standardize",
                "split", "ngrams", "output_mode", "output_sequence_length",
                "pad_to_max_tokens", "sparse", "ragged", "vocabulary",
                "idf_weights", "encoding", "vocabulary_size"}));
  EXPECT_EQ(config["ngrams"], Json({1, 3}));
  EXPECT_EQ(config["vocabulary_size"], 4);
  EXPECT_EQ(TextVectorizationLayer::from_config(config)->get_config(), config);
}

TEST(TextVectorizationTest, BadArgumentsAreErrors) {
  expect_error<ValueError>(
      [] { TextVectorization({.standardize = "upper"}); },
      "Unknown value for `standardize` argument of TextVectorization");
  expect_error<ValueError>([] { TextVectorization({.split = "comma"}); },
                           "Unknown value for `split`");
  expect_error<ValueError>([] { TextVectorization({.ngrams = "2"}); },
                           "`ngrams` must be None, an integer, or a tuple");
  expect_error<ValueError>(
      [] {
        TextVectorization(
            {.output_mode = "count", .output_sequence_length = 3});
      },
      "`output_sequence_length` must not be set");
  expect_error<ValueError>([] { TextVectorization({.ragged = true}); },
                           "`ragged=True` can only be used with the "
                           "TensorFlow backend");
  expect_error<ValueError>(
      [] {
        TextVectorization({.vocabulary = Strings{"a"}})(
            string_tensor({"a", "b"}, {1, 2}));
      },
      "the last shape dimension must be 1");
  expect_error<TypeError>(
      [] {
        TextVectorization({.vocabulary = Strings{"a"}})(
            Tensor::zeros({1}, DType::float32));
      },
      "TextVectorization expects string inputs");
  expect_error<NotImplementedError>(
      [] {
        Json config = TextVectorization()->get_config();
        config["standardize"] = Json{{"module", "builtins"},
                                     {"class_name", "function"},
                                     {"config", "my_standardize"}};
        TextVectorizationLayer::from_config(config);
      },
      "`standardize` is a Python callable");
}

TEST(TextVectorizationTest, SavesBothVocabularyAssetsAsKerasDoes) {
  keras::testing::TempDir dir;
  auto x = Input({1}, {.dtype = DType::string});
  auto tv = TextVectorization({.output_sequence_length = 3});
  tv->adapt(string_tensor({"b a", "b"}, {2}));
  auto model = std::make_shared<Model>(x, tv(x));
  const std::string path = dir.file("tv.keras");
  model->save(path);
  {
    saving::ZipReader zip(path);
    EXPECT_THAT(
        zip.names(),
        ::testing::ElementsAre(
            "metadata.json", "config.json", "model.weights.h5",
            "assets/layers/text_vectorization/vocabulary.txt",
            "assets/layers/text_vectorization/_lookup_layer/vocabulary.txt"));
    EXPECT_EQ(zip.read("assets/layers/text_vectorization/vocabulary.txt"),
              "\n[UNK]\nb\na");
  }
  auto back = saving::load_model(path);
  const Tensor data = string_tensor({"a b c"}, {1, 1});
  EXPECT_EQ(int64_values_of(back->predict(data)),
            (std::vector<std::int64_t>{3, 2, 1}));
}

// The two TextVectorization files of the corpus (Keras needed TensorFlow to
// run them, so there are no reference outputs): they load and read their
// vocabulary assets (Windows line ends in one of them).
TEST(TextVectorizationTest, CorpusFilesLoadTheirVocabulary) {
  const std::string files = keras::testing::shared_path("corpus/files/");
  auto bugs = saving::load_model(
      files + "prasanth-joe35__BugLoggerAI-Backend__vectorizer.keras",
      {.compile = false});
  auto* tv = dynamic_cast<TextVectorizationLayer*>(bugs->layers()[0].get());
  ASSERT_NE(tv, nullptr);
  EXPECT_EQ(tv->vocabulary_size(), 111);
  const Strings vocab = tv->get_vocabulary();
  EXPECT_EQ((Strings{vocab.begin(), vocab.begin() + 5}),
            (Strings{"", "[UNK]", "not", "on", "app"}));
  const Tensor out =
      bugs->predict(string_tensor({"App button NOT responding!"}, {1, 1}));
  EXPECT_EQ(out.shape(), (Shape{1, 30}));
  const auto got = int64_values_of(out);
  EXPECT_EQ((std::vector<std::int64_t>{got.begin(), got.begin() + 5}),
            (std::vector<std::int64_t>{4, 5, 2, 22, 0}));

  auto emotions = saving::load_model(
      files + "heygkad__emotion-analysis-backend__vectorizer.keras",
      {.compile = false});
  auto* tv2 =
      dynamic_cast<TextVectorizationLayer*>(emotions->layers()[0].get());
  ASSERT_NE(tv2, nullptr);
  EXPECT_EQ(tv2->vocabulary_size(), 20000);
  const Tensor feel =
      emotions->predict(string_tensor({"i feel the love"}, {1}));
  EXPECT_EQ(feel.shape(), (Shape{1, 100}));
  const auto f = int64_values_of(feel);
  EXPECT_EQ((std::vector<std::int64_t>{f.begin(), f.begin() + 5}),
            (std::vector<std::int64_t>{2, 6, 3, 45, 0}));
}

}  // namespace
}  // namespace keras::layers
