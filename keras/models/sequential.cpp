#include "keras/models/sequential.h"

#include "keras/layers/name_scope.h"
#include "keras/saving/config_reader.h"

namespace keras {

SequentialItem::SequentialItem(LayerPtr layer) : layer_(std::move(layer)) {}

SequentialItem::SequentialItem(const Tensor& input) {
  const KerasHistory* h = input.keras_history();
  layer_ =
      h ? std::dynamic_pointer_cast<layers::InputLayer>(h->operation) : nullptr;
  if (!layer_) {
    throw ValueError(
        "Only keras::Input() tensors can be items of a Sequential model's "
        "layer list.");
  }
}

Sequential::Sequential(std::vector<SequentialItem> items, ModelOptions options)
    : Model(LayerOptions{.name = options.name, .trainable = options.trainable},
            "sequential") {
  for (const SequentialItem& item : items) add(item.layer());
}

void Sequential::add(LayerPtr layer) {
  if (!layer) throw ValueError("Sequential.add() received a null layer.");
  if (std::dynamic_pointer_cast<layers::InputLayer>(layer) &&
      !layers_.empty()) {
    throw ValueError(
        "Sequential model: an InputLayer can only be the first layer.");
  }
  for (const LayerPtr& existing : layers_) {
    if (existing->name() == layer->name()) {
      throw ValueError(
          str("All layers added to a Sequential model should "
              "have unique names. Name '",
              layer->name(),
              "' is already the name of a layer in this model. "
              "Update the `name` argument to pass a unique "
              "name."));
    }
  }
  layers_.push_back(std::move(layer));
  maybe_rebuild();
}

void Sequential::pop() {
  if (layers().empty()) {
    throw ValueError("There are no layers in the model.");
  }
  layers_.pop_back();
  maybe_rebuild();
}

std::vector<LayerPtr> Sequential::layers() const {
  std::vector<LayerPtr> out;
  for (const LayerPtr& layer : layers_) {
    if (!std::dynamic_pointer_cast<layers::InputLayer>(layer)) {
      out.push_back(layer);
    }
  }
  return out;
}

std::vector<LayerPtr> Sequential::sublayers() const { return layers_; }

void Sequential::maybe_rebuild() {
  std::optional<Shape> shape = build_input_shape_;
  DType dtype = DType::float32;
  if (!layers_.empty()) {
    if (auto input =
            std::dynamic_pointer_cast<layers::InputLayer>(layers_[0])) {
      shape = input->batch_shape();
      dtype = input->input_dtype();
    }
  }
  if (!shape) return;
  std::shared_ptr<layers::InputLayer> input;
  if (!layers_.empty()) {
    input = std::dynamic_pointer_cast<layers::InputLayer>(layers_[0]);
  }
  if (!input) {
    input = std::make_shared<layers::InputLayer>(
        Shape{}, layers::InputOptions{.batch_shape = *shape, .dtype = dtype});
    layers_.insert(layers_.begin(), input);
  }
  build_input_shape_ = shape;
  Tensor x = input->make_output();
  const Tensor in = x;
  {
    // Keras builds a Sequential's layers inside its name scope.
    NameScope scope(*this);
    for (const LayerPtr& layer : layers()) x = (*layer)(x);
  }
  set_graph(models::FunctionalGraph({in}, {x}, {}, {}));
}

void Sequential::build(const std::vector<Shape>& input_shapes) {
  if (graph()) return;
  if (input_shapes.size() != 1) {
    throw ValueError("A Sequential model takes exactly one input.");
  }
  build_input_shape_ = input_shapes[0];
  maybe_rebuild();
}

Tensors Sequential::call(const Tensors& inputs, const CallContext& ctx) {
  if (graph()) return Model::call(inputs, ctx);
  Tensors x = inputs;
  for (const LayerPtr& layer : layers()) {
    x = layer->call_with(x, ArgsForm::kSingle, ctx);
  }
  return x;
}

Json Sequential::get_build_config() const {
  if (!build_input_shape_) return nullptr;
  return {{"input_shape", shape_to_json(*build_input_shape_)}};
}

void Sequential::build_from_config(const Json& build_config) {
  if (graph() || !build_config.is_object()) return;
  const Json& shape = build_config.contains("input_shape")
                          ? build_config["input_shape"]
                          : Json(nullptr);
  if (shape.is_array()) build({shape_from_json(shape)});
}

Json Sequential::get_config() const {
  Json records = Json::array();
  for (const LayerPtr& layer : layers_) records.push_back(layer->serialize());
  Json config = Layer::get_config();
  config["layers"] = records;
  if (build_input_shape_) {
    config["build_input_shape"] = shape_to_json(*build_input_shape_);
  }
  return config;
}

std::shared_ptr<Sequential> Sequential::from_config(const Json& config) {
  saving::ConfigReader r(config, "Sequential");
  auto model = std::make_shared<Sequential>(
      std::vector<SequentialItem>{},
      ModelOptions{.name = r.get<std::string>("name", ""),
                   .trainable = r.get("trainable", true)});
  const Json& records = r.raw("layers");
  if (!records.is_array()) {
    throw ValueError("Sequential config needs a `layers` list.");
  }
  for (const Json& record : records) model->add(deserialize_layer(record));
  if (!model->graph() && r.raw("build_input_shape").is_array()) {
    model->build({shape_from_json(r.raw("build_input_shape"))});
  }
  return model;
}

}  // namespace keras
