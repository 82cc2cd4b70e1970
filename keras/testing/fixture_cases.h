// File: keras/testing/fixture_cases.h
// -----------------------------------------------------------------------------
// Test helpers (GoogleTest) for parametrizing tests over the Keras-written
// fixture cases (fixtures/<category>/<case>/, README.md of the fixtures) and
// for comparing JSON the way the fixtures ask: as parsed values, ignoring
// `shared_object_id` and `date_saved`, floats at float32 precision (Keras
// stores some config floats in float32 tensors, others as doubles).
//
//   INSTANTIATE_TEST_SUITE_P(Models, ModelCase,
//                            ValuesIn(fixture_cases("models")),
//                            case_name_printer);
//   EXPECT_TRUE(JsonMatches(model.get_config(), expected));
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "keras/core/json.h"
#include "keras/models/model.h"
#include "keras/saving/config_reader.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

namespace keras::testing {

// The case directory names of fixtures/<category>/ (sorted; names starting
// with "_" are not cases), optionally only those starting with `prefix`.
inline std::vector<std::string> fixture_cases(const std::string& category,
                                              const std::string& prefix = "") {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry :
       std::filesystem::directory_iterator(fixture(category), ec)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name.empty() || name[0] == '_') continue;
    if (name.rfind(prefix, 0) != 0) continue;
    if (!std::filesystem::exists(entry.path() / "case.json")) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A gtest parameter name for a case name (only alphanumerics and '_').
inline std::string sanitize_test_name(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

struct CaseNamePrinter {
  std::string operator()(
      const ::testing::TestParamInfo<std::string>& info) const {
    return sanitize_test_name(info.param);
  }
};

namespace internal {

using saving::safe_dump;

inline bool is_ignored_key(const std::string& key) {
  return key == "shared_object_id" || key == "date_saved";
}

inline bool floats_match(double a, double b) {
  if (a == b) return true;
  // float32 rounding of a double (and back) loses ~6e-8 relative.
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b));
}

inline void json_diff(const Json& actual, const Json& expected,
                      const std::string& path, std::vector<std::string>& out) {
  if (out.size() >= 10) return;
  if (actual.is_number() && expected.is_number()) {
    if (!floats_match(actual.get<double>(), expected.get<double>())) {
      out.push_back(path + ": " + actual.dump() + " != " + expected.dump());
    }
    return;
  }
  if (actual.type() != expected.type()) {
    out.push_back(path + ": " + safe_dump(actual).substr(0, 200) +
                  " != expected " + safe_dump(expected).substr(0, 200));
    return;
  }
  if (actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (is_ignored_key(key)) continue;
      if (!actual.contains(key)) {
        out.push_back(path + "." + key + ": missing (expected " +
                      safe_dump(value).substr(0, 200) + ")");
      } else {
        json_diff(actual[key], value, path + "." + key, out);
      }
    }
    for (const auto& [key, value] : actual.items()) {
      if (!is_ignored_key(key) && !expected.contains(key)) {
        out.push_back(path + "." + key + ": unexpected " +
                      safe_dump(value).substr(0, 200));
      }
    }
    return;
  }
  if (actual.is_array()) {
    if (actual.size() != expected.size()) {
      out.push_back(path + ": " + std::to_string(actual.size()) +
                    " elements != expected " + std::to_string(expected.size()) +
                    ": " + safe_dump(actual).substr(0, 300));
      return;
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
      json_diff(actual[i], expected[i], path + "[" + std::to_string(i) + "]",
                out);
    }
    return;
  }
  if (actual != expected) {
    out.push_back(path + ": " + actual.dump() + " != " + expected.dump());
  }
}

}  // namespace internal

// Keras on the torch backend records its backend optimizer classes
// ({"module": "keras.src.backend.torch.optimizers.torch_adam",
// "registered_name": "Adam"}); keras.cpp writes the backend-neutral record
// TF/JAX write ({"module": "keras.optimizers", "registered_name": null}),
// which every backend loads. This rewrites the former into the latter, at
// any depth.
inline Json backend_neutral(Json value) {
  if (value.is_object()) {
    const auto module = value.find("module");
    if (module != value.end() && module->is_string() &&
        module->get<std::string>().rfind("keras.src.backend.", 0) == 0 &&
        module->get<std::string>().find(".optimizers") != std::string::npos) {
      *module = "keras.optimizers";
      value["registered_name"] = nullptr;
    }
    for (auto& [key, v] : value.items()) v = backend_neutral(std::move(v));
  } else if (value.is_array()) {
    for (auto& v : value) v = backend_neutral(std::move(v));
  }
  return value;
}

inline Json read_json_text(const std::string& text) {
  return parse_json(text, "JSON text");
}

// The arrays a case.json lists ("inputs" / "outputs" entries with "file").
inline Tensors load_case_arrays(const std::string& dir, const Json& entries) {
  Tensors out;
  for (const Json& e : entries) {
    out.push_back(load_npy(dir + e["file"].get<std::string>()));
  }
  return out;
}

// model.predict(inputs) against the expected outputs, within the case's
// tolerance (inputs in model.inputs order, as the fixtures list them).
inline void expect_case_predictions(Model& model, const std::string& dir,
                                    const Json& spec) {
  const Tensors outputs = model.predict(load_case_arrays(dir, spec["inputs"]));
  const Tensors expected = load_case_arrays(dir, spec["outputs"]);
  ASSERT_EQ(outputs.size(), expected.size());
  const double rtol = spec["tolerance"]["rtol"].get<double>();
  const double atol = spec["tolerance"]["atol"].get<double>();
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    EXPECT_TRUE(AllClose(outputs[k], expected[k], rtol, atol))
        << "output " << k << " (" << spec["outputs"][k]["name"] << ")";
  }
}

// The folder of the weights fixture `name` (ending in '/').
inline std::string weights_case(const std::string& name) {
  return fixture("weights/" + name + "/");
}

// expect_case_predictions with the case.json of `dir`.
inline void expect_predicts_case(Model& model, const std::string& dir) {
  expect_case_predictions(model, dir, read_json(dir + "case.json"));
}

// Parsed-JSON equality as the fixtures define it (see the file comment).
inline ::testing::AssertionResult JsonMatches(const Json& actual,
                                              const Json& expected) {
  std::vector<std::string> diffs;
  internal::json_diff(actual, expected, "$", diffs);
  if (diffs.empty()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure();
  for (const auto& d : diffs) failure << "\n  " << d;
  return failure;
}

// Text equality reported as the first differing line (summaries are long
// box-drawing tables).
inline ::testing::AssertionResult TextMatches(const std::string& actual,
                                              const std::string& expected) {
  if (actual == expected) return ::testing::AssertionSuccess();
  std::istringstream a(actual), e(expected);
  std::string la, le;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool he = static_cast<bool>(std::getline(e, le));
    if (!ha && !he) break;
    if (la != le || ha != he) {
      return ::testing::AssertionFailure()
             << "line " << line << ":\n  actual:   " << (ha ? la : "<end>")
             << "\n  expected: " << (he ? le : "<end>") << "\nactual text:\n"
             << actual;
    }
  }
  return ::testing::AssertionFailure() << "differ in line endings";
}

// Set equality of lines, reported as the lines only one side has.
inline ::testing::AssertionResult LinesMatch(
    const std::vector<std::string>& actual,
    const std::vector<std::string>& expected) {
  std::vector<std::string> a = actual, e = expected, only_a, only_e;
  std::sort(a.begin(), a.end());
  std::sort(e.begin(), e.end());
  std::set_difference(a.begin(), a.end(), e.begin(), e.end(),
                      std::back_inserter(only_a));
  std::set_difference(e.begin(), e.end(), a.begin(), a.end(),
                      std::back_inserter(only_e));
  if (only_a.empty() && only_e.empty()) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure();
  for (const auto& l : only_a) failure << "\n  only here:  " << l;
  for (const auto& l : only_e) failure << "\n  only Keras: " << l;
  return failure;
}

}  // namespace keras::testing
