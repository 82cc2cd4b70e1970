// File: keras/saving/serializable.h
// -----------------------------------------------------------------------------
// keras::Serializable: what serialize_keras_object needs from an object
// (Python: the get_config()/class identity protocol of KerasSaveable). Each
// object names its Keras class the way Keras writes it in configs: `module`
// (e.g. "keras.initializers"), `class_name` ("GlorotUniform") and, for
// registered custom classes, `registered_name` ("my_package>MyLayer").
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/core/json.h"

namespace keras {

class Serializable {
 public:
  virtual ~Serializable() = default;
  virtual std::string class_name() const = 0;
  // Public Keras module of the class; "" writes null (custom classes).
  virtual std::string module() const = 0;
  // "" writes null (built-ins); custom classes return "package>Name".
  virtual std::string registered_name() const { return ""; }
  virtual Json get_config() const = 0;
};

}  // namespace keras
