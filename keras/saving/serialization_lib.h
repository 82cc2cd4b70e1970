// File: keras/saving/serialization_lib.h
// -----------------------------------------------------------------------------
// serialize_keras_object / deserialize_keras_object (Python:
// keras/src/saving/serialization_lib.py): objects <-> Keras' record
// {"module", "class_name", "config", "registered_name"}.
//
// Lookup order when deserializing, as Keras': custom objects (scope, global
// registry, the passed map) by registered name, then the built-in classes of
// the expected kind by class name, for records whose module is Keras'.
// Nothing is ever imported or executed from a record: a module outside Keras
// can only resolve through a registration.
//
//   Json record = saving::serialize_keras_object(regularizers::L1(0.005));
//   auto reg =
//   saving::deserialize_keras_object<regularizers::Regularizer>(record);
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

#include "keras/backend/tensor.h"
#include "keras/core/error.h"
#include "keras/core/json.h"
#include "keras/saving/object_registration.h"
#include "keras/saving/serializable.h"

namespace keras::saving {

// Whether `value` is Keras' record of an array inside a config
// ({"class_name": "__tensor__" or "__numpy__", "config": {"value", "dtype"}}).
bool is_array_record(const Json& value);
// The constant tensor of an array record; ValueError for ragged nesting,
// non-numbers or an unknown dtype.
Tensor deserialize_array_record(const Json& record);
// A number or (nested, rectangular) list of numbers as a constant tensor of
// `dtype`; ValueError for ragged nesting or non-numbers.
Tensor tensor_from_nested_list(const Json& value, DType dtype);
// Keras' "__tensor__" record of a concrete tensor.
Json serialize_tensor_record(const Tensor& tensor);

// The record of `object`.
Json serialize_keras_object(const Serializable& object);
// null for a null pointer.
Json serialize_keras_object(const std::shared_ptr<const Serializable>& object);

// The factory for `record` of kind `kind` (custom objects first, then
// built-ins); throws TypeError "Could not locate class ..." otherwise.
const ObjectFactory& resolve_class(const Json& record, std::type_index kind,
                                   const char* kind_name,
                                   const CustomObjects* custom_objects);

// While alive, records with the same shared_object_id deserialize to one
// object (Keras' ObjectSharingScope).
class ObjectSharingScope {
 public:
  ObjectSharingScope();
  ~ObjectSharingScope();
  ObjectSharingScope(const ObjectSharingScope&) = delete;
  ObjectSharingScope& operator=(const ObjectSharingScope&) = delete;
};
// The object cached under a record's shared_object_id, if any.
std::any* shared_object(const Json& record);
void remember_shared_object(const Json& record, std::any object);

// Rejects records that ask for code execution (Python lambdas), with Keras'
// safe-mode explanation.
void check_safe(const Json& record);

// deserialize_keras_object's work once the record is known to be new:
// resolve the class, build it from its config, remember a shared object.
template <class Kind>
std::shared_ptr<Kind> deserialize_new_keras_object(
    const Json& record, const CustomObjects* custom_objects) {
  const ObjectFactory& factory = resolve_class(
      record, typeid(Kind), KindName<Kind>::value, custom_objects);
  const Json& config =
      record.contains("config") ? record["config"] : Json::object();
  std::shared_ptr<Kind> object;
  {
    // Nested records see the same custom objects (Keras runs from_config
    // inside custom_object_scope(custom_objects)).
    std::optional<CustomObjectScope> scope;
    if (custom_objects) {
      CustomObjects merged = *custom_objects;
      if (const CustomObjects* outer = current_custom_object_scope()) {
        for (const auto& [k, v] : *outer) merged[k] = v;
      }
      scope.emplace(std::move(merged));
    }
    object =
        any_to<Kind>(factory.make(config),
                     record.value("class_name", std::string("?")), factory);
  }
  remember_shared_object(record, object);
  return object;
}

template <class Kind>
std::shared_ptr<Kind> deserialize_keras_object(
    const Json& record, const CustomObjects* custom_objects = nullptr) {
  if (record.is_null()) return nullptr;
  if (!record.is_object()) {
    throw TypeError(
        str("Could not deserialize a ", KindName<Kind>::value, " from ",
            record.dump(-1, ' ', false, Json::error_handler_t::replace)
                .substr(0, 200),
            ": expected a dict with `class_name` and `config`."));
  }
  check_safe(record);
  if (std::any* cached = shared_object(record)) {
    if (auto* object = std::any_cast<std::shared_ptr<Kind>>(cached)) {
      return *object;
    }
    throw TypeError(str("A ", KindName<Kind>::value,
                        " record refers to "
                        "shared_object_id ",
                        record["shared_object_id"].dump(),
                        ", which another kind of object already uses."));
  }
  try {
    return deserialize_new_keras_object<Kind>(record, custom_objects);
  } catch (const Json::exception& e) {
    // A value of the wrong JSON type deep inside a from_config.
    throw ValueError(
        str("Could not deserialize the ", KindName<Kind>::value,
            " record of class_name ",
            record.contains("class_name")
                ? record["class_name"].dump(-1, ' ', false,
                                            Json::error_handler_t::replace)
                : std::string("(none)"),
            ": its config is malformed (", e.what(), ")."));
  }
}

}  // namespace keras::saving
