// File: keras/saving/object_registration.h
// -----------------------------------------------------------------------------
// Where deserialization finds classes and functions by name (Python:
// keras/src/saving/object_registration.py).
//
// Three sources, consulted as Keras does: the active CustomObjectScope, then
// the global registry (register_keras_serializable), then the custom_objects
// map passed to load_model. Built-in Keras classes live in a separate table
// keyed by their public name ("Dense", "GlorotUniform", ...) per kind, filled
// once, explicitly, on first use (no static self-registration: the linker
// would drop it from a static library).
//
// An entry is a factory from a config to an object of one kind (layer,
// initializer, activation function, ...). Kinds are checked, so a registered
// initializer cannot be deserialized where a layer is expected.
//
//   keras::saving::register_keras_serializable<MyLayer>("my_package");
//   keras::saving::CustomObjectScope scope({{"MyLayer", my_layer_factory}});
// -----------------------------------------------------------------------------
#pragma once

#include <any>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <typeindex>
#include <vector>

#include "keras/core/error.h"
#include "keras/core/json.h"

namespace keras::saving {

// A factory of one kind. `make` returns std::shared_ptr<Kind> in a std::any
// (for functions: the std::function itself).
struct ObjectFactory {
  std::type_index kind = typeid(void);
  std::string kind_name;  // "layer", "initializer", ... for messages
  std::function<std::any(const Json& config)> make;
};

// Name -> factory; what users pass to load_model(custom_objects=...).
using CustomObjects = std::map<std::string, ObjectFactory>;

// Describes kinds for messages; specialised by each kind's header.
template <class Kind>
struct KindName {
  static constexpr const char* value = "object";
};

// Wraps a factory producing std::shared_ptr<Kind>.
template <class Kind>
ObjectFactory make_factory(
    std::function<std::shared_ptr<Kind>(const Json& config)> make) {
  return {
      typeid(Kind), KindName<Kind>::value,
      [make = std::move(make)](const Json& c) -> std::any { return make(c); }};
}

// The global registry (Keras' _GLOBAL_CUSTOM_OBJECTS), keyed by registered
// name "package>name".
CustomObjects& global_custom_objects();

// Registers `factory` under "package>name"; returns the registered name.
std::string register_object(const std::string& package, const std::string& name,
                            ObjectFactory factory);

// Registers class T (which has `static std::shared_ptr<T> from_config(const
// Json&)` and a Kind typedef `T::Kind`) as "package>name" (name defaults to
// T's class name in Keras, which the caller passes).
template <class T>
std::string register_keras_serializable(const std::string& package,
                                        const std::string& name) {
  using Kind = typename T::Kind;
  return register_object(
      package, name,
      make_factory<Kind>([](const Json& c) -> std::shared_ptr<Kind> {
        return T::from_config(c);
      }));
}

// Makes `objects` visible to deserialization on this thread while it lives
// (Keras' custom_object_scope). Scopes nest; the innermost replaces outer
// ones for its duration, as in Keras.
class CustomObjectScope {
 public:
  explicit CustomObjectScope(CustomObjects objects);
  ~CustomObjectScope();
  CustomObjectScope(const CustomObjectScope&) = delete;
  CustomObjectScope& operator=(const CustomObjectScope&) = delete;

 private:
  CustomObjects* previous_;
  CustomObjects objects_;
};

// The current thread's scope objects, or null.
const CustomObjects* current_custom_object_scope();

// Looks `key` up in scope, global registry, then `passed` (Keras' order).
const ObjectFactory* find_custom_object(const std::string& key,
                                        const CustomObjects* passed);

// keras.saving.get_registered_object: the registration (scope, then global
// registry, then `custom_objects`) under `name`, or null.
inline const ObjectFactory* get_registered_object(
    const std::string& name, const CustomObjects* custom_objects = nullptr) {
  return find_custom_object(name, custom_objects);
}

// keras.saving.get_registered_name: "package>Name" for a registered custom
// object, else its class name (for objects with class_name() and, when
// registered, registered_name()).
template <class T>
std::string get_registered_name(const T& object) {
  if constexpr (requires { object.registered_name(); }) {
    std::string registered = object.registered_name();
    if (!registered.empty()) return registered;
  }
  return object.class_name();
}

// Built-in classes of one kind, by class name ("Dense").
CustomObjects& builtin_objects(std::type_index kind);

template <class Kind>
void register_builtin(const std::string& class_name,
                      std::function<std::shared_ptr<Kind>(const Json&)> make) {
  builtin_objects(typeid(Kind))[class_name] =
      make_factory<Kind>(std::move(make));
}

// Runs every built-in registration once (thread-safe).
void ensure_builtins_registered();

// Converts a std::any from a factory into the kind's pointer, with a clear
// TypeError when the registered object is of another kind.
template <class Kind>
std::shared_ptr<Kind> any_to(const std::any& value, const std::string& name,
                             const ObjectFactory& factory) {
  if (factory.kind != typeid(Kind)) {
    throw TypeError(str("'", name, "' is registered as a ", factory.kind_name,
                        ", but a ", KindName<Kind>::value,
                        " was expected here."));
  }
  return std::any_cast<std::shared_ptr<Kind>>(value);
}

}  // namespace keras::saving
