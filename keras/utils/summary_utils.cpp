#include "keras/utils/summary_utils.h"

#include <cfenv>
#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

#include "keras/models/functional.h"
#include "keras/models/model.h"
#include "keras/models/sequential.h"
#include "keras/optimizers/optimizer.h"

namespace keras::utils {

namespace {

// Keras draws a rich table of line_length = min(default, 80 - 4) columns
// (rich's console is 80 wide when not a terminal).
constexpr int kLineLength = 76;

std::string repeat(const char* s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Box-drawing rows of a table whose columns have these widths (padding
// included).
std::string rule(const char* left, const char* fill, const char* mid,
                 const char* right, const std::vector<int>& widths) {
  std::string s = left;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    s += repeat(fill, widths[c]);
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

// Python's round() (half to even).
int round_half_even(double x) {
  const int mode = std::fegetround();
  std::fesetround(FE_TONEAREST);
  const double r = std::nearbyint(x);
  std::fesetround(mode);
  return static_cast<int>(r);
}

// Column widths (padding included) as Keras asks rich for them: each column
// int(position * line_length) minus the previous ones, plus one space of
// padding on each side; rich then takes the excess over the line length out
// of every column evenly (its ratio_reduce).
std::vector<int> column_widths(const std::vector<double>& positions) {
  std::vector<int> widths;
  int current = 0;
  for (double pos : positions) {
    const int width = static_cast<int>(pos * kLineLength) - current;
    widths.push_back(width + 2);
    current += width;
  }
  int total = 0;
  for (int w : widths) total += w;
  const int available = kLineLength - static_cast<int>(widths.size()) - 1;
  int remaining = total - available;
  int ratio = static_cast<int>(widths.size());
  for (int& w : widths) {
    if (remaining <= 0) break;
    const int cut =
        std::min(w, round_half_even(static_cast<double>(remaining) / ratio));
    w -= cut;
    remaining -= cut;
    --ratio;
  }
  return widths;
}

// rich's word wrap with overflow="ellipsis": words (with their trailing
// spaces) fill lines greedily; a word wider than the column stays on its own
// line, and a line wider than the column is cut to width-1 characters and
// "…". Cells are ASCII, so a byte is a column.
std::vector<std::string> wrap(const std::string& text, int width) {
  std::vector<std::string> lines(1);
  int offset = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = text.find(' ', i);
    if (end == std::string::npos) end = text.size();
    std::size_t next = text.find_first_not_of(' ', end);
    if (next == std::string::npos) next = text.size();
    const std::string word = text.substr(i, next - i);
    const int length = static_cast<int>(end - i);
    if (offset > 0 && width - offset < length) {
      lines.emplace_back();
      offset = 0;
    }
    lines.back() += word;
    offset += static_cast<int>(word.size());
    i = next;
  }
  for (std::string& line : lines) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (static_cast<int>(line.size()) > width) {
      line = line.substr(0, width - 1) + "…";
    }
  }
  return lines;
}

std::size_t display_width(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;  // count code points
  return n;
}

std::string align(const std::string& text, int width, bool right) {
  const int pad = width - static_cast<int>(display_width(text));
  if (pad <= 0) return text;
  return right ? std::string(pad, ' ') + text : text + std::string(pad, ' ');
}

// One table row: each cell wrapped to its column, lines padded.
std::string row(const std::vector<std::string>& cells,
                const std::vector<int>& widths, const std::vector<bool>& right,
                const char* bar) {
  std::vector<std::vector<std::string>> wrapped;
  std::size_t height = 1;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    wrapped.push_back(wrap(cells[c], widths[c] - 2));
    height = std::max(height, wrapped.back().size());
  }
  std::string out;
  for (std::size_t l = 0; l < height; ++l) {
    out += bar;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string& text = l < wrapped[c].size() ? wrapped[c][l] : "";
      out += " " + align(text, widths[c] - 2, right[c]) + " " + bar;
    }
    out += "\n";
  }
  return out;
}

std::string shapes_text(const std::vector<Shape>& shapes) {
  std::string out;
  for (std::size_t k = 0; k < shapes.size(); ++k) {
    out += (k ? ", " : "") + shape_str(shapes[k]);
  }
  return shapes.size() > 1 ? "[" + out + "]" : out;
}

// Output shapes from the layer's calls, else (a layer built by hand or
// inside a subclassed model) from its build shape, as Keras'
// compute_output_shape(**build_shapes).
std::string output_shape_text(Operation& op) {
  if (!op.inbound_nodes().empty()) {
    // Keras reports the last call's outputs.
    std::vector<Shape> shapes;
    for (const OutputSpec& spec : op.inbound_nodes().back().outputs) {
      shapes.push_back(spec.shape);
    }
    return shapes_text(shapes);
  }
  auto* layer = dynamic_cast<Layer*>(&op);
  if (!layer || !layer->built()) return "?";
  const Json build = layer->get_build_config();
  if (!build.is_object() || !build.contains("input_shape")) return "?";
  try {
    SymbolicScope scope;
    const Tensor out =
        (*layer)(Tensor::symbolic(shape_from_json(build["input_shape"])));
    return shape_str(out.shape());
  } catch (const std::exception&) {
    return "?";
  }
}

// The "name[node][tensor]" references of every tensor a config node
// consumes (args, then kwargs), as Keras' node.input_tensors.
void collect_histories(const Json& value, std::vector<std::string>& out) {
  if (value.is_object()) {
    if (value.value("class_name", "") == "__keras_tensor__") {
      const Json& h = value["config"]["keras_history"];
      out.push_back(h[0].get<std::string>() + "[" + h[1].dump() + "][" +
                    h[2].dump() + "]");
      return;
    }
    for (const auto& [key, v] : value.items()) collect_histories(v, out);
  } else if (value.is_array()) {
    for (const Json& v : value) collect_histories(v, out);
  }
}

// Keras' sequential_like test for Functional graphs: one input, one output,
// every operation called once on one tensor, no tensor consumed twice.
bool sequential_like(const Json& config,
                     const std::map<std::string, std::vector<Json>>& nodes) {
  std::size_t inputs = 0;
  std::set<std::string> consumed;
  for (const Json& record : config["layers"]) {
    const auto& layer_nodes = nodes.at(record["name"].get<std::string>());
    if (record.value("class_name", "") == "InputLayer") {
      ++inputs;
      continue;
    }
    if (layer_nodes.size() > 1) return false;
    for (const Json& node : layer_nodes) {
      std::vector<std::string> refs;
      collect_histories(node, refs);
      if (refs.size() != 1 || !consumed.insert(refs[0]).second) return false;
    }
  }
  const Json& out = config["output_layers"];
  const bool one_output =
      (out.is_array() && !out.empty() && out[0].is_string()) ||
      (out.is_array() && out.size() == 1) ||
      (out.is_object() && out.size() == 1);
  return inputs == 1 && one_output;
}

}  // namespace

void print_summary(const Model& model, std::ostream& out) {
  // Functional graphs list every operation (pure ops too); Sequential and
  // subclassed models their layers.
  std::vector<std::shared_ptr<Operation>> ops;
  const bool functional =
      model.is_functional() && !dynamic_cast<const Sequential*>(&model);
  bool chain = true;
  std::map<std::string, std::vector<Json>> nodes;
  if (functional) {
    ops = model.graph()->operations();
    const Json config = model.get_config();
    for (const Json& record : config["layers"]) {
      auto& list = nodes[record["name"].get<std::string>()];
      for (const Json& node : record.value("inbound_nodes", Json::array())) {
        list.push_back(node);
      }
    }
    chain = sequential_like(config, nodes);
  } else {
    for (const LayerPtr& layer : model.layers()) ops.push_back(layer);
  }

  const std::vector<int> widths =
      column_widths(chain ? std::vector<double>{0.45, 0.80, 1.0}
                          : std::vector<double>{0.3, 0.56, 0.74, 1.0});
  std::vector<std::string> header = {"Layer (type)", "Output Shape", "Param #"};
  std::vector<bool> right = {false, false, true};
  if (!chain) {
    header.push_back("Connected to");
    right.push_back(false);
  }

  out << "Model: \"" << model.name() << "\"\n";
  out << rule("┏", "━", "┳", "┓", widths);
  out << row(header, widths, right, "┃");
  out << rule("┡", "━", "╇", "┩", widths);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    Operation& op = *ops[i];
    const auto* layer = dynamic_cast<const Layer*>(&op);
    std::string params = "0";
    if (layer) {
      params =
          layer->built() ? with_commas(layer->count_params()) : "0 (unbuilt)";
    }
    std::vector<std::string> cells = {op.name() + " (" + op.class_name() + ")",
                                      output_shape_text(op), params};
    if (!chain) {
      std::vector<std::string> refs;
      for (const Json& node : nodes[op.name()]) collect_histories(node, refs);
      std::string connected;
      for (const std::string& r : refs) {
        connected += (connected.empty() ? "" : ", ") + r;
      }
      cells.push_back(connected.empty() ? "-" : connected);
    }
    out << row(cells, widths, right, "│");
    if (i + 1 < ops.size()) out << rule("├", "─", "┼", "┤", widths);
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
