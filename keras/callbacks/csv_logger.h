// File: keras/callbacks/csv_logger.h
// -----------------------------------------------------------------------------
// keras::callbacks::CSVLogger (Python: keras/src/callbacks/csv_logger.py):
// writes one CSV row per epoch: "epoch" then the log keys sorted (fixed on
// the first epoch; "val_" columns are added up front when validation has
// not run yet), values as Python prints floats, "NA" when missing, rows
// ended by "\r\n" (Python's csv excel dialect).
//
//   auto csv = std::make_shared<CSVLogger>("training.log",
//                                          CSVLoggerOptions{.append = true});
// -----------------------------------------------------------------------------
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

struct CSVLoggerOptions {
  std::string separator = ",";
  bool append = false;  // append to an existing file (no second header)
};

class CSVLogger : public Callback {
 public:
  explicit CSVLogger(std::string filename,
                     const CSVLoggerOptions& options = {});

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;
  void on_train_end(const Logs& logs) override;

 private:
  void write_row(const std::vector<std::string>& cells);

  std::string filename_;
  CSVLoggerOptions options_;
  std::ofstream file_;
  bool write_header_ = true;
  bool header_pending_ = false;
  std::optional<std::vector<std::string>> keys_;
};

}  // namespace keras::callbacks
