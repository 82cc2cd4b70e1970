#include "keras/legacy/saving/legacy_h5_format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "keras/keras.h"
#include "keras/models/model.h"
#include "keras/ops/ops.h"
#include "keras/optimizers/optimizer.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/saving_lib.h"
#include "keras/testing/h5_tree.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

namespace keras::legacy::saving {
namespace {

namespace fs = std::filesystem;
using keras::saving::H5File;
using keras::testing::AllClose;
using keras::testing::TempDir;

std::string weights_fixture(const std::string& name) {
  return keras::testing::fixture("weights/" + name + "/");
}

std::string corpus(const std::string& relative) {
  return keras::testing::shared_path("corpus/" + relative);
}

// Loads `model_path`, predicts the case's inputs and compares with its
// expected outputs (a fixture or corpus case.json folder).
void expect_case(const std::string& model_path, const std::string& case_dir) {
  SCOPED_TRACE(model_path);
  const Json c = keras::testing::read_json(case_dir + "case.json");
  auto model = keras::saving::load_model(model_path, {.compile = false});
  Tensors inputs;
  for (const Json& in : c["inputs"]) {
    inputs.push_back(load_npy(case_dir + in["file"].get<std::string>()));
  }
  const Tensors outputs = model->predict(inputs);
  ASSERT_EQ(outputs.size(), c["outputs"].size());
  const double rtol = c["tolerance"]["rtol"].get<double>();
  const double atol = c["tolerance"]["atol"].get<double>();
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    const Tensor want =
        load_npy(case_dir + c["outputs"][k]["file"].get<std::string>());
    EXPECT_TRUE(AllClose(outputs[k], want, rtol, atol)) << "output " << k;
  }
}

TEST(LegacyH5Format, FixtureSequentialMlp) {
  const std::string dir = weights_fixture("legacy_h5_sequential_mlp");
  expect_case(dir + "model.h5", dir);
}

TEST(LegacyH5Format, FixtureNestedModels) {
  const std::string dir = weights_fixture("legacy_h5_nested_models");
  expect_case(dir + "model.h5", dir);
}

TEST(LegacyH5Format, FixtureFunctionalConvBn) {
  const std::string dir = weights_fixture("legacy_h5_functional_conv_bn");
  expect_case(dir + "model.h5", dir);
}

TEST(LegacyH5Format, CompilesAndRestoresOptimizerState) {
  const std::string path =
      weights_fixture("legacy_h5_sequential_mlp") + "model.h5";
  auto model = keras::saving::load_model(path);
  ASSERT_TRUE(model->compiled());
  const auto& optimizer = model->optimizer();
  EXPECT_EQ(optimizer->class_name(), "Adam");
  ASSERT_TRUE(optimizer->built());
  // One epoch of two batches was run before saving.
  const H5File file = H5File::open(path);
  const auto names = load_attributes_from_hdf5_group(file, "optimizer_weights",
                                                     "weight_names");
  ASSERT_EQ(names.size(), optimizer->variables().size());
  const Tensor iteration = file.read_dataset("optimizer_weights/" + names[0]);
  EXPECT_EQ(optimizer->variables()[0]->value().to_double_vector(),
            iteration.to_double_vector());
}

TEST(LegacyH5Format, CompilesFromKeras2TrainingConfig) {
  // Keras 2.2.4: SGD(lr=0.01, momentum=0.9, decay=1e-6, nesterov=True).
  const std::string path =
      corpus("files/11aditya11__python_chatbot__chatbot_model.h5");
  if (!fs::exists(path)) GTEST_SKIP();
  auto model = keras::saving::load_model(path);
  ASSERT_TRUE(model->compiled());
  const auto& optimizer = model->optimizer();
  EXPECT_EQ(optimizer->class_name(), "SGD");
  EXPECT_NEAR(optimizer->learning_rate(), 0.01, 1e-8);
  EXPECT_EQ(optimizer->get_config()["nesterov"], true);
}

TEST(LegacyH5Format, EveryCorpusHdf5CaseMatchesKeras) {
  const std::string expected = corpus("expected/");
  if (!fs::exists(expected)) GTEST_SKIP() << "no corpus at " << expected;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(expected)) {
    const std::string name = entry.path().filename().string();
    const std::string model = corpus("files/" + name);
    if (!is_hdf5_file(model)) continue;
    expect_case(model, entry.path().string() + "/");
    ++checked;
  }
  EXPECT_GE(checked, 20);
}

TEST(LegacyH5Format, Hdf5UnderKerasNameIsSniffed) {
  const std::string name = "CzJLee__Kaggle-Titanic__models__model.keras";
  if (!fs::exists(corpus("files/" + name))) GTEST_SKIP();
  EXPECT_TRUE(is_hdf5_file(corpus("files/" + name)));
  expect_case(corpus("files/" + name), corpus("expected/" + name + "/"));
}

TEST(LegacyH5Format, SniffsSignature) {
  TempDir dir;
  EXPECT_FALSE(is_hdf5_file(dir.file("missing.h5")));
  { std::ofstream(dir.file("text.h5")) << "not an hdf5 file at all"; }
  EXPECT_FALSE(is_hdf5_file(dir.file("text.h5")));
  auto h5 = H5File::create(dir.file("real.h5"));
  h5.close();
  EXPECT_TRUE(is_hdf5_file(dir.file("real.h5")));
  EXPECT_THROW(keras::saving::load_model(dir.file("text.h5")), FormatError);
  // After a user block of 512 bytes HDF5 still finds its superblock ...
  const std::string bytes = keras::testing::read_text(dir.file("real.h5"));
  {
    std::ofstream(dir.file("block.h5"), std::ios::binary)
        << std::string(512, ' ') << bytes;
  }
  EXPECT_TRUE(is_hdf5_file(dir.file("block.h5")));
  // ... but a zip holding an HDF5 member there is a zip.
  {
    std::ofstream(dir.file("zip.keras"), std::ios::binary)
        << "PK\x03\x04" << std::string(508, ' ') << bytes;
  }
  EXPECT_FALSE(is_hdf5_file(dir.file("zip.keras")));
}

TEST(LegacyH5Format, LoadWeightsFromLegacyH5) {
  const std::string path =
      weights_fixture("legacy_h5_functional_conv_bn") + "model.h5";
  auto reference = keras::saving::load_model(path, {.compile = false});
  auto model = keras::saving::load_model(path, {.compile = false});
  for (const VariablePtr& v : model->weights()) {
    v->assign(ops::zeros_like(v->value()));
  }
  model->load_weights(path);
  const Variables want = reference->weights();
  const Variables got = model->weights();
  ASSERT_EQ(want.size(), got.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_TRUE(AllClose(got[i]->value(), want[i]->value(), 0, 0))
        << got[i]->path();
  }
}

// ---- hostile files ----

// A copy of the sequential fixture's layout, written by H5File, with hooks
// to break it.
struct MiniFile {
  std::string model_config = {};
  bool with_weights_group = true;
  std::vector<std::string> layer_names = {"dense", "dense_1", "dense_2"};
  Shape first_kernel = {6, 8};
  bool list_missing_dataset = false;
  // Keras 2's save_weights("x.h5"): the layer groups at the root.
  bool weights_at_root = false;
};

std::string write_mini(const TempDir& dir, const MiniFile& m) {
  const std::string path = dir.file("mini.h5");
  auto out = H5File::create(path);
  const std::string root = m.weights_at_root ? "/" : "model_weights";
  out.create_group(root);
  if (!m.model_config.empty()) {
    out.write_string_attribute("/", "model_config", m.model_config);
  }
  if (m.with_weights_group) {
    out.write_string_array_attribute(root, "layer_names", m.layer_names);
    const std::vector<std::pair<Shape, Shape>> shapes = {
        {m.first_kernel, {8}}, {{8, 8}, {8}}, {{8, 3}, {3}}};
    for (std::size_t i = 0; i < m.layer_names.size() && i < 3; ++i) {
      const std::string g = root + "/" + m.layer_names[i];
      out.create_group(g);
      std::vector<std::string> names = {"kernel", "bias"};
      if (m.list_missing_dataset && i == 2) names.push_back("gamma");
      out.write_string_array_attribute(g, "weight_names", names);
      out.write_dataset(g + "/kernel", Tensor::full(shapes[i].first, 0.5));
      out.write_dataset(g + "/bias", Tensor::zeros(shapes[i].second));
    }
  }
  out.close();
  return path;
}

std::string fixture_model_config() {
  return keras::testing::read_json(weights_fixture("legacy_h5_sequential_mlp") +
                                   "root_attrs.json")["model_config"]
      .get<std::string>();
}

TEST(LegacyH5Format, MiniFileLoads) {
  TempDir dir;
  auto model = keras::saving::load_model(
      write_mini(dir, {.model_config = fixture_model_config()}));
  EXPECT_EQ(model->layers().size(), 3u);
  EXPECT_FALSE(model->compiled());  // no training_config
}

TEST(LegacyH5Format, LoadWeightsFromRootLayout) {
  TempDir dir;
  auto model = keras::saving::load_model(
      weights_fixture("legacy_h5_sequential_mlp") + "model.h5",
      {.compile = false});
  const std::string path = write_mini(dir, {.weights_at_root = true});
  model->load_weights(path);
  const Tensor kernel = model->layers()[1]->weights()[0]->value();
  EXPECT_EQ(kernel.shape(), (Shape{8, 8}));
  EXPECT_TRUE(AllClose(kernel, Tensor::full({8, 8}, 0.5), 0, 0));
}

TEST(LegacyH5Format, MissingModelConfig) {
  TempDir dir;
  try {
    keras::saving::load_model(write_mini(dir, {}));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("No model config found"),
              std::string::npos);
  }
}

TEST(LegacyH5Format, WeightsFileUnderKerasName) {
  try {
    keras::saving::load_model(
        keras::testing::fixture("bad/hdf5_with_keras_suffix/model.keras"));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("It holds only weights"),
              std::string::npos)
        << e.what();
  }
}

TEST(LegacyH5Format, Keras1ConfigErrorsNameTheVersion) {
  TempDir dir;
  auto out = H5File::create(dir.file("k1.h5"));
  out.write_string_attribute("/", "keras_version", "1.2.1");
  out.write_string_attribute("/", "model_config", R"({
      "class_name": "Sequential", "config": [{"class_name": "Dense",
      "config": {"name": "dense_1", "output_dim": 3, "init": "glorot_uniform",
                 "batch_input_shape": [null, 4]}}]})");
  out.close();
  try {
    keras::saving::load_model(dir.file("k1.h5"));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("written by Keras 1.2.1"),
              std::string::npos)
        << e.what();
  }
}

TEST(LegacyH5Format, BadJson) {
  TempDir dir;
  EXPECT_THROW(keras::saving::load_model(
                   write_mini(dir, {.model_config = "{\"class_name\": "})),
               FormatError);
}

TEST(LegacyH5Format, ConfigNotAModel) {
  TempDir dir;
  EXPECT_THROW(
      keras::saving::load_model(write_mini(dir, {.model_config = "[1, 2]"})),
      TypeError);
  EXPECT_THROW(keras::saving::load_model(write_mini(
                   dir, {.model_config = "{\"class_name\": \"Dense\"}"})),
               ValueError);
}

TEST(LegacyH5Format, WrongShape) {
  TempDir dir;
  try {
    keras::saving::load_model(write_mini(
        dir, {.model_config = fixture_model_config(), .first_kernel = {7, 8}}));
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_NE(std::string(e.what()).find("Shape mismatch in layer #0"),
              std::string::npos)
        << e.what();
  }
}

TEST(LegacyH5Format, LayerCountMismatch) {
  TempDir dir;
  EXPECT_THROW(keras::saving::load_model(
                   write_mini(dir, {.model_config = fixture_model_config(),
                                    .layer_names = {"dense", "dense_1"}})),
               ValueError);
}

TEST(LegacyH5Format, MissingWeightsGroupAndDatasets) {
  TempDir dir;
  EXPECT_THROW(keras::saving::load_model(write_mini(
                   dir, {.model_config = fixture_model_config(),
                         .layer_names = {"dense", "dense_1", "dense_2", "x"}})),
               FormatError);
  EXPECT_THROW(keras::saving::load_model(
                   write_mini(dir, {.model_config = fixture_model_config(),
                                    .list_missing_dataset = true})),
               FormatError);
}

TEST(LegacyH5Format, HostileNames) {
  TempDir dir;
  const std::string model_path =
      weights_fixture("legacy_h5_sequential_mlp") + "model.h5";
  auto model = keras::saving::load_model(model_path, {.compile = false});
  const auto write = [&](const std::vector<std::string>& layer_names,
                         const std::vector<std::string>& weight_names) {
    auto out = H5File::create(dir.file("w.h5"));
    out.write_string_array_attribute("/", "layer_names", layer_names);
    out.create_group("dense");
    out.write_string_array_attribute("dense", "weight_names", weight_names);
    out.close();
    return dir.file("w.h5");
  };
  EXPECT_THROW(model->load_weights(write({"../dense"}, {"kernel"})), Error);
  EXPECT_THROW(model->load_weights(write({"dense"}, {"../../kernel"})), Error);
  EXPECT_THROW(
      model->load_weights(write({"dense", "dense", "dense"}, {"missing"})),
      FormatError);
  // Numbers where names belong.
  auto out = H5File::create(dir.file("n.h5"));
  out.write_string_attribute("/", "layer_names", "dense");
  out.close();
  EXPECT_THROW(model->load_weights(dir.file("n.h5")), Error);
}

TEST(LegacyH5Format, ChunkedAttributes) {
  TempDir dir;
  auto out = H5File::create(dir.file("chunks.h5"));
  out.create_group("g");
  out.write_string_array_attribute("g", "layer_names0", {"a", "b"});
  out.write_string_array_attribute("g", "layer_names1", {"c"});
  out.close();
  const H5File in = H5File::open(dir.file("chunks.h5"));
  EXPECT_EQ(load_attributes_from_hdf5_group(in, "g", "layer_names"),
            (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(load_attributes_from_hdf5_group(in, "g", "weight_names").empty());
}

// Keras 3's legacy writer: our save_model_to_hdf5 of the loaded fixture
// model writes the fixture's structure (groups, datasets, attributes, the
// same model_config/training_config JSON), and our loader reads it back.
class LegacyH5Writer : public ::testing::TestWithParam<const char*> {};

TEST_P(LegacyH5Writer, WritesWhatKerasWrites) {
  const std::string dir = weights_fixture(GetParam());
  auto model = keras::saving::load_model(dir + "model.h5");
  TempDir tmp;
  const std::string out = tmp.file("model.h5");
  model->save(out);
  const H5File ours = H5File::open(out);
  const H5File keras = H5File::open(dir + "model.h5");
  const std::set<std::string> skip = {"backend", "keras_version",
                                      "model_config", "training_config"};
  const std::vector<std::string> tree = keras::testing::h5_tree(ours, skip);
  EXPECT_EQ(tree, keras::testing::h5_tree(keras, skip));
  for (const char* attr : {"model_config", "training_config"}) {
    const auto a = ours.read_string_attribute("/", attr);
    const auto b = keras.read_string_attribute("/", attr);
    ASSERT_EQ(a.has_value(), b.has_value()) << attr;
    if (a) EXPECT_EQ(parse_json(*a), parse_json(*b)) << attr;
  }
  EXPECT_EQ(ours.read_string_attribute("/", "keras_version"),
            keras::saving::kKerasFormatVersion);
  for (const std::string& line : tree) {
    const std::size_t sp = line.find(" dataset ");
    if (sp == std::string::npos) continue;
    const std::string path = line.substr(1, sp - 1);
    EXPECT_TRUE(
        AllClose(ours.read_dataset(path), keras.read_dataset(path), 0, 0))
        << path;
  }
  expect_case(out, dir);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, LegacyH5Writer,
                         ::testing::Values("legacy_h5_sequential_mlp",
                                           "legacy_h5_nested_models",
                                           "legacy_h5_functional_conv_bn"));

TEST(LegacyH5Format, WriterRoundTripsAnUncompiledModel) {
  auto inputs = Input({3});
  auto outputs = keras::layers::Dense(2)(inputs);
  auto model = std::make_shared<Model>(inputs, outputs);
  TempDir tmp;
  save_model_to_hdf5(*model, tmp.file("m.hdf5"));
  const H5File file = H5File::open(tmp.file("m.hdf5"));
  EXPECT_FALSE(file.has_attribute("/", "training_config"));
  EXPECT_FALSE(file.has("optimizer_weights"));
  auto back = keras::saving::load_model(tmp.file("m.hdf5"));
  const Tensor x = Tensor::ones({4, 3});
  EXPECT_TRUE(AllClose(back->predict(x), model->predict(x), 0, 0));
}

}  // namespace
}  // namespace keras::legacy::saving
