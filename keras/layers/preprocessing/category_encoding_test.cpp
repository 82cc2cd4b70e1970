#include "keras/layers/preprocessing/category_encoding.h"

#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/layer_case.h"

namespace keras::layers {
namespace {

TEST(CategoryEncodingTest, MatchesKerasFixtures) {
  for (const char* c :
       {"category_encoding_count", "category_encoding_multi_hot"}) {
    SCOPED_TRACE(c);
    keras::testing::expect_layer_case(c);
  }
}

TEST(CategoryEncodingTest, OutputModes) {
  const Tensor ids = Tensor::from_vector<int>({0, 1, 1, 3}, {2, 2});
  EXPECT_EQ(
      CategoryEncoding(4, {.output_mode = "count"})(ids).to_double_vector(),
      (std::vector<double>{1, 1, 0, 0, 0, 1, 0, 1}));
  EXPECT_EQ(CategoryEncoding(4)(Tensor::from_vector<int>({1, 1}, {1, 2}))
                .to_double_vector(),
            (std::vector<double>{0, 1, 0, 0}));
  const Tensor one_hot = CategoryEncoding(
      3, {.output_mode = "one_hot"})(Tensor::from_vector<int>({2, 0}, {2, 1}));
  EXPECT_EQ(one_hot.shape(), (Shape{2, 3}));
  EXPECT_EQ(one_hot.to_double_vector(),
            (std::vector<double>{0, 0, 1, 1, 0, 0}));
}

TEST(CategoryEncodingTest, BadArgumentsAreValueErrors) {
  keras::testing::expect_error<ValueError>([] { CategoryEncoding(0); },
                                           "`num_tokens` must be >= 1");
  keras::testing::expect_error<ValueError>(
      [] { CategoryEncoding(3, {.output_mode = "tf_idf"}); },
      "received an invalid value tf_idf");
  keras::testing::expect_error<ValueError>(
      [] {
        CategoryEncoding(3)(Tensor::zeros({1, 2, 2}, DType::int32));
      },
      "maximum supported output rank is 2");
}

}  // namespace
}  // namespace keras::layers
