// File: keras/legacy/layers/tf_op_lambda.h
// -----------------------------------------------------------------------------
// tf.keras 2's TFOpLambda and SlicingOpLambda (tf_keras/layers/core/
// tf_op_layers.py): the layers tf.keras recorded in Functional configs when
// a TensorFlow function was called on symbolic tensors, e.g.
//
//   {"class_name": "TFOpLambda",
//    "config": {"name": "tf.__operators__.add", "trainable": true,
//               "dtype": "float32", "function": "__operators__.add"},
//    "inbound_nodes": [["dense", 0, 0, {"y": ["input_1", 0, 0],
//                                       "name": null}]]}
//
// Keras 3 cannot load them. Here each TensorFlow function that has a Keras
// op counterpart runs as that op (keras/ops/op_node.h): the call's
// positional and keyword arguments are bound to the TensorFlow function's
// parameters, then passed on as the op's arguments and configuration. A
// function without a counterpart is refused when the layer is created,
// naming it.
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

#include "keras/layers/layer.h"

namespace keras::legacy::layers {

class TFOpLambdaLayer : public keras::Layer {
 public:
  // `function` as tf.keras names it: "__operators__.add", "math.multiply",
  // "nn.relu", "reshape", ... (SlicingOpLambda: "__operators__.getitem").
  TFOpLambdaLayer(std::string class_name, std::string function,
                  keras::LayerOptions base = {});

  std::string class_name() const override { return class_name_; }
  std::string module() const override { return "keras.layers"; }
  keras::Tensors call(const keras::Tensors& inputs,
                      const keras::CallContext& ctx) override;
  keras::Json get_config() const override;

  const std::string& function() const { return function_; }

  static std::shared_ptr<TFOpLambdaLayer> from_config(
      const std::string& class_name, const keras::Json& config);

 private:
  std::string class_name_;
  std::string function_;
};

// Registers TFOpLambda and SlicingOpLambda for deserialization.
void register_tf_op_layers();

}  // namespace keras::legacy::layers
