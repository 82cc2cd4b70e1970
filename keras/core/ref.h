// File: keras/core/ref.h
// -----------------------------------------------------------------------------
// keras::Ref<T>: the handle users hold for layers (Python reference
// semantics: copies share one object and its weights). It is a non-null
// std::shared_ptr with `->` access and call syntax, and converts to Ref of
// a base class:
//
//   keras::layers::Dense fc(64, {.activation = "relu"});
//   auto y = fc(x);                  // calls the layer
//   fc->kernel();                    // the object's own API
//   keras::Ref<keras::Layer> any = fc;
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

#include "keras/core/error.h"

namespace keras {

template <class T>
class Ref {
 public:
  Ref(std::shared_ptr<T> object) : object_(std::move(object)) {
    if (!object_) throw ValueError("A keras::Ref cannot be null.");
  }
  template <class U>
  requires std::is_base_of_v<T, U> Ref(const Ref<U>& other)
      : object_(other.shared()) {}

  T* operator->() const noexcept { return object_.get(); }
  T& operator*() const noexcept { return *object_; }
  template <class... Args>
  decltype(auto) operator()(Args&&... args) const {
    return (*object_)(std::forward<Args>(args)...);
  }
  const std::shared_ptr<T>& shared() const noexcept { return object_; }
  operator std::shared_ptr<T>() const { return object_; }
  template <class U>
  requires std::is_base_of_v<U, T>
  operator std::shared_ptr<U>() const { return object_; }

 private:
  std::shared_ptr<T> object_;
};

}  // namespace keras
