#include "keras/backend/variable.h"

#include <gtest/gtest.h>

namespace keras {
namespace {

TEST(VariableTest, AFreshTemporaryIsAdoptedWithoutACopy) {
  Tensor fresh = Tensor::from_vector<float>({1, 2, 3}, {3});
  const void* data = fresh.raw_data();
  Variable v(std::move(fresh), "w");
  EXPECT_EQ(v.value().raw_data(), data);
  EXPECT_TRUE(v.value().requires_grad());
  EXPECT_EQ(v.path(), "w");
}

TEST(VariableTest, SharedValuesAreCopied) {
  Tensor source = Tensor::from_vector<float>({1, 2, 3}, {3});
  Variable from_lvalue(source, "a", /*trainable=*/false);
  EXPECT_NE(from_lvalue.value().raw_data(), source.raw_data());
  // A temporary handle of a tensor someone else holds is copied too.
  Variable from_handle(Tensor(source), "b");
  EXPECT_NE(from_handle.value().raw_data(), source.raw_data());
  static_cast<float*>(source.raw_data())[0] = 9;
  EXPECT_EQ(from_lvalue.value().data<float>()[0], 1);
  EXPECT_EQ(from_handle.value().data<float>()[0], 1);
  EXPECT_FALSE(from_lvalue.value().requires_grad());
}

}  // namespace
}  // namespace keras
