#include "keras/layers/normalization/batch_normalization.h"

#include <cmath>

#include "keras/layers/normalization/weight_config.h"
#include "keras/ops/normalization.h"
#include "keras/ops/ops.h"
#include "keras/saving/config_reader.h"

namespace keras::layers {

namespace {

// sqrt of another initializer's values: the moving standard deviations of
// batch renormalization start at sqrt(moving_variance_initializer).
class SqrtInitializer : public initializers::InitializerBase {
 public:
  explicit SqrtInitializer(initializers::Initializer of) : of_(std::move(of)) {}
  Tensor operator()(const Shape& shape, DType dtype) const override {
    return ops::cast(ops::sqrt(of_(shape, dtype)), dtype);
  }
  std::string class_name() const override { return "SqrtInitializer"; }
  Json get_config() const override { return Json::object(); }

 private:
  initializers::Initializer of_;
};

// a * m + b * (1 - m), computed without recording gradients.
Tensor moving_average(const Tensor& a, const Tensor& b, double m) {
  return a * m + b * (1.0 - m);
}

// moving = moving * momentum + batch * (1 - momentum), without gradients.
void update_moving_statistics(Variable& moving_mean, Variable& moving_variance,
                              const Tensor& mean, const Tensor& variance,
                              double momentum) {
  autograd::NoGradGuard no_grad;
  moving_mean.assign(moving_average(
      ops::cast(moving_mean.value(), mean.dtype()), mean, momentum));
  moving_variance.assign(moving_average(
      ops::cast(moving_variance.value(), mean.dtype()), variance, momentum));
}

}  // namespace

BatchNormalizationLayer::BatchNormalizationLayer(
    BatchNormalizationOptions options)
    : Layer(options.base, "batch_normalization"), options_(std::move(options)) {
  set_supports_masking(true);
  if (options_.synchronized) {
    throw ValueError(
        "Argument synchronized=True is only supported with the TensorFlow "
        "backend.");
  }
  if (options_.renorm) {
    Json& clipping = options_.renorm_clipping;
    if (clipping.is_null()) clipping = Json::object();
    if (!clipping.is_object()) {
      throw ValueError(
          str("Received invalid keys for `renorm_clipping` "
              "argument: ",
              saving::safe_dump(clipping),
              ". Supported values: ['rmax', 'rmin', 'dmax']."));
    }
    for (const auto& [key, value] : clipping.items()) {
      if (key != "rmax" && key != "rmin" && key != "dmax") {
        throw ValueError(
            str("Received invalid keys for `renorm_clipping` "
                "argument: ",
                saving::safe_dump(clipping),
                ". Supported values: ['rmax', 'rmin', 'dmax']."));
      }
    }
    const auto get = [&](const char* k) {
      return clipping.contains(k) && clipping[k].is_number()
                 ? std::optional<double>(clipping[k].get<double>())
                 : std::nullopt;
    };
    if (get("rmax") && get("rmin") && *get("rmax") < *get("rmin")) {
      throw ValueError(
          str("rmax should be greater than rmin in the "
              "`renorm_clipping` argument. Received: rmax=",
              *get("rmax"), ", rmin=", *get("rmin"), "."));
    }
    if (get("dmax") && *get("dmax") < 0) {
      throw ValueError(
          str("dmax should be non-negative in the "
              "`renorm_clipping` argument. Received: dmax=",
              *get("dmax"), "."));
    }
  }
}

void BatchNormalizationLayer::build(const std::vector<Shape>& input_shapes) {
  const Shape& shape = input_shapes.at(0);
  axis_ = canonical_axes({options_.axis}, shape, options_.axis).at(0);
  const Shape param{shape[axis_]};
  const auto& o = options_;
  if (o.scale) {
    gamma_ = add_weight({.name = "gamma",
                         .shape = param,
                         .initializer = o.gamma_initializer,
                         .regularizer = o.gamma_regularizer,
                         .constraint = o.gamma_constraint});
  }
  if (o.center) {
    beta_ = add_weight({.name = "beta",
                        .shape = param,
                        .initializer = o.beta_initializer,
                        .regularizer = o.beta_regularizer,
                        .constraint = o.beta_constraint});
  }
  moving_mean_ = add_weight({.name = "moving_mean",
                             .shape = param,
                             .initializer = o.moving_mean_initializer,
                             .trainable = false});
  moving_variance_ = add_weight({.name = "moving_variance",
                                 .shape = param,
                                 .initializer = o.moving_variance_initializer,
                                 .trainable = false});
  if (o.renorm) {
    const SqrtInitializer stddev_init(o.moving_variance_initializer);
    moving_stddev_ = add_weight({.name = "moving_stddev",
                                 .shape = param,
                                 .initializer = stddev_init,
                                 .trainable = false});
    renorm_mean_ = add_weight({.name = "renorm_mean",
                               .shape = param,
                               .initializer = o.moving_mean_initializer,
                               .trainable = false});
    renorm_stddev_ = add_weight({.name = "renorm_stddev",
                                 .shape = param,
                                 .initializer = stddev_init,
                                 .trainable = false});
  }
  reduction_axes_.clear();
  for (std::int64_t i = 0; i < std::int64_t(shape.size()); ++i) {
    if (i != axis_) reduction_axes_.push_back(i);
  }
}

Tensors BatchNormalizationLayer::call(const Tensors& inputs,
                                      const CallContext& ctx) {
  Tensor x = inputs.at(0);
  const std::int64_t channels = moving_mean_->shape()[0];
  if (x.ndim() != std::int64_t(reduction_axes_.size()) + 1 ||
      (x.shape()[axis_] >= 0 && x.shape()[axis_] != channels)) {
    throw ValueError(str("Input 0 of layer \"", name(),
                         "\" is incompatible with the layer: expected axis ",
                         options_.axis, " of input shape to have value ",
                         channels, ", but received input with shape ",
                         shape_str(x.shape())));
  }
  // Statistics in at least float32, even for half-precision inputs.
  const DType dt = x.dtype() == DType::float64 ? x.dtype() : DType::float32;
  x = ops::cast(x, dt);
  Tensor gamma = gamma_ ? ops::cast(gamma_->value(), dt) : Tensor();
  Tensor beta = beta_ ? ops::cast(beta_->value(), dt) : Tensor();
  Tensor mean = ops::cast(moving_mean_->value(), dt);
  Tensor variance = ops::cast(moving_variance_->value(), dt);
  if (ctx.training && trainable() && !options_.renorm && !x.is_symbolic()) {
    // The batch's statistics and the normalization in one fused op.
    auto [y, batch_mean, batch_variance] =
        ops::batch_normalization_with_moments(x, axis_, beta, gamma,
                                              options_.epsilon);
    update_moving_statistics(*moving_mean_, *moving_variance_, batch_mean,
                             batch_variance, options_.momentum);
    return {ops::cast(y, compute_dtype())};
  }
  if (ctx.training && trainable()) {
    auto stats = training_statistics(x, gamma, beta);
    mean = stats[0];
    variance = stats[1];
    gamma = stats[2];
    beta = stats[3];
  }
  Tensor y = ops::batch_normalization(x, mean, variance, axis_, beta, gamma,
                                      options_.epsilon);
  return {ops::cast(y, compute_dtype())};
}

std::array<Tensor, 4> BatchNormalizationLayer::training_statistics(
    const Tensor& x, Tensor gamma, Tensor beta) {
  auto [mean, variance] = ops::moments(x, reduction_axes_);
  if (x.is_symbolic()) return {mean, variance, gamma, beta};
  if (options_.renorm) {
    return renorm_statistics(mean, variance, std::move(gamma), std::move(beta));
  }
  update_moving_statistics(*moving_mean_, *moving_variance_, mean, variance,
                           options_.momentum);
  return {mean, variance, gamma, beta};
}

// Batch renormalization (Ioffe, 2017): the batch-normalized values are
// corrected by (r, d), clipped and constant for the gradient, which folds
// into gamma and beta; moving statistics track the standard deviation.
std::array<Tensor, 4> BatchNormalizationLayer::renorm_statistics(
    const Tensor& mean, const Tensor& variance, Tensor gamma, Tensor beta) {
  const DType dt = mean.dtype();
  const double eps = options_.epsilon;
  const Json& clip = options_.renorm_clipping;
  Tensor r, d, stddev;
  {
    autograd::NoGradGuard no_grad;
    stddev = ops::sqrt(variance + eps);
    const Tensor renorm_mean = ops::cast(renorm_mean_->value(), dt);
    const Tensor renorm_stddev =
        ops::maximum(ops::cast(renorm_stddev_->value(), dt),
                     ops::scalar_like(std::sqrt(eps), mean));
    r = stddev / renorm_stddev;
    d = (mean - renorm_mean) / renorm_stddev;
    if (clip.contains("rmin") && clip["rmin"].is_number()) {
      r = ops::maximum(r, ops::scalar_like(clip["rmin"].get<double>(), r));
    }
    if (clip.contains("rmax") && clip["rmax"].is_number()) {
      r = ops::minimum(r, ops::scalar_like(clip["rmax"].get<double>(), r));
    }
    if (clip.contains("dmax") && clip["dmax"].is_number()) {
      const double dmax = clip["dmax"].get<double>();
      d = ops::clip(d, -dmax, dmax);
    }
  }
  Tensor new_gamma = gamma.defined() ? r * gamma : r;
  Tensor new_beta = gamma.defined() ? d * gamma : d;
  if (beta.defined()) new_beta = new_beta + beta;

  autograd::NoGradGuard no_grad;
  const double rm = options_.renorm_momentum, m = options_.momentum;
  renorm_mean_->assign(
      moving_average(ops::cast(renorm_mean_->value(), dt), mean, rm));
  renorm_stddev_->assign(
      moving_average(ops::cast(renorm_stddev_->value(), dt), stddev, rm));
  moving_mean_->assign(
      moving_average(ops::cast(moving_mean_->value(), dt), mean, m));
  const Tensor new_stddev =
      moving_average(ops::cast(moving_stddev_->value(), dt), stddev, m);
  moving_stddev_->assign(new_stddev);
  // ReLU guards against rounding making the variance negative.
  moving_variance_->assign(ops::relu(new_stddev * new_stddev - eps));
  return {mean, variance, new_gamma, new_beta};
}

Json BatchNormalizationLayer::get_config() const {
  const auto& o = options_;
  Json config = Layer::get_config();
  config["axis"] = o.axis;
  config["momentum"] = o.momentum;
  config["epsilon"] = o.epsilon;
  config["center"] = o.center;
  config["scale"] = o.scale;
  config["beta_initializer"] = write_initializer(o.beta_initializer);
  config["gamma_initializer"] = write_initializer(o.gamma_initializer);
  config["moving_mean_initializer"] =
      write_initializer(o.moving_mean_initializer);
  config["moving_variance_initializer"] =
      write_initializer(o.moving_variance_initializer);
  config["beta_regularizer"] = write_regularizer(o.beta_regularizer);
  config["gamma_regularizer"] = write_regularizer(o.gamma_regularizer);
  config["beta_constraint"] = write_constraint(o.beta_constraint);
  config["gamma_constraint"] = write_constraint(o.gamma_constraint);
  config["synchronized"] = o.synchronized;
  config["renorm"] = o.renorm;
  config["renorm_clipping"] = o.renorm_clipping;
  config["renorm_momentum"] = o.renorm_momentum;
  return config;
}

std::shared_ptr<BatchNormalizationLayer> BatchNormalizationLayer::from_config(
    const Json& config) {
  saving::ConfigReader r(config, "BatchNormalization");
  BatchNormalizationOptions o;
  o.base = layer_options_from_config(r);
  o.axis = r.get<std::int64_t>("axis", -1);
  o.momentum = r.get("momentum", 0.99);
  o.epsilon = r.get("epsilon", 1e-3);
  o.center = r.get("center", true);
  o.scale = r.get("scale", true);
  o.beta_initializer = read_initializer(r, "beta_initializer", "zeros");
  o.gamma_initializer = read_initializer(r, "gamma_initializer", "ones");
  o.moving_mean_initializer =
      read_initializer(r, "moving_mean_initializer", "zeros");
  o.moving_variance_initializer =
      read_initializer(r, "moving_variance_initializer", "ones");
  o.beta_regularizer = read_regularizer(r, "beta_regularizer");
  o.gamma_regularizer = read_regularizer(r, "gamma_regularizer");
  o.beta_constraint = read_constraint(r, "beta_constraint");
  o.gamma_constraint = read_constraint(r, "gamma_constraint");
  o.renorm = r.get("renorm", false);
  o.renorm_clipping = r.raw("renorm_clipping");
  o.renorm_momentum = r.get("renorm_momentum", 0.99);
  o.synchronized = r.get("synchronized", false);
  return std::make_shared<BatchNormalizationLayer>(std::move(o));
}

}  // namespace keras::layers
