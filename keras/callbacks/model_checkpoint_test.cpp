#include "keras/callbacks/model_checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "keras/callbacks/callback_test_utils.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras::callbacks {
namespace {

namespace fs = std::filesystem;
using testing::expect_error;

TEST(ModelCheckpointTest, FormatsFilepathLikePython) {
  const Logs logs{{"val_loss", 0.123456}, {"loss", 2.5}};
  EXPECT_EQ(format_filepath("m.{epoch:02d}-{val_loss:.2f}.keras", 2,
                            std::nullopt, logs),
            "m.03-0.12.keras");
  EXPECT_EQ(
      format_filepath("{epoch}_{loss}_{loss:.1e}_{{x}}", 9, std::nullopt, logs),
      "10_2.5_2.5e+00_{x}");
  EXPECT_EQ(format_filepath("b{batch:03d}_{loss:>6.1f}", 0, 4, logs),
            "b005_   2.5");
  expect_error<ValueError>(
      [&] { format_filepath("{nope}.keras", 0, std::nullopt, logs); },
      "Failed to format this callback filepath: \"{nope}.keras\". Reason: "
      "'nope'");
  expect_error<ValueError>(
      [&] { format_filepath("{loss:02d}.keras", 0, std::nullopt, logs); },
      "Unknown format code 'd' for object of type 'float'");
}

TEST(ModelCheckpointTest, SavesEveryEpochAsKeras) {
  testing::TempDir dir;
  testing::LinearModel m;
  auto ckpt = std::make_shared<ModelCheckpoint>(
      dir.file("sub/model_{epoch:02d}.keras"));
  m.fit({ckpt}, 2);
  ASSERT_TRUE(fs::exists(dir.file("sub/model_01.keras")));
  ASSERT_TRUE(fs::exists(dir.file("sub/model_02.keras")));
  auto back = saving::load_model(dir.file("sub/model_02.keras"));
  EXPECT_TRUE(testing::AllClose(back->get_weights()[0],
                                m.model->get_weights()[0], 0, 0));
  EXPECT_TRUE(back->compiled());
}

// save_best_only keeps the epoch with the lowest val_loss; weights only.
TEST(ModelCheckpointTest, SaveBestOnlyWeights) {
  testing::TempDir dir;
  testing::LinearModel m;
  const std::string path = dir.file("best.weights.h5");
  auto ckpt = std::make_shared<ModelCheckpoint>(
      path, ModelCheckpointOptions{.save_best_only = true,
                                   .save_weights_only = true});
  m.fit({ckpt}, 2);
  ASSERT_TRUE(fs::exists(path));
  EXPECT_TRUE(ckpt->best().has_value());
  // Loss falls every epoch: the last epoch is the best.
  testing::LinearModel other;
  other.model->load_weights(path);
  EXPECT_NEAR(other.weight(), m.weight(), 1e-7);

  // mode="max" on a falling loss: only the first epoch is saved.
  testing::TempDir dir2;
  testing::LinearModel m2;
  const std::string path2 = dir2.file("w_{epoch}.weights.h5");
  m2.fit({std::make_shared<ModelCheckpoint>(
             path2, ModelCheckpointOptions{.monitor = "loss",
                                           .save_best_only = true,
                                           .save_weights_only = true,
                                           .mode = "max"})},
         3);
  EXPECT_TRUE(fs::exists(dir2.file("w_1.weights.h5")));
  EXPECT_FALSE(fs::exists(dir2.file("w_2.weights.h5")));
}

TEST(ModelCheckpointTest, SaveFreqInBatches) {
  testing::TempDir dir;
  testing::LinearModel m;  // 2 batches per epoch
  auto ckpt = std::make_shared<ModelCheckpoint>(
      dir.file("e{epoch}b{batch}.weights.h5"),
      ModelCheckpointOptions{.save_weights_only = true, .save_freq = 3});
  m.fit({ckpt}, 3, false);  // batches 1..6: saves after the 3rd and 6th
  EXPECT_TRUE(fs::exists(dir.file("e2b1.weights.h5")));
  EXPECT_TRUE(fs::exists(dir.file("e3b2.weights.h5")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()),
                          fs::directory_iterator{}),
            2);
}

TEST(ModelCheckpointTest, BadArguments) {
  expect_error<ValueError>(
      [] { ModelCheckpoint("model.h5x"); },
      "The filepath provided must end in `.keras` (Keras model format). "
      "Received: filepath=model.h5x");
  expect_error<ValueError>(
      [] { ModelCheckpoint("model.keras", {.save_weights_only = true}); },
      "When using `save_weights_only=True` in `ModelCheckpoint`, the "
      "filepath provided must end in `.weights.h5`");
  expect_error<ValueError>(
      [] { ModelCheckpoint("m.keras", {.save_freq = std::string("batch")}); },
      "Unrecognized save_freq: batch. Expected save_freq are 'epoch' or "
      "integer values");
  expect_error<ValueError>(
      [] { ModelCheckpoint("m.keras", {.save_freq = std::int64_t{0}}); },
      "Unrecognized save_freq: 0");
  testing::LinearModel m;
  testing::TempDir dir;
  auto ckpt = std::make_shared<ModelCheckpoint>(
      dir.file("m.keras"),
      ModelCheckpointOptions{.monitor = "val_mystery", .save_best_only = true});
  expect_error<ValueError>([&] { m.fit({ckpt}, 1); },
                           "ModelCheckpoint callback received "
                           "monitor=val_mystery but Keras isn't able to "
                           "automatically determine");
}

}  // namespace
}  // namespace keras::callbacks
