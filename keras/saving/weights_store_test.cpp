#include "keras/saving/weights_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/h5_tree.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/naming.h"

namespace keras::saving {
namespace {

using keras::testing::expect_predicts_case;
using keras::testing::weights_case;

namespace fs = std::filesystem;
using keras::testing::AllClose;
using keras::testing::expect_error;
using keras::testing::h5_tree;
using keras::testing::TempDir;
using ::testing::HasSubstr;

std::shared_ptr<Model> model_of(const std::string& dir) {
  return model_from_json_text(keras::testing::read_text(dir + "model.json"),
                              dir + "model.json", nullptr, /*compile=*/false);
}

// Same groups, datasets, attributes and values.
void expect_same_h5(const std::string& ours, const std::string& keras) {
  SCOPED_TRACE(ours + " vs " + keras);
  const H5File a = H5File::open(ours);
  const H5File b = H5File::open(keras);
  const std::vector<std::string> tree = h5_tree(a);
  ASSERT_EQ(tree, h5_tree(b));
  for (const std::string& line : tree) {
    const std::size_t sp = line.find(" dataset ");
    if (sp == std::string::npos) continue;
    const std::string path = line.substr(1, sp - 1);
    EXPECT_TRUE(AllClose(a.read_dataset(path), b.read_dataset(path), 0, 0))
        << path;
  }
}

// The sharded_weights model with Keras' weights loaded from its shards.
std::shared_ptr<Model> sharded_model() {
  const std::string dir = weights_case("sharded_weights");
  auto model = model_of(dir);
  model->load_weights(dir + "model.weights.json");
  return model;
}

class SaveWeightsFixture : public ::testing::TestWithParam<const char*> {};

// Keras' save_weights files load into model_from_json and predict; our
// save_weights of that model writes the same HDF5 structure.
TEST_P(SaveWeightsFixture, ReadsAndWritesLikeKeras) {
  // Fresh auto-names, as the fixtures were made (sublayer names such as
  // MultiHeadAttention's "dropout" are stored in the vars groups).
  utils::clear_session();
  const std::string dir = weights_case(GetParam());
  auto model = model_of(dir);
  if (std::string(GetParam()) == "save_weights_with_optimizer_state") {
    // The file holds optimizer/vars: a compiled model reads them back.
    model = model_from_json_text(keras::testing::read_text(dir + "model.json"),
                                 dir, nullptr, /*compile=*/true);
  }
  model->load_weights(dir + "model.weights.h5");
  expect_predicts_case(*model, dir);
  TempDir tmp;
  model->save_weights(tmp.file("model.weights.h5"));
  expect_same_h5(tmp.file("model.weights.h5"), dir + "model.weights.h5");
}

INSTANTIATE_TEST_SUITE_P(
    Weights, SaveWeightsFixture,
    ::testing::Values("save_weights_embedding_attention",
                      "save_weights_functional_conv_bn",
                      "save_weights_nested_models", "save_weights_rnn_stack",
                      "save_weights_sequential_mlp",
                      "save_weights_with_optimizer_state"));

TEST(ShardedWeights, ReadsKerasShards) {
  expect_predicts_case(*sharded_model(), weights_case("sharded_weights"));
}

TEST(ShardedWeights, WritesTheShardsKerasWrites) {
  const std::string dir = weights_case("sharded_weights");
  auto model = sharded_model();
  TempDir tmp;
  model->save_weights(tmp.file("model.weights.json"),
                      {.max_shard_size = 5e-06});
  // The index is byte-identical (json.dumps(indent=4)).
  EXPECT_EQ(keras::testing::read_text(tmp.file("model.weights.json")),
            keras::testing::read_text(dir + "model.weights.json"));
  for (const char* shard : {"model_00000.weights.h5", "model_00001.weights.h5",
                            "model_00002.weights.h5"}) {
    expect_same_h5(tmp.file(shard), dir + shard);
  }
  EXPECT_FALSE(fs::exists(tmp.file("model_00003.weights.h5")));
  auto back = model_of(dir);
  back->load_weights(tmp.file("model.weights.json"));
  expect_predicts_case(*back, dir);
}

TEST(ShardedWeights, OneShardWhenEverythingFits) {
  auto model = sharded_model();
  TempDir tmp;
  model->save_weights(tmp.file("big.weights.json"), {.max_shard_size = 1.0});
  const Json index = keras::testing::read_json(tmp.file("big.weights.json"));
  EXPECT_EQ(index["metadata"]["total_size"].get<double>(), 9716.0);
  EXPECT_EQ(index["weight_map"]["/layers/dense_3/vars"],
            Json::array({"big_00000.weights.h5"}));
  EXPECT_FALSE(fs::exists(tmp.file("big_00001.weights.h5")));
}

TEST(ShardedWeights, MissingShardIsAClearError) {
  const std::string dir = weights_case("sharded_weights");
  TempDir tmp;
  fs::copy_file(dir + "model.weights.json", tmp.file("model.weights.json"));
  fs::copy_file(dir + "model_00000.weights.h5",
                tmp.file("model_00000.weights.h5"));
  auto model = model_of(dir);
  try {
    model->load_weights(tmp.file("model.weights.json"));
    FAIL() << "expected FileError";
  } catch (const FileError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Missing weights shard "
                                    "model_00001.weights.h5"));
  }
}

TEST(ShardedWeights, BadIndexAndSuffixesAreErrors) {
  TempDir tmp;
  { std::ofstream(tmp.file("x.weights.json")) << R"({"metadata": {}})"; }
  auto model = model_of(weights_case("sharded_weights"));
  expect_error<FormatError>(
      [&] { model->load_weights(tmp.file("x.weights.json")); },
      "is not a sharded weights index");
  {
    std::ofstream(tmp.file("y.weights.json"))
        << R"({"weight_map": {"/vars": "../evil.weights.h5"}})";
  }
  expect_error<FormatError>(
      [&] { model->load_weights(tmp.file("y.weights.json")); },
      "must be a file name beside the index");
  try {
    model->save_weights(tmp.file("x.h5"), {.max_shard_size = 1.0});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("must end in `.weights.json`"));
  }
  expect_error<ValueError>(
      [&] { model->save_weights(tmp.file("x.weights.json")); },
      "The filename must end in `.weights.h5`");
  expect_error<ValueError>(
      [&] {
        model->save_weights(tmp.file("z.weights.json"), {.max_shard_size = 0});
      },
      "max_shard_size must be a positive number of GB");
}

TEST(ShardedWeights, VariableLargerThanAShardIsAnError) {
  auto model = sharded_model();
  TempDir tmp;
  try {
    model->save_weights(tmp.file("m.weights.json"), {.max_shard_size = 1e-6});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("exceeds the maximum shard size"));
  }
}

TEST(ShardedWeights, WeightsH5NameIsRenamedToJson) {
  auto model = model_of(weights_case("sharded_weights"));
  TempDir tmp;
  model->save_weights(tmp.file("m.weights.h5"), {.max_shard_size = 1.0});
  EXPECT_TRUE(fs::exists(tmp.file("m.weights.json")));
  EXPECT_TRUE(fs::exists(tmp.file("m_00000.weights.h5")));
}

}  // namespace
}  // namespace keras::saving
