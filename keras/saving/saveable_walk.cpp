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
  TrackedValue value;
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

TrackedValue layer_list(const Model& model) {
  const std::vector<LayerPtr> layers = model.layers();
  return TrackedValue::list({layers.begin(), layers.end()});
}

class Walker {
 public:
  Walker(std::vector<SaveableEntry>& out, const PathPresent& present)
      : out_(out), present_(present) {}

  void visit(const Layer& layer, const std::string& path,
             const optimizers::Optimizer* optimizer) {
    if (visited_.count(&layer)) return;
    // Below a missing container only what has no variables to load counts
    // as loaded (Keras marks failed objects unvisited).
    if (missing_.empty() || layer.weights().empty()) visited_.insert(&layer);
    SaveableEntry entry;
    entry.path = path;
    entry.vars_path = path.empty() ? "vars" : path + "/vars";
    entry.name = layer.name();
    entry.description = "<" + layer.class_name() + " name=" + layer.name() +
                        ", built=" + (layer.built() ? "True" : "False") + ">";
    entry.variables = layer.own_variables();
    entry.layer = &layer;
    entry.missing_container = missing_;
    out_.push_back(std::move(entry));

    std::vector<Child> children;
    const auto* model = dynamic_cast<const Model*>(&layer);
    const bool container_model =
        model && (model->is_functional() ||
                  dynamic_cast<const Sequential*>(model) != nullptr);
    if (container_model) children.push_back({"layers", layer_list(*model)});
    std::vector<Child> attributes;
    for (const TrackedAttribute& attr : layer.tracked_attributes()) {
      attributes.push_back({attr.name, attr.value});
    }
    if (model && !container_model) {
      // Model.layers is a public attribute of subclassed models.
      attributes.push_back({"layers", layer_list(*model)});
    }
    if (optimizer) attributes.push_back({"optimizer", {}, true});
    std::stable_sort(attributes.begin(), attributes.end(),
                     [](const Child& a, const Child& b) {
                       return sort_key(a.attribute) < sort_key(b.attribute);
                     });
    children.insert(children.end(), attributes.begin(), attributes.end());

    const std::string prefix = path.empty() ? "" : path + "/";
    for (const Child& child : children) {
      if (child.is_optimizer) {
        visit_optimizer(*optimizer, prefix + child.attribute);
      } else if (child.value.layer) {
        visit(*child.value.layer, prefix + child.attribute, nullptr);
      } else if (child.value.is_container()) {
        visit_container(child.value, prefix + child.attribute);
      }
    }
  }

  // Keras' _save_container_state: items are named by snake_case class name,
  // nested containers `container`, with _1, _2 ... counters (which advance
  // for items already stored elsewhere too).
  void visit_container(const TrackedValue& container, const std::string& path) {
    std::map<std::string, int> counters;
    const auto slot = [&](const std::string& base) {
      const int n = counters[base]++;
      return path + "/" + (n == 0 ? base : base + "_" + std::to_string(n));
    };
    for (const TrackedValue& item : container.items) {
      if (item.layer) {
        visit(*item.layer,
              slot(utils::to_snake_case(
                  python_class_name(item.layer->class_name()))),
              nullptr);
      } else if (item.is_container()) {
        const std::string nested = slot("container");
        if (missing_.empty() && present_ && !present_(nested)) {
          missing_ = nested;
          visit_container(item, nested);
          missing_.clear();
        } else {
          visit_container(item, nested);
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
  const PathPresent& present_;
  std::set<const Layer*> visited_;
  std::string missing_;  // the missing nested container being walked
};

}  // namespace

std::vector<SaveableEntry> walk_saveables(
    const Model& model, const optimizers::Optimizer* optimizer,
    const PathPresent& present) {
  std::vector<SaveableEntry> out;
  Walker(out, present).visit(model, "", optimizer);
  return out;
}

}  // namespace keras::saving
