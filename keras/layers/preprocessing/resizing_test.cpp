#include "keras/layers/preprocessing/resizing.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(ResizingTest, MatchesKerasFixtures) {
  for (const char* c :
       {"resizing_bilinear", "resizing_nearest", "resizing_crop_aspect"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(ResizingTest, SymbolicOutputShape) {
  auto x = keras::Input({6, 8, 3});
  EXPECT_EQ(Resizing(3, 4)(x).shape(), (Shape{-1, 3, 4, 3}));
  EXPECT_EQ(
      Resizing(3, 4, {.data_format = "channels_first"})(keras::Input({3, 6, 8}))
          .shape(),
      (Shape{-1, 3, 3, 4}));
}

TEST(ResizingTest, PadToAspectRatioFillsBorders) {
  // A 1x4 image padded to the 3:4 aspect: one fill row above and below.
  const Tensor x = Tensor::from_vector<float>({1, 2, 3, 4}, {1, 1, 4, 1});
  const Tensor y = Resizing(3, 4,
                            {.interpolation = "nearest",
                             .pad_to_aspect_ratio = true,
                             .fill_value = 9})(x);
  EXPECT_EQ(y.to_double_vector(),
            (std::vector<double>{9, 9, 9, 9, 1, 2, 3, 4, 9, 9, 9, 9}));
}

TEST(ResizingTest, BadArgumentsAreValueErrors) {
  keras::testing::expect_error<ValueError>(
      [] { Resizing(2, 2, {.interpolation = "lanczos9"}); },
      "Received: interpolation=lanczos9");
  keras::testing::expect_error<ValueError>(
      [] { Resizing(2, 2, {.fill_mode = "reflect"}); },
      "Received: fill_mode=reflect");
  keras::testing::expect_error<ValueError>(
      [] {
        Resizing(2, 2,
                 {.crop_to_aspect_ratio = true, .pad_to_aspect_ratio = true});
      },
      "Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio`");
  keras::testing::expect_error<ValueError>([] { Resizing(0, 2); },
                                           "must be positive");
  keras::testing::expect_error<ValueError>(
      [] {
        Resizing(2, 2)(Tensor::zeros({4, 4}));
      },
      "Invalid images rank");
}

TEST(ResizingTest, GradientsMatchFiniteDifferences) {
  const Tensor x = random::normal({1, 4, 5, 2}, 0, 1, 3, DType::float64);
  for (const ResizingOptions& o0 : std::vector<ResizingOptions>{
           {},
           {.interpolation = "nearest"},
           {.crop_to_aspect_ratio = true},
           {.pad_to_aspect_ratio = true},
       }) {
    ResizingOptions o = o0;
    o.base.dtype = "float64";
    Resizing layer(3, 7, o);
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) { return layer(in[0]); }, {x});
  }
}

}  // namespace
}  // namespace keras::layers
