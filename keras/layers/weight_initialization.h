// File: keras/layers/weight_initialization.h
// -----------------------------------------------------------------------------
// SkipWeightInitializationScope: while alive on this thread,
// Layer::add_weight() creates zero-filled weights instead of running their
// initializers. load_model() uses it around building the model from its
// config: every weight created there is then overwritten from the file (or
// the load fails), and drawing 25M random numbers costs more than reading
// a 100 MB file.
// -----------------------------------------------------------------------------
#pragma once

namespace keras {

class SkipWeightInitializationScope {
 public:
  SkipWeightInitializationScope();
  ~SkipWeightInitializationScope();
  SkipWeightInitializationScope(const SkipWeightInitializationScope&) = delete;
  SkipWeightInitializationScope& operator=(
      const SkipWeightInitializationScope&) = delete;
  static bool active();

 private:
  bool previous_;
};

}  // namespace keras
