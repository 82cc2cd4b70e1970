#include "keras/layers/core/einsum_dense.h"

#include <algorithm>
#include <regex>

#include "keras/layers/convolutional/conv_layer_base.h"  // read_initializer
#include "keras/ops/einsum.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/serialization_lib.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

namespace {

std::string dim_str(std::int64_t d) { return d < 0 ? "None" : str(d); }

struct EinsumShapes {
  Shape kernel;
  std::optional<Shape> bias;
  Shape output;  // full output shape, -1 = None
};

// Keras' _analyze_einsum_string: the kernel, bias and output shapes of an
// EinsumDense equation for inputs of `input_shape`.
EinsumShapes analyze(const std::string& equation,
                     const std::optional<std::string>& bias_axes,
                     const Shape& input_shape, const Shape& partial_output) {
  // "..." is written as "0" so the three supported forms are regexes.
  const std::string eq =
      std::regex_replace(equation, std::regex("\\.\\.\\."), "0");
  std::smatch m;
  bool left_elided = false;
  if (!std::regex_search(eq, m,
                         std::regex("^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)"))) {
    if (std::regex_search(
            eq, m, std::regex("^0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)"))) {
      left_elided = true;
    } else if (!std::regex_search(
                   eq, m,
                   std::regex("^([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0"))) {
      throw ValueError(str("Invalid einsum equation '", equation,
                           "'. Equations must be in the form [X],[Y]->[Z], "
                           "...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...."));
    }
  }
  const std::string in_spec = m[1], w_spec = m[2], out_spec = m[3];
  const auto rank = static_cast<std::int64_t>(input_shape.size());
  const std::int64_t elided = rank - static_cast<std::int64_t>(in_spec.size());
  if (elided < 0) {
    throw ValueError(
        str("EinsumDense: the equation '", equation, "' needs inputs of rank ",
            in_spec.size(),
            " or more. Received: input_shape=", shape_str(input_shape)));
  }
  Shape output = partial_output;
  output.insert(output.begin(), input_shape.empty() ? -1 : input_shape[0]);
  if (elided > 0 && left_elided) {
    // Keras inserts each at position 1 in turn (so in reverse order).
    for (std::int64_t i = 1; i < elided; ++i) {
      output.insert(output.begin() + 1, input_shape[i]);
    }
  } else if (elided > 0) {
    for (std::int64_t i = rank - elided; i < rank; ++i) {
      output.push_back(input_shape[i]);
    }
  }
  const auto in_index = [&](char c) -> std::int64_t {
    const auto i = static_cast<std::int64_t>(in_spec.find(c));
    return left_elided ? i + elided : i;
  };
  const auto out_index = [&](char c) -> std::int64_t {
    const auto i = static_cast<std::int64_t>(out_spec.find(c));
    return left_elided ? i + elided : i;
  };
  const auto in_output = [&](char c) {
    return out_spec.find(c) != std::string::npos;
  };
  const auto at = [&](const Shape& s, std::int64_t i) -> std::int64_t {
    if (i < 0 || i >= static_cast<std::int64_t>(s.size())) {
      throw ValueError(
          str("EinsumDense: `output_shape` ", shape_str(partial_output),
              " does not fit the equation '", equation,
              "' for inputs of shape ", shape_str(input_shape), "."));
    }
    return s[static_cast<std::size_t>(i)];
  };
  for (char c : in_spec) {
    if (!in_output(c)) continue;
    const std::int64_t want = at(output, out_index(c));
    const std::int64_t have =
        input_shape[static_cast<std::size_t>(in_index(c))];
    if (want >= 0 && want != have) {
      throw ValueError(
          str("Input shape and output shape do not match at "
              "shared dimension '",
              c, "'. Input shape is ", dim_str(have), ", and output shape is ",
              dim_str(want), "."));
    }
  }
  for (char c : out_spec) {
    if (in_spec.find(c) == std::string::npos &&
        w_spec.find(c) == std::string::npos) {
      throw ValueError(str("Dimension '", c, "' was specified in the output '",
                           out_spec,
                           "' but has no corresponding dim in the input spec '",
                           in_spec, "' or weight spec '", out_spec, "'"));
    }
  }
  EinsumShapes shapes;
  for (char c : w_spec) {
    if (in_output(c)) {
      shapes.kernel.push_back(at(output, out_index(c)));
    } else if (in_spec.find(c) != std::string::npos) {
      shapes.kernel.push_back(
          input_shape[static_cast<std::size_t>(in_index(c))]);
    } else {
      throw ValueError(str("Weight dimension '", c,
                           "' did not have a match in either the input spec '",
                           in_spec, "' or the output spec '", out_spec,
                           "'. For this layer, the weight must be fully "
                           "specified."));
    }
  }
  if (bias_axes) {
    const std::int64_t offset = left_elided ? elided : 0;
    std::size_t first = out_spec.size();
    for (char c : *bias_axes) {
      const std::size_t i = out_spec.find(c);
      if (i == std::string::npos) {
        throw ValueError(str("Bias dimension '", c,
                             "' was requested, but is not part of the output "
                             "spec '",
                             out_spec, "'"));
      }
      first = std::min(first, i);
    }
    Shape bias;
    for (std::size_t i = first; i < out_spec.size(); ++i) {
      const bool is_bias = bias_axes->find(out_spec[i]) != std::string::npos;
      bias.push_back(is_bias ? at(output, static_cast<std::int64_t>(i) + offset)
                             : 1);
    }
    if (!left_elided) {
      for (std::int64_t i = 0; i < elided; ++i) bias.push_back(1);
    }
    shapes.bias = bias;
  }
  shapes.output = output;
  return shapes;
}

}  // namespace

EinsumDenseLayer::EinsumDenseLayer(std::string equation, Shape output_shape,
                                   EinsumDenseOptions options)
    : Layer(options.base, "einsum_dense"),
      equation_(std::move(equation)),
      output_shape_(std::move(output_shape)),
      options_(std::move(options)) {}

void EinsumDenseLayer::build(const std::vector<Shape>& input_shapes) {
  const EinsumShapes shapes =
      analyze(equation_, options_.bias_axes, input_shapes.at(0), output_shape_);
  full_output_shape_ = shapes.output;
  kernel_ = add_weight({.name = "kernel",
                        .shape = shapes.kernel,
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint});
  if (shapes.bias) {
    bias_ = add_weight({.name = "bias",
                        .shape = *shapes.bias,
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint});
  }
}

Tensors EinsumDenseLayer::call(const Tensors& inputs, const CallContext&) {
  Tensor y = ops::einsum(equation_, inputs.at(0), kernel_->value());
  if (bias_) y = ops::add(y, bias_->value());
  return {options_.activation(y)};
}

Json EinsumDenseLayer::get_config() const {
  using saving::serialize_keras_object;
  Json config = Layer::get_config();
  config["output_shape"] = shape_to_json(output_shape_);
  config["equation"] = equation_;
  config["activation"] = options_.activation.serialize();
  config["bias_axes"] =
      options_.bias_axes ? Json(*options_.bias_axes) : Json(nullptr);
  config["kernel_initializer"] =
      serialize_keras_object(options_.kernel_initializer.object());
  config["bias_initializer"] =
      serialize_keras_object(options_.bias_initializer.object());
  config["kernel_regularizer"] =
      serialize_keras_object(options_.kernel_regularizer);
  config["bias_regularizer"] =
      serialize_keras_object(options_.bias_regularizer);
  const Json base = Layer::get_config();
  config["activity_regularizer"] = base.contains("activity_regularizer")
                                       ? base["activity_regularizer"]
                                       : Json(nullptr);
  config["kernel_constraint"] =
      serialize_keras_object(options_.kernel_constraint);
  config["bias_constraint"] = serialize_keras_object(options_.bias_constraint);
  config["quantization_config"] = nullptr;
  return config;
}

std::shared_ptr<EinsumDenseLayer> EinsumDenseLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "EinsumDense");
  EinsumDenseOptions o;
  o.base = layer_options_from_config(r);
  o.activation = activations::deserialize(r.raw("activation"));
  const Json& bias_axes = r.raw("bias_axes");
  if (!bias_axes.is_null()) o.bias_axes = r.required<std::string>("bias_axes");
  o.kernel_initializer =
      read_initializer(r, "kernel_initializer", "glorot_uniform");
  o.bias_initializer = read_initializer(r, "bias_initializer", "zeros");
  o.kernel_regularizer = read_regularizer(r, "kernel_regularizer");
  o.bias_regularizer = read_regularizer(r, "bias_regularizer");
  o.kernel_constraint = read_constraint(r, "kernel_constraint");
  o.bias_constraint = read_constraint(r, "bias_constraint");
  if (!r.raw("quantization_config").is_null() ||
      !r.raw("lora_rank").is_null()) {
    throw NotImplementedError(str("EinsumDense '", o.base.name,
                                  "': quantized and LoRA EinsumDense layers "
                                  "are not supported yet."));
  }
  // output_shape is an int or a list with nulls.
  const Json& out = r.raw("output_shape");
  Shape output_shape;
  if (out.is_number_integer()) {
    output_shape = {integer_of<std::int64_t>(out)};
  } else {
    output_shape = shape_from_json(out);
  }
  return std::make_shared<EinsumDenseLayer>(r.required<std::string>("equation"),
                                            std::move(output_shape),
                                            std::move(o));
}

}  // namespace keras::layers
