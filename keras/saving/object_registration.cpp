#include "keras/saving/object_registration.h"

#include <mutex>
#include <unordered_map>

namespace keras::saving {

// Defined by the kinds' registration units (layers, initializers, ...).
void register_builtin_objects();

CustomObjects& global_custom_objects() {
  static CustomObjects objects;
  return objects;
}

std::string register_object(const std::string& package, const std::string& name,
                            ObjectFactory factory) {
  const std::string key = package + ">" + name;
  global_custom_objects()[key] = std::move(factory);
  return key;
}

namespace {
thread_local CustomObjects* current_objects_scope = nullptr;
}  // namespace

CustomObjectScope::CustomObjectScope(CustomObjects objects)
    : previous_(current_objects_scope), objects_(std::move(objects)) {
  current_objects_scope = &objects_;
}

CustomObjectScope::~CustomObjectScope() { current_objects_scope = previous_; }

const CustomObjects* current_custom_object_scope() {
  return current_objects_scope;
}

const ObjectFactory* find_custom_object(const std::string& key,
                                        const CustomObjects* passed) {
  if (current_objects_scope) {
    if (auto it = current_objects_scope->find(key);
        it != current_objects_scope->end()) {
      return &it->second;
    }
  }
  const CustomObjects& global = global_custom_objects();
  if (auto it = global.find(key); it != global.end()) return &it->second;
  if (passed) {
    if (auto it = passed->find(key); it != passed->end()) return &it->second;
  }
  return nullptr;
}

CustomObjects& builtin_objects(std::type_index kind) {
  static std::unordered_map<std::type_index, CustomObjects> tables;
  return tables[kind];
}

void ensure_builtins_registered() {
  static std::once_flag once;
  std::call_once(once, [] { register_builtin_objects(); });
}

}  // namespace keras::saving
