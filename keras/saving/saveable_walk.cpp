#include "keras/saving/saveable_walk.h"

#include <algorithm>
#include <map>
#include <set>

#include "keras/models/model.h"
#include "keras/models/sequential.h"
#include "keras/optimizers/optimizer.h"
#include "keras/utils/naming.h"

namespace keras::saving {

namespace {

struct Child {
  std::string attribute;
  std::vector<LayerPtr> layers;
  bool is_list = false;
  bool is_optimizer = false;
};

// Keras sorts attribute names with private ("_x") names after public ones.
std::string sort_key(const std::string& name) {
  return !name.empty() && name[0] == '_' ? "~" + name : name;
}

// Container slots are named after the Python class (__name__), which for a
// few Keras layers differs from the exported name written as class_name.
std::string python_class_name(const std::string& class_name) {
  if (class_name == "GroupQueryAttention") return "GroupedQueryAttention";
  return class_name;
}

class Walker {
 public:
  explicit Walker(std::vector<SaveableEntry>& out) : out_(out) {}

  void visit(const Layer& layer, const std::string& path,
             const optimizers::Optimizer* optimizer) {
    if (!visited_.insert(&layer).second) return;
    SaveableEntry entry;
    entry.path = path;
    entry.vars_path = path.empty() ? "vars" : path + "/vars";
    entry.name = layer.name();
    entry.description = "<" + layer.class_name() + " name=" + layer.name() +
                        ", built=" + (layer.built() ? "True" : "False") + ">";
    entry.variables = layer.own_variables();
    entry.layer = &layer;
    out_.push_back(std::move(entry));

    std::vector<Child> children;
    const auto* model = dynamic_cast<const Model*>(&layer);
    const bool container_model =
        model && (model->is_functional() ||
                  dynamic_cast<const Sequential*>(model) != nullptr);
    if (container_model) {
      children.push_back({"layers", model->layers(), true});
    }
    std::vector<Child> attributes;
    for (const TrackedAttribute& attr : layer.tracked_attributes()) {
      attributes.push_back({attr.name, attr.layers, attr.is_list});
    }
    if (model && !container_model) {
      // Model.layers is a public attribute of subclassed models.
      attributes.push_back({"layers", model->layers(), true});
    }
    if (optimizer) attributes.push_back({"optimizer", {}, false, true});
    std::stable_sort(attributes.begin(), attributes.end(),
                     [](const Child& a, const Child& b) {
                       return sort_key(a.attribute) < sort_key(b.attribute);
                     });
    children.insert(children.end(), attributes.begin(), attributes.end());

    const std::string prefix = path.empty() ? "" : path + "/";
    for (const Child& child : children) {
      if (child.is_optimizer) {
        visit_optimizer(*optimizer, prefix + child.attribute);
      } else if (!child.is_list) {
        for (const LayerPtr& sub : child.layers) {
          visit(*sub, prefix + child.attribute, nullptr);
        }
      } else {
        std::map<std::string, int> counters;
        for (const LayerPtr& sub : child.layers) {
          const std::string base =
              utils::to_snake_case(python_class_name(sub->class_name()));
          const int n = counters[base]++;
          const std::string slot =
              n == 0 ? base : base + "_" + std::to_string(n);
          visit(*sub, prefix + child.attribute + "/" + slot, nullptr);
        }
      }
    }
  }

  void visit_optimizer(const optimizers::Optimizer& optimizer,
                       const std::string& path) {
    SaveableEntry entry;
    entry.path = path;
    entry.vars_path = path + "/vars";
    entry.name = optimizer.name();
    entry.description =
        "<" + optimizer.class_name() + " name=" + optimizer.name() + ">";
    entry.variables = optimizer.variables();
    entry.is_optimizer = true;
    out_.push_back(std::move(entry));
  }

 private:
  std::vector<SaveableEntry>& out_;
  std::set<const Layer*> visited_;
};

}  // namespace

std::vector<SaveableEntry> walk_saveables(
    const Model& model, const optimizers::Optimizer* optimizer) {
  std::vector<SaveableEntry> out;
  Walker(out).visit(model, "", optimizer);
  return out;
}

}  // namespace keras::saving
