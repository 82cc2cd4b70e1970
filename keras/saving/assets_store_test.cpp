#include "keras/saving/assets_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "keras/keras.h"
#include "keras/saving/zip_archive.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

using keras::testing::read_text;

using keras::testing::expect_error;
namespace fs = std::filesystem;

constexpr const char* kMember = "assets/layers/integer_lookup/vocabulary.txt";

// A model whose IntegerLookup keeps its (adapted) vocabulary as an asset.
std::shared_ptr<Model> lookup_model() {
  auto x = Input({2}, {.dtype = DType::int64});
  auto lookup = layers::IntegerLookup();
  lookup->adapt(Tensor::from_vector<std::int64_t>({5, 7, 7, 9}, {2, 2}));
  return std::make_shared<Model>(x, lookup(x));
}

void spit(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Renames every occurrence of `from` in an archive's bytes (local header
// and central directory) to `to`, of the same length.
std::string renamed(std::string bytes, const std::string& from,
                    const std::string& to) {
  EXPECT_EQ(from.size(), to.size());
  for (std::size_t at = bytes.find(from); at != std::string::npos;
       at = bytes.find(from, at + 1)) {
    bytes.replace(at, from.size(), to);
  }
  return bytes;
}

TEST(AssetsStoreTest, AssetsDirWritesAndReads) {
  AssetsDir dir("assets/layers/x");
  dir.write("b.txt", "B");
  dir.write("sub/a.txt", "A");
  EXPECT_EQ(dir.names(), (std::vector<std::string>{"b.txt", "sub/a.txt"}));
  EXPECT_TRUE(dir.contains("sub/a.txt"));
  EXPECT_EQ(dir.read("b.txt"), "B");
  expect_error<FormatError>([&] { dir.read("c.txt"); },
                            "no asset 'assets/layers/x/c.txt'");
  for (const char* bad : {"../escape.txt", "/etc/passwd", "a\\b", ""}) {
    expect_error<ValueError>([&] { dir.write(bad, "x"); },
                             "Invalid asset path");
  }
}

TEST(AssetsStoreTest, DirectoryFormatKeepsAssets) {
  keras::testing::TempDir tmp;
  auto model = lookup_model();
  const std::string dir = tmp.file("saved");
  model->save(dir, {.zipped = false});
  EXPECT_EQ(read_text(dir + "/" + kMember), "-1\n7\n9\n5");
  auto back = load_model(dir);
  const Tensor x = Tensor::from_vector<std::int64_t>({9, 5, 1, 7}, {2, 2});
  EXPECT_EQ(back->predict(x).to_double_vector(),
            (std::vector<double>{2, 3, 0, 1}));
}

TEST(AssetsStoreTest, DirectoryFormatRefusesSymlinkedAssets) {
  keras::testing::TempDir tmp;
  const std::string dir = tmp.file("saved");
  lookup_model()->save(dir, {.zipped = false});
  const std::string file = dir + "/" + kMember;
  fs::remove(file);
  spit(tmp.file("secret.txt"), "1\n2\n");
  fs::create_symlink(tmp.file("secret.txt"), file);
  expect_error<FormatError>([&] { load_model(dir); }, "is a symbolic link");
}

TEST(AssetsStoreTest, HostileAssetNamesAreRefused) {
  keras::testing::TempDir tmp;
  const std::string path = tmp.file("m.keras");
  lookup_model()->save(path);
  const std::string bytes = read_text(path);
  const std::string name = kMember;
  // Same length as the real name, so offsets stay valid.
  const std::vector<std::string> hostile = {
      "assets/../../../../../../../../tmp/evil.txt",
      "/assets/layers/integer_lookup/vocabulary.tx",
  };
  for (const std::string& evil : hostile) {
    ASSERT_EQ(evil.size(), name.size()) << evil;
    const std::string crafted = tmp.file("crafted.keras");
    spit(crafted, renamed(bytes, name, evil));
    expect_error<FormatError>([&] { load_model(crafted); },
                              "unsafe ZIP member name");
  }
}

TEST(AssetsStoreTest, MissingVocabularyAssetIsNamed) {
  keras::testing::TempDir tmp;
  const std::string path = tmp.file("m.keras");
  lookup_model()->save(path);
  // The asset moved to another layer's directory: this layer has none.
  const std::string moved = "assets/layers/integer_lookuq/vocabulary.txt";
  const std::string crafted = tmp.file("moved.keras");
  spit(crafted, renamed(read_text(path), kMember, moved));
  expect_error<FormatError>(
      [&] { load_model(crafted); },
      "no asset 'assets/layers/integer_lookup/vocabulary.txt'");
}

TEST(AssetsStoreTest, AssetSizeIsCapped) {
  keras::testing::TempDir tmp;
  const std::string path = tmp.file("m.keras");
  lookup_model()->save(path);
  LoadOptions options;
  options.limits.max_asset_bytes = 4;
  expect_error<FormatError>([&] { load_model(path, options); },
                            "Limits::max_asset_bytes");
}

}  // namespace
}  // namespace keras::saving
