// File: keras/trainers/logs.h
// -----------------------------------------------------------------------------
// keras::trainers::Logs: the `logs` dict of Keras' training loop ("loss",
// metric results, "val_*" entries) with Python dict semantics: insertion
// order is kept (Keras prints and records logs in that order), set() on an
// existing key replaces the value in place.
//
//   Logs logs{{"loss", 0.25}, {"mae", 0.4}};
//   logs.set("val_loss", 0.3);
//   if (auto v = logs.get("val_loss")) std::cout << *v;
// -----------------------------------------------------------------------------
#pragma once

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/core/error.h"

namespace keras::trainers {

class Logs {
 public:
  using Item = std::pair<std::string, double>;

  Logs() = default;
  Logs(std::initializer_list<Item> items) {
    for (const Item& item : items) set(item.first, item.second);
  }

  // Inserts at the end, or replaces the value of an existing key.
  void set(const std::string& key, double value) {
    for (Item& item : items_) {
      if (item.first == key) {
        item.second = value;
        return;
      }
    }
    items_.emplace_back(key, value);
  }
  std::optional<double> get(const std::string& key) const {
    for (const Item& item : items_) {
      if (item.first == key) return item.second;
    }
    return std::nullopt;
  }
  bool contains(const std::string& key) const { return get(key).has_value(); }
  // The value of `key`; ValueError when absent.
  double at(const std::string& key) const {
    if (auto value = get(key)) return *value;
    throw ValueError("'" + key + "' is not in the logs.");
  }
  // Python's sorted(logs.items()) (what Keras' pythonify_logs returns).
  Logs sorted() const {
    Logs out = *this;
    std::sort(out.items_.begin(), out.items_.end(),
              [](const Item& a, const Item& b) { return a.first < b.first; });
    return out;
  }
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const Item& item : items_) out.push_back(item.first);
    return out;
  }

  std::size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  std::vector<Item>::const_iterator begin() const { return items_.begin(); }
  std::vector<Item>::const_iterator end() const { return items_.end(); }
  const std::vector<Item>& items() const { return items_; }
  bool operator==(const Logs& other) const = default;

 private:
  std::vector<Item> items_;
};

}  // namespace keras::trainers
