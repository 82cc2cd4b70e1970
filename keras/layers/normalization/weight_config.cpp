#include "keras/layers/normalization/weight_config.h"

#include "keras/saving/serialization_lib.h"
#include "keras/utils/json_utils.h"

namespace keras::layers::weight_config {

initializers::Initializer read_initializer(const saving::ConfigReader& r,
                                           const std::string& key,
                                           const char* fallback) {
  const Json& v = r.raw(key);
  if (v.is_null()) return initializers::Initializer(fallback);
  return read_initializer(r, key, initializers::Initializer("zeros"));
}

initializers::Initializer read_initializer(const saving::ConfigReader& r,
                                           const std::string& key,
                                           initializers::Initializer fallback) {
  const Json& v = r.raw(key);
  if (v.is_null()) return fallback;
  if (v.is_string()) return initializers::Initializer(v.get<std::string>());
  return initializers::Initializer(
      saving::deserialize_keras_object<initializers::InitializerBase>(v));
}

regularizers::RegularizerPtr read_regularizer(const saving::ConfigReader& r,
                                              const std::string& key) {
  const Json& v = r.raw(key);
  if (v.is_string()) return regularizers::get(v.get<std::string>());
  return saving::deserialize_keras_object<regularizers::Regularizer>(v);
}

constraints::ConstraintPtr read_constraint(const saving::ConfigReader& r,
                                           const std::string& key) {
  const Json& v = r.raw(key);
  if (v.is_string()) return constraints::get(v.get<std::string>());
  return saving::deserialize_keras_object<constraints::Constraint>(v);
}

Json write_initializer(const initializers::Initializer& initializer) {
  return saving::serialize_keras_object(initializer.object());
}

Json write_regularizer(const regularizers::RegularizerPtr& regularizer) {
  return saving::serialize_keras_object(regularizer);
}

Json write_constraint(const constraints::ConstraintPtr& constraint) {
  return saving::serialize_keras_object(constraint);
}

Json Axis::to_json() const {
  if (!list) return values.at(0);
  Json out = Json::array();
  for (std::int64_t a : values) out.push_back(a);
  return out;
}

Axis read_axis(const saving::ConfigReader& r, const std::string& key,
               Axis fallback) {
  const Json& v = r.raw(key);
  if (v.is_null()) return fallback;
  if (v.is_number_integer()) return Axis(integer_of<std::int64_t>(v));
  if (v.is_array()) {
    return Axis(r.get<std::vector<std::int64_t>>(key, {}));
  }
  throw TypeError(str(r.class_name(),
                      ": expected an int or a list/tuple of ints for the "
                      "argument 'axis', but received: ",
                      saving::safe_dump(v)));
}

std::vector<std::int64_t> canonical_axes(const std::vector<std::int64_t>& axes,
                                         const Shape& shape,
                                         const Json& given) {
  const auto rank = std::int64_t(shape.size());
  std::vector<std::int64_t> out;
  for (std::int64_t a : axes) {
    if (a >= rank || a < -rank) {
      throw ValueError(str("Axis ", a, " is out of bounds for input shape ",
                           shape_str(shape),
                           ". Received: axis=", dump_json(given)));
    }
    out.push_back(a < 0 ? a + rank : a);
  }
  return out;
}

}  // namespace keras::layers::weight_config
