#include "keras/utils/summary_utils.h"

#include <iomanip>
#include <sstream>

#include "keras/models/model.h"
#include "keras/optimizers/optimizer.h"

namespace keras::utils {

namespace {

// Box-drawing rows of a table with three columns of the given widths.
std::string rule(const char* left, const char* fill, const char* mid,
                 const char* right, const std::vector<int>& widths) {
  std::string s = left;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    for (int i = 0; i < widths[c]; ++i) s += fill;
    s += c + 1 < widths.size() ? mid : right;
  }
  return s + "\n";
}

std::string with_commas(std::int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string readable_size(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 4) {
    bytes /= 1024.0;
    ++u;
  }
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << bytes << " " << units[u];
  return s.str();
}

std::string pad_right(const std::string& text, std::size_t width) {
  // Widths count characters; layer names are ASCII in practice.
  return text.size() >= width ? text
                              : text + std::string(width - text.size(), ' ');
}

std::string pad_left(const std::string& text, std::size_t width) {
  return text.size() >= width ? text
                              : std::string(width - text.size(), ' ') + text;
}

std::int64_t bytes_of(const Variables& vars) {
  std::int64_t n = 0;
  for (const auto& v : vars)
    n += shape_size(v->shape()) * dtype_size(v->dtype());
  return n;
}

std::int64_t count(const Variables& vars) {
  std::int64_t n = 0;
  for (const auto& v : vars) n += shape_size(v->shape());
  return n;
}

}  // namespace

void print_summary(const Model& model, std::ostream& out) {
  const std::vector<int> widths = {33, 24, 15};
  out << "Model: \"" << model.name() << "\"\n";
  out << rule("┏", "━", "┳", "┓", widths);
  out << "┃ " << pad_right("Layer (type)", 31) << " ┃ "
      << pad_right("Output Shape", 22) << " ┃ " << pad_left("Param #", 13)
      << " ┃\n";
  out << rule("┡", "━", "╇", "┩", widths);
  const auto layers = model.layers();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerPtr& layer = layers[i];
    std::string shape = "?";
    if (auto shapes = layer->output_shapes()) {
      shape.clear();
      for (std::size_t k = 0; k < shapes->size(); ++k) {
        shape += (k ? ", " : "") + shape_str((*shapes)[k]);
      }
    }
    const std::string params =
        layer->built() ? with_commas(layer->count_params()) : "0 (unbuilt)";
    out << "│ "
        << pad_right(layer->name() + " (" + layer->class_name() + ")", 31)
        << " │ " << pad_right(shape, 22) << " │ " << pad_left(params, 13)
        << " │\n";
    if (i + 1 < layers.size()) out << rule("├", "─", "┼", "┤", widths);
  }
  out << rule("└", "─", "┴", "┘", widths);
  const Variables trainable = model.trainable_weights();
  const Variables non_trainable = model.non_trainable_weights();
  Variables optimizer_vars;
  if (model.compiled() && model.optimizer() && model.optimizer()->built()) {
    optimizer_vars = model.optimizer()->variables();
  }
  const std::int64_t total =
      count(trainable) + count(non_trainable) + count(optimizer_vars);
  const double total_bytes = double(
      bytes_of(trainable) + bytes_of(non_trainable) + bytes_of(optimizer_vars));
  out << " Total params: " << with_commas(total) << " ("
      << readable_size(total_bytes) << ")\n";
  out << " Trainable params: " << with_commas(count(trainable)) << " ("
      << readable_size(double(bytes_of(trainable))) << ")\n";
  out << " Non-trainable params: " << with_commas(count(non_trainable)) << " ("
      << readable_size(double(bytes_of(non_trainable))) << ")\n";
  if (!optimizer_vars.empty()) {
    out << " Optimizer params: " << with_commas(count(optimizer_vars)) << " ("
        << readable_size(double(bytes_of(optimizer_vars))) << ")\n";
  }
}

}  // namespace keras::utils
