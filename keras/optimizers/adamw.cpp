#include "keras/optimizers/adamw.h"

#include "keras/core/error.h"

namespace keras::optimizers {

namespace {

const AdamWOptions& checked(const AdamWOptions& options) {
  if (!options.weight_decay) {
    throw ValueError(
        "Argument `weight_decay` must be a float. Received: "
        "weight_decay=None");
  }
  return options;
}

}  // namespace

AdamW::AdamW(const AdamWOptions& options)
    : Adam(to_base_options(checked(options)), "AdamW", options.beta_1,
           options.beta_2, options.epsilon, options.amsgrad) {}

}  // namespace keras::optimizers
