#include "keras/optimizers/loss_scale_optimizer.h"

#include <cmath>

#include "keras/ops/core.h"
#include "keras/ops/numpy.h"
#include "keras/optimizers/optimizers.h"
#include "keras/utils/json_utils.h"

namespace keras::optimizers {

namespace {

bool all_finite(const Tensors& grads) {
  for (const Tensor& g : grads) {
    if (!g.defined()) continue;
    const Tensor d = g.astype(DType::float64);
    const double* p = d.data<double>();
    for (std::int64_t k = 0; k < d.size(); ++k) {
      if (!std::isfinite(p[k])) return false;
    }
  }
  return true;
}

}  // namespace

LossScaleOptimizer::LossScaleOptimizer(
    std::shared_ptr<Optimizer> inner_optimizer,
    const LossScaleOptimizerOptions& options)
    : Optimizer(OptimizerOptions{.learning_rate = 0.0, .name = options.name},
                "LossScaleOptimizer"),
      inner_(std::move(inner_optimizer)),
      initial_scale_(options.initial_scale),
      growth_steps_(options.dynamic_growth_steps) {
  if (!inner_) {
    throw ValueError("LossScaleOptimizer needs an `inner_optimizer`.");
  }
  if (!(initial_scale_ > 0) || !std::isfinite(initial_scale_)) {
    throw ValueError(
        str("`initial_scale` must be a positive finite float. "
            "Received: initial_scale=",
            initial_scale_));
  }
  if (growth_steps_ < 1) {
    throw ValueError(
        str("`dynamic_growth_steps` must be a positive integer. "
            "Received: dynamic_growth_steps=",
            growth_steps_));
  }
  // Keras disables the inner optimizer's own loss scaling, or gradients
  // would be unscaled twice.
  inner_->options_.loss_scale_factor = std::nullopt;
}

const Variables& LossScaleOptimizer::variables() const {
  all_variables_ = Optimizer::variables();
  const Variables& inner = inner_->variables();
  all_variables_.insert(all_variables_.end(), inner.begin(), inner.end());
  return all_variables_;
}

double LossScaleOptimizer::dynamic_scale() const {
  return dynamic_scale_ ? dynamic_scale_->value().item() : initial_scale_;
}

Tensor LossScaleOptimizer::scale_loss(const Tensor& loss) const {
  return ops::multiply(loss, ops::scalar_like(dynamic_scale(), loss));
}

void LossScaleOptimizer::build_slots(const Variables& trainable_variables) {
  step_counter_ = add_variable(Tensor::scalar(0, DType::int32), "step_counter");
  dynamic_scale_ = add_variable(Tensor::scalar(initial_scale_, DType::float32),
                                "dynamic_scale");
  inner_->build(trainable_variables);
}

void LossScaleOptimizer::update_step(std::size_t, const Tensor&, Variable&,
                                     float) {
  throw std::logic_error("LossScaleOptimizer updates through its inner one");
}

void LossScaleOptimizer::apply_impl(const Tensors& grads,
                                    const Variables& variables) {
  const double scale = dynamic_scale();
  if (!all_finite(grads)) {
    step_counter_->assign(Tensor::scalar(0, DType::int32));
    dynamic_scale_->assign(Tensor::scalar(scale * 0.5, DType::float32));
    return;
  }
  Tensors unscaled;
  for (const Tensor& g : grads) {
    unscaled.push_back(g.defined() ? ops::divide(g, ops::scalar_like(scale, g))
                                   : g);
  }
  inner_->apply_gradients(unscaled, variables);
  const auto count = static_cast<std::int64_t>(step_counter_->value().item());
  if (count == growth_steps_ - 1) {
    step_counter_->assign(Tensor::scalar(0, DType::int32));
    dynamic_scale_->assign(Tensor::scalar(scale * 2.0, DType::float32));
  } else {
    step_counter_->assign(Tensor::scalar(double(count + 1), DType::int32));
  }
}

Json LossScaleOptimizer::get_config() const {
  return {{"name", name()},
          {"inner_optimizer", serialize(*inner_)},
          {"initial_scale", initial_scale_},
          {"dynamic_growth_steps", growth_steps_}};
}

std::shared_ptr<Optimizer> loss_scale_optimizer_from_config(
    const Json& config) {
  if (!config.is_object() || !config.contains("inner_optimizer")) {
    throw TypeError(
        "LossScaleOptimizer.__init__() missing 1 required positional "
        "argument: 'inner_optimizer'");
  }
  LossScaleOptimizerOptions o;
  std::vector<std::string> unknown;
  // Keras <= 3.3 wrote the (non-functional) base arguments too.
  const Json base_defaults = {{"weight_decay", nullptr},
                              {"clipnorm", nullptr},
                              {"global_clipnorm", nullptr},
                              {"clipvalue", nullptr},
                              {"use_ema", false},
                              {"ema_momentum", 0.99},
                              {"ema_overwrite_frequency", nullptr},
                              {"loss_scale_factor", nullptr},
                              {"gradient_accumulation_steps", nullptr}};
  for (const auto& [key, value] : config.items()) {
    if (key == "inner_optimizer") continue;
    try {
      if (key == "name") {
        if (!value.is_null()) o.name = value.get<std::string>();
      } else if (key == "initial_scale") {
        o.initial_scale = value.get<double>();
      } else if (key == "dynamic_growth_steps") {
        o.dynamic_growth_steps = integer_of<std::int64_t>(value);
      } else if (key == "dynamic") {
        if (value != true) {
          throw ValueError(
              "LossScaleOptimizer no longer supports `dynamic=False`. "
              "Instead, simply set `loss_scale_factor` directly on the "
              "`inner_optimizer`.");
        }
      } else if (base_defaults.contains(key)) {
        if (value != base_defaults[key]) {
          throw ValueError(str("LossScaleOptimizer does not support `", key,
                               "`. Instead, set `", key,
                               "` on the `inner_optimizer`."));
        }
      } else {
        unknown.push_back(key);
      }
    } catch (const nlohmann::json::exception&) {
      throw TypeError(str("Invalid value for LossScaleOptimizer argument `",
                          key, "`. Received: ", key, "=", value.dump()));
    }
  }
  if (!unknown.empty()) {
    std::string keys;
    for (const auto& k : unknown)
      keys += (keys.empty() ? "`" : ", `") + k + "`";
    throw ValueError(
        str("LossScaleOptimizer does not support arguments: ", keys, "."));
  }
  return std::make_shared<LossScaleOptimizer>(
      deserialize(config.at("inner_optimizer")), o);
}

}  // namespace keras::optimizers
