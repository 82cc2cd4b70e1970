#include "keras/layers/rnn/gru_cell.h"

#include "keras/layers/rnn/recurrent_kernels.h"
#include "keras/layers/rnn/recurrent_product.h"

namespace keras::layers {

namespace {
// The inference recurrence (RNNCellBase::fused_recurrence): step()'s
// formulas on raw buffers, the products single-threaded, the activations
// vectorised. Scratch row b: [z | r | candidate] (3 units each).
class GRURecurrence : public FusedRecurrence {
 public:
  GRURecurrence(Tensor recurrent_kernel, Tensor recurrent_bias,
                bool reset_after, std::int64_t batch, std::int64_t units,
                rnn_kernels::Act act, rnn_kernels::Act recurrent_act)
      : rk_(std::move(recurrent_kernel)),
        rb_(std::move(recurrent_bias)),
        gates_(rk_.data<float>(), units, reset_after ? 3 * units : 2 * units,
               3 * units, batch),
        candidate_(rk_.data<float>() + 2 * units, units, units, 3 * units,
                   batch),
        bias_(rb_.defined() ? rb_.data<float>() : nullptr),
        reset_after_(reset_after),
        batch_(batch),
        u_(units),
        act_(act),
        ract_(recurrent_act),
        inner_(static_cast<std::size_t>(batch * 3 * units)),
        rh_(reset_after ? 0 : static_cast<std::size_t>(batch * units)) {}

  void step(const float* projected, std::int64_t stride,
            const float* const* states, float* const* new_states) override {
    const std::int64_t u = u_;
    const float* h = states[0];
    float* in = inner_.data();
    // z and r: projected + h @ recurrent_kernel[:, :2u] (+ the recurrent
    // bias when reset_after).
    gates_(h, u, in, 3 * u);
    for (std::int64_t b = 0; b < batch_; ++b) {
      float* ib = in + b * 3 * u;
      const float* pb = projected + b * stride;
      if (bias_) {
        for (std::int64_t j = 0; j < 3 * u; ++j) ib[j] = ib[j] + bias_[j];
      }
      for (std::int64_t j = 0; j < 2 * u; ++j) ib[j] = pb[j] + ib[j];
      rnn_kernels::activate(ract_, ib, 2 * u);
      if (reset_after_) {
        for (std::int64_t j = 0; j < u; ++j) {
          ib[2 * u + j] = pb[2 * u + j] + ib[u + j] * ib[2 * u + j];
        }
      } else {
        for (std::int64_t j = 0; j < u; ++j) {
          rh_[b * u + j] = ib[u + j] * h[b * u + j];
        }
      }
    }
    if (!reset_after_) {
      // candidate: projected + (r * h) @ recurrent_kernel[:, 2u:]
      candidate_(rh_.data(), u, in + 2 * u, 3 * u);
      for (std::int64_t b = 0; b < batch_; ++b) {
        float* ib = in + b * 3 * u;
        const float* pb = projected + b * stride;
        for (std::int64_t j = 0; j < u; ++j) {
          ib[2 * u + j] = pb[2 * u + j] + ib[2 * u + j];
        }
      }
    }
    for (std::int64_t b = 0; b < batch_; ++b) {
      float* ib = in + b * 3 * u;
      rnn_kernels::activate(act_, ib + 2 * u, u);
      const float* hb = h + b * u;
      float* out = new_states[0] + b * u;
      for (std::int64_t j = 0; j < u; ++j) {
        out[j] = ib[j] * hb[j] + (1.0f - ib[j]) * ib[2 * u + j];
      }
    }
  }

 private:
  Tensor rk_, rb_;  // keep the products' kernel and bias_ alive
  // h @ the z and r columns (and the candidate's when reset_after), and
  // (r * h) @ the candidate's columns (reset_before).
  rnn_kernels::RecurrentProduct gates_, candidate_;
  const float* bias_;  // the recurrent bias (reset_after), or null
  bool reset_after_;
  std::int64_t batch_, u_;
  rnn_kernels::Act act_, ract_;
  std::vector<float> inner_, rh_;
};
}  // namespace

GRUCellLayer::GRUCellLayer(std::int64_t units, GRUCellOptions options)
    : WeightedCell(units, std::move(options), "gru_cell") {}

void GRUCellLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape bias_shape =
      options_.reset_after ? Shape{2, 3 * units_} : Shape{3 * units_};
  create_weights(input_shapes.at(0), 3, bias_shape, options_.bias_initializer);
}

Tensor GRUCellLayer::project_inputs(const Tensor& x) {
  Tensor m = ops::matmul(drop_inputs(x), kernel_->value());
  if (!bias_) return m;
  if (!options_.reset_after) return m + bias_->value();
  return m +
         ops::reshape(ops::slice_axis(bias_->value(), 0, 0, 1), {3 * units_});
}

Tensor GRUCellLayer::step(const Tensor& projected, const Tensors& states,
                          Tensors* new_states) {
  // Keras uses the dropped-out previous state in the final mix as well.
  const Tensor h = drop_recurrent(states.at(0));
  const Tensor rk = recurrent_kernel_->value();
  const std::int64_t u = units_;
  auto cols = [](const Tensor& t, std::int64_t a, std::int64_t b) {
    return ops::slice_axis(t, t.ndim() - 1, a, b);
  };
  const auto& ract = options_.recurrent_activation;
  Tensor z, hh;
  if (options_.reset_after) {
    Tensor inner = ops::matmul(h, rk);
    if (bias_) {
      inner = inner +
              ops::reshape(ops::slice_axis(bias_->value(), 0, 1, 2), {3 * u});
    }
    z = ract(cols(projected, 0, u) + cols(inner, 0, u));
    const Tensor r = ract(cols(projected, u, 2 * u) + cols(inner, u, 2 * u));
    hh = options_.activation(cols(projected, 2 * u, 3 * u) +
                             r * cols(inner, 2 * u, 3 * u));
  } else {
    const Tensor inner = ops::matmul(h, cols(rk, 0, 2 * u));
    z = ract(cols(projected, 0, u) + cols(inner, 0, u));
    const Tensor r = ract(cols(projected, u, 2 * u) + cols(inner, u, 2 * u));
    hh = options_.activation(cols(projected, 2 * u, 3 * u) +
                             ops::matmul(r * h, cols(rk, 2 * u, 3 * u)));
  }
  const Tensor h_new = z * h + (1.0 - z) * hh;
  *new_states = {h_new};
  return h_new;
}

std::unique_ptr<FusedRecurrence> GRUCellLayer::fused_recurrence(
    std::int64_t batch) const {
  const auto parts = fused_parts();
  if (!parts) return nullptr;
  Tensor recurrent_bias;
  if (bias_ && options_.reset_after) {
    recurrent_bias =
        ops::reshape(ops::slice_axis(bias_->value(), 0, 1, 2), {3 * units_});
    if (recurrent_bias.dtype() != DType::float32) return nullptr;
  }
  return std::make_unique<GRURecurrence>(
      parts->recurrent_kernel, recurrent_bias, options_.reset_after, batch,
      units_, parts->act, parts->recurrent_act);
}

Json GRUCellLayer::get_config() const {
  return config_with(
      {"units", "activation", "recurrent_activation", "use_bias",
       "kernel_initializer", "recurrent_initializer", "bias_initializer",
       "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
       "kernel_constraint", "recurrent_constraint", "bias_constraint",
       "dropout", "recurrent_dropout", "reset_after", "seed"});
}

std::shared_ptr<GRUCellLayer> GRUCellLayer::from_config(const Json& config) {
  saving::ConfigReader r(config, "GRUCell");
  GRUCellOptions o;
  read_recurrent_options(r, o);
  return std::make_shared<GRUCellLayer>(r.required<std::int64_t>("units"),
                                        std::move(o));
}

}  // namespace keras::layers
