#include "keras/callbacks/terminate_on_nan.h"

#include <cmath>
#include <iostream>

#include "keras/models/model.h"

namespace keras::callbacks {

TerminateOnNaN::TerminateOnNaN(std::ostream* out)
    : out_(out ? out : &std::cout) {}

void TerminateOnNaN::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  const std::optional<double> loss = logs.get("loss");
  if (loss && !std::isfinite(*loss)) {
    *out_ << "Batch " << batch << ": Invalid loss, terminating training\n";
    model()->stop_training = true;
  }
}

}  // namespace keras::callbacks
