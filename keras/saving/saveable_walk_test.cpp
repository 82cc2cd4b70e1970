#include "keras/saving/saveable_walk.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/saving/h5_file.h"
#include "keras/saving/weights_store.h"
#include "keras/testing/fixture_objects.h"
#include "keras/testing/test_utils.h"
#include "keras/testing/weights_tree.h"
#include "keras/utils/file_utils.h"

namespace keras {
namespace {

using layers::Dense;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Python:
//   self.blocks = [Dense(2), [Dense(3), [Dense(4)], Dense(5)],
//                  {"x": Dense(6), "y": [Dense(7)]}]
//   self.head = Dense(1)
// called as a chain in that order.
class NestedModel : public Model {
 public:
  NestedModel() : Model({}, "nested_model") {
    for (std::int64_t units = 2; units <= 7; ++units) {
      chain_.push_back(Dense(units).shared());
    }
    const std::vector<LayerPtr>& d = chain_;
    track_container(
        "blocks",
        {d[0], TrackedValue::list({d[1], TrackedValue::list({d[2]}), d[3]}),
         TrackedValue::list({d[4], TrackedValue::list({d[5]})})});
    head_ = track("head", Dense(1).shared());
  }
  std::string class_name() const override { return "NestedModel"; }
  Tensors call(const Tensors& inputs, const CallContext&) override {
    Tensor h = inputs.at(0);
    for (const LayerPtr& layer : chain_) h = (*layer)(h);
    return {(*head_)(h)};
  }

 private:
  std::vector<LayerPtr> chain_;
  LayerPtr head_;
};

std::vector<std::string> entry_paths(const Model& model) {
  std::vector<std::string> out;
  for (const auto& entry : saving::walk_saveables(model, nullptr)) {
    out.push_back(entry.vars_path);
  }
  return out;
}

std::vector<std::string> dataset_lines(const std::string& file) {
  std::vector<std::string> out;
  for (const std::string& line :
       testing::weights_tree(saving::H5File::open(file))) {
    if (line.find(" dataset ") != std::string::npos) out.push_back(line);
  }
  return out;
}

TEST(SaveableWalkTest, NestedContainersGetContainerSlots) {
  NestedModel model;
  model.build({{-1, 3}});
  // Keras 3.15: a list or dict inside a container is a `container` slot
  // (counted like class names); the model's `layers` holds nothing new.
  EXPECT_THAT(
      entry_paths(model),
      ElementsAre("vars", "blocks/dense/vars", "blocks/container/dense/vars",
                  "blocks/container/container/dense/vars",
                  "blocks/container/dense_1/vars",
                  "blocks/container_1/dense/vars",
                  "blocks/container_1/container/dense/vars", "head/vars"));
}

TEST(SaveableWalkTest, SavedFileHasTheNestedPaths) {
  NestedModel model;
  model.build({{-1, 3}});
  testing::TempDir tmp;
  model.save_weights(tmp.file("m.weights.h5"));
  EXPECT_THAT(
      dataset_lines(tmp.file("m.weights.h5")),
      ElementsAre("/blocks/container/container/dense/vars/0 dataset [3, 4]",
                  "/blocks/container/container/dense/vars/1 dataset [4]",
                  "/blocks/container/dense/vars/0 dataset [2, 3]",
                  "/blocks/container/dense/vars/1 dataset [3]",
                  "/blocks/container/dense_1/vars/0 dataset [4, 5]",
                  "/blocks/container/dense_1/vars/1 dataset [5]",
                  "/blocks/container_1/container/dense/vars/0 dataset [6, 7]",
                  "/blocks/container_1/container/dense/vars/1 dataset [7]",
                  "/blocks/container_1/dense/vars/0 dataset [5, 6]",
                  "/blocks/container_1/dense/vars/1 dataset [6]",
                  "/blocks/dense/vars/0 dataset [3, 2]",
                  "/blocks/dense/vars/1 dataset [2]",
                  "/head/vars/0 dataset [7, 1]", "/head/vars/1 dataset [1]"));
  // And they load back into another instance.
  NestedModel other;
  other.build({{-1, 3}});
  other.load_weights(tmp.file("m.weights.h5"));
  const auto a = model.get_weights(), b = other.get_weights();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(testing::AllClose(a[i], b[i], 0, 0)) << i;
  }
}

TEST(SaveableWalkTest, WeightsFollowNestedItemsDepthFirst) {
  NestedModel model;
  model.build({{-1, 3}});
  std::vector<Shape> shapes;
  for (const Tensor& w : model.get_weights()) shapes.push_back(w.shape());
  EXPECT_THAT(shapes, ElementsAre(Shape{3, 2}, Shape{2}, Shape{2, 3}, Shape{3},
                                  Shape{3, 4}, Shape{4}, Shape{4, 5}, Shape{5},
                                  Shape{5, 6}, Shape{6}, Shape{6, 7}, Shape{7},
                                  Shape{7, 1}, Shape{1}));
  EXPECT_EQ(model.layers().size(), 7u);
}

// Two lists holding one shared layer: Keras tracks it once (weights,
// layers) and stores it at its first path; the second list's counter still
// advances past it. None items are skipped without a slot.
class SharedModel : public Model {
 public:
  SharedModel() : Model({}, "shared_model") {
    shared_ = Dense(2).shared();
    a_ = Dense(2).shared();
    b_ = Dense(2).shared();
    track_container("a", {shared_, TrackedValue(), a_});
    track_container("b", {TrackedValue::list({}), shared_, b_});
  }
  std::string class_name() const override { return "SharedModel"; }
  Tensors call(const Tensors& inputs, const CallContext&) override {
    return {(*b_)((*a_)((*shared_)(inputs.at(0))))};
  }

 private:
  LayerPtr shared_, a_, b_;
};

TEST(SaveableWalkTest, SharedLayerIsStoredOnceAtItsFirstPath) {
  SharedModel model;
  model.build({{-1, 2}});
  EXPECT_THAT(
      entry_paths(model),
      ElementsAre("vars", "a/dense/vars", "a/dense_1/vars", "b/dense_1/vars"));
  EXPECT_EQ(model.layers().size(), 3u);
  EXPECT_EQ(model.weights().size(), 6u);
}

// Keras < 3.15 did not save layers inside nested containers; a subclassed
// model's `layers` attribute stored them instead (layers/dense_1, ...).
// Keras 3.15 skips the missing `container` groups with a warning, leaving
// those layers unvisited, and loads them through `layers`.
TEST(SaveableWalkTest, OldFilesLoadNestedLayersThroughModelLayers) {
  NestedModel model;
  model.build({{-1, 3}});
  const std::vector<Tensor> w = model.get_weights();
  saving::H5WeightsWriter out;
  out.make("vars", std::nullopt);
  const auto put = [&](const std::string& group, std::size_t layer) {
    out.make(group, std::nullopt);
    out.write(group, "0", w.at(2 * layer));
    out.write(group, "1", w.at(2 * layer + 1));
  };
  put("blocks/dense/vars", 0);
  put("head/vars", 6);
  for (std::size_t i = 1; i <= 5; ++i) {
    put("layers/dense_" + std::to_string(i) + "/vars", i);
  }
  testing::TempDir tmp;
  write_file_atomic(tmp.file("old.weights.h5"), out.bytes());

  NestedModel other;
  other.build({{-1, 3}});
  ::testing::internal::CaptureStderr();
  other.load_weights(tmp.file("old.weights.h5"));
  const std::string warnings = ::testing::internal::GetCapturedStderr();
  EXPECT_THAT(warnings,
              HasSubstr("Skipping nested container at 'blocks/container'"));
  EXPECT_THAT(warnings,
              HasSubstr("Skipping nested container at 'blocks/container_1'"));
  const std::vector<Tensor> loaded = other.get_weights();
  ASSERT_EQ(loaded.size(), w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    EXPECT_TRUE(testing::AllClose(loaded[i], w[i], 0, 0)) << i;
  }
}

// Inside a layer (not reachable through a model's `layers`), a layer in a
// missing nested container keeps its values; the rest loads.
TEST(SaveableWalkTest, MissingNestedContainerKeepsValuesAndWarns) {
  testing::register_fixture_objects();
  testing::AttrModel model(6, 3);
  model.build({{-1, 5}});
  saving::H5WeightsWriter out;
  for (const auto& entry : saving::walk_saveables(model, nullptr)) {
    if (entry.path.find("container") != std::string::npos) continue;
    out.make(entry.vars_path, entry.name);
    for (std::size_t i = 0; i < entry.variables.size(); ++i) {
      out.write(entry.vars_path, std::to_string(i),
                entry.variables[i]->value());
    }
  }
  testing::TempDir tmp;
  write_file_atomic(tmp.file("old.weights.h5"), out.bytes());

  testing::AttrModel other(6, 3);
  other.build({{-1, 5}});
  const std::vector<Tensor> before = other.get_weights();
  ::testing::internal::CaptureStderr();
  other.load_weights(tmp.file("old.weights.h5"));
  EXPECT_THAT(::testing::internal::GetCapturedStderr(),
              HasSubstr("Skipping nested container at "
                        "'block/sublist/container'"));
  const std::vector<Tensor> saved = model.get_weights();
  const std::vector<Tensor> loaded = other.get_weights();
  ASSERT_EQ(loaded.size(), saved.size());
  for (std::size_t i = 0; i < saved.size(); ++i) {
    // Weight 4 is block.sublist[1][0]'s kernel (no bias).
    EXPECT_TRUE(
        testing::AllClose(loaded[i], i == 4 ? before[i] : saved[i], 0, 0))
        << i;
  }
}

}  // namespace
}  // namespace keras
