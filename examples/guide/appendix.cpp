// Guide "Save, serialize, and export models" -- "Appendix: Handling custom
// objects": MyDense (registered 'MyLayers>KernelMult') with a nested MyDense
// in its config, serialized and deserialized; CustomModel (registered
// 'ComplexModels>CustomModel') whose from_config deserializes its
// sublayers; how a custom object's record looks (registered_name, module
// null).
#include <iostream>

#include "examples/guide/guide_objects.h"
#include "examples/guide/python_repr.h"
#include "examples/guide/sections.h"
#include "keras/keras.h"

namespace guide {

void appendix() {
  std::cout << "\n== Appendix: handling custom objects ==\n";
  register_guide_objects();

  // Defining the config methods.
  auto layer = std::make_shared<MyDense>(
      16,
      MyDenseOptions{.kernel_regularizer = "l1", .kernel_initializer = "ones"});
  auto layer3 =
      std::make_shared<MyDense>(64, MyDenseOptions{.nested_model = layer});
  const keras::Json config = layer3->serialize();  // keras.layers.serialize
  std::cout << python_repr(config) << "\n";
  keras::LayerPtr new_layer = keras::deserialize_layer(config);
  std::cout << "<" << new_layer->class_name() << " name=" << new_layer->name()
            << ", built=" << (new_layer->built() ? "True" : "False") << ">\n";

  // Registering the custom object: CustomModel's from_config deserializes
  // the layers held in its config.
  auto first_layer = std::make_shared<MyDense>(
      16,
      MyDenseOptions{.kernel_regularizer = "l1", .kernel_initializer = "ones"});
  auto inputs = keras::Input({32});
  auto custom_model = std::make_shared<CustomModel>(first_layer);
  auto outputs = (*custom_model)(inputs);
  keras::Model model(inputs, outputs);
  const keras::Json model_config = model.get_config();
  auto new_model = keras::functional_from_config(model_config, {});
  std::cout << "Model.from_config(config): "
            << new_model->layers().back()->class_name() << " with "
            << new_model->count_params() << " parameters\n";
  new_model->summary();

  // How custom objects are serialized: the record names the registered
  // name, and module is null.
  MyDense l1l2_layer(
      16, {.kernel_regularizer = keras::saving::serialize_keras_object(
               keras::regularizers::L1L2(1e-5, 1e-4)),
           .kernel_initializer = "ones"});
  std::cout << python_repr(l1l2_layer.serialize()) << "\n";
}

}  // namespace guide
