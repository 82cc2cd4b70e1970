// Tests of keras/utils/npy.h against files written by numpy (fixtures) and
// header bytes recorded from numpy 1.24.2's np.save.
#include "keras/utils/npy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "keras/core/error.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/file_utils.h"

namespace keras {
namespace {

using keras::testing::fixtures_root;

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

// A .npy file from a header dict and raw data, version 1.0 unless told.
std::string npy_bytes(const std::string& dict, const std::string& data,
                      int major = 1) {
  std::string header = dict + "\n";
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  const std::size_t len_bytes = major == 1 ? 2 : 4;
  for (std::size_t k = 0; k < len_bytes; ++k) {
    out += static_cast<char>((header.size() >> (8 * k)) & 0xFF);
  }
  return out + header + data;
}

template <class T>
std::string raw(const std::vector<T>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()),
                     values.size() * sizeof(T));
}

// The message of the keras::Error `f` throws (as type E), or "".
template <class E = FormatError>
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

std::string load_error(const std::string& bytes) {
  return error_of([&] { load_npy_from_bytes(bytes, "x.npy"); });
}

// ---- writing: numpy's exact bytes ----

TEST(NpyWrite, HeadersMatchNumpyBytes) {
  // Recorded from numpy 1.24.2: np.save(f, np.zeros(shape, dtype)).
  const auto header_of = [](const Tensor& t) {
    const std::string bytes = save_npy_to_bytes(t);
    return bytes.substr(0, bytes.size() - t.nbytes());
  };
  const auto expected = [](const std::string& dict, std::size_t total) {
    std::string h = std::string("\x93NUMPY\x01\x00", 8);
    const std::size_t len = total - 10;
    h += static_cast<char>(len & 0xFF);
    h += static_cast<char>(len >> 8);
    h += dict;
    h.append(total - 1 - h.size(), ' ');
    return h + "\n";
  };
  EXPECT_EQ(header_of(Tensor::zeros({2, 3})),
            expected("{'descr': '<f4', 'fortran_order': False, "
                     "'shape': (2, 3), }",
                     128));
  EXPECT_EQ(
      header_of(Tensor::zeros({}, DType::float64)),
      expected("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 128));
  EXPECT_EQ(header_of(Tensor::zeros({5}, DType::bool_)),
            expected("{'descr': '|b1', 'fortran_order': False, "
                     "'shape': (5,), }",
                     128));
  EXPECT_EQ(header_of(Tensor::zeros({0}, DType::int8)),
            expected("{'descr': '|i1', 'fortran_order': False, "
                     "'shape': (0,), }",
                     128));
  EXPECT_EQ(header_of(Tensor::zeros(Shape(20, 1), DType::uint8)),
            expected("{'descr': '|u1', 'fortran_order': False, 'shape': (1, "
                     "1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, "
                     "1), }",
                     192));
  EXPECT_EQ(header_of(Tensor::zeros({7, 11, 13}, DType::int64)),
            expected("{'descr': '<i8', 'fortran_order': False, "
                     "'shape': (7, 11, 13), }",
                     128));
  EXPECT_EQ(header_of(Tensor::zeros({2, 3}, DType::float16)),
            expected("{'descr': '<f2', 'fortran_order': False, "
                     "'shape': (2, 3), }",
                     128));
  EXPECT_EQ(header_of(Tensor::zeros({4}, DType::int32)),
            expected("{'descr': '<i4', 'fortran_order': False, "
                     "'shape': (4,), }",
                     128));
}

TEST(NpyWrite, HeaderRuleAlwaysAlignsTo64) {
  // Growth padding (21 - digits of shape[0]) then spaces up to a multiple of
  // 64, including the newline; numpy adds a full 64 when already aligned.
  for (std::int64_t rank = 0; rank <= 30; ++rank) {
    const Tensor t = Tensor::zeros(Shape(rank, 1), DType::uint8);
    const std::string bytes = save_npy_to_bytes(t);
    const std::size_t header_end = bytes.size() - 1;
    EXPECT_EQ(header_end % 64, 0u) << rank;
    EXPECT_EQ(bytes[header_end - 1], '\n');
  }
}

TEST(NpyWrite, FixtureFilesAreReproducedByteForByte) {
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fixtures_root())) {
    if (entry.path().extension() != ".npy") continue;
    const std::string bytes = read_file(entry.path());
    const Tensor t = load_npy_from_bytes(bytes, entry.path().string());
    EXPECT_EQ(save_npy_to_bytes(t), bytes) << entry.path();
    ++count;
  }
  EXPECT_GT(count, 1000);
}

TEST(NpyWrite, RefusesBfloat16AndSymbolic) {
  EXPECT_THAT(error_of<NotImplementedError>([] {
                save_npy_to_bytes(Tensor::zeros({2}, DType::bfloat16));
              }),
              HasSubstr("NumPy has no bfloat16 dtype"));
  EXPECT_THAT(error_of<ValueError>([] {
                save_npy_to_bytes(Tensor::symbolic({-1, 2}));
              }),
              HasSubstr("the tensor has no data"));
  EXPECT_THAT(error_of<ValueError>([] { save_npy_to_bytes(Tensor()); }),
              HasSubstr("the tensor has no data"));
}

// ---- reading ----

TEST(NpyRead, FixtureInput) {
  const Tensor x = load_npy(
      (fixtures_root() / "guide/a_get_model_fit_save/input_0.npy").string());
  EXPECT_EQ(x.dtype(), DType::float32);
  EXPECT_THAT(x.shape(), ElementsAre(128, 32));
}

TEST(NpyRead, RoundTripsEveryDtype) {
  const auto check = [](const Tensor& t) {
    const Tensor back = load_npy_from_bytes(save_npy_to_bytes(t));
    EXPECT_EQ(back.dtype(), t.dtype());
    EXPECT_EQ(back.shape(), t.shape());
    ASSERT_EQ(back.nbytes(), t.nbytes());
    EXPECT_EQ(std::memcmp(back.raw_data(), t.raw_data(), t.nbytes()), 0)
        << dtype_name(t.dtype());
  };
  check(Tensor::from_vector<float>({1.5f, -2, 3e-7f, 4, 5, 6}, {2, 3}));
  check(Tensor::from_vector<double>({1e300, -0.0}, {2}));
  check(Tensor::from_vector<std::int32_t>({INT32_MIN, 7, INT32_MAX}, {3, 1}));
  check(Tensor::from_vector<std::int64_t>({INT64_MIN, INT64_MAX}, {1, 2}));
  check(Tensor::from_vector<bool>({true, false, true}, {3}));
  check(Tensor::from_vector<std::uint8_t>({0, 255}, {2}));
  check(Tensor::from_vector<std::int8_t>({-128, 127}, {2}));
  check(Tensor::full({2, 2}, 1.5, DType::float16));
  check(Tensor::scalar(42.0, DType::float64));
  check(Tensor::zeros({0, 5}));
}

TEST(NpyRead, ScalarShape) {
  const Tensor t = load_npy_from_bytes(
      npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                raw<double>({2.5})));
  EXPECT_TRUE(t.shape().empty());
  EXPECT_EQ(t.item(), 2.5);
}

TEST(NpyRead, Versions2And3) {
  const std::string dict =
      "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
  for (const int major : {2, 3}) {
    const Tensor t =
        load_npy_from_bytes(npy_bytes(dict, raw<std::int32_t>({1, -2}), major));
    EXPECT_THAT(t.to_double_vector(), ElementsAre(1, -2)) << major;
  }
}

TEST(NpyRead, ByteOrders) {
  // '>' data is converted; '=' and '|' mean native.
  const Tensor be = load_npy_from_bytes(
      npy_bytes("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
                std::string("\x3f\xc0\x00\x00\xc0\x20\x00\x00", 8)));
  EXPECT_THAT(be.to_double_vector(), ElementsAre(1.5, -2.5));
  const Tensor be64 = load_npy_from_bytes(
      npy_bytes("{'descr': '>i8', 'fortran_order': False, 'shape': (1,), }",
                std::string("\x00\x00\x00\x00\x00\x00\x01\x02", 8)));
  EXPECT_EQ(be64.data<std::int64_t>()[0], 258);
  const Tensor be16 = load_npy_from_bytes(
      npy_bytes("{'descr': '>f2', 'fortran_order': False, 'shape': (1,), }",
                std::string("\x3e\x00", 2)));
  EXPECT_EQ(be16.dtype(), DType::float16);
  EXPECT_EQ(be16.to_double_vector()[0], 1.5);
  const Tensor native = load_npy_from_bytes(
      npy_bytes("{'descr': '=i4', 'fortran_order': False, 'shape': (1,), }",
                raw<std::int32_t>({9})));
  EXPECT_EQ(native.data<std::int32_t>()[0], 9);
  const Tensor u8 = load_npy_from_bytes(npy_bytes(
      "{'descr': '>u1', 'fortran_order': False, 'shape': (1,), }", "\x07"));
  EXPECT_EQ(u8.data<std::uint8_t>()[0], 7);
  const Tensor no_order = load_npy_from_bytes(
      npy_bytes("{'descr': 'f8', 'fortran_order': False, 'shape': (1,), }",
                raw<double>({0.25})));
  EXPECT_EQ(no_order.item(), 0.25);
}

TEST(NpyRead, FortranOrderIsTransposedToC) {
  // np.asfortranarray([[0, 1, 2], [3, 4, 5]]) stores 0 3 1 4 2 5.
  const Tensor t = load_npy_from_bytes(
      npy_bytes("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }",
                raw<std::int64_t>({0, 3, 1, 4, 2, 5})));
  EXPECT_THAT(t.shape(), ElementsAre(2, 3));
  EXPECT_THAT(t.to_double_vector(), ElementsAre(0, 1, 2, 3, 4, 5));
  // Rank 3, big-endian, shape (2, 3, 4): F-order element (i, j, k) is at
  // i + 2 * j + 6 * k.
  std::vector<float> f(24);
  for (int i = 0; i < 2; ++i) {
    for (int j = 0; j < 3; ++j) {
      for (int k = 0; k < 4; ++k) f[i + 2 * j + 6 * k] = i * 12 + j * 4 + k;
    }
  }
  std::string data = raw(f);
  for (std::size_t e = 0; e < data.size(); e += 4) {
    std::swap(data[e], data[e + 3]);
    std::swap(data[e + 1], data[e + 2]);
  }
  const Tensor t3 = load_npy_from_bytes(npy_bytes(
      "{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3, 4), }", data));
  std::vector<double> expected(24);
  for (int i = 0; i < 24; ++i) expected[i] = i;
  EXPECT_THAT(t3.to_double_vector(), ElementsAreArray(expected));
}

TEST(NpyRead, BoolBytesAreNormalised) {
  const Tensor t = load_npy_from_bytes(
      npy_bytes("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                std::string("\x00\x02\xff", 3)));
  const bool* b = t.data<bool>();
  EXPECT_FALSE(b[0]);
  EXPECT_TRUE(b[1]);
  EXPECT_TRUE(b[2]);
  EXPECT_EQ(reinterpret_cast<const std::uint8_t*>(b)[2], 1);
}

TEST(NpyRead, HeaderVariantsNumpyAccepts) {
  // Key order, double quotes, Python 2 'L' suffixes, no trailing comma.
  const Tensor t = load_npy_from_bytes(npy_bytes(
      "{\"shape\": (2L, 1L), 'fortran_order': False, 'descr': '<f4'}  ",
      raw<float>({1, 2})));
  EXPECT_THAT(t.shape(), ElementsAre(2, 1));
}

TEST(NpyRead, MissingFileIsFileError) {
  EXPECT_EQ(error_of<FileError>([] { load_npy("/nonexistent/x.npy"); }),
            "File not found: /nonexistent/x.npy");
}

TEST(NpyRead, ErrorsNameTheFile) {
  const std::string path =
      (fs::temp_directory_path() / str("keras_npy_bad_", ::getpid(), ".npy"))
          .string();
  write_file_atomic(path, "not numpy at all");
  EXPECT_EQ(error_of([&] { load_npy(path); }),
            "Invalid .npy file " + path +
                ": missing the \\x93NUMPY magic (not a NumPy .npy file)");
  fs::remove(path);
}

TEST(NpyRead, RejectsHostileInput) {
  const std::string f4 = "'descr': '<f4'";
  const std::string c = "'fortran_order': False";
  const auto dict = [&](const std::string& shape) {
    return "{" + f4 + ", " + c + ", 'shape': " + shape + ", }";
  };
  EXPECT_THAT(load_error(""), HasSubstr("x.npy: missing the \\x93NUMPY magic"));
  EXPECT_THAT(load_error("\x93NUMP"), HasSubstr("missing the"));
  EXPECT_THAT(load_error(std::string("\x93NUMPY\x04\x00\x00\x00", 10)),
              HasSubstr("unsupported format version 4.0"));
  EXPECT_THAT(load_error(std::string("\x93NUMPY\x01\x01\x00\x00", 10)),
              HasSubstr("unsupported format version 1.1"));
  EXPECT_THAT(load_error(std::string("\x93NUMPY\x02\x00\x00\x00", 10)),
              HasSubstr("truncated header"));
  EXPECT_THAT(load_error(std::string("\x93NUMPY\x01\x00\xff\xff{}", 12)),
              HasSubstr("truncated header (65535 bytes declared, 2 present)"));
  EXPECT_THAT(load_error(npy_bytes("[1, 2]", "")),
              HasSubstr("x.npy: bad header (expected '{')"));
  EXPECT_THAT(load_error(npy_bytes("{" + f4 + ", " + c + "}", "")),
              HasSubstr("must have the keys 'descr', 'fortran_order' and "
                        "'shape'"));
  EXPECT_THAT(load_error(npy_bytes("{" + f4 + ", " + f4 + "}", "")),
              HasSubstr("repeated key 'descr'"));
  EXPECT_THAT(load_error(npy_bytes("{'evil': 1}", "")),
              HasSubstr("unexpected key 'evil'"));
  EXPECT_THAT(load_error(npy_bytes("{" + f4 + " " + c + "}", "")),
              HasSubstr("expected ',' or '}'"));
  EXPECT_THAT(load_error(npy_bytes(dict("(2,)") + " extra", "")),
              HasSubstr("unexpected text after the dict"));
  EXPECT_THAT(load_error(npy_bytes("{'descr: '<f4'}", "")),
              HasSubstr("expected ':'"));
  EXPECT_THAT(load_error(npy_bytes("{'descr': <f4}", "")),
              HasSubstr("expected a quoted string"));
  EXPECT_THAT(load_error(npy_bytes("{'descr': '\\x3cf4'}", "")),
              HasSubstr("escapes are not supported"));
  EXPECT_THAT(load_error(npy_bytes("{'descr", "")),
              HasSubstr("unterminated string"));
  EXPECT_THAT(load_error(npy_bytes("{'fortran_order': 0}", "")),
              HasSubstr("fortran_order must be True or False"));
  EXPECT_THAT(load_error(npy_bytes(dict("[2, 3]"), "")),
              HasSubstr("shape must be a tuple of integers"));
  EXPECT_THAT(load_error(npy_bytes(dict("(2.5,)"), "")),
              HasSubstr("shape must be a tuple of integers"));
  EXPECT_THAT(load_error(npy_bytes(dict("(2, -3)"), "")),
              HasSubstr("negative dimension"));
  EXPECT_THAT(load_error(npy_bytes(dict("(99999999999999999999,)"), "")),
              HasSubstr("dimension too large"));
  EXPECT_THAT(load_error(npy_bytes(dict("(4611686018427387904, 4)"), "")),
              HasSubstr("shape (4611686018427387904, 4) is too large"));
  EXPECT_THAT(load_error(npy_bytes(dict("(4611686018427387904,)"), "")),
              HasSubstr("is too large"));  // bytes overflow
  // A huge but representable shape is refused by the size check, before any
  // allocation.
  EXPECT_THAT(load_error(npy_bytes(dict("(1000000000000,)"), "abcd")),
              HasSubstr("shape (1000000000000,) of float32 needs "
                        "4000000000000 bytes of data but the file has 4"));
  EXPECT_THAT(load_error(npy_bytes(dict("(2, 3)"), std::string(20, 'x'))),
              HasSubstr("needs 24 bytes of data but the file has 20"));
  EXPECT_THAT(load_error(npy_bytes(dict("(2,)"), std::string(12, 'x'))),
              HasSubstr("needs 8 bytes of data but the file has 12"));
  std::string many = "(";
  for (int i = 0; i < 65; ++i) many += "1, ";
  EXPECT_THAT(load_error(npy_bytes(dict(many + ")"), "")),
              HasSubstr("more than 64 dimensions"));
  EXPECT_THAT(
      load_error(npy_bytes("{'descr': '<<f4', " + c + ", 'shape': (1,)}", "")),
      HasSubstr("x.npy: invalid dtype '<<f4'"));
}

TEST(NpyRead, UnsupportedDtypesAreNotImplemented) {
  const auto message = [](const std::string& descr) {
    return error_of<NotImplementedError>([&] {
      load_npy_from_bytes(
          npy_bytes(
              "{'descr': " + descr + ", 'fortran_order': False, 'shape': (1,)}",
              "xx"),
          "x.npy");
    });
  };
  EXPECT_THAT(message("'<i2'"),
              HasSubstr("Cannot load x.npy: NumPy dtype '<i2' is not "
                        "supported (supported: float16"));
  EXPECT_THAT(message("'|O'"), HasSubstr("NumPy dtype '|O' is not supported"));
  EXPECT_THAT(message("[('a', '<f4')]"),
              HasSubstr("structured NumPy dtypes are not supported"));
}

TEST(NpyRead, NeverCrashesOnCorruptedFiles) {
  const std::string good =
      save_npy_to_bytes(Tensor::from_vector<float>({1, 2, 3, 4, 5, 6}, {2, 3}));
  for (std::size_t n = 0; n < good.size(); ++n) {
    std::string s = good.substr(0, n);
    try {
      load_npy_from_bytes(s);
    } catch (const Error&) {
    }
  }
  for (std::size_t i = 0; i < 128; ++i) {
    for (const unsigned char b : {0x00, 0x20, 0x27, 0x28, 0x39, 0x7b, 0xff}) {
      std::string s = good;
      s[i] = static_cast<char>(b);
      try {
        load_npy_from_bytes(s);
      } catch (const Error&) {
      }
    }
  }
}

TEST(NpyFile, SaveThenLoad) {
  const std::string path =
      (fs::temp_directory_path() / str("keras_npy_", ::getpid(), ".npy"))
          .string();
  const Tensor t = Tensor::from_vector<float>({1, 2, 3, 4}, {2, 2});
  save_npy(path, t);
  EXPECT_EQ(read_file(path), save_npy_to_bytes(t));
  EXPECT_THAT(load_npy(path).to_double_vector(), ElementsAre(1, 2, 3, 4));
  fs::remove(path);
}

}  // namespace
}  // namespace keras

namespace keras {
namespace {

std::vector<std::string> string_values(const Tensor& t) {
  EXPECT_EQ(t.dtype(), DType::string);
  const std::string* p = t.data<std::string>();
  return {p, p + t.size()};
}

// NumPy's fixed-width strings become DType::string tensors (UTF-8).
TEST(NpyStrings, NumpyUnicodeAndBytesLoad) {
  const std::string unicode =
      npy_bytes("{'descr': '<U2', 'fortran_order': False, 'shape': (2,), }",
                std::string("a\0\0\0b\0\0\0\xe9\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(string_values(load_npy_from_bytes(unicode)),
            (std::vector<std::string>{"ab", "\xc3\xa9"}));
  const std::string bytes =
      npy_bytes("{'descr': '|S3', 'fortran_order': False, 'shape': (2,), }",
                std::string("ab\0c\0\0", 6));
  EXPECT_EQ(string_values(load_npy_from_bytes(bytes)),
            (std::vector<std::string>{"ab", "c"}));
  const std::string big =
      npy_bytes("{'descr': '>U1', 'fortran_order': False, 'shape': (1,), }",
                std::string("\0\0\0z", 4));
  EXPECT_EQ(string_values(load_npy_from_bytes(big)),
            (std::vector<std::string>{"z"}));
  const std::string bad_code_point =
      npy_bytes("{'descr': '<U1', 'fortran_order': False, 'shape': (1,), }",
                std::string("\0\0\x11\0", 4));
  EXPECT_THAT(load_error(bad_code_point), HasSubstr("invalid code point"));
}

TEST(NpyStrings, StringTensorsSaveAsNumpyDoes) {
  const Tensor t = Tensor::from_vector<std::string>({"ab", "\xc3\xa9"}, {2});
  const std::string bytes = save_npy_to_bytes(t);
  EXPECT_THAT(bytes, HasSubstr("'descr': '<U2'"));
  EXPECT_EQ(bytes.substr(bytes.size() - 16),
            std::string("a\0\0\0b\0\0\0\xe9\0\0\0\0\0\0\0", 16));
  EXPECT_EQ(string_values(load_npy_from_bytes(bytes)),
            (std::vector<std::string>{"ab", "\xc3\xa9"}));
  // Bytes that are not UTF-8 are kept as bytes ('|S').
  const Tensor raw_bytes =
      Tensor::from_vector<std::string>({std::string("\xff\x01", 2)}, {1, 1});
  const std::string s = save_npy_to_bytes(raw_bytes);
  EXPECT_THAT(s, HasSubstr("'descr': '|S2'"));
  EXPECT_EQ(string_values(load_npy_from_bytes(s)),
            (std::vector<std::string>{std::string("\xff\x01", 2)}));
}

}  // namespace
}  // namespace keras
