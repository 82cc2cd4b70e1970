#include "keras/ops/conv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/gradient_check.h"
#include "keras/ops/ops.h"
#include "keras/random/random.h"
#include "keras/testing/test_utils.h"

namespace keras::ops {
namespace {

using testing::AllClose;
using ::testing::HasSubstr;

struct Case {
  Shape x;  // channels-last input
  Shape k;  // kernel
  std::vector<std::int64_t> strides, dilation;
  std::string padding;
};

// Index-math reference for channels-last convolution (inputs of rank 3 to
// 5 seen as 3-D), groups = in / kernel in, TF's "same" and Keras' causal.
Tensor reference_conv(const Tensor& x, const Tensor& w, const Case& c) {
  const int dims = int(x.ndim()) - 2;
  std::int64_t in[3] = {1, 1, 1}, k[3] = {1, 1, 1}, s[3] = {1, 1, 1},
               d[3] = {1, 1, 1}, o[3] = {1, 1, 1}, p[3] = {0, 0, 0};
  Shape out_shape{x.dim(0)};
  for (int i = 0; i < dims; ++i) {
    const int j = 3 - dims + i;
    in[j] = x.dim(1 + i);
    k[j] = w.dim(i);
    s[j] = c.strides.size() == 1 ? c.strides[0] : c.strides[i];
    d[j] = c.dilation.size() == 1 ? c.dilation[0] : c.dilation[i];
    const std::int64_t keff = (k[j] - 1) * d[j] + 1;
    if (c.padding == "same") {
      o[j] = (in[j] + s[j] - 1) / s[j];
      p[j] = std::max<std::int64_t>(0, (o[j] - 1) * s[j] + keff - in[j]) / 2;
    } else if (c.padding == "causal") {
      p[j] = keff - 1;
      o[j] = (in[j] - 1) / s[j] + 1;
    } else {
      o[j] = (in[j] - keff) / s[j] + 1;
    }
    out_shape.push_back(o[j]);
  }
  const std::int64_t cin = x.dim(x.ndim() - 1), cg = w.dim(dims),
                     cout = w.dim(dims + 1), groups = cin / cg,
                     og = cout / groups;
  out_shape.push_back(cout);
  const auto xv = x.to_double_vector(), wv = w.to_double_vector();
  std::vector<double> out;
  for (std::int64_t n = 0; n < x.dim(0); ++n)
    for (std::int64_t a = 0; a < o[0]; ++a)
      for (std::int64_t b = 0; b < o[1]; ++b)
        for (std::int64_t e = 0; e < o[2]; ++e)
          for (std::int64_t f = 0; f < cout; ++f) {
            double acc = 0;
            const std::int64_t grp = f / og;
            for (std::int64_t t0 = 0; t0 < k[0]; ++t0)
              for (std::int64_t t1 = 0; t1 < k[1]; ++t1)
                for (std::int64_t t2 = 0; t2 < k[2]; ++t2) {
                  const std::int64_t i0 = a * s[0] - p[0] + t0 * d[0],
                                     i1 = b * s[1] - p[1] + t1 * d[1],
                                     i2 = e * s[2] - p[2] + t2 * d[2];
                  if (i0 < 0 || i0 >= in[0] || i1 < 0 || i1 >= in[1] ||
                      i2 < 0 || i2 >= in[2])
                    continue;
                  for (std::int64_t ci = 0; ci < cg; ++ci) {
                    const double xe =
                        xv[(((n * in[0] + i0) * in[1] + i1) * in[2] + i2) *
                               cin +
                           grp * cg + ci];
                    const double we =
                        wv[(((t0 * k[1] + t1) * k[2] + t2) * cg + ci) * cout +
                           f];
                    acc += xe * we;
                  }
                }
            out.push_back(acc);
          }
  return Tensor::from_vector<double>(out, out_shape);
}

std::vector<Case> cases() {
  return {
      {{2, 9, 3}, {3, 3, 4}, {1}, {1}, "valid"},
      {{2, 9, 3}, {3, 3, 4}, {2}, {1}, "same"},
      {{2, 8, 3}, {2, 3, 3}, {1}, {2}, "causal"},
      {{1, 9, 4}, {3, 2, 6}, {1}, {1}, "valid"},  // groups 2
      {{2, 7, 6, 3}, {3, 3, 3, 5}, {2}, {1}, "same"},
      {{2, 7, 6, 3}, {3, 2, 3, 5}, {1, 2}, {1}, "valid"},
      {{1, 8, 8, 2}, {3, 3, 2, 4}, {1}, {2}, "same"},
      {{2, 6, 6, 4}, {3, 3, 1, 8}, {1}, {1}, "same"},   // depthwise-like
      {{2, 5, 5, 3}, {1, 1, 3, 4}, {1}, {1}, "valid"},  // pointwise path
      {{1, 5, 6, 4, 2}, {3, 2, 2, 2, 3}, {2}, {1}, "same"},
      {{2, 4, 4, 4, 6}, {2, 2, 2, 3, 4}, {1}, {1}, "valid"},  // groups 2
  };
}

TEST(ConvOpsTest, MatchesIndexMathReference) {
  int seed = 1;
  for (const Case& c : cases()) {
    SCOPED_TRACE(shape_str(c.x) + " " + shape_str(c.k) + " " + c.padding);
    const Tensor x = random::normal(c.x, 0, 1, seed++, DType::float64);
    const Tensor w = random::normal(c.k, 0, 1, seed++, DType::float64);
    const Tensor y =
        conv(x, w, c.strides, c.padding, "channels_last", c.dilation);
    EXPECT_TRUE(AllClose(y, reference_conv(x, w, c), 1e-10, 1e-10));
    // float32 goes through sgemm.
    const Tensor y32 = conv(x.astype(DType::float32), w.astype(DType::float32),
                            c.strides, c.padding, "channels_last", c.dilation);
    EXPECT_EQ(y32.dtype(), DType::float32);
    EXPECT_TRUE(AllClose(y32, y, 1e-4, 1e-4));
  }
}

// float32 convolutions take the direct kernels (conv_direct.h) on CPUs with
// AVX2 or AVX-512: channel counts around the vector widths (padded output
// channels, every register-tile shape), row tiles cut by the batch end,
// strides, dilations, padding, 1D to 3D. Values and both gradients must
// match the float64 path (sgemm-based) to float32 rounding.
TEST(ConvOpsTest, Float32KernelsMatchFloat64) {
  const std::vector<Case> wide = {
      {{3, 9, 7, 5}, {3, 3, 5, 40}, {1}, {1}, "same"},
      {{2, 11, 13, 17}, {3, 3, 17, 64}, {2}, {1}, "same"},
      {{1, 10, 9, 16}, {3, 3, 16, 32}, {1}, {2}, "valid"},
      {{2, 8, 8, 32}, {3, 3, 32, 16}, {1}, {1}, "same"},
      {{2, 6, 5, 24}, {2, 3, 24, 7}, {1, 2}, {1}, "same"},
      {{3, 30, 7}, {5, 7, 33}, {1}, {1}, "causal"},
      {{1, 5, 6, 4, 9}, {3, 3, 2, 9, 20}, {1}, {1}, "same"},
      {{1, 4, 4, 3}, {3, 3, 3, 128}, {1}, {1}, "same"},
  };
  int seed = 300;
  for (const Case& c : wide) {
    SCOPED_TRACE(shape_str(c.x) + " " + shape_str(c.k) + " " + c.padding);
    const Tensor x = random::normal(c.x, 0, 1, seed++, DType::float64);
    const Tensor w = random::normal(c.k, 0, 1, seed++, DType::float64);
    auto run = [&](DType dt) {
      Tensor xv = x.astype(dt), wv = w.astype(dt);
      xv.set_requires_grad(true);
      wv.set_requires_grad(true);
      const Tensor y =
          conv(xv, wv, c.strides, c.padding, "channels_last", c.dilation);
      const Tensor r = random::normal(y.shape(), 0, 1, 7, dt);
      Tensors out = autograd::grad(sum(y * r), {xv, wv});
      out.insert(out.begin(), y);
      return out;
    };
    const Tensors want = run(DType::float64), got = run(DType::float32);
    EXPECT_TRUE(AllClose(got[0], reference_conv(x, w, c), 1e-4, 1e-4));
    for (int i = 0; i < 3; ++i) {
      SCOPED_TRACE(i);
      EXPECT_EQ(got[i].dtype(), DType::float32);
      EXPECT_TRUE(AllClose(got[i], want[i], 1e-4, 1e-4));
    }
  }
}

// conv_with_bias is conv + bias: the fused float32 path gives the same
// values (bias added to the same sums) and gradients; other dtypes and
// channels-first take the separate add.
TEST(ConvOpsTest, ConvWithBiasIsConvPlusBias) {
  for (DType dt : {DType::float32, DType::float64}) {
    for (const std::string format : {"channels_last", "channels_first"}) {
      SCOPED_TRACE(format);
      Tensor x = random::normal({2, 7, 6, 5}, 0, 1, 1, dt);
      Tensor w = random::normal({3, 3, format == "channels_last" ? 5 : 7, 20},
                                0, 1, 2, dt);
      Tensor b = random::normal({20}, 0, 1, 3, dt);
      x.set_requires_grad(true);
      w.set_requires_grad(true);
      b.set_requires_grad(true);
      const Tensor fused = conv_with_bias(x, w, b, {1}, "same", format);
      const Shape along =
          format == "channels_last" ? Shape{1, 1, 1, 20} : Shape{1, 20, 1, 1};
      const Tensor ref =
          add(conv(x, w, {1}, "same", format), reshape(b, along));
      EXPECT_TRUE(AllClose(fused, ref, 0, 0));
      const Tensor r = random::normal(ref.shape(), 0, 1, 4, dt);
      const Tensors got = autograd::grad(sum(fused * r), {x, w, b});
      const Tensors want = autograd::grad(sum(ref * r), {x, w, b});
      for (int i = 0; i < 3; ++i) {
        EXPECT_TRUE(
            AllClose(got[std::size_t(i)], want[std::size_t(i)], 1e-5, 1e-5));
      }
    }
  }
  const Tensor sx = Tensor::symbolic({-1, 8, 8, 3});
  const Tensor sw = Tensor::symbolic({3, 3, 3, 4});
  EXPECT_EQ(conv_with_bias(sx, sw, Tensor::symbolic({4}), {1}, "same").shape(),
            (Shape{-1, 8, 8, 4}));
}

TEST(ConvOpsTest, GradientsMatchFiniteDifferences) {
  int seed = 100;
  for (const Case& c : cases()) {
    SCOPED_TRACE(shape_str(c.x) + " " + shape_str(c.k) + " " + c.padding);
    const Tensor x = random::normal(c.x, 0, 1, seed++, DType::float64);
    const Tensor w = random::normal(c.k, 0, 1, seed++, DType::float64);
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) {
          return conv(in[0], in[1], c.strides, c.padding, "channels_last",
                      c.dilation);
        },
        {x, w});
  }
}

// depthwise_conv is composed of a grouped conv over a reshaped kernel.
TEST(ConvOpsTest, DepthwiseConvGradientsMatchFiniteDifferences) {
  const Tensor x = random::normal({2, 5, 4, 3}, 0, 1, 11, DType::float64);
  const Tensor k = random::normal({3, 2, 3, 2}, 0, 1, 12, DType::float64);
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) {
        return depthwise_conv(in[0], in[1], {2, 1}, "same", "channels_last",
                              {1});
      },
      {x, k});
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) {
        return depthwise_conv(in[0], in[1], {1}, "valid", "channels_first",
                              {2, 1});
      },
      {ops::transpose(x, {0, 3, 1, 2}), k});
}

TEST(ConvOpsTest, ChannelsFirstIsTransposedChannelsLast) {
  const Tensor x = random::normal({2, 3, 7, 5}, 0, 1, 1, DType::float64);
  const Tensor w = random::normal({3, 2, 3, 4}, 0, 1, 2, DType::float64);
  const Tensor y = conv(x, w, {2}, "same", "channels_first");
  const Tensor ref =
      transpose(conv(transpose(x, {0, 2, 3, 1}), w, {2}, "same"), {0, 3, 1, 2});
  EXPECT_TRUE(AllClose(y, ref, 1e-12, 1e-12));
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) {
        return conv(in[0], in[1], {1}, "valid", "channels_first", {2});
      },
      {x, w});
}

// conv_transpose(., K) is the adjoint of conv(., K) with the same kernel:
// <conv(z, K), x> == <z, conv_transpose(x, K)>.
TEST(ConvOpsTest, TransposeIsTheAdjointOfConv) {
  struct T {
    Shape x, k;
    std::int64_t stride;
    std::string padding;
    std::vector<std::int64_t> output_padding;
    std::int64_t dilation;
  };
  int seed = 7;
  for (const T& c : std::vector<T>{
           {{2, 4, 3}, {3, 2, 3}, 2, "valid", {}, 1},
           {{2, 4, 3}, {4, 2, 3}, 2, "same", {}, 1},
           {{1, 3, 3, 3}, {3, 3, 2, 3}, 2, "valid", {1}, 1},
           {{1, 3, 4, 2}, {3, 3, 4, 2}, 2, "same", {}, 1},
           {{1, 3, 4, 2}, {3, 3, 4, 2}, 1, "same", {}, 2},
           {{1, 5, 2}, {2, 3, 2}, 3, "valid", {}, 1},  // kernel < stride
           {{1, 2, 2, 3, 2}, {2, 2, 2, 3, 2}, 2, "valid", {}, 1},
       }) {
    SCOPED_TRACE(shape_str(c.x) + " " + shape_str(c.k) + " " + c.padding);
    const Tensor x = random::normal(c.x, 0, 1, seed++, DType::float64);
    const Tensor w = random::normal(c.k, 0, 1, seed++, DType::float64);
    const Tensor y =
        conv_transpose(x, w, {c.stride}, c.padding, c.output_padding,
                       "channels_last", {c.dilation});
    for (std::size_t i = 1; i + 1 < c.x.size(); ++i) {
      EXPECT_EQ(
          y.dim(i),
          conv_transpose_output_length(
              c.x[i], c.k[i - 1], c.stride, c.padding,
              c.output_padding.empty() ? -1 : c.output_padding[0], c.dilation));
    }
    const Tensor z = random::normal(y.shape(), 0, 1, seed++, DType::float64);
    const Tensor lhs = sum(multiply(y, z));
    // <T(x), z> = <x, T^*(z)>, and T^* = d<T(x'), z>/dx'.
    Tensor xg = x.clone();
    xg.set_requires_grad(true);
    const Tensor inner = sum(
        multiply(conv_transpose(xg, w, {c.stride}, c.padding, c.output_padding,
                                "channels_last", {c.dilation}),
                 z));
    const Tensor adjoint_z = autograd::grad(inner, {xg})[0];
    EXPECT_NEAR(lhs.item(), sum(multiply(x, adjoint_z)).item(), 1e-9);
    if (c.padding == "valid") {
      // Valid transposes have no padding: their adjoint is a valid conv.
      const Tensor back =
          conv(z, w, {c.stride}, "valid", "channels_last", {c.dilation});
      EXPECT_TRUE(AllClose(back, adjoint_z, 1e-10, 1e-10));
    }
    keras::testing::expect_gradients_match(
        [&](const Tensors& in) {
          return conv_transpose(in[0], in[1], {c.stride}, c.padding,
                                c.output_padding, "channels_last",
                                {c.dilation});
        },
        {x, w});
  }
}

TEST(ConvOpsTest, TransposeOutputLengthsAreKeras) {
  EXPECT_EQ(conv_transpose_output_length(3, 3, 2, "valid"), 7);
  EXPECT_EQ(conv_transpose_output_length(3, 3, 2, "valid", 1), 8);
  EXPECT_EQ(conv_transpose_output_length(3, 2, 3, "valid"), 9);
  EXPECT_EQ(conv_transpose_output_length(4, 3, 2, "same"), 8);
  EXPECT_EQ(conv_transpose_output_length(4, 3, 2, "same", 1), 8);
  EXPECT_EQ(conv_transpose_output_length(-1, 3, 2, "same"), -1);
  EXPECT_EQ(conv_output_length(7, 3, 2, "same"), 4);
  EXPECT_EQ(conv_output_length(7, 3, 2, "valid"), 3);
  EXPECT_EQ(conv_output_length(8, 2, 1, "causal", 2), 8);
}

TEST(ConvOpsTest, DepthwiseAndSeparable) {
  const Tensor x = random::normal({2, 6, 5, 3}, 0, 1, 1, DType::float64);
  const Tensor dk = random::normal({3, 2, 3, 2}, 0, 1, 2, DType::float64);
  const Tensor pk = random::normal({1, 1, 6, 4}, 0, 1, 3, DType::float64);
  const Tensor d = depthwise_conv(x, dk, {2}, "same");
  // Output channel c * mult + m convolves input channel c with dk[..., c, m].
  const Tensor ref = reference_conv(x, reshape(dk, {3, 2, 1, 6}),
                                    Case{{}, {}, {2}, {1}, "same"});
  EXPECT_TRUE(AllClose(d, ref, 1e-12, 1e-12));
  const Tensor s = separable_conv(x, dk, pk, {2}, "same");
  EXPECT_TRUE(AllClose(s, conv(d, pk), 1e-12, 1e-12));
  keras::testing::expect_gradients_match(
      [&](const Tensors& in) {
        return separable_conv(in[0], in[1], in[2], {1}, "valid",
                              "channels_last", {2});
      },
      {x, dk, pk});
}

TEST(ConvOpsTest, SymbolicShapes) {
  const Tensor x = Tensor::symbolic({-1, 9, -1, 3});
  const Tensor w = Tensor::zeros({3, 3, 3, 8});
  EXPECT_EQ(conv(x, w, {2}, "same").shape(), (Shape{-1, 5, -1, 8}));
  EXPECT_EQ(conv_transpose(x, Tensor::zeros({3, 3, 4, 3}), {2}).shape(),
            (Shape{-1, 19, -1, 4}));
  const Tensor xf = Tensor::symbolic({-1, 3, 9, 9});
  EXPECT_EQ(conv(xf, w, {1}, "valid", "channels_first").shape(),
            (Shape{-1, 8, 7, 7}));
}

TEST(ConvOpsTest, BadArgumentsAreRefused) {
  const Tensor x = Tensor::zeros({1, 5, 5, 4});
  EXPECT_THAT(
      [&] {
        conv(x, Tensor::zeros({3, 3, 3, 2}));
      },
      ::testing::ThrowsMessage<ValueError>(HasSubstr("evenly divisible")));
  EXPECT_THAT(
      [&] {
        conv(x, Tensor::zeros({3, 3, 4, 2}), {1}, "full");
      },
      ::testing::ThrowsMessage<ValueError>(
          HasSubstr("Received: padding=full")));
  EXPECT_THAT(
      [&] {
        conv(x, Tensor::zeros({7, 7, 4, 2}));
      },
      ::testing::ThrowsMessage<ValueError>(
          HasSubstr("Computed output size would be negative")));
  EXPECT_THAT(
      [&] {
        conv(x, Tensor::zeros({3, 3, 4, 2}), {1, 2, 3});
      },
      ::testing::ThrowsMessage<ValueError>(
          HasSubstr("Received strides=(1, 2, 3)")));
  EXPECT_THAT(
      [&] {
        conv_transpose(x, Tensor::zeros({3, 3, 2, 3}));
      },
      ::testing::ThrowsMessage<ValueError>(
          HasSubstr("kernel input channels=3")));
}

}  // namespace
}  // namespace keras::ops
