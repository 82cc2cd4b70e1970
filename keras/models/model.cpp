#include "keras/models/model.h"

#include <set>

#include "keras/saving/config_reader.h"
#include "keras/saving/saving_lib.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/summary_utils.h"

namespace keras {

namespace {

models::TensorStructure form_of(std::size_t, models::TensorStructure::Kind k) {
  models::TensorStructure s;
  s.kind = k;
  return s;
}

LayerOptions model_layer_options(const ModelOptions& o) {
  return {.name = o.name, .trainable = o.trainable};
}

}  // namespace

Model::Model(LayerOptions options, const std::string& base_name)
    : Layer(std::move(options), base_name) {}

Model::Model(const Tensor& input, const Tensor& output, ModelOptions options)
    : Model(models::FunctionalGraph(
                {input}, {output},
                form_of(1, models::TensorStructure::Kind::kSingle),
                form_of(1, models::TensorStructure::Kind::kSingle)),
            std::move(options)) {}

Model::Model(const Tensors& inputs, const Tensors& outputs,
             ModelOptions options)
    : Model(models::FunctionalGraph(
                inputs, outputs,
                form_of(inputs.size(), models::TensorStructure::Kind::kList),
                form_of(outputs.size(), models::TensorStructure::Kind::kList)),
            std::move(options)) {}

Model::Model(const Tensors& inputs,
             const std::vector<std::pair<std::string, Tensor>>& outputs,
             ModelOptions options)
    : Model(
          [&] {
            models::TensorStructure out_form;
            out_form.kind = models::TensorStructure::Kind::kDict;
            Tensors tensors;
            for (const auto& [key, t] : outputs) {
              out_form.keys.push_back(key);
              tensors.push_back(t);
            }
            return models::FunctionalGraph(
                inputs, tensors,
                form_of(inputs.size(), models::TensorStructure::Kind::kList),
                out_form);
          }(),
          std::move(options)) {}

Model::Model(models::FunctionalGraph graph, ModelOptions options)
    : Layer(model_layer_options(
                options.name.empty()
                    ? ModelOptions{.name = "", .trainable = options.trainable}
                    : options),
            "functional"),
      graph_(std::move(graph)) {
  set_built(true);
}

void Model::set_graph(models::FunctionalGraph graph) {
  graph_.emplace(std::move(graph));
  set_built(true);
}

// ---- identity ----

std::string Model::class_name() const {
  return graph_ ? "Functional" : "Model";
}

bool Model::call_takes_mask() const {
  const std::string name = class_name();
  return name == "Functional" || name == "Sequential";
}

bool Model::converts_input_args() const { return class_name() != "Functional"; }

std::string Model::module() const {
  return graph_ ? "keras.src.models.functional" : "";
}

std::string Model::registered_name() const {
  return graph_ ? "Functional" : "";
}

// ---- calling ----

Tensors Model::call(const Tensors& inputs, const CallContext& ctx) {
  if (!graph_) {
    throw NotImplementedError(
        str("Model '", name(),
            "' has no graph: a subclassed model must override "
            "call()."));
  }
  return graph_->run(inputs, ctx.training);
}

void Model::build(const std::vector<Shape>& input_shapes) {
  if (graph_) return;
  // Subclassed model: run call() symbolically so sublayers create weights.
  Tensors inputs;
  for (const Shape& s : input_shapes) inputs.push_back(Tensor::symbolic(s));
  SymbolicScope scope;
  call(inputs, CallContext{});
  set_built(true);  // model.build(shape) leaves the model built, as in Keras
}

Json Model::get_build_config() const {
  if (graph_) return {{"input_shape", nullptr}};
  return Layer::get_build_config();
}

void Model::build_from_config(const Json& build_config) {
  if (graph_) return;
  Layer::build_from_config(build_config);
}

std::vector<LayerPtr> Model::layers() const {
  if (!graph_) return Layer::sublayers();
  std::vector<LayerPtr> out;
  for (const auto& op : graph_->operations()) {
    auto layer = std::dynamic_pointer_cast<Layer>(op);
    if (layer && !layer->is_pure_operation()) out.push_back(layer);
  }
  return out;
}

LayerPtr Model::get_layer(const std::string& layer_name) const {
  for (const LayerPtr& layer : layers()) {
    if (layer->name() == layer_name) return layer;
  }
  std::string names;
  for (const LayerPtr& layer : layers()) {
    names += (names.empty() ? "" : ", ") + layer->name();
  }
  throw ValueError(str("No such layer: ", layer_name,
                       ". Existing layers are: [", names, "]."));
}

std::vector<LayerPtr> Model::sublayers() const {
  return graph_ ? layers() : Layer::sublayers();
}

const Tensors& Model::inputs() const {
  if (!graph_) {
    throw ValueError(str("Model '", name(),
                         "' has no defined inputs (it is "
                         "not a Functional model, or not built yet)."));
  }
  return graph_->inputs();
}

const Tensors& Model::outputs() const {
  if (!graph_) {
    throw ValueError(str("Model '", name(),
                         "' has no defined outputs (it is "
                         "not a Functional model, or not built yet)."));
  }
  return graph_->outputs();
}

std::vector<std::string> Model::output_names() const {
  std::vector<std::string> names;
  if (!graph_) return {"output_0"};
  if (graph_->output_form().kind == models::TensorStructure::Kind::kDict) {
    return graph_->output_form().keys;
  }
  for (const Tensor& t : graph_->outputs()) {
    names.push_back(t.keras_history()->operation->name());
  }
  return names;
}

// ---- config ----

Json Model::get_config() const {
  if (!graph_) return Layer::get_config();
  return {{"name", name()},
          {"trainable", trainable()},
          {"layers", graph_->layers_config()},
          {"input_layers", graph_->input_layers_config()},
          {"output_layers", graph_->output_layers_config()}};
}

Json Model::serialize() const {
  Json record = Layer::serialize();
  if (!record.contains("build_config")) {
    Json build = get_build_config();
    if (!build.is_null()) record["build_config"] = build;
  }
  record["compile_config"] = get_compile_config();
  return record;
}

std::string Model::to_json(int indent) const {
  return dump_json(serialize(), indent);
}

void Model::save(const std::string& path,
                 const saving::SaveOptions& options) const {
  saving::save_model(*this, path, options);
}

void Model::save_weights(const std::string& path,
                         const saving::SaveWeightsOptions& options) const {
  saving::save_weights(*this, path, options);
}

void Model::load_weights(const std::string& path,
                         const saving::LoadWeightsOptions& options) {
  saving::load_weights(*this, path, options);
}

void Model::summary(std::ostream& out) const {
  utils::print_summary(*this, out);
}

// ---- trainer hooks ----

Tensors Model::trainer_forward(const Tensors& inputs, bool training) {
  CallContext ctx;
  ctx.training = training;
  return call_with(
      inputs, inputs.size() == 1 ? ArgsForm::kSingle : ArgsForm::kList, ctx);
}

Variables Model::trainer_trainable_variables() const {
  return trainable_weights();
}

Tensors Model::trainer_regularization_losses() const { return losses(); }

std::vector<std::string> Model::trainer_output_names() const {
  return output_names();
}

// Data dicts are keyed by the InputLayer names (Keras' input names).
std::vector<std::string> Model::trainer_input_names() const {
  std::vector<std::string> names;
  if (!graph_) return names;
  for (const Tensor& t : graph_->inputs()) {
    names.push_back(t.keras_history()->operation->name());
  }
  return names;
}

namespace models {
std::shared_ptr<Model> model_from_json(
    const std::string& json, const saving::CustomObjects* custom_objects) {
  return saving::model_from_json_text(json, "model JSON", custom_objects,
                                      /*compile=*/true);
}
}  // namespace models

ModelPtr functional_from_config(const Json& config,
                                const saving::CustomObjects* custom_objects) {
  saving::ConfigReader r(config, "Functional");
  models::FunctionalGraph graph =
      models::FunctionalGraph::from_config(config, custom_objects);
  return std::make_shared<Model>(
      std::move(graph), ModelOptions{.name = r.get<std::string>("name", ""),
                                     .trainable = r.get("trainable", true)});
}

}  // namespace keras
