#include "keras/callbacks/csv_logger.h"

#include <algorithm>
#include <filesystem>

#include "keras/core/error.h"
#include "keras/utils/json_utils.h"

namespace keras::callbacks {

CSVLogger::CSVLogger(std::string filename, const CSVLoggerOptions& options)
    : filename_(std::move(filename)), options_(options) {
  if (options_.separator.size() != 1) {
    throw TypeError(
        str("\"delimiter\" must be a 1-character string. "
            "Received: separator=\"",
            options_.separator, "\""));
  }
}

void CSVLogger::on_train_begin(const Logs& /*logs*/) {
  write_header_ = true;
  if (options_.append) {
    // No header when appending to a file that already has content.
    std::ifstream existing(filename_);
    std::string first;
    if (existing && std::getline(existing, first) && !first.empty()) {
      write_header_ = false;
    }
  }
  file_.open(filename_, options_.append ? std::ios::app : std::ios::trunc);
  if (!file_) {
    throw FileError(str("CSVLogger cannot open ", filename_, " for writing."));
  }
  header_pending_ = true;
}

void CSVLogger::write_row(const std::vector<std::string>& cells) {
  const char sep = options_.separator[0];
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i) file_ << sep;
    const std::string& cell = cells[i];
    // The excel dialect quotes cells holding the delimiter, quotes or
    // line breaks, doubling inner quotes.
    if (cell.find_first_of(std::string(1, sep) + "\"\r\n") !=
        std::string::npos) {
      std::string quoted = "\"";
      for (char c : cell)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      file_ << quoted << "\"";
    } else {
      file_ << cell;
    }
  }
  file_ << "\r\n";
  file_.flush();
}

void CSVLogger::on_epoch_end(std::int64_t epoch, Logs& logs) {
  if (!keys_) {
    keys_ = logs.sorted().keys();
    // With validation_freq > 1 the first epoch has no val_ keys yet.
    const bool has_val = std::any_of(
        keys_->begin(), keys_->end(),
        [](const std::string& k) { return k.rfind("val_", 0) == 0; });
    if (!has_val && !keys_->empty()) {
      const std::vector<std::string> base = *keys_;
      for (const std::string& k : base) keys_->push_back("val_" + k);
    }
  }
  if (header_pending_) {
    if (write_header_) {
      std::vector<std::string> header{"epoch"};
      header.insert(header.end(), keys_->begin(), keys_->end());
      write_row(header);
    }
    header_pending_ = false;
  }
  std::vector<std::string> row{std::to_string(epoch)};
  for (const std::string& key : *keys_) {
    const std::optional<double> v = logs.get(key);
    row.push_back(v ? python_float_repr(*v) : "NA");
  }
  write_row(row);
}

void CSVLogger::on_train_end(const Logs& /*logs*/) {
  file_.close();
  header_pending_ = false;
}

}  // namespace keras::callbacks
