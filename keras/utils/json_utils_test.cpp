// Tests of keras/utils/json_utils.h: Python json.loads / json.dumps
// compatibility, checked against the files real Keras wrote.
#include "keras/utils/json_utils.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "keras/core/error.h"
#include "keras/testing/expect_error.h"
#include "keras/testing/test_utils.h"

namespace keras {
namespace {

using keras::testing::fixtures_root;

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The FormatError message parse_json throws for `text`, or "" if none.
std::string parse_error(std::string_view text, const JsonLimits& limits = {}) {
  try {
    parse_json(text, "test.json", limits);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

// The message with the default `what`.
std::string error_message_default(std::string_view text) {
  try {
    parse_json(text);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

// ---- python_float_repr ----

TEST(JsonFloatRepr, MatchesPythonRepr) {
  EXPECT_EQ(python_float_repr(1.0), "1.0");
  EXPECT_EQ(python_float_repr(100.0), "100.0");
  EXPECT_EQ(python_float_repr(-2.5), "-2.5");
  EXPECT_EQ(python_float_repr(0.0), "0.0");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(0.1), "0.1");
  EXPECT_EQ(python_float_repr(1e-07), "1e-07");
  EXPECT_EQ(python_float_repr(1e-05), "1e-05");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(0.00012345), "0.00012345");
  EXPECT_EQ(python_float_repr(1.2345e-05), "1.2345e-05");
  EXPECT_EQ(python_float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(python_float_repr(1.2345e15), "1234500000000000.0");
  EXPECT_EQ(python_float_repr(9999999999999998.0), "9999999999999998.0");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(1.5e300), "1.5e+300");
  EXPECT_EQ(python_float_repr(-1.5e-300), "-1.5e-300");
  EXPECT_EQ(python_float_repr(5e-324), "5e-324");
  EXPECT_EQ(python_float_repr(1.7976931348623157e308),
            "1.7976931348623157e+308");
  EXPECT_EQ(python_float_repr(123456.789), "123456.789");
  EXPECT_EQ(python_float_repr(0.0010000000474974513), "0.0010000000474974513");
  EXPECT_EQ(python_float_repr(static_cast<double>(0.1f)),
            "0.10000000149011612");
  EXPECT_EQ(python_float_repr(std::nan("")), "NaN");
  EXPECT_EQ(python_float_repr(HUGE_VAL), "Infinity");
  EXPECT_EQ(python_float_repr(-HUGE_VAL), "-Infinity");
}

// ---- dump_json ----

TEST(JsonDump, CompactUsesPythonSeparators) {
  Json v = Json::object();
  v["a"] = Json::array({1, 2.0, true, nullptr, "x"});
  v["b"] = Json::object();
  v["c"] = Json::array();
  EXPECT_EQ(dump_json(v),
            R"({"a": [1, 2.0, true, null, "x"], "b": {}, "c": []})");
  EXPECT_EQ(dump_json(Json(nullptr)), "null");
  EXPECT_EQ(dump_json(Json(false)), "false");
}

TEST(JsonDump, IntegersStayIntegers) {
  EXPECT_EQ(dump_json(Json(std::int64_t{-9223372036854775807 - 1})),
            "-9223372036854775808");
  EXPECT_EQ(dump_json(Json(std::uint64_t{18446744073709551615u})),
            "18446744073709551615");
  EXPECT_EQ(dump_json(Json(3.0)), "3.0");
}

TEST(JsonDump, IndentedLayoutMatchesPython) {
  // json.dumps({"a": [1, {"b": []}], "c": {}}, indent=2)
  Json v = parse_json(R"({"a": [1, {"b": []}], "c": {}})");
  EXPECT_EQ(dump_json(v, 2),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    }\n  ],\n"
            "  \"c\": {}\n}");
  // indent=0 puts each item on its own line without spaces.
  EXPECT_EQ(dump_json(parse_json("[1, 2]"), 0), "[\n1,\n2\n]");
  EXPECT_EQ(dump_json(Json::array(), 4), "[]");
}

TEST(JsonDump, StringsAreAsciiEscapedLikePython) {
  // json.dumps("q\"b\\n\n\r\t\b\f\x01\x7f/é€😀")
  const std::string s =
      "q\"b\\n\n\r\t\b\f\x01\x7f/\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  EXPECT_EQ(dump_json(Json(s)),
            R"("q\"b\\n\n\r\t\b\f\u0001\u007f/\u00e9\u20ac\ud83d\ude00")");
}

TEST(JsonDump, NonFiniteFloatsLikePython) {
  EXPECT_EQ(dump_json(Json::array({std::nan(""), HUGE_VAL, -HUGE_VAL})),
            "[NaN, Infinity, -Infinity]");
}

TEST(JsonDump, RejectsInvalidUtf8) {
  try {
    dump_json(Json(std::string("ab\xFF")));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("not valid UTF-8"));
  }
}

TEST(JsonDump, RejectsBinaryValues) {
  try {
    dump_json(Json::binary({1, 2}));
    FAIL() << "expected ValueError";
  } catch (const ValueError& e) {
    EXPECT_THAT(e.what(), HasSubstr("binary value cannot be written"));
  }
}

TEST(JsonDump, DeepValuesNeedNoRecursion) {
  // Built with moves (copying a deep nlohmann value would recurse).
  Json v = Json::array();
  for (int i = 0; i < 100'000; ++i) {
    Json outer = Json::array();
    outer.push_back(std::move(v));
    v = std::move(outer);
  }
  const std::string text = dump_json(v);
  EXPECT_EQ(text, std::string(100'001, '[') + std::string(100'001, ']'));
  EXPECT_EQ(dump_json(v, 0).size(), 2 * 100'001 + 2 * 100'000);
}

// ---- parse_json ----

TEST(JsonParse, PythonSpecialFloatTokens) {
  Json v = parse_json(R"([NaN, Infinity, -Infinity, "NaN", {"k": -Infinity}])");
  ASSERT_EQ(v.size(), 5u);
  EXPECT_TRUE(std::isnan(v[0].get<double>()));
  EXPECT_EQ(v[1].get<double>(), HUGE_VAL);
  EXPECT_EQ(v[2].get<double>(), -HUGE_VAL);
  EXPECT_EQ(v[3], "NaN");  // inside a string: just text
  EXPECT_EQ(v[4]["k"].get<double>(), -HUGE_VAL);
  EXPECT_EQ(dump_json(v),
            R"([NaN, Infinity, -Infinity, "NaN", {"k": -Infinity}])");
}

TEST(JsonParse, NumbersFollowPythonTypes) {
  Json v = parse_json(
      "[1, -0, 1.0, 1E5, 1e400, -1e400, 1e-400, 9223372036854775807, "
      "-9223372036854775808, 18446744073709551615, 18446744073709551616]");
  EXPECT_TRUE(v[0].is_number_integer());
  EXPECT_EQ(v[0].get<std::int64_t>(), 1);
  EXPECT_TRUE(v[1].is_number_integer());
  EXPECT_TRUE(v[2].is_number_float());
  EXPECT_EQ(v[3].get<double>(), 100000.0);
  EXPECT_EQ(v[4].get<double>(), HUGE_VAL);  // Python: float('1e400') == inf
  EXPECT_EQ(v[5].get<double>(), -HUGE_VAL);
  EXPECT_EQ(v[6].get<double>(), 0.0);
  EXPECT_EQ(v[7].get<std::int64_t>(), INT64_MAX);
  EXPECT_EQ(v[8].get<std::int64_t>(), INT64_MIN);
  EXPECT_TRUE(v[9].is_number_unsigned());
  EXPECT_EQ(v[9].get<std::uint64_t>(), UINT64_MAX);
  EXPECT_TRUE(v[10].is_number_float());  // Python keeps an exact big int
  EXPECT_EQ(dump_json(v),
            "[1, 0, 1.0, 100000.0, Infinity, -Infinity, 0.0, "
            "9223372036854775807, -9223372036854775808, 18446744073709551615, "
            "1.8446744073709552e+19]");
}

TEST(JsonParse, FloatsRoundTripTextually) {
  for (const char* text : {"0.0010000000474974513", "1e-07", "1.5e+300", "0.1",
                           "-0.0", "5e-324", "100.0", "1e+16"}) {
    EXPECT_EQ(dump_json(parse_json(text)), text);
  }
}

TEST(JsonParse, StringsAndEscapes) {
  Json v = parse_json(
      R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u20AC", "\ud83d\ude00", "é"])");
  EXPECT_EQ(v[0], "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(v[1], "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(v[2], "\xF0\x9F\x98\x80");
  EXPECT_EQ(v[3], "\xC3\xA9");
}

TEST(JsonParse, LoneSurrogatesRoundTrip) {
  // Python: json.dumps(json.loads('"\\ud800x\\udc00"')) gives it back.
  const std::string text = R"(["\ud800x\udc00", "\ud800\u0041"])";
  Json v = parse_json(text);
  EXPECT_EQ(dump_json(v), R"(["\ud800x\udc00", "\ud800A"])");
}

TEST(JsonParse, DuplicateKeysKeepFirstPositionLastValue) {
  Json v = parse_json(R"({"a": 1, "b": 2, "a": 3})");
  EXPECT_EQ(dump_json(v), R"({"a": 3, "b": 2})");
  // Same rule past the linear-scan size (hash index path).
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += str("\"k", i, "\": ", i, ", ");
  text += "\"k5\": \"again\", \"k99\": null}";
  Json big = parse_json(text);
  ASSERT_EQ(big.size(), 100u);
  EXPECT_EQ(big["k5"], "again");
  EXPECT_TRUE(big["k99"].is_null());
  EXPECT_EQ(big.begin().key(), "k0");
  EXPECT_EQ(std::next(big.begin(), 5).key(), "k5");
}

TEST(JsonParse, WhitespaceAndNesting) {
  Json v = parse_json(" \t\r\n{ \"a\" : [ [ ] , { } , [ 1 ] ] } \n");
  EXPECT_EQ(dump_json(v), R"({"a": [[], {}, [1]]})");
}

TEST(JsonParse, ReportsWhatAndByteOffset) {
  EXPECT_THAT(error_message_default("[1 2]"),
              HasSubstr("Invalid JSON at byte 3: expecting ',' or ']'"));
  EXPECT_EQ(parse_error("[1, 2"),
            "Invalid JSON in test.json at byte 5: unexpected end of input");
  try {
    parse_json("{\"a\": }", "config.json");
    FAIL();
  } catch (const FormatError& e) {
    EXPECT_STREQ(e.what(),
                 "Invalid JSON in config.json at byte 6: expecting a value, "
                 "found '}'");
  }
}

TEST(JsonParse, RejectsMalformedInput) {
  EXPECT_THAT(parse_error(""), HasSubstr("byte 0: unexpected end of input"));
  EXPECT_THAT(parse_error("   "), HasSubstr("unexpected end of input"));
  EXPECT_THAT(parse_error("[1] x"), HasSubstr("byte 4: extra data"));
  EXPECT_THAT(parse_error("{} {}"), HasSubstr("extra data"));
  EXPECT_THAT(parse_error("01"), HasSubstr("byte 1: extra data"));
  EXPECT_THAT(parse_error("[1.]"), HasSubstr("expecting ',' or ']'"));
  EXPECT_THAT(parse_error("[.5]"), HasSubstr("expecting a value, found '.'"));
  EXPECT_THAT(parse_error("[-]"), HasSubstr("found '-'"));
  EXPECT_THAT(parse_error("[-Inf]"), HasSubstr("found '-'"));
  EXPECT_THAT(parse_error("[nan]"), HasSubstr("found 'n'"));
  EXPECT_THAT(parse_error("[1,]"), HasSubstr("expecting a value, found ']'"));
  EXPECT_THAT(parse_error("[1 2]"), HasSubstr("expecting ',' or ']'"));
  EXPECT_THAT(parse_error("{\"a\" 1}"), HasSubstr("expecting ':'"));
  EXPECT_THAT(parse_error("{\"a\": 1,}"),
              HasSubstr("property name enclosed in double quotes"));
  EXPECT_THAT(parse_error("{'a': 1}"),
              HasSubstr("property name enclosed in double quotes, found '''"));
  EXPECT_THAT(parse_error("{\"a\": 1 \"b\": 2}"),
              HasSubstr("expecting ',' or '}'"));
  EXPECT_THAT(parse_error("{\"a\""), HasSubstr("expecting ':'"));
  EXPECT_THAT(parse_error("\"abc"), HasSubstr("byte 0: unterminated string"));
  EXPECT_THAT(parse_error("\"ab\\"), HasSubstr("unterminated string"));
  EXPECT_THAT(parse_error("\"a\nb\""), HasSubstr("byte 2: invalid control"));
  EXPECT_THAT(parse_error("\"\\x\""), HasSubstr("invalid \\escape"));
  EXPECT_THAT(parse_error("\"\\u12\""), HasSubstr("invalid \\uXXXX escape"));
  EXPECT_THAT(parse_error("\"\\u12G4\""), HasSubstr("invalid \\uXXXX escape"));
  EXPECT_THAT(parse_error("\"\\ud800\\u12\""),
              HasSubstr("invalid \\uXXXX escape"));
  EXPECT_THAT(parse_error("tru"), HasSubstr("found 't'"));
  EXPECT_THAT(parse_error("\x01"), HasSubstr("found byte 0x01"));
  EXPECT_THAT(parse_error("\xEF\xBB\xBF{}"), HasSubstr("byte order mark"));
}

TEST(JsonParse, RejectsInvalidUtf8InStrings) {
  for (const char* bad :
       {"\"\xFF\"", "\"\xC3\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"",
        "\"\xF4\x90\x80\x80\"", "\"\xE2\x82\""}) {
    EXPECT_THAT(parse_error(bad), HasSubstr("byte 1: invalid UTF-8")) << bad;
  }
}

TEST(JsonParse, NeverCrashesOnArbitraryBytes) {
  // Every truncation and a byte-flip of a valid document either parses or
  // throws FormatError.
  const std::string doc =
      R"({"a": [1, -2.5e-3, "x\u00e9\ud83d\ude00", {"b": [NaN, -Infinity]}],)"
      R"( "c": null, "d": true})";
  for (std::size_t n = 0; n <= doc.size(); ++n) {
    EXPECT_NO_FATAL_FAILURE(parse_error(doc.substr(0, n)));
  }
  for (std::size_t i = 0; i < doc.size(); ++i) {
    for (unsigned char c : {0x00, 0x22, 0x5c, 0x7b, 0x5d, 0x80, 0xff}) {
      std::string s = doc;
      s[i] = static_cast<char>(c);
      EXPECT_NO_FATAL_FAILURE(parse_error(s));
    }
  }
}

TEST(JsonParse, EnforcesDepthLimit) {
  std::string deep(1000, '[');
  deep += std::string(1000, ']');
  EXPECT_NO_THROW(parse_json(deep));  // exactly the limit is fine

  const std::string too_deep = std::string(1001, '[') + std::string(1001, ']');
  EXPECT_THAT(parse_error(too_deep),
              HasSubstr("byte 1000: nesting deeper than 1000 levels"));
  EXPECT_THAT(parse_error(std::string(3, '['), JsonLimits{.max_depth = 1}),
              HasSubstr("byte 1: nesting deeper than 1 levels"));
  // A million levels: refused quickly, no stack overflow.
  EXPECT_THAT(parse_error(std::string(1'000'000, '[')),
              HasSubstr("nesting deeper than 1000 levels"));
  // With a raised limit, very deep documents parse without recursion.
  const std::string huge =
      std::string(100'000, '[') + std::string(100'000, ']');
  EXPECT_EQ(dump_json(parse_json(huge, "x", JsonLimits{.max_depth = 200'000})),
            huge);
}

TEST(JsonParse, EnforcesSizeLimit) {
  EXPECT_THAT(parse_error("[1, 2, 3]", JsonLimits{.max_bytes = 4}),
              HasSubstr("the input is 9 bytes, more than the limit of 4"));
}

// The config.json member of a zip written with ZIP_STORED (as Keras does).
std::string stored_zip_member(const std::string& zip, const std::string& name) {
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(zip[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(zip[at + 1]))
               << 8;
  };
  const auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  for (std::size_t at = zip.find("PK\x03\x04"); at != std::string::npos;
       at = zip.find("PK\x03\x04", at + 4)) {
    const std::size_t name_len = u16(at + 26), extra_len = u16(at + 28);
    if (zip.compare(at + 30, name_len, name) != 0) continue;
    EXPECT_EQ(u16(at + 8), 0u) << "member is compressed";
    return zip.substr(at + 30 + name_len + extra_len, u32(at + 18));
  }
  ADD_FAILURE() << name << " not found";
  return "";
}

TEST(JsonParse, FixtureNested10000LevelsIsRefused) {
  const std::string zip =
      slurp(fixtures_root() / "bad/config_nested_10000_levels/model.keras");
  const std::string config = stored_zip_member(zip, "config.json");
  ASSERT_GT(config.size(), 20000u);
  try {
    parse_json(config, "config.json");
    FAIL() << "expected FormatError";
  } catch (const FormatError& e) {
    EXPECT_THAT(e.what(), HasSubstr("Invalid JSON in config.json at byte"));
    EXPECT_THAT(e.what(), HasSubstr("nesting deeper than 1000 levels"));
  }
}

// ---- byte-identical round trips of files written by Python ----

TEST(JsonFixtures, GuideConfigRoundTripsByteForByte) {
  const std::string text =
      slurp(fixtures_root() / "guide/a_get_model_fit_save/config.json");
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(dump_json(parse_json(text, "config.json")), text);
}

TEST(JsonFixtures, EveryConfigJsonRoundTripsByteForByte) {
  // Every config.json (a .keras member) was written by json.dumps(config).
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fixtures_root())) {
    if (entry.path().filename() != "config.json") continue;
    const std::string text = slurp(entry.path());
    EXPECT_EQ(dump_json(parse_json(text, entry.path().string())), text)
        << entry.path();
    ++count;
  }
  EXPECT_GE(count, 250);
}

TEST(JsonFixtures, EveryJsonFileMatchesOnePythonLayout) {
  // The fixtures' other .json files were written with json.dumps(v),
  // json.dumps(v, indent=2) or indent=4, some followed by "\n"; each must be
  // reproduced exactly by one of those layouts.
  int compact = 0, indent2 = 0, indent4 = 0, count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(fixtures_root())) {
    if (entry.path().extension() != ".json") continue;
    const std::string text = slurp(entry.path());
    const Json v = parse_json(text, entry.path().string());
    ++count;
    bool matched = false;
    for (const int indent : {-1, 2, 4}) {
      const std::string out = dump_json(v, indent);
      if (text == out || text == out + "\n") {
        matched = true;
        (indent < 0 ? compact : indent == 2 ? indent2 : indent4)++;
        break;
      }
    }
    EXPECT_TRUE(matched) << entry.path();
  }
  EXPECT_GT(compact, 290);
  EXPECT_GT(indent2, 800);
  EXPECT_GE(indent4, 1);  // weights/sharded_weights/model.weights.json
  EXPECT_GT(count, 1000);
}

}  // namespace
}  // namespace keras

namespace keras {
namespace {

// What integer_of<T> makes of each JSON number (fuzz_model_from_json: a
// keras_history index of 3.3e54 was cast to int, undefined behaviour).
TEST(IntegerOfTest, AcceptsIntegersAndIntegralFloatsInRange) {
  EXPECT_EQ(integer_of<int>(Json(7)), 7);
  EXPECT_EQ(integer_of<int>(Json(3.0)), 3);  // Python's 3.0 for an int
  EXPECT_EQ(integer_of<std::int64_t>(Json(-9223372036854775807LL - 1)),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(integer_of<std::int64_t>(Json(-9.223372036854775808e18)),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(integer_of<std::size_t>(Json(18446744073709551615ULL)),
            std::numeric_limits<std::size_t>::max());
  EXPECT_EQ(maybe_integer_of<int>(Json(3.5)), std::nullopt);
  EXPECT_EQ(maybe_integer_of<int>(Json(2147483648LL)), std::nullopt);
  EXPECT_EQ(maybe_integer_of<std::int64_t>(Json(9.223372036854775808e18)),
            std::nullopt);  // 2^63
  EXPECT_EQ(maybe_integer_of<std::size_t>(Json(-1)), std::nullopt);
  EXPECT_EQ(maybe_integer_of<int>(Json(true)), std::nullopt);
  EXPECT_EQ(maybe_integer_of<int>(Json("3")), std::nullopt);
  EXPECT_EQ(maybe_integer_of<int>(parse_json("NaN")), std::nullopt);
}

TEST(IntegerOfTest, IntegerValueFallsBackOnlyWhenTheKeyIsMissing) {
  const Json c = parse_json(R"({"axis": 2, "far": -2.22e61})");
  EXPECT_EQ(integer_value<std::int64_t>(c, "axis", -1), 2);
  EXPECT_EQ(integer_value<std::int64_t>(c, "other", -1), -1);
  // fuzz_model_from_json: Concatenate's axis went through value("axis", 0)
  testing::expect_error<ValueError>(
      [&] { integer_value<int>(c, "far", 0); },
      "Expected an integer that fits 32 bits. Received: -2.22e+61");
}

TEST(IntegerOfTest, AnythingElseIsAValueErrorNamingIt) {
  testing::expect_error<ValueError>(
      [] { integer_of<int>(Json(3.33e54)); },
      "Expected an integer that fits 32 bits. Received: 3.33e+54");
  testing::expect_error<ValueError>(
      [] { integer_of<std::size_t>(Json(-2)); },
      "Expected an integer >= 0 that fits 64 bits. Received: -2");
}

}  // namespace
}  // namespace keras
