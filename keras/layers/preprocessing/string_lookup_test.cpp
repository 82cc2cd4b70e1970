#include "keras/layers/preprocessing/string_lookup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "keras/keras.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/keras_version_compat.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::layers {
namespace {

using keras::testing::int64_values_of;
using keras::testing::string_tensor;

using keras::testing::expect_error;
using Strings = std::vector<std::string>;

// The examples of Keras 3.15's StringLookup docstring.
const Strings kVocab = {"a", "b", "c", "d"};

Strings texts(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::string);
  const std::string* p = t.data<std::string>();
  return {p, p + t.size()};
}

TEST(StringLookupTest, KnownVocabulary) {
  const Tensor out = StringLookup({.vocabulary = kVocab})(
      string_tensor({"a", "c", "d", "d", "z", "b"}, {2, 3}));
  EXPECT_EQ(out.shape(), (Shape{2, 3}));
  EXPECT_EQ(int64_values_of(out),
            (std::vector<std::int64_t>{1, 3, 4, 4, 0, 2}));
}

TEST(StringLookupTest, AdaptedVocabulary) {
  StringLookup layer;
  const Tensor data = string_tensor({"a", "c", "d", "d", "z", "b"}, {2, 3});
  layer->adapt(data);
  Strings vocab;
  for (const auto& t : layer->get_vocabulary()) {
    vocab.push_back(std::get<std::string>(t));
  }
  EXPECT_EQ(vocab, (Strings{"[UNK]", "d", "z", "c", "b", "a"}));
  EXPECT_EQ(int64_values_of(layer(data)),
            (std::vector<std::int64_t>{5, 3, 1, 1, 2, 4}));
  Strings plain;
  for (const auto& t : layer->get_vocabulary(false)) {
    plain.push_back(std::get<std::string>(t));
  }
  EXPECT_EQ(plain, (Strings{"d", "z", "c", "b", "a"}));
}

TEST(StringLookupTest, EncodedOutputs) {
  const Tensor one_hot =
      StringLookup({.vocabulary = kVocab, .output_mode = "one_hot"})(
          string_tensor({"a", "b", "c", "d", "z"}, {5}));
  EXPECT_EQ(one_hot.shape(), (Shape{5, 5}));
  EXPECT_EQ(int64_values_of(one_hot),
            (std::vector<std::int64_t>{0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
                                       1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}));
  const Tensor data =
      string_tensor({"a", "c", "d", "d", "d", "z", "b", "z"}, {2, 4});
  EXPECT_EQ(int64_values_of(StringLookup(
                {.vocabulary = kVocab, .output_mode = "multi_hot"})(data)),
            (std::vector<std::int64_t>{0, 1, 0, 1, 1, 1, 0, 1, 0, 1}));
  EXPECT_EQ(int64_values_of(StringLookup(
                {.vocabulary = kVocab, .output_mode = "count"})(data)),
            (std::vector<std::int64_t>{0, 1, 0, 1, 2, 2, 0, 1, 0, 1}));

  StringLookup tf_idf({.output_mode = "tf_idf"});
  tf_idf->set_vocabulary({"a", "b", "c", "d"},
                         std::vector<double>{0.25, 0.75, 0.6, 0.4});
  EXPECT_THAT(tf_idf(data).to_float_vector(),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{0, 0.25, 0, 0.6, 0.8, 1.0,
                                                      0, 0.75, 0, 0.4}));
  StringLookup with_oov({.output_mode = "tf_idf"});
  with_oov->set_vocabulary({"[UNK]", "a", "b", "c", "d"},
                           std::vector<double>{0.9, 0.25, 0.75, 0.6, 0.4});
  EXPECT_THAT(with_oov(data).to_float_vector(),
              ::testing::Pointwise(::testing::FloatNear(1e-6),
                                   std::vector<float>{0, 0.25, 0, 0.6, 0.8, 1.8,
                                                      0, 0.75, 0, 0.4}));
}

TEST(StringLookupTest, InvertGivesStrings) {
  StringLookup inverse({.vocabulary = kVocab, .invert = true});
  const Tensor out =
      inverse(Tensor::from_vector<std::int64_t>({1, 3, 4, 4, 0, 2}, {2, 3}));
  EXPECT_EQ(out.shape(), (Shape{2, 3}));
  EXPECT_EQ(texts(out), (Strings{"a", "c", "d", "d", "[UNK]", "b"}));
  StringLookup forward({.vocabulary = kVocab});
  EXPECT_EQ(texts(inverse(forward(string_tensor({"a", "z"}, {2})))),
            (Strings{"a", "[UNK]"}));
}

TEST(StringLookupTest, MaskToken) {
  StringLookup layer({.mask_token = "", .vocabulary = kVocab});
  EXPECT_EQ(int64_values_of(layer(string_tensor({"", "a", "q"}, {3}))),
            (std::vector<std::int64_t>{0, 2, 1}));
  EXPECT_EQ(
      int64_values_of(StringLookup(
          {.mask_token = "", .vocabulary = kVocab, .output_mode = "multi_hot"})(
          string_tensor({"", "a"}, {1, 2}))),
      (std::vector<std::int64_t>{0, 1, 0, 0, 0}));
}

TEST(StringLookupTest, OovStringsAreHashedIntoBuckets) {
  // Keras' docstring: FarmHash64 puts "m" in bucket 0 and "z" in bucket 1.
  StringLookup layer({.num_oov_indices = 2, .vocabulary = kVocab});
  EXPECT_EQ(int64_values_of(
                layer(string_tensor({"a", "c", "d", "m", "z", "b"}, {2, 3}))),
            (std::vector<std::int64_t>{2, 4, 5, 0, 1, 3}));
  StringLookup salted({.num_oov_indices = 2,
                       .vocabulary = kVocab,
                       .salt = std::array<std::int64_t, 2>{1, 2}});
  expect_error<NotImplementedError>([&] { salted(string_tensor({"m"}, {1})); },
                                    "SipHash64");
}

TEST(StringLookupTest, ConfigRoundTrip) {
  StringLookup layer({.mask_token = "",
                      .vocabulary = kVocab,
                      .output_mode = "count",
                      .base = {.name = "words"}});
  const Json config = layer->get_config();
  std::vector<std::string> keys;
  for (auto it = config.begin(); it != config.end(); ++it) {
    keys.push_back(it.key());
  }
  EXPECT_EQ(keys,
            (std::vector<std::string>{
                "name", "trainable", "dtype", "invert", "max_tokens",
                "num_oov_indices", "oov_token", "mask_token", "output_mode",
                "sparse", "pad_to_max_tokens", "idf_weights", "vocabulary",
                "vocabulary_size", "oov_method", "salt", "encoding"}));
  EXPECT_EQ(config["oov_token"], "[UNK]");
  EXPECT_EQ(config["mask_token"], "");
  EXPECT_EQ(config["vocabulary_size"], 5);
  EXPECT_EQ(config["encoding"], "utf-8");
  EXPECT_EQ(StringLookupLayer::from_config(config)->get_config(), config);
}

TEST(StringLookupTest, BadArgumentsAreErrors) {
  expect_error<ValueError>([] { StringLookup({.max_tokens = 0}); },
                           "If set, `max_tokens` must be greater than 1");
  expect_error<ValueError>([] { StringLookup({.output_mode = "tfidf"}); },
                           "Unknown value for `output_mode` argument of "
                           "StringLookup");
  expect_error<ValueError>([] { StringLookup({.sparse = true}); },
                           "TensorFlow backend");
  expect_error<ValueError>(
      [] {
        StringLookup({.vocabulary = Strings{"a", "b", "a", "b"}});
      },
      "The repeated terms are: ['a', 'b']");
  expect_error<TypeError>(
      [] {
        StringLookup({.vocabulary = kVocab})(
            Tensor::from_vector<std::int64_t>({1}, {1}));
      },
      "StringLookup expects string inputs");
  expect_error<TypeError>(
      [] {
        StringLookup({.vocabulary = kVocab, .invert = true})(
            string_tensor({"a"}, {1}));
      },
      "expects integer indices");
  expect_error<TypeError>(
      [] {
        Json config = StringLookup()->get_config();
        config["vocabulary"] = Json({1, 2});
        StringLookupLayer::from_config(config);
      },
      "`vocabulary` must be a list of strings");
}

TEST(StringLookupTest, ModelOnStringsSavesItsVocabularyAsAnAsset) {
  keras::testing::TempDir dir;
  auto x = Input({2}, {.dtype = DType::string});
  auto lookup = StringLookup();
  lookup->adapt(string_tensor({"a", "c", "d", "d", "z", "b"}, {2, 3}));
  auto model = std::make_shared<Model>(x, lookup(x));
  const std::string path = dir.file("words.keras");
  model->save(path);
  {
    saving::ZipReader zip(path);
    EXPECT_EQ(zip.read("assets/layers/string_lookup/vocabulary.txt"),
              "[UNK]\nd\nz\nc\nb\na");
  }
  auto back = saving::load_model(path);
  EXPECT_EQ(back->layers()[1]->class_name(), "StringLookup");
  const Tensor data = string_tensor({"a", "q", "d", "z"}, {2, 2});
  EXPECT_EQ(int64_values_of(back->predict(data, {.batch_size = 1})),
            (std::vector<std::int64_t>{5, 0, 1, 2}));
  // The input layer keeps its string dtype.
  EXPECT_EQ(back->serialize()["config"]["layers"][0]["config"]["dtype"],
            "string");
}

// An adapted "tf_idf" layer keeps its weights as Keras' save_own_variables
// does (vars/idf_weights) and its vocabulary as an asset.
TEST(StringLookupTest, AdaptedTfIdfSavesIdfWeightsAndVocabulary) {
  keras::testing::TempDir dir;
  auto x = Input({3}, {.dtype = DType::string});
  auto lookup = StringLookup({.output_mode = "tf_idf"});
  lookup->adapt(string_tensor({"a", "b", "b", "a", "c", "c"}, {2, 3}));
  // Terms tie on count, so by term descending: c, b, a. Weights are
  // log(1 + documents / (1 + documents with the term)); the OOV slot gets
  // their mean.
  const double a = std::log(1.0 + 2.0 / 3.0), bc = std::log(2.0);
  EXPECT_THAT(
      lookup->idf_weights(),
      ::testing::Pointwise(::testing::DoubleNear(1e-6),
                           std::vector<double>{(a + 2 * bc) / 3, bc, bc, a}));
  auto model = std::make_shared<Model>(x, lookup(x));
  const std::string path = dir.file("tfidf.keras");
  model->save(path);
  saving::ZipReader zip(path);
  EXPECT_EQ(zip.read("assets/layers/string_lookup/vocabulary.txt"),
            "[UNK]\nc\nb\na");
  const auto h5 = saving::H5File::open_image(zip.read("model.weights.h5"),
                                             "model.weights.h5");
  EXPECT_TRUE(h5.is_dataset("layers/string_lookup/vars/idf_weights"));
  auto back = saving::load_model(path);
  const Tensor data = string_tensor({"a", "c", "z"}, {1, 3});
  EXPECT_EQ(back->predict(data).to_float_vector(),
            model->predict(data).to_float_vector());
}

// oov_method and salt are keyword arguments since Keras 3.14: a file saved
// for an older Keras leaves them out.
TEST(StringLookupTest, SavingForOlderKerasDropsNewerKeys) {
  const Json record = StringLookup({.vocabulary = kVocab})->serialize();
  const Json old = saving::config_for_keras_minor(record, 13);
  EXPECT_FALSE(old["config"].contains("oov_method"));
  EXPECT_FALSE(old["config"].contains("salt"));
  EXPECT_TRUE(old["config"].contains("encoding"));
  EXPECT_EQ(saving::config_for_keras_minor(record, 14), record);
  const Json ints = IntegerLookup()->serialize();
  EXPECT_FALSE(
      saving::config_for_keras_minor(ints, 13)["config"].contains("salt"));
}

}  // namespace
}  // namespace keras::layers
