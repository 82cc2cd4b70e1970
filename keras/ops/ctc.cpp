// CTC forward/backward for one sequence at a time, in float64 log space over
// the extended label sequence l' = (blank, l1, blank, l2, ..., blank).
#include "keras/ops/ctc.h"

#include <cmath>
#include <limits>
#include <vector>

#include "keras/ops/autograd.h"
#include "keras/ops/internal/common.h"
#include "keras/ops/nn.h"

namespace keras::ops {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

double log_add(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  const double m = std::max(a, b);
  return m + std::log1p(std::exp(-std::abs(a - b)));
}

std::vector<std::int64_t> as_int64(const Tensor& x) {
  const Tensor c = x.astype(DType::int64);
  const std::int64_t* p = c.data<std::int64_t>();
  return {p, p + c.size()};
}

// One sequence: logp (steps x classes, log-softmax), labels. Returns the
// loss and, in `grad` (steps x classes), d loss / d logits.
double ctc_sequence(const double* logp, std::int64_t steps,
                    std::int64_t classes,
                    const std::vector<std::int64_t>& labels, std::int64_t blank,
                    double* grad) {
  const std::int64_t s_len = 2 * static_cast<std::int64_t>(labels.size()) + 1;
  auto sym = [&](std::int64_t s) { return s % 2 ? labels[s / 2] : blank; };
  // Skipping a blank is allowed into a label that differs from the one two
  // places before it.
  auto can_skip = [&](std::int64_t s) {
    return s >= 2 && sym(s) != blank && sym(s) != sym(s - 2);
  };
  std::vector<double> alpha(steps * s_len, kNegInf);
  std::vector<double> beta(steps * s_len, kNegInf);
  if (steps == 0) return labels.empty() ? 0.0 : INFINITY;
  auto lp = [&](std::int64_t t, std::int64_t s) {
    return logp[t * classes + sym(s)];
  };
  alpha[0] = lp(0, 0);
  if (s_len > 1) alpha[1] = lp(0, 1);
  for (std::int64_t t = 1; t < steps; ++t) {
    for (std::int64_t s = 0; s < s_len; ++s) {
      double a = alpha[(t - 1) * s_len + s];
      if (s >= 1) a = log_add(a, alpha[(t - 1) * s_len + s - 1]);
      if (can_skip(s)) a = log_add(a, alpha[(t - 1) * s_len + s - 2]);
      alpha[t * s_len + s] = a == kNegInf ? kNegInf : a + lp(t, s);
    }
  }
  const std::int64_t last = (steps - 1) * s_len;
  double log_p = alpha[last + s_len - 1];
  if (s_len > 1) log_p = log_add(log_p, alpha[last + s_len - 2]);
  if (log_p == kNegInf) return INFINITY;  // grad stays zero
  beta[last + s_len - 1] = lp(steps - 1, s_len - 1);
  if (s_len > 1) beta[last + s_len - 2] = lp(steps - 1, s_len - 2);
  for (std::int64_t t = steps - 2; t >= 0; --t) {
    for (std::int64_t s = 0; s < s_len; ++s) {
      double b = beta[(t + 1) * s_len + s];
      if (s + 1 < s_len) b = log_add(b, beta[(t + 1) * s_len + s + 1]);
      if (s + 2 < s_len && can_skip(s + 2)) {
        b = log_add(b, beta[(t + 1) * s_len + s + 2]);
      }
      beta[t * s_len + s] = b == kNegInf ? kNegInf : b + lp(t, s);
    }
  }
  for (std::int64_t t = 0; t < steps; ++t) {
    double* g = grad + t * classes;
    for (std::int64_t k = 0; k < classes; ++k) {
      g[k] = std::exp(logp[t * classes + k]);
    }
    for (std::int64_t s = 0; s < s_len; ++s) {
      const double a = alpha[t * s_len + s], b = beta[t * s_len + s];
      if (a == kNegInf || b == kNegInf) continue;
      // alpha and beta both contain the emission at t: remove it once.
      g[sym(s)] -= std::exp(a + b - lp(t, s) - log_p);
    }
  }
  return -log_p;
}

void check_ctc_shapes(const Tensor& target, const Tensor& output,
                      const Tensor& target_length,
                      const Tensor& output_length) {
  if (target.ndim() != 2) {
    throw ValueError(
        str("ctc_loss: `target` must have shape (batch_size, "
            "max_length). Received: target.shape=",
            shape_str(target.shape())));
  }
  if (output.ndim() != 3) {
    throw ValueError(
        str("ctc_loss: `output` must have shape (batch_size, "
            "max_length, num_classes). Received: output.shape=",
            shape_str(output.shape())));
  }
  const std::int64_t batch = output.shape()[0];
  for (const auto& [t, name] : {std::pair{&target, "target"},
                                std::pair{&target_length, "target_length"},
                                std::pair{&output_length, "output_length"}}) {
    const bool vector = t != &target;
    if ((vector && t->ndim() != 1) || t->shape()[0] != batch) {
      throw ValueError(
          str("ctc_loss: `", name, "` must have the batch size of `output` (",
              batch, "). Received: ", name, ".shape=", shape_str(t->shape())));
    }
  }
}

}  // namespace

Tensor ctc_loss(const Tensor& target, const Tensor& output,
                const Tensor& target_length, const Tensor& output_length,
                std::int64_t mask_index) {
  internal::check_defined("ctc_loss",
                          {&target, &output, &target_length, &output_length});
  check_ctc_shapes(target, output, target_length, output_length);
  const DType dt =
      output.dtype() == DType::float64 ? DType::float64 : DType::float32;
  const std::int64_t batch = output.shape()[0];
  if (internal::any_symbolic(
          {&target, &output, &target_length, &output_length})) {
    return Tensor::symbolic({batch}, dt);
  }
  const std::int64_t steps = output.shape()[1], classes = output.shape()[2];
  const std::int64_t max_labels = target.shape()[1];
  if (mask_index < 0 || mask_index >= classes) {
    throw ValueError(str("ctc_loss: mask_index must be in [0, ", classes,
                         "). Received: mask_index=", mask_index));
  }
  const std::vector<std::int64_t> labels = as_int64(target);
  const std::vector<std::int64_t> label_len = as_int64(target_length);
  const std::vector<std::int64_t> step_len = as_int64(output_length);
  Tensor logp_t;
  {
    autograd::NoGradGuard no_grad;
    logp_t = ops::log_softmax(output.astype(DType::float64), -1);
  }
  const double* logp = logp_t.data<double>();
  Tensor loss = Tensor::empty({batch}, DType::float64);
  Tensor dlogits = Tensor::zeros(output.shape(), DType::float64);
  for (std::int64_t b = 0; b < batch; ++b) {
    const std::int64_t n = label_len[b], t_b = step_len[b];
    if (n < 0 || n > max_labels) {
      throw ValueError(str("ctc_loss: target_length[", b, "]=", n,
                           " is outside [0, ", max_labels, "]."));
    }
    if (t_b < 0 || t_b > steps) {
      throw ValueError(str("ctc_loss: output_length[", b, "]=", t_b,
                           " is outside [0, ", steps, "]."));
    }
    std::vector<std::int64_t> seq(labels.begin() + b * max_labels,
                                  labels.begin() + b * max_labels + n);
    for (std::int64_t label : seq) {
      if (label < 0 || label >= classes) {
        throw ValueError(str("ctc_loss: label ", label, " of sequence ", b,
                             " is outside [0, ", classes, ")."));
      }
    }
    loss.data<double>()[b] =
        ctc_sequence(logp + b * steps * classes, t_b, classes, seq, mask_index,
                     dlogits.data<double>() + b * steps * classes);
  }
  const Tensor result = loss.astype(dt);
  return autograd::record(
      result, {output},
      [dlogits, batch, steps, classes, dt](const Tensor& g0) {
        const Tensor g = g0.astype(DType::float64);
        Tensor gx = dlogits.clone();
        double* p = gx.data<double>();
        for (std::int64_t b = 0; b < batch; ++b) {
          const double gb = g.data<double>()[b];
          for (std::int64_t i = 0; i < steps * classes; ++i) {
            p[b * steps * classes + i] *= gb;
          }
        }
        return Tensors{gx.astype(dt)};
      },
      "ctc_loss");
}

}  // namespace keras::ops
