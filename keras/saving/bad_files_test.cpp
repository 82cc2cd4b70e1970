// Every case of fixtures/bad/: hostile or broken files are refused with a
// keras::Error (never a crash or another exception type), a failed
// load_weights leaves the model's weights untouched, and the tolerated cases
// load and predict.
#include <gtest/gtest.h>

#include "keras/keras.h"
#include "keras/testing/fixture_cases.h"
#include "keras/testing/test_utils.h"

namespace keras::saving {
namespace {

class BadFileTest : public ::testing::TestWithParam<std::string> {};

std::vector<std::vector<double>> weight_values(Model& model) {
  std::vector<std::vector<double>> values;
  for (const Tensor& w : model.get_weights()) {
    values.push_back(w.to_double_vector());
  }
  return values;
}

TEST_P(BadFileTest, IsRefusedWithAKerasErrorOrLoadsAsKerasDoes) {
  const std::string dir = testing::fixture("bad/" + GetParam() + "/");
  const Json spec = testing::read_json(dir + "case.json");
  const std::string file = dir + spec.value("file", std::string("model.keras"));
  const bool load_weights = spec.value("load_with", "") == "model.load_weights";
  if (spec["expected"] == "load_ok") {
    auto model = load_model(dir + "model.keras", {.compile = false});
    if (load_weights) model->load_weights(dir + "model.weights.h5");
    if (!spec["outputs"].empty()) {
      testing::expect_case_predictions(*model, dir, spec);
    }
    return;
  }
  if (load_weights) {
    // The target is the valid model every bad case derives from.
    auto model = load_model(testing::fixture("bad/valid_reference/model.keras"),
                            {.compile = false});
    const auto before = weight_values(*model);
    EXPECT_THROW(model->load_weights(file), Error) << spec["failure"];
    EXPECT_EQ(weight_values(*model), before)
        << "a failed load_weights changed the model";
  } else {
    try {
      load_model(file, {.compile = false});
      ADD_FAILURE() << "loaded: " << spec["failure"];
    } catch (const Error& e) {
      EXPECT_GT(std::string(e.what()).size(), 20u) << e.what();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Bad, BadFileTest,
                         ::testing::ValuesIn(testing::fixture_cases("bad")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace keras::saving
