#include "keras/models/cloning.h"

#include "keras/saving/serialization_lib.h"

namespace keras::models {

std::shared_ptr<Model> clone_model(
    const Model& model, const saving::CustomObjects* custom_objects) {
  // Rebuilding from the record gives new layer objects (so fresh
  // variables) under the same names; compile_config is left out.
  Json record = model.serialize();
  record.erase("compile_config");
  saving::ObjectSharingScope sharing;
  LayerPtr layer = deserialize_layer(record, custom_objects);
  auto clone = std::dynamic_pointer_cast<Model>(layer);
  if (!clone) {
    throw TypeError(str("clone_model: '", model.name(), "' deserialized to a ",
                        layer->class_name(), ", not a model."));
  }
  return clone;
}

}  // namespace keras::models
