#include "keras/backend/tensor.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "keras/ops/numpy.h"
#include "keras/testing/expect_error.h"

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

// ---- DType::string: one std::string per element, moved by value by the
// ops that only move elements (predict's batching relies on them). ----

using Strings = std::vector<std::string>;

Strings values(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::string);
  const std::string* p = t.data<std::string>();
  return {p, p + t.size()};
}

// Longer than the small-string buffer, so a byte copy would share heap data.
const std::string kLong(100, 'x');

TEST(StringTensorTest, CreateCopyAndName) {
  EXPECT_EQ(parse_dtype("string"), DType::string);
  EXPECT_EQ(dtype_name(DType::string), "string");
  const Tensor t =
      Tensor::from_vector<std::string>({"a", kLong, "", "b"}, {2, 2});
  EXPECT_EQ(values(Tensor::zeros({2}, DType::string)), (Strings{"", ""}));
  Tensor copy = t.clone();
  copy.data<std::string>()[0] = "changed";
  EXPECT_EQ(values(t), (Strings{"a", kLong, "", "b"}));
  EXPECT_EQ(values(t.view({4})), (Strings{"a", kLong, "", "b"}));
  EXPECT_EQ(Tensor::from_vector<std::string>({"a"}, {1}).to_string(),
            "<Tensor shape=(1,) dtype=string values=[b'a']>");
}

TEST(StringTensorTest, ElementMovingOps) {
  const Tensor t = Tensor::from_vector<std::string>(
      {"a", kLong, "c", "d", "e", "f"}, {3, 2});
  EXPECT_EQ(values(ops::slice_axis(t, 0, 1, 3)), (Strings{"c", "d", "e", "f"}));
  EXPECT_EQ(values(ops::concatenate({t, t}, 0)).size(), 12u);
  EXPECT_EQ(values(ops::concatenate({t, t}, 1))[2], "a");
  EXPECT_EQ(
      values(ops::take(t, Tensor::from_vector<std::int64_t>({2, 0}, {2}), 0)),
      (Strings{"e", "f", "a", kLong}));
  EXPECT_EQ(values(ops::transpose(t)),
            (Strings{"a", "c", "e", kLong, "d", "f"}));
}

TEST(StringTensorTest, ArithmeticAndConversionsRefuseStrings) {
  const Tensor t = Tensor::from_vector<std::string>({"1"}, {1});
  testing::expect_error<TypeError>([&] { t.astype(DType::float32); },
                                   "Cannot convert a tensor of dtype string");
  testing::expect_error<TypeError>(
      [&] { Tensor::zeros({1}).astype(DType::string); }, "to string");
  testing::expect_error<NotImplementedError>([&] { ops::add(t, t); },
                                             "dtype string");
}

}  // namespace
}  // namespace keras
