#include "keras/ops/einsum.h"

#include <gtest/gtest.h>

#include <map>

#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/ops.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

Tensor ramp(const Shape& shape, double scale = 0.1) {
  std::vector<double> v(static_cast<std::size_t>(shape_size(shape)));
  for (std::size_t i = 0; i < v.size(); ++i) {
    v[i] = scale * static_cast<double>((i * 37) % 11) - 0.4;
  }
  return Tensor::from_vector<double>(v, shape);
}

// Brute-force einsum over every assignment of the labels (explicit output,
// letters only), the reference the op is compared with.
Tensor naive_einsum(const std::string& eq, const Tensors& xs) {
  const std::size_t arrow = eq.find("->");
  std::vector<std::string> terms;
  for (std::size_t s = 0;;) {
    const std::size_t c = eq.find(',', s);
    terms.push_back(eq.substr(s, std::min(c, arrow) - s));
    if (c == std::string::npos || c > arrow) break;
    s = c + 1;
  }
  const std::string out = eq.substr(arrow + 2);
  std::map<char, std::int64_t> size;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    for (std::size_t a = 0; a < terms[i].size(); ++a) {
      size[terms[i][a]] = std::max(size[terms[i][a]], xs[i].shape()[a]);
    }
  }
  std::vector<char> labels;
  for (const auto& [c, n] : size) labels.push_back(c);
  Shape out_shape;
  for (char c : out) out_shape.push_back(size[c]);
  std::vector<double> y(static_cast<std::size_t>(shape_size(out_shape)), 0.0);
  std::vector<std::vector<double>> data;
  for (const Tensor& x : xs) data.push_back(x.to_double_vector());
  std::map<char, std::int64_t> at;
  for (char c : labels) at[c] = 0;
  const auto flat = [&](const std::string& term, const Shape& shape) {
    std::int64_t k = 0;
    for (std::size_t a = 0; a < term.size(); ++a) {
      k = k * shape[a] + (shape[a] == 1 ? 0 : at[term[a]]);
    }
    return k;
  };
  while (true) {
    double p = 1.0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      p *= data[i][static_cast<std::size_t>(flat(terms[i], xs[i].shape()))];
    }
    y[static_cast<std::size_t>(flat(out, out_shape))] += p;
    std::size_t l = 0;
    while (l < labels.size() && ++at[labels[l]] == size[labels[l]]) {
      at[labels[l++]] = 0;
    }
    if (l == labels.size()) break;
  }
  return Tensor::from_vector<double>(y, out_shape);
}

struct Case {
  std::string equation;
  std::vector<Shape> shapes;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"ab,bc->ac", {{2, 3}, {3, 4}}},
      {"abc,cd->abd", {{2, 3, 4}, {4, 5}}},
      {"abc,cde->abde", {{2, 3, 4}, {4, 2, 3}}},
      {"abcd,cde->abe", {{2, 3, 4, 2}, {4, 2, 3}}},
      {"aecd,abcd->acbe", {{2, 5, 3, 2}, {2, 4, 3, 2}}},
      {"acbe,aecd->abcd", {{2, 3, 4, 5}, {2, 5, 3, 2}}},
      {"bquh,bkuh->buqk", {{2, 3, 2, 2}, {2, 4, 2, 2}}},
      {"ab,ab->a", {{3, 4}, {3, 4}}},
      {"ab,cd->abcd", {{2, 3}, {2, 2}}},
      {"ab,b->a", {{3, 4}, {4}}},
      {"abc,abd->cd", {{2, 3, 4}, {2, 3, 2}}},
      {"ab,cb->", {{2, 3}, {4, 3}}},
      {"abc->ca", {{2, 3, 4}}},
      {"abc->", {{2, 3, 4}}},
      {"abc,xc->abx", {{1, 3, 4}, {2, 4}}},
      {"abc,abd->abcd", {{2, 1, 3}, {2, 4, 2}}},
      {"ab,bc,cd->ad", {{2, 3}, {3, 4}, {4, 2}}},
  };
  return all;
}

TEST(OpsEinsumTest, MatchesBruteForce) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.equation);
    Tensors xs;
    double scale = 0.1;
    for (const Shape& s : c.shapes) xs.push_back(ramp(s, scale += 0.05));
    EXPECT_TRUE(keras::testing::AllClose(ops::einsum(c.equation, xs),
                                         naive_einsum(c.equation, xs), 1e-12,
                                         1e-12));
  }
}

TEST(OpsEinsumTest, EllipsisAndImplicitOutput) {
  const Tensor x = ramp({2, 3, 4});
  const Tensor k = ramp({4, 5}, 0.2);
  EXPECT_TRUE(keras::testing::AllClose(ops::einsum("...x,xy->...y", x, k),
                                       ops::matmul(x, k), 1e-12, 1e-12));
  EXPECT_TRUE(keras::testing::AllClose(ops::einsum("...ij->...ji", x),
                                       ops::transpose(x, {0, 2, 1}), 0, 0));
  // Implicit: "ij,jk" -> "ik"; "ba" -> "ab" (a transpose).
  const Tensor a = ramp({3, 4});
  EXPECT_TRUE(keras::testing::AllClose(ops::einsum("ij,jk", a, k),
                                       ops::matmul(a, k), 1e-12, 1e-12));
  EXPECT_TRUE(
      keras::testing::AllClose(ops::einsum("ba", a), ops::transpose(a), 0, 0));
  // Ellipsis dims broadcast from the right.
  const Tensor b = ramp({4, 5});
  EXPECT_EQ(ops::einsum("...ab,...bc->...ac", ramp({2, 3, 4}), b).shape(),
            (Shape{2, 3, 5}));
}

TEST(OpsEinsumTest, SymbolicShapesAndDtypes) {
  const Tensor x = Tensor::symbolic({-1, 4, 5});
  const Tensor k = Tensor::symbolic({5, 2, 3});
  const Tensor y = ops::einsum("abc,cde->abde", x, k);
  EXPECT_TRUE(y.is_symbolic());
  EXPECT_EQ(y.shape(), (Shape{-1, 4, 2, 3}));
  EXPECT_EQ(y.dtype(), DType::float32);
  EXPECT_EQ(ops::einsum("...x,xy->...y", Tensor::symbolic({-1, 2, 5}),
                        Tensor::symbolic({5, 7}, DType::float64))
                .shape(),
            (Shape{-1, 2, 7}));
  EXPECT_EQ(ops::einsum("ab,bc->ac", Tensor::ones({2, 3}), Tensor::ones({3, 2}))
                .dtype(),
            DType::float32);
}

TEST(OpsEinsumTest, Errors) {
  const Tensor a = Tensor::ones({2, 3});
  const Tensor b = Tensor::ones({4, 5});
  EXPECT_THROW(ops::einsum("ab,bc->ac", a, b), ValueError);   // 3 vs 4
  EXPECT_THROW(ops::einsum("abc,bc->ac", a, b), ValueError);  // rank
  EXPECT_THROW(ops::einsum("ab->ac", a), ValueError);         // unknown c
  EXPECT_THROW(ops::einsum("ab->aa", a), ValueError);         // repeated
  EXPECT_THROW(ops::einsum("ab,bc->ac", a), ValueError);      // operands
  EXPECT_THROW(ops::einsum("a1->a", Tensor::ones({2, 2})), ValueError);
  EXPECT_THROW(ops::einsum("a......->a", a), ValueError);
  EXPECT_THROW(ops::einsum("aa->a", Tensor::ones({2, 2})), NotImplementedError);
  EXPECT_THROW(ops::einsum("ab", Tensors{}), ValueError);
  EXPECT_THROW(ops::einsum("ab->ab", Tensor()), ValueError);
}

TEST(OpsEinsumTest, GradientsMatchFiniteDifferences) {
  for (const Case& c : cases()) {
    SCOPED_TRACE(c.equation);
    Tensors xs;
    double scale = 0.1;
    for (const Shape& s : c.shapes) xs.push_back(ramp(s, scale += 0.05));
    const std::string eq = c.equation;
    keras::testing::expect_gradients_match(
        [eq](const Tensors& in) { return ops::einsum(eq, in); }, xs);
  }
}

}  // namespace
}  // namespace keras
