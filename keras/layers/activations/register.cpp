// Registers the built-in layers of keras/layers/activations/.
#include "keras/layers/activations/activation.h"
#include "keras/layers/activations/elu.h"
#include "keras/layers/activations/leaky_relu.h"
#include "keras/layers/activations/prelu.h"
#include "keras/layers/activations/relu.h"
#include "keras/layers/activations/softmax.h"
#include "keras/layers/register_layers.h"
#include "keras/ops/nn.h"
#include "keras/ops/op_node.h"

namespace keras::layers {

void register_activation_layers() {
  register_layer<ActivationLayer>("Activation");
  register_layer<ReLULayer>("ReLU");
  register_layer<LeakyReLULayer>("LeakyReLU");
  register_layer<PReLULayer>("PReLU");
  register_layer<ELULayer>("ELU");
  register_layer<SoftmaxLayer>("Softmax");
  // keras.ops.gelu(x, approximate) called on a symbolic tensor: the op node
  // keras.src.ops.nn.Gelu (pure-op nodes are keyed "keras.ops.<Name>").
  saving::register_builtin<Layer>("keras.ops.Gelu", [](const Json& config) {
    return std::make_shared<ops::OpNode>(
        "keras.src.ops.nn", "Gelu", config,
        [](const ops::OpArgs& args, const Json& c, const Tensor&) {
          return ops::gelu(args.tensor(0), c.value("approximate", true));
        });
  });
}

}  // namespace keras::layers
