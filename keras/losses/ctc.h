// File: keras/losses/ctc.h
// -----------------------------------------------------------------------------
// keras.losses.CTC and keras.losses.ctc (keras/src/losses/losses.py):
// Connectionist Temporal Classification for sequence labelling. y_true is
// (batch, max_length) integer labels padded with 0, which is also the blank;
// y_pred is (batch, time, classes) logits (not softmaxed); every time step
// counts. The per-sequence values are keras::ops::ctc_loss's (ops/ctc.h).
//
//   auto loss = std::make_shared<keras::losses::CTC>();   // name "ctc"
//   model.compile({.optimizer = "adam", .loss = loss});   // or "ctc"
// -----------------------------------------------------------------------------
#pragma once

#include <string>

#include "keras/losses/losses.h"

namespace keras::losses {

// Per-sequence CTC losses, shape (batch,).
Tensor ctc(const Tensor& y_true, const Tensor& y_pred);

struct CTCOptions {
  Reduction reduction = "sum_over_batch_size";
  std::string name = "ctc";
};

// The Keras class: config {name, reduction}.
class CTC : public BuiltinLoss {
 public:
  explicit CTC(const CTCOptions& options = {});
};

}  // namespace keras::losses
