// File: keras/ops/ctc.h
// -----------------------------------------------------------------------------
// keras::ops::ctc_loss (Python: keras.ops.ctc_loss, keras/src/ops/nn.py):
// Connectionist Temporal Classification loss per sequence,
//   -log sum over alignments pi of the labels: prod_t softmax(output)[t, pi_t]
// where an alignment collapses repeats and then drops the blank
// (`mask_index`). Only the first output_length[b] steps and the first
// target_length[b] labels of sequence b count.
//
//   target         (batch, max_label_length) integer labels (any dtype)
//   output         (batch, max_time, num_classes) logits, not softmaxed
//   target_length  (batch,) label counts; output_length (batch,) step counts
//   -> (batch,) losses, float32 (float64 for float64 logits)
//
// Forward: log-space alpha recursion; backward: alpha-beta posteriors,
// d loss / d logit[t, k] = softmax[t, k] - sum_{s: l'_s = k} occupancy_t(s).
// An impossible alignment (too few steps) gives +inf and a zero gradient, as
// in TensorFlow and PyTorch. Symbolic-aware.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>

#include "keras/backend/tensor.h"

namespace keras::ops {

Tensor ctc_loss(const Tensor& target, const Tensor& output,
                const Tensor& target_length, const Tensor& output_length,
                std::int64_t mask_index = 0);

}  // namespace keras::ops
