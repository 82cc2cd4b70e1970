// File: keras/callbacks/history.h
// -----------------------------------------------------------------------------
// keras::callbacks::History (Python: keras/src/callbacks/history.py): records
// every epoch's logs. fit() always adds one and returns a copy of it:
//
//   auto history = model.fit(x, y, {.epochs = 3, .validation_split = 0.2});
//   history.history.at("val_loss");   // one value per epoch
//   history.epoch;                    // {0, 1, 2}
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "keras/callbacks/callback.h"

namespace keras::callbacks {

class History : public Callback {
 public:
  History() = default;

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(std::int64_t epoch, Logs& logs) override;

  std::vector<std::int64_t> epoch;
  std::map<std::string, std::vector<double>> history;
};

}  // namespace keras::callbacks
