#include "keras/layers/rnn/time_distributed.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {
void check_rank(const Shape& shape) {
  if (shape.size() < 3) {
    throw ValueError(
        str("`TimeDistributed` Layer should be passed an "
            "`input_shape` with at least 3 dimensions, "
            "received: ",
            shape_str(shape)));
  }
}
// [batch, time, rest...] -> [batch * time, rest...] (unknown stays -1).
Shape folded(const Shape& shape) {
  Shape out = {shape[0] < 0 || shape[1] < 0 ? -1 : shape[0] * shape[1]};
  out.insert(out.end(), shape.begin() + 2, shape.end());
  return out;
}
}  // namespace

TimeDistributedLayer::TimeDistributedLayer(LayerPtr layer,
                                           TimeDistributedOptions options)
    : Layer(std::move(options.base), "time_distributed"),
      layer_(std::move(layer)) {
  if (!layer_) {
    throw ValueError(
        "Please initialize `TimeDistributed` layer with a "
        "`keras.layers.Layer` instance. Received: None");
  }
  set_supports_masking(true);
  track("layer", layer_);
}

void TimeDistributedLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  check_rank(shape);
  if (!layer_->built()) {
    Shape child = {shape[0]};
    child.insert(child.end(), shape.begin() + 2, shape.end());
    layer_->build_from_config({{"input_shape", shape_to_json(child)}});
  }
}

Tensors TimeDistributedLayer::call(const Tensors& inputs,
                                   const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  check_rank(x.shape());
  CallContext inner = ctx;
  inner.masks.clear();  // the mask describes [batch, time], not the fold
  const Shape& s = x.shape();
  const Tensor flat = x.is_symbolic() ? Tensor::symbolic(folded(s), x.dtype())
                                      : ops::reshape(x, folded(s));
  const Tensor y = layer_->call_with({flat}, ArgsForm::kSingle, inner).at(0);
  Shape out = {s[0], s[1]};
  out.insert(out.end(), y.shape().begin() + 1, y.shape().end());
  return {y.is_symbolic() ? Tensor::symbolic(out, y.dtype())
                          : ops::reshape(y, out)};
}

Json TimeDistributedLayer::get_config() const {
  Json config = Layer::get_config();
  config["layer"] = layer_->serialize();
  return config;
}

std::shared_ptr<TimeDistributedLayer> TimeDistributedLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "TimeDistributed");
  return std::make_shared<TimeDistributedLayer>(
      deserialize_layer(r.raw("layer")),
      TimeDistributedOptions{.base = layer_options_from_config(r)});
}

}  // namespace keras::layers
