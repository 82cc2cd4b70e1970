// File: keras/saving/named_state.h
// -----------------------------------------------------------------------------
// State a saveable stores in its weights group under a name rather than as
// vars/<i> (Python: a save_own_variables that writes store["idf_weights"],
// as IndexLookup does in "tf_idf" mode). A layer implementing this interface
// has these entries written after its variables and read back before its
// assets are loaded.
// -----------------------------------------------------------------------------
#pragma once

#include <string>
#include <vector>

#include "keras/backend/tensor.h"

namespace keras::saving {

class NamedStateSaveable {
 public:
  virtual ~NamedStateSaveable() = default;
  // The names this object stores now (and expects when loading).
  virtual std::vector<std::string> named_state_keys() const = 0;
  virtual Tensor named_state(const std::string& key) const = 0;
  virtual void load_named_state(const std::string& key,
                                const Tensor& value) = 0;
};

}  // namespace keras::saving
