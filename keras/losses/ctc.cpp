// keras.losses.ctc (keras/src/losses/losses.py): keras::ops::ctc_loss with
// label lengths counted from the non-zero labels (0 is the blank and the
// padding) and every time step of y_pred used.
#include "keras/losses/ctc.h"

#include "keras/core/error.h"
#include "keras/ops/ctc.h"

namespace keras::losses {

Tensor ctc(const Tensor& y_true, const Tensor& y_pred) {
  if (y_true.ndim() != 2) {
    throw ValueError(str(
        "Targets `y_true` are expected to be a tensor of shape `(batch_size, "
        "max_length)` in integer format. Received: y_true.shape=",
        shape_str(y_true.shape())));
  }
  if (y_pred.ndim() != 3) {
    throw ValueError(
        str("Logits `y_pred` are expected to be a tensor of shape "
            "`(batch_size, max_length, num_classes)`. Received: "
            "y_pred.shape=",
            shape_str(y_pred.shape())));
  }
  constexpr std::int64_t kMaskIndex = 0;
  const std::int64_t batch = y_pred.shape()[0];
  if (y_true.is_symbolic() || y_pred.is_symbolic()) {
    return ops::ctc_loss(y_true, y_pred,
                         Tensor::symbolic({batch}, DType::int32),
                         Tensor::symbolic({batch}, DType::int32), kMaskIndex);
  }
  const Tensor labels = y_true.astype(DType::int64);
  Tensor label_length = Tensor::zeros({batch}, DType::int64);
  Tensor input_length = Tensor::full(
      {batch}, static_cast<double>(y_pred.shape()[1]), DType::int64);
  const std::int64_t max_length = y_true.shape()[1];
  for (std::int64_t b = 0; b < batch && b < y_true.shape()[0]; ++b) {
    std::int64_t n = 0;
    for (std::int64_t i = 0; i < max_length; ++i) {
      n += labels.data<std::int64_t>()[b * max_length + i] != kMaskIndex;
    }
    label_length.data<std::int64_t>()[b] = n;
  }
  return ops::ctc_loss(y_true, y_pred, label_length, input_length, kMaskIndex);
}

CTC::CTC(const CTCOptions& options)
    : BuiltinLoss("CTC", Json::object(), options.reduction, options.name) {}

}  // namespace keras::losses
