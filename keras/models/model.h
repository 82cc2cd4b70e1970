// File: keras/models/model.h
// -----------------------------------------------------------------------------
// keras::Model (Python: keras/src/models/model.py): a Layer that trains
// (compile/fit/evaluate/predict), saves and loads. Three ways to get one, as
// in Keras:
//   * Functional: keras::Model(inputs, outputs) runs the graph between them;
//   * Sequential: keras::Sequential (models/sequential.h);
//   * subclassing: derive from keras::Model, track sublayers under their
//     Python attribute names and override call():
//
//   class MyModel : public keras::Model {
//    public:
//     MyModel() : Model({}, "my_model") {
//       dense = track("dense", keras::layers::Dense(4).shared());
//     }
//     std::string class_name() const override { return "MyModel"; }
//     keras::Tensors call(const keras::Tensors& x, const keras::CallContext&)
//     override {
//       return {(*dense)(x[0])};
//     }
//     std::shared_ptr<keras::layers::DenseLayer> dense;
//   };
// -----------------------------------------------------------------------------
#pragma once

#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/layers/layer.h"
#include "keras/models/functional.h"
#include "keras/saving/saving_lib.h"
#include "keras/trainers/trainer.h"

namespace keras {

struct ModelOptions {
  std::string name = "";
  bool trainable = true;
};

class Model : public Layer, public trainers::Trainer {
 public:
  // Functional models.
  Model(const Tensor& input, const Tensor& output, ModelOptions options = {});
  Model(const Tensors& inputs, const Tensors& outputs,
        ModelOptions options = {});
  Model(const Tensors& inputs,
        const std::vector<std::pair<std::string, Tensor>>& outputs,
        ModelOptions options = {});
  Model(models::FunctionalGraph graph, ModelOptions options);

  // ---- identity ----
  std::string class_name() const override;
  std::string module() const override;
  std::string registered_name() const override;

  // ---- calling ----
  Tensors call(const Tensors& inputs, const CallContext& ctx) override;
  void build(const std::vector<Shape>& input_shapes) override;
  Json get_build_config() const override;
  void build_from_config(const Json& build_config) override;
  // Functional and Sequential call(inputs, training=None, mask=None);
  // Functional never casts its inputs.
  bool call_takes_mask() const override;
  bool converts_input_args() const override;

  // The model's layers: Functional/Sequential ones in Keras order (no
  // leading InputLayer for Sequential), sublayers for subclassed models.
  virtual std::vector<LayerPtr> layers() const;
  LayerPtr get_layer(const std::string& name) const;
  std::vector<LayerPtr> sublayers() const override;

  bool is_functional() const { return graph_.has_value(); }
  const models::FunctionalGraph* graph() const {
    return graph_ ? &*graph_ : nullptr;
  }
  // Symbolic inputs/outputs (Functional and built Sequential models).
  const Tensors& inputs() const;
  const Tensors& outputs() const;
  // Names of the outputs (dict keys, else producing layer names).
  std::vector<std::string> output_names() const;

  // ---- config and saving ----
  Json get_config() const override;
  Json serialize() const override;
  // model.to_json(): the record, without shared_object_id.
  std::string to_json(int indent = -1) const;
  // model.save("x.keras"), "x.h5" (legacy), a directory with
  // {.zipped = false}.
  void save(const std::string& path,
            const saving::SaveOptions& options = {}) const;
  // "x.weights.h5", or sharded "x.weights.json" with {.max_shard_size = GB}.
  void save_weights(const std::string& path,
                    const saving::SaveWeightsOptions& options = {}) const;
  // model.load_weights(path, skip_mismatch=..., by_name=...) as options.
  void load_weights(const std::string& path,
                    const saving::LoadWeightsOptions& options = {});

  // model.summary(): Keras' table.
  void summary(std::ostream& out = std::cout) const;

 protected:
  // For subclasses: `base_name` is the snake_case class name used for the
  // automatic name ("my_model").
  explicit Model(LayerOptions options = {},
                 const std::string& base_name = "model");
  void set_graph(models::FunctionalGraph graph);

  // ---- trainer hooks ----
  Tensors trainer_forward(const Tensors& inputs, bool training) override;
  Variables trainer_trainable_variables() const override;
  Tensors trainer_regularization_losses() const override;
  std::vector<std::string> trainer_output_names() const override;
  std::vector<std::string> trainer_input_names() const override;

 private:
  std::optional<models::FunctionalGraph> graph_;
};

using ModelPtr = std::shared_ptr<Model>;

namespace models {
// keras.models.model_from_json: a model from the JSON of model.to_json()
// (compiled when the JSON has a compile_config, as in Keras).
std::shared_ptr<Model> model_from_json(
    const std::string& json,
    const saving::CustomObjects* custom_objects = nullptr);
}  // namespace models

// Deserializes a Functional config (Keras' Model.from_config for configs
// with layers / input_layers / output_layers).
ModelPtr functional_from_config(const Json& config,
                                const saving::CustomObjects* custom_objects);

}  // namespace keras
