#include "keras/callbacks/model_checkpoint.h"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <regex>

#include "keras/core/error.h"
#include "keras/models/model.h"
#include "keras/utils/json_utils.h"

namespace keras::callbacks {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string printf_format(const std::string& fmt, double value, bool is_int) {
  char buf[512];
  if (is_int) {
    std::snprintf(buf, sizeof buf, fmt.c_str(), static_cast<long long>(value));
  } else {
    std::snprintf(buf, sizeof buf, fmt.c_str(), value);
  }
  return buf;
}

// One replacement field: a Python format spec [[fill]align][sign][0]
// [width][,][.precision][type] applied to an int or a float.
std::string format_field(const std::string& name, const std::string& spec,
                         double value, bool is_int) {
  static const std::regex spec_re(
      R"(^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$)");
  std::smatch m;
  if (!std::regex_match(spec, m, spec_re)) {
    throw ValueError(
        str("Invalid format specifier '", spec, "' for field '", name, "'."));
  }
  const std::string sign = m[3];
  const bool zero = m[4].matched;
  const std::string width = m[5];
  const std::string precision = m[6];
  std::string type = m[7];
  std::string body;
  if (type == "d") {
    if (!is_int) {
      throw ValueError(
          str("Unknown format code 'd' for object of type "
              "'float' (field '",
              name, "')."));
    }
    body = printf_format("%" + sign + "lld", value, true);
  } else if (type.empty() && precision.empty()) {
    body = is_int ? printf_format("%" + sign + "lld", value, true)
                  : (sign == "+" && value >= 0 ? "+" : "") +
                        python_float_repr(value);
  } else {
    if (type.empty()) type = "g";
    if (type == "%") {
      body = printf_format(
                 "%" + sign + "." + (precision.empty() ? "6" : precision) + "f",
                 value * 100, false) +
             "%";
    } else {
      body = printf_format(
          "%" + sign + (precision.empty() ? "" : "." + precision) + type, value,
          false);
    }
  }
  const std::size_t w = width.empty() ? 0 : std::stoul(width);
  if (body.size() >= w) return body;
  std::string fill = m[1].matched ? std::string(m[1]) : (zero ? "0" : " ");
  std::string align = m[2].matched ? std::string(m[2]) : (zero ? "=" : ">");
  const std::size_t pad = w - body.size();
  if (align == "<") return body + std::string(pad, fill[0]);
  if (align == "^") {
    return std::string(pad / 2, fill[0]) + body +
           std::string(pad - pad / 2, fill[0]);
  }
  if (align == "=" && !body.empty() &&
      (body[0] == '-' || body[0] == '+' || body[0] == ' ')) {
    return body.substr(0, 1) + std::string(pad, fill[0]) + body.substr(1);
  }
  return std::string(pad, fill[0]) + body;
}

}  // namespace

std::string format_filepath(const std::string& pattern, std::int64_t epoch,
                            std::optional<std::int64_t> batch,
                            const Logs& logs) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '}') {
      if (i + 1 < pattern.size() && pattern[i + 1] == '}') ++i;
      out += '}';
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    const std::size_t close = pattern.find('}', i);
    if (close == std::string::npos) {
      throw ValueError(str("Failed to format this callback filepath: \"",
                           pattern, "\". Reason: unmatched '{'"));
    }
    const std::string field = pattern.substr(i + 1, close - i - 1);
    const std::size_t colon = field.find(':');
    const std::string name = field.substr(0, colon);
    const std::string spec =
        colon == std::string::npos ? "" : field.substr(colon + 1);
    double value = 0;
    bool is_int = false;
    if (name == "epoch") {
      value = double(epoch + 1);
      is_int = true;
    } else if (name == "batch" && batch && !logs.contains("batch")) {
      value = double(*batch + 1);
      is_int = true;
    } else if (auto v = logs.get(name)) {
      value = *v;
    } else {
      throw ValueError(str("Failed to format this callback filepath: \"",
                           pattern, "\". Reason: '", name, "'"));
    }
    out += format_field(name, spec, value, is_int);
    i = close;
  }
  return out;
}

ModelCheckpoint::ModelCheckpoint(std::string filepath,
                                 const ModelCheckpointOptions& options)
    : MonitorCallback("ModelCheckpoint", options.monitor, options.mode,
                      options.initial_value_threshold),
      filepath_(std::move(filepath)),
      options_(options) {
  if (const auto* freq = std::get_if<std::string>(&options.save_freq)) {
    if (*freq != "epoch") {
      throw ValueError(str("Unrecognized save_freq: ", *freq,
                           ". Expected save_freq are 'epoch' or integer "
                           "values"));
    }
  } else {
    batch_freq_ = std::get<std::int64_t>(options.save_freq);
    if (*batch_freq_ <= 0) {
      throw ValueError(str("Unrecognized save_freq: ", *batch_freq_,
                           ". Expected save_freq are 'epoch' or a positive "
                           "integer"));
    }
  }
  if (options.save_weights_only) {
    if (!ends_with(filepath_, ".weights.h5")) {
      throw ValueError(
          str("When using `save_weights_only=True` in `ModelCheckpoint`, the "
              "filepath provided must end in `.weights.h5` (Keras weights "
              "format). Received: filepath=",
              filepath_));
    }
  } else if (!ends_with(filepath_, ".keras") && !ends_with(filepath_, ".h5")) {
    throw ValueError(
        str("The filepath provided must end in `.keras` (Keras model format). "
            "Received: filepath=",
            filepath_));
  }
}

void ModelCheckpoint::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  if (should_save_on_batch(batch)) save_model(current_epoch_, batch, logs);
}

void ModelCheckpoint::on_epoch_begin(std::int64_t epoch, const Logs& /*logs*/) {
  current_epoch_ = epoch;
}

void ModelCheckpoint::on_epoch_end(std::int64_t epoch, Logs& logs) {
  if (!monitor_op_set() && options_.save_best_only) set_monitor_op();
  if (!batch_freq_) save_model(epoch, std::nullopt, logs);
}

bool ModelCheckpoint::should_save_on_batch(std::int64_t batch) {
  if (!batch_freq_) return false;
  // A batch index not above the last one starts a new epoch.
  const std::int64_t add =
      batch <= last_batch_seen_ ? batch + 1 : batch - last_batch_seen_;
  batches_since_saving_ += add;
  last_batch_seen_ = batch;
  if (batches_since_saving_ >= *batch_freq_) {
    batches_since_saving_ = 0;
    return true;
  }
  return false;
}

bool ModelCheckpoint::should_save_model(std::int64_t epoch, const Logs& logs,
                                        const std::string& path) {
  if (!options_.save_best_only) {
    if (options_.verbose > 0) {
      std::cout << "\nEpoch " << epoch + 1 << ": saving model to " << path
                << "\n";
    }
    return true;
  }
  const std::optional<double> current = logs.get(monitor_);
  if (!current) {
    warn(str("Can save best model only with ", monitor_, " available."));
    return true;
  }
  if (!monitor_op_set()) set_monitor_op();
  char best_text[64] = "None";
  if (best_) std::snprintf(best_text, sizeof best_text, "%.5f", *best_);
  if (is_improvement(*current, best_)) {
    if (options_.verbose > 0) {
      char cur[64];
      std::snprintf(cur, sizeof cur, "%.5f", *current);
      std::cout << "\nEpoch " << epoch + 1 << ": " << monitor_
                << " improved from " << best_text << " to " << cur
                << ", saving model to " << path << "\n";
    }
    best_ = *current;
    return true;
  }
  if (options_.verbose > 0) {
    std::cout << "\nEpoch " << epoch + 1 << ": " << monitor_
              << " did not improve from " << best_text << "\n";
  }
  return false;
}

void ModelCheckpoint::save_model(std::int64_t epoch,
                                 std::optional<std::int64_t> batch,
                                 const Logs& logs) {
  const std::string path = format_filepath(filepath_, epoch, batch, logs);
  if (!should_save_model(epoch, logs, path)) return;
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::exists(dir)) {
    std::filesystem::create_directories(dir);
  }
  if (std::filesystem::is_directory(path)) {
    throw FileError(
        str("Please specify a non-directory filepath for "
            "ModelCheckpoint. Filepath used is an existing "
            "directory: ",
            path));
  }
  if (options_.save_weights_only) {
    model()->save_weights(path);
  } else {
    model()->save(path);
  }
  if (options_.verbose > 0) {
    std::cout << "\nEpoch " << epoch + 1 << ": finished saving model to "
              << path << "\n";
  }
}

}  // namespace keras::callbacks
