#include "keras/saving/serialization_lib.h"

#include <map>

#include "keras/saving/config_reader.h"
#include "keras/utils/json_utils.h"

namespace keras::saving {

Json serialize_keras_object(const Serializable& object) {
  const std::string module = object.module();
  const std::string registered = object.registered_name();
  return {{"module", module.empty() ? Json(nullptr) : Json(module)},
          {"class_name", object.class_name()},
          {"config", object.get_config()},
          {"registered_name",
           registered.empty() ? Json(nullptr) : Json(registered)}};
}

Json serialize_keras_object(const std::shared_ptr<const Serializable>& object) {
  return object ? serialize_keras_object(*object) : Json(nullptr);
}

namespace {

thread_local std::map<std::int64_t, std::any>* sharing = nullptr;
thread_local int sharing_depth = 0;

bool is_keras_module(const std::string& module) {
  return module == "keras" || module.rfind("keras.", 0) == 0;
}

}  // namespace

ObjectSharingScope::ObjectSharingScope() {
  if (sharing_depth++ == 0) sharing = new std::map<std::int64_t, std::any>();
}

ObjectSharingScope::~ObjectSharingScope() {
  if (--sharing_depth == 0) {
    delete sharing;
    sharing = nullptr;
  }
}

std::any* shared_object(const Json& record) {
  if (!sharing || !record.contains("shared_object_id")) return nullptr;
  const Json& id = record["shared_object_id"];
  if (!id.is_number_integer()) return nullptr;
  auto it = sharing->find(integer_of<std::int64_t>(id));
  return it == sharing->end() ? nullptr : &it->second;
}

void remember_shared_object(const Json& record, std::any object) {
  if (!sharing || !record.contains("shared_object_id")) return;
  const Json& id = record["shared_object_id"];
  if (id.is_number_integer()) (*sharing)[integer_of<std::int64_t>(id)] = object;
}

void check_safe(const Json& record) {
  const Json& name =
      record.contains("class_name") ? record["class_name"] : Json();
  const std::string class_name =
      name.is_string() ? name.get<std::string>() : "";
  if (class_name == "__lambda__") {
    throw ValueError(
        "Requested the deserialization of a Python lambda. keras.cpp never "
        "runs code from a file: Python bytecode cannot be loaded (Keras "
        "refuses it too in safe_mode, as it carries a risk of arbitrary code "
        "execution). Replace the lambda by a registered function or layer.");
  }
  if (class_name == "Lambda") {
    throw ValueError(str(
        "Requested the deserialization of a Lambda layer ('",
        record.contains("config") && record["config"].is_object() &&
                record["config"].contains("name") &&
                record["config"]["name"].is_string()
            ? record["config"]["name"].get<std::string>()
            : std::string("?"),
        "'). Its function is Python code, which keras.cpp never runs (Keras "
        "refuses it in safe_mode as arbitrary code execution). Rewrite the "
        "layer as a registered custom layer."));
  }
}

const ObjectFactory& resolve_class(const Json& record, std::type_index kind,
                                   const char* kind_name,
                                   const CustomObjects* custom_objects) {
  ensure_builtins_registered();
  const auto text = [](const Json& v, const char* key) -> std::string {
    return v.contains(key) && v[key].is_string() ? v[key].get<std::string>()
                                                 : std::string();
  };
  const std::string class_name = text(record, "class_name");
  if (class_name.empty()) {
    throw TypeError(str("Could not deserialize a ", kind_name,
                        ": the record has no `class_name`. Record: ",
                        safe_dump(record).substr(0, 300)));
  }
  const std::string module = text(record, "module");
  std::string registered = text(record, "registered_name");
  if (registered.empty()) registered = class_name;

  const ObjectFactory* custom = find_custom_object(registered, custom_objects);
  if (!custom && registered != class_name) {
    custom = find_custom_object(class_name, custom_objects);
  }
  if (custom) {
    if (custom->kind != kind) {
      throw TypeError(str("'", registered, "' is registered as a ",
                          custom->kind_name, ", but a ", kind_name,
                          " was expected here."));
    }
    return *custom;
  }
  // Built-ins are found for Keras modules and for records without a module
  // (the legacy format), never for foreign modules.
  if (module.empty() || is_keras_module(module)) {
    const CustomObjects& table = builtin_objects(kind);
    // Pure ops (keras.src.ops.numpy.Add) share class names with layers
    // (keras.layers.Add): they are registered under "keras.ops.<Name>".
    const bool is_op = module.rfind("keras.src.ops.", 0) == 0 ||
                       module.rfind("keras.ops", 0) == 0;
    const std::string key = is_op ? "keras.ops." + class_name : class_name;
    if (auto it = table.find(key); it != table.end()) return it->second;
  }
  std::string where = module.empty() ? "" : str(" (module '", module, "')");
  throw TypeError(
      str("Could not locate ", kind_name, " '", class_name, "'", where,
          ". Make sure custom classes are registered with "
          "keras::saving::register_keras_serializable(package, name) under the "
          "registered name '",
          registered,
          "', or passed in custom_objects / a CustomObjectScope, and that a "
          "plugin defining them is loaded (keras-cpp --plugin lib.so). Full "
          "object config: ",
          safe_dump(record).substr(0, 500)));
}

// ---- array records ----

bool is_array_record(const Json& value) {
  if (!value.is_object() || !value.contains("class_name")) return false;
  const Json& name = value["class_name"];
  return (name == "__tensor__" || name == "__numpy__") &&
         value.contains("config") && value["config"].is_object() &&
         value["config"].contains("value");
}

namespace {

// The shape of nested lists `v`, read along the first elements.
Shape nested_shape(const Json& v) {
  Shape shape;
  for (const Json* e = &v; e->is_array(); e = &(*e)[0]) {
    shape.push_back(static_cast<std::int64_t>(e->size()));
    if (e->empty()) break;
  }
  return shape;
}

[[noreturn]] void throw_ragged() {
  throw ValueError(
      "Array record has ragged nesting: every list at one depth must have "
      "the same length, with numbers only at the innermost depth.");
}

// Appends the numbers of nested lists `v` to `out`, requiring every list at
// depth d to have shape[d] elements and numbers only at the innermost depth.
void flatten_nested(const Json& v, const Shape& shape, std::size_t depth,
                    std::vector<double>& out) {
  if (depth < shape.size()) {
    if (!v.is_array() || v.size() != static_cast<std::size_t>(shape[depth])) {
      throw_ragged();
    }
    for (const Json& e : v) flatten_nested(e, shape, depth + 1, out);
  } else if (v.is_array()) {  // a list where its siblings hold numbers
    throw_ragged();
  } else if (v.is_boolean()) {
    out.push_back(v.get<bool>() ? 1.0 : 0.0);
  } else if (v.is_number()) {
    out.push_back(v.get<double>());
  } else {
    throw ValueError(str(
        "Array record holds a non-number: ",
        v.dump(-1, ' ', false, Json::error_handler_t::replace).substr(0, 60)));
  }
}

void nest(const std::vector<double>& values, const Shape& shape,
          std::size_t depth, std::size_t& next, DType dtype, Json& out) {
  if (depth == shape.size()) {
    const double v = values[next++];
    if (dtype == DType::bool_) {
      out = v != 0;
    } else if (is_float(dtype)) {
      out = v;
    } else {
      out = static_cast<std::int64_t>(v);
    }
    return;
  }
  out = Json::array();
  for (std::int64_t i = 0; i < shape[depth]; ++i) {
    Json e;
    nest(values, shape, depth + 1, next, dtype, e);
    out.push_back(std::move(e));
  }
}

}  // namespace

Tensor deserialize_array_record(const Json& record) {
  if (!is_array_record(record)) {
    throw ValueError(
        "Expected an array record with class_name `__tensor__` "
        "or `__numpy__` and a config with `value`.");
  }
  const Json& config = record["config"];
  return tensor_from_nested_list(config["value"],
                                 parse_dtype(config.value("dtype", "float32")));
}

Tensor tensor_from_nested_list(const Json& value, DType dtype) {
  const Shape shape = nested_shape(value);
  std::vector<double> values;
  flatten_nested(value, shape, 0, values);
  return Tensor::from_vector<double>(values, shape).astype(dtype);
}

Json serialize_tensor_record(const Tensor& tensor) {
  const std::vector<double> values = tensor.to_double_vector();
  Json value;
  std::size_t next = 0;
  nest(values, tensor.shape(), 0, next, tensor.dtype(), value);
  return {{"class_name", "__tensor__"},
          {"config",
           {{"value", std::move(value)},
            {"dtype", std::string(dtype_name(tensor.dtype()))}}}};
}

}  // namespace keras::saving
