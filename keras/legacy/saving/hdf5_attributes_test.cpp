// Keras' save_attributes_to_hdf5_group / load_attributes_from_hdf5_group:
// string lists over HDF5's 64 KiB object header limit are split into
// `name0`, `name1`, ... attributes, both ways.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "keras/keras.h"
#include "keras/legacy/saving/legacy_h5_format.h"
#include "keras/models/model.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/saving_lib.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::legacy::saving {
namespace {

using keras::saving::H5File;
using keras::testing::AllClose;
using keras::testing::TempDir;

std::vector<std::string> names(std::size_t n, std::size_t length) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string name = "layer_" + std::to_string(i) + "_";
    name.resize(length, 'x');
    out.push_back(name);
  }
  return out;
}

TEST(Hdf5Attributes, SmallListsStayOneAttribute) {
  H5File file = H5File::create_in_memory("small.h5");
  file.create_group("g");
  // 64512 bytes exactly: 504 items of 128 bytes.
  const auto data = names(504, 128);
  save_attributes_to_hdf5_group(file, "g", "layer_names", data);
  EXPECT_TRUE(file.has_attribute("g", "layer_names"));
  EXPECT_FALSE(file.has_attribute("g", "layer_names0"));
  EXPECT_EQ(load_attributes_from_hdf5_group(file, "g", "layer_names"), data);
}

TEST(Hdf5Attributes, LargeListsAreSplitAsNumpyArraySplit) {
  H5File file = H5File::create_in_memory("large.h5");
  file.create_group("g");
  // 1001 items sized 130 bytes (the longest): 130130 bytes; two chunks of
  // 501 items are still 65130 bytes, so three: 334, 334, 333.
  auto data = names(1001, 120);
  data[7].resize(130, 'y');
  save_attributes_to_hdf5_group(file, "g", "weight_names", data);
  EXPECT_FALSE(file.has_attribute("g", "weight_names"));
  const std::vector<std::size_t> sizes = {334, 334, 333};
  for (std::size_t c = 0; c < sizes.size(); ++c) {
    const std::string name = "weight_names" + std::to_string(c);
    ASSERT_TRUE(file.has_attribute("g", name));
    EXPECT_EQ(file.read_string_array_attribute("g", name).size(), sizes[c]);
  }
  EXPECT_FALSE(file.has_attribute("g", "weight_names3"));
  EXPECT_EQ(load_attributes_from_hdf5_group(file, "g", "weight_names"), data);
  // The file re-opens from its bytes with the chunks intact.
  const std::string bytes = file.file_image();
  const H5File back = H5File::open_image(bytes, "large.h5");
  EXPECT_EQ(load_attributes_from_hdf5_group(back, "g", "weight_names"), data);
}

TEST(Hdf5Attributes, AnItemOverTheLimitIsRefused) {
  H5File file = H5File::create_in_memory("bad.h5");
  file.create_group("g");
  keras::testing::expect_error<ValueError>(
      [&] {
        save_attributes_to_hdf5_group(file, "g", "layer_names",
                                      {"a", std::string(64513, 'z')});
      },
      "The following attributes cannot be saved to HDF5 file because they "
      "are larger than 64512 bytes");
}

// A model whose layer_names pass 64 KiB: 600 Dense layers named with 120
// characters (72000 bytes) are written as layer_names0/1 and load back.
TEST(Hdf5Attributes, ModelWithManyLongLayerNamesRoundTrips) {
  const std::size_t n = 600;
  const auto layer_names = names(n, 120);
  auto x = Input({2}, {.name = "x"});
  Tensor h = x;
  for (const std::string& name : layer_names) {
    h = keras::layers::Dense(2, {.base = {.name = name}})(h);
  }
  auto model = std::make_shared<Model>(x, h);
  TempDir dir;
  const std::string path = dir.file("many.h5");
  keras::saving::save_model(*model, path);

  const H5File file = H5File::open(path);
  EXPECT_FALSE(file.has_attribute("model_weights", "layer_names"));
  EXPECT_TRUE(file.has_attribute("model_weights", "layer_names0"));
  EXPECT_TRUE(file.has_attribute("model_weights", "layer_names1"));
  EXPECT_FALSE(file.has_attribute("model_weights", "layer_names2"));
  std::vector<std::string> all = {"x"};
  all.insert(all.end(), layer_names.begin(), layer_names.end());
  EXPECT_EQ(
      load_attributes_from_hdf5_group(file, "model_weights", "layer_names"),
      all);

  auto back = keras::saving::load_model(path, {.compile = false});
  const Tensor input =
      Tensor::from_vector(std::vector<float>{0.5f, -1.0f}, {1, 2});
  EXPECT_TRUE(AllClose(back->predict(input), model->predict(input), 0.0, 0.0));
  // load_weights reads the chunked list too, by position and by name.
  back->load_weights(path, {.by_name = true});
  back->load_weights(path);
}

}  // namespace
}  // namespace keras::legacy::saving
