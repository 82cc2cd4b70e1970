#include "keras/layers/core/input_layer.h"

#include "keras/saving/config_reader.h"

namespace keras {

namespace layers {

InputLayer::InputLayer(const Shape& shape, InputOptions o)
    : Layer({.name = o.name, .dtype = std::string(dtype_name(o.dtype))},
            "input_layer"),
      dtype_(o.dtype),
      sparse_(o.sparse),
      ragged_(o.ragged),
      optional_(o.optional) {
  build_at_init();
  if (o.batch_shape) {
    batch_shape_ = *o.batch_shape;
  } else {
    batch_shape_ = {o.batch_size.value_or(-1)};
    batch_shape_.insert(batch_shape_.end(), shape.begin(), shape.end());
  }
  for (std::int64_t d : batch_shape_) {
    if (d < -1) {
      throw ValueError(
          str("Invalid shape for InputLayer: ", shape_str(batch_shape_),
              ". Dimensions must be non-negative or None."));
    }
  }
  set_built(true);
}

Tensor InputLayer::make_output() {
  if (!inbound_nodes().empty()) return output();
  Tensor t = Tensor::symbolic(batch_shape_, dtype_);
  Tensor out = record_node({}, ArgsForm::kSingle, Json::object(), {t})[0];
  out.shared()->name = name();
  return out;
}

Tensors InputLayer::call(const Tensors& inputs, const CallContext&) {
  return inputs;
}

Json InputLayer::get_config() const {
  return {{"batch_shape", shape_to_json(batch_shape_)},
          {"dtype", std::string(dtype_name(dtype_))},
          {"sparse", sparse_},
          {"ragged", ragged_},
          {"name", name()},
          {"optional", optional_}};
}

std::shared_ptr<InputLayer> InputLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "InputLayer");
  InputOptions o;
  o.name = r.get<std::string>("name", "");
  o.dtype = parse_dtype(r.get<std::string>("dtype", "float32"));
  o.sparse = r.get("sparse", false);
  o.ragged = r.get("ragged", false);
  o.optional = r.get("optional", false);
  // Keras 2 wrote batch_input_shape; Keras 3 batch_shape (or input_shape).
  if (r.has("batch_shape")) {
    o.batch_shape = shape_from_json(r.raw("batch_shape"));
  } else if (r.has("batch_input_shape")) {
    o.batch_shape = shape_from_json(r.raw("batch_input_shape"));
  } else if (r.has("input_shape")) {
    Shape s = shape_from_json(r.raw("input_shape"));
    s.insert(s.begin(), -1);
    o.batch_shape = s;
  } else {
    throw ValueError("InputLayer config needs `batch_shape`. Received: " +
                     saving::safe_dump(config));
  }
  auto layer = std::make_shared<InputLayer>(Shape{}, o);
  layer->make_output();
  return layer;
}

}  // namespace layers

Tensor Input(const Shape& shape, layers::InputOptions options) {
  auto layer = std::make_shared<layers::InputLayer>(shape, std::move(options));
  return layer->make_output();
}

}  // namespace keras
