#include "keras/backend/tensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

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

TEST(TensorTest, AstypeConvertsBetweenComputableDtypes) {
  Tensor d = Tensor::from_vector<double>({0.1, -2.5, 1e10}, {3});
  Tensor f = d.astype(DType::float32);
  EXPECT_EQ(f.data<float>()[0], 0.1f);
  EXPECT_EQ(f.data<float>()[2], 1e10f);
  EXPECT_EQ(d.astype(DType::int32).data<std::int32_t>()[1], -2);
  // Out of range: NumPy's x86 result (the minimum), never undefined
  // behaviour; uint8 wraps through int64.
  EXPECT_EQ(d.astype(DType::int32).data<std::int32_t>()[2],
            std::numeric_limits<std::int32_t>::min());
  Tensor edge = Tensor::from_vector<double>(
      {std::nan(""), 2147483647.0, 2147483648.0, 300.0, -1.0}, {5});
  const Tensor as_int32 = edge.astype(DType::int32);
  EXPECT_EQ(as_int32.data<std::int32_t>()[0],
            std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(as_int32.data<std::int32_t>()[1], 2147483647);
  EXPECT_EQ(as_int32.data<std::int32_t>()[2],
            std::numeric_limits<std::int32_t>::min());
  const Tensor as_uint8 = edge.astype(DType::uint8);
  EXPECT_EQ(as_uint8.data<std::uint8_t>()[3], 44);
  EXPECT_EQ(as_uint8.data<std::uint8_t>()[4], 255);
  Tensor i = Tensor::from_vector<std::int64_t>({3, -7}, {2});
  EXPECT_EQ(i.astype(DType::float64).data<double>()[1], -7.0);
  EXPECT_EQ(
      i.astype(DType::float32).astype(DType::int64).data<std::int64_t>()[0], 3);
  Tensor h = f.astype(DType::float16).astype(DType::float64);
  EXPECT_EQ(h.data<double>()[1], -2.5);
}

TEST(TensorTest, DataWithWrongTypeThrows) {
  Tensor t = Tensor::zeros({2}, DType::int32);
  EXPECT_THROW(t.data<float>(), TypeError);
}

}  // namespace
}  // namespace keras
