#include "keras/callbacks/history.h"

#include "keras/models/model.h"

namespace keras::callbacks {

void History::on_train_begin(const Logs& /*logs*/) { epoch.clear(); }

void History::on_epoch_end(std::int64_t e, Logs& logs) {
  epoch.push_back(e);
  for (const auto& [key, value] : logs) history[key].push_back(value);
}

}  // namespace keras::callbacks
