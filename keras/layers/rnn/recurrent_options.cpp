#include "keras/layers/rnn/recurrent_options.h"

#include "keras/saving/serialization_lib.h"

namespace keras::layers::rnn_config {

initializers::Initializer read_initializer(const saving::ConfigReader& r,
                                           const std::string& key,
                                           const char* fallback) {
  const Json& v = r.raw(key);
  if (v.is_null()) return initializers::Initializer(fallback);
  if (v.is_string()) return initializers::Initializer(v.get<std::string>());
  return initializers::Initializer(
      saving::deserialize_keras_object<initializers::InitializerBase>(v,
                                                                      nullptr));
}

regularizers::RegularizerPtr read_regularizer(const saving::ConfigReader& r,
                                              const std::string& key) {
  return saving::deserialize_keras_object<regularizers::Regularizer>(r.raw(key),
                                                                     nullptr);
}

constraints::ConstraintPtr read_constraint(const saving::ConfigReader& r,
                                           const std::string& key) {
  return saving::deserialize_keras_object<constraints::Constraint>(r.raw(key),
                                                                   nullptr);
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

}  // namespace keras::layers::rnn_config
