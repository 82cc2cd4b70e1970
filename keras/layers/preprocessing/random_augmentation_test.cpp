#include "keras/layers/preprocessing/random_augmentation.h"

#include <gtest/gtest.h>

#include "keras/keras.h"

namespace keras::layers {
namespace {

TEST(RandomAugmentationTest, IdentityAtInferenceAndConfigKept) {
  const Json config = Json::parse(R"({"name": "random_flip", "trainable": true,
      "dtype": "float32", "data_format": "channels_last",
      "mode": "horizontal", "seed": null})");
  auto layer =
      saving::deserialize_keras_object<Layer>({{"module", "keras.layers"},
                                               {"class_name", "RandomFlip"},
                                               {"config", config},
                                               {"registered_name", nullptr}});
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {1, 2, 2, 1});
  EXPECT_EQ((*layer)(x).to_double_vector(), x.to_double_vector());
  const Json out = layer->get_config();
  EXPECT_EQ(out["mode"], "horizontal");
  EXPECT_TRUE(out["seed"].is_null());
  EXPECT_EQ(layer->class_name(), "RandomFlip");
}

}  // namespace
}  // namespace keras::layers
