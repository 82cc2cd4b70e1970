// File: keras/saving/saveable_walk.h
// -----------------------------------------------------------------------------
// Where each object's variables live in a weights file (Python:
// saving_lib._save_state / _walk_saveable, keras-format.md §5.3). Keras walks
// Python attributes; keras.cpp walks what layers declare: a Functional or
// Sequential model's `layers` first, then tracked attributes sorted by name
// with private ("_x") names last; list items are named by snake_case class
// name with _1, _2 ... counters, nested lists/dicts as `container`,
// `container_1` ...; an object reached twice is stored once, at
// its first path.
// -----------------------------------------------------------------------------
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "keras/backend/variable.h"

namespace keras {
class Layer;
class Model;
namespace optimizers {
class Optimizer;
}
}  // namespace keras

namespace keras::saving {

struct SaveableEntry {
  std::string path;         // "" for the root, e.g. "layers/dense"
  std::string vars_path;    // "vars", "layers/dense/vars"
  std::string name;         // the object's name (vars group attribute)
  std::string description;  // "<Dense name=dense, built=True>" for messages
  Variables variables;      // in vars/<i> order
  bool is_optimizer = false;
  const Layer* layer = nullptr;
  // Set when loading from a file without the group of a nested container
  // above this object (files from Keras < 3.15, which did not save layers in
  // nested lists): that container's path. Keras 3.15 then leaves the
  // object's variables as they are and warns, and an object with variables
  // stays unvisited, so a later path (a subclassed model's `layers`) can
  // still load it.
  std::string missing_container;
};

// Whether a weights file has a group (for loading; empty: every group).
using PathPresent = std::function<bool(const std::string& path)>;

// Every saveable of `model` in Keras' traversal order; the optimizer's
// entry is included when `optimizer` is not null.
std::vector<SaveableEntry> walk_saveables(
    const Model& model, const optimizers::Optimizer* optimizer,
    const PathPresent& present = {});

}  // namespace keras::saving
