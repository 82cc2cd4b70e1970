#include "keras/layers/rnn/bidirectional.h"

#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

std::string without_prefix(const std::string& name, const std::string& p) {
  return name.rfind(p, 0) == 0 ? name.substr(p.size()) : name;
}

// A fresh layer from `layer`'s record, renamed (and reversed), as Keras
// re-creates the wrapped layer so it carries no state.
std::shared_ptr<RNNLayer> recreate(const RNNLayer& layer,
                                   const std::string& prefix,
                                   bool go_backwards) {
  Json record = layer.serialize();
  record["config"]["name"] = prefix + without_prefix(layer.name(), prefix);
  if (go_backwards) record["config"]["go_backwards"] = true;
  return std::dynamic_pointer_cast<RNNLayer>(deserialize_layer(record));
}

std::shared_ptr<RNNLayer> as_rnn(const LayerPtr& layer) {
  auto rnn = std::dynamic_pointer_cast<RNNLayer>(layer);
  if (!rnn) {
    throw NotImplementedError(
        str("Bidirectional: keras.cpp only wraps recurrent layers (RNN, "
            "LSTM, GRU, SimpleRNN). Received: ",
            layer ? layer->class_name() : std::string("None")));
  }
  return rnn;
}

}  // namespace

BidirectionalLayer::BidirectionalLayer(const std::shared_ptr<RNNLayer>& layer,
                                       BidirectionalOptions options)
    : Layer(std::move(options.base), "bidirectional"),
      merge_mode_(std::move(options.merge_mode)) {
  if (!layer) {
    throw ValueError(
        "Please initialize `Bidirectional` layer with a "
        "`keras.layers.Layer` instance. Received: None");
  }
  if (merge_mode_ && *merge_mode_ != "sum" && *merge_mode_ != "mul" &&
      *merge_mode_ != "ave" && *merge_mode_ != "concat") {
    throw ValueError(str("Invalid merge mode. Received: ", *merge_mode_,
                         ". Merge mode should be one of "
                         "{\"sum\", \"mul\", \"ave\", \"concat\", None}"));
  }
  forward_ = recreate(*layer, "forward_", false);
  backward_ = options.backward_layer ? options.backward_layer
                                     : recreate(*layer, "backward_", true);
  const RNNFlags& f = forward_->flags();
  const RNNFlags& b = backward_->flags();
  if (f.go_backwards == b.go_backwards) {
    throw ValueError(str(
        "Forward layer and backward layer should have different "
        "`go_backwards` value. Received: forward_layer.go_backwards ",
        f.go_backwards ? "True" : "False",
        ", backward_layer.go_backwards=", b.go_backwards ? "True" : "False"));
  }
  auto same = [](const char* attr, bool fv, bool bv) {
    if (fv != bv) {
      throw ValueError(
          str("Forward layer and backward layer are expected to have the same "
              "value for attribute \"",
              attr, "\", got \"", fv ? "True" : "False",
              "\" for forward layer and \"", bv ? "True" : "False",
              "\" for backward layer"));
    }
  };
  same("stateful", f.stateful, b.stateful);
  same("return_sequences", f.return_sequences, b.return_sequences);
  same("return_state", f.return_state, b.return_state);
  // Keras zeroes masked steps of returned sequences so the two directions
  // line up.
  forward_->set_zero_output_for_mask(f.return_sequences);
  backward_->set_zero_output_for_mask(b.return_sequences);
  set_supports_masking(true);
  track("forward_layer", forward_);
  track("backward_layer", backward_);
}

void BidirectionalLayer::build(const std::vector<Shape>& input_shapes) {
  const Json config = {{"input_shape", shape_to_json(input_shapes.at(0))}};
  if (!forward_->built()) forward_->build_from_config(config);
  if (!backward_->built()) backward_->build_from_config(config);
}

Tensors BidirectionalLayer::call(const Tensors& inputs,
                                 const CallContext& ctx) {
  const Tensor& x = inputs.at(0);
  Tensors y = forward_->call_with({x}, ArgsForm::kSingle, ctx);
  Tensors y_rev = backward_->call_with({x}, ArgsForm::kSingle, ctx);
  const bool sequences = forward_->flags().return_sequences;
  Tensor a = y[0], b = y_rev[0];
  if (sequences && !b.is_symbolic()) {
    // The backward outputs run from the last step; put them in time order.
    const std::int64_t steps = b.shape()[1];
    b = ops::take(b, ops::arange(steps - 1, -1, -1, DType::int64), 1);
  }
  Tensors out;
  if (!merge_mode_) {
    out = {a, b};
  } else if (*merge_mode_ == "concat") {
    out = {ops::concatenate({a, b}, -1)};
  } else if (*merge_mode_ == "sum") {
    out = {a + b};
  } else if (*merge_mode_ == "ave") {
    out = {(a + b) * 0.5};
  } else {
    out = {a * b};
  }
  out.insert(out.end(), y.begin() + 1, y.end());
  out.insert(out.end(), y_rev.begin() + 1, y_rev.end());
  return out;
}

Tensors BidirectionalLayer::compute_mask(const Tensors&,
                                         const Tensors& masks) const {
  const Tensor mask = forward_->flags().return_sequences && !masks.empty()
                          ? masks[0]
                          : Tensor();
  return merge_mode_ ? Tensors{mask} : Tensors{mask, mask};
}

Json BidirectionalLayer::get_config() const {
  Json config = Layer::get_config();
  config["merge_mode"] = merge_mode_ ? Json(*merge_mode_) : Json(nullptr);
  config["layer"] = forward_->serialize();
  config["backward_layer"] = backward_->serialize();
  return config;
}

std::shared_ptr<BidirectionalLayer> BidirectionalLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "Bidirectional");
  BidirectionalOptions o;
  o.base = layer_options_from_config(r);
  const Json& mode = r.raw("merge_mode");
  o.merge_mode =
      mode.is_null()
          ? std::nullopt
          : std::optional<std::string>(r.get<std::string>("merge_mode", ""));
  if (!r.has("merge_mode")) o.merge_mode = "concat";
  if (r.has("backward_layer") && !r.raw("backward_layer").is_null()) {
    o.backward_layer = as_rnn(deserialize_layer(r.raw("backward_layer")));
  }
  return std::make_shared<BidirectionalLayer>(
      as_rnn(deserialize_layer(r.raw("layer"))), std::move(o));
}

}  // namespace keras::layers
