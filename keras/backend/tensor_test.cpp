#include "keras/backend/tensor.h"

#include <gtest/gtest.h>

namespace keras {
namespace {

TEST(TensorTest, ZerosHaveShapeAndDtype) {
  Tensor t = Tensor::zeros({2, 3});
  EXPECT_EQ(t.shape(), (Shape{2, 3}));
  EXPECT_EQ(t.dtype(), DType::float32);
  EXPECT_EQ(t.size(), 6);
  EXPECT_EQ(t.data<float>()[5], 0.0f);
}

TEST(TensorTest, SymbolicTensorHasNoData) {
  Tensor t = Tensor::symbolic({-1, 32});
  EXPECT_TRUE(t.is_symbolic());
  EXPECT_EQ(shape_str(t.shape()), "(None, 32)");
  EXPECT_THROW(t.data<float>(), ValueError);
}

TEST(TensorTest, AstypeConvertsBfloat16) {
  Tensor t = Tensor::from_vector<float>({1.5f, -2.0f}, {2});
  Tensor b = t.astype(DType::bfloat16).astype(DType::float32);
  EXPECT_EQ(b.data<float>()[0], 1.5f);
  EXPECT_EQ(b.data<float>()[1], -2.0f);
}

TEST(TensorTest, DataWithWrongTypeThrows) {
  Tensor t = Tensor::zeros({2}, DType::int32);
  EXPECT_THROW(t.data<float>(), TypeError);
}

}  // namespace
}  // namespace keras
