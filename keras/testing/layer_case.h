// File: keras/testing/layer_case.h
// -----------------------------------------------------------------------------
// Test helper (GoogleTest) for layer tests against the Keras-written cases
// in fixtures/layers/<case>/: loads model.keras, predicts on input_*.npy and
// compares with expected_*.npy within the case's tolerance, then checks that
// every layer re-serializes to its record in config.json (parsed JSON,
// ignoring shared_object_id and the Functional-only keys name and
// inbound_nodes). Used by the normalization, pooling, core and
// regularization layer tests:
//
//   for (const char* c : {"max_pooling2d", "max_pooling1d_same"}) {
//     SCOPED_TRACE(c);
//     keras::testing::expect_layer_case(c);
//   }
// -----------------------------------------------------------------------------
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "keras/keras.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"
#include "keras/utils/npy.h"

namespace keras::testing {

// `value` without any "shared_object_id" key, at any depth.
inline Json without_shared_ids(Json value) {
  if (value.is_object()) {
    value.erase("shared_object_id");
    for (auto& [key, v] : value.items()) v = without_shared_ids(v);
  } else if (value.is_array()) {
    for (auto& v : value) v = without_shared_ids(v);
  }
  return value;
}

inline void expect_layer_case(const std::string& name) {
  const std::string dir = fixture("layers/" + name + "/");
  const Json spec = read_json(dir + "case.json");
  auto model = saving::load_model(dir + "model.keras");
  expect_case_predictions(*model, dir, spec);
  const Json config = read_json(dir + "config.json");
  for (Json record : config["config"]["layers"]) {
    if (record["class_name"] == "InputLayer" ||
        record["module"] != "keras.layers") {
      continue;
    }
    record.erase("name");
    record.erase("inbound_nodes");
    const std::string layer_name = record["config"]["name"];
    EXPECT_EQ(without_shared_ids(model->get_layer(layer_name)->serialize()),
              without_shared_ids(record))
        << "layer " << layer_name;
  }
}

}  // namespace keras::testing
