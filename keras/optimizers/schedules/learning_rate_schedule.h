// File: keras/optimizers/schedules/learning_rate_schedule.h
// -----------------------------------------------------------------------------
// Learning-rate schedules (Python: keras.optimizers.schedules,
// keras/src/optimizers/schedules/learning_rate_schedule.py): a function of
// the optimizer's step that gives the learning rate. Pass one as any
// optimizer's learning_rate; the optimizer then evaluates it at its
// `iteration` counter on every step and serializes the schedule record in
// its config (and keeps no learning_rate variable).
//
//   auto schedule =
//   std::make_shared<keras::optimizers::schedules::CosineDecay>(
//       keras::optimizers::schedules::CosineDecayOptions{
//           .initial_learning_rate = 0.1, .decay_steps = 1000});
//   keras::optimizers::Adam adam({.learning_rate = schedule});
//
// Values are computed in float32 in Keras' order of operations (the torch
// backend converts the Python floats to float32 tensors), so they match
// Keras to a few ulps.
//
// Config numbers keep the int-or-float type they were given with (Python
// writes `1000` for an int, `1000.0` for a float), so records round-trip
// exactly: see ConfigNumber.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keras/core/json.h"

namespace keras::optimizers::schedules {

// A number as Python holds it: an int or a float. Implicitly constructible
// from both, so `.decay_steps = 1000` and `.t_mul = 2.0` keep their kinds.
class ConfigNumber {
 public:
  ConfigNumber(int value) : value_(value), integral_(true) {}
  ConfigNumber(std::int64_t value)
      : value_(static_cast<double>(value)), integral_(true) {}
  ConfigNumber(double value) : value_(value), integral_(false) {}

  double value() const { return value_; }
  bool integral() const { return integral_; }
  Json to_json() const;
  // Reads a JSON number (TypeError naming `key` otherwise).
  static ConfigNumber from_json(const Json& value, const std::string& key);

 private:
  double value_;
  bool integral_;
};

class LearningRateSchedule {
 public:
  virtual ~LearningRateSchedule();
  // Keras' class name ("ExponentialDecay", ...).
  virtual std::string class_name() const = 0;
  // The learning rate at `step` (a float32 value, widened).
  virtual float operator()(std::int64_t step) const = 0;
  // Keras' get_config(): its keys in its order.
  virtual Json get_config() const = 0;
};

using LearningRateSchedulePtr = std::shared_ptr<const LearningRateSchedule>;

struct ExponentialDecayOptions {
  ConfigNumber initial_learning_rate = 0.0;
  ConfigNumber decay_steps = 1;
  ConfigNumber decay_rate = 1.0;
  bool staircase = false;
  std::string name = "ExponentialDecay";
};

// lr0 * decay_rate ^ (step / decay_steps) (the exponent floored when
// staircase).
class ExponentialDecay : public LearningRateSchedule {
 public:
  explicit ExponentialDecay(const ExponentialDecayOptions& options);
  std::string class_name() const override { return "ExponentialDecay"; }
  float operator()(std::int64_t step) const override;
  Json get_config() const override;

 private:
  ExponentialDecayOptions o_;
};

struct PiecewiseConstantDecayOptions {
  std::vector<ConfigNumber> boundaries;
  std::vector<ConfigNumber> values;
  std::string name = "PiecewiseConstant";
};

// values[0] while step <= boundaries[0], values[i] while boundaries[i-1] <
// step <= boundaries[i], values.back() after the last boundary.
class PiecewiseConstantDecay : public LearningRateSchedule {
 public:
  explicit PiecewiseConstantDecay(const PiecewiseConstantDecayOptions& options);
  std::string class_name() const override { return "PiecewiseConstantDecay"; }
  float operator()(std::int64_t step) const override;
  Json get_config() const override;

 private:
  PiecewiseConstantDecayOptions o_;
};

struct PolynomialDecayOptions {
  ConfigNumber initial_learning_rate = 0.0;
  ConfigNumber decay_steps = 1;
  ConfigNumber end_learning_rate = 0.0001;
  ConfigNumber power = 1.0;
  bool cycle = false;
  std::string name = "PolynomialDecay";
};

// (lr0 - end) * (1 - step / decay_steps) ^ power + end, with step clipped to
// decay_steps, or (cycle) decay_steps stretched to the next multiple.
class PolynomialDecay : public LearningRateSchedule {
 public:
  explicit PolynomialDecay(const PolynomialDecayOptions& options);
  std::string class_name() const override { return "PolynomialDecay"; }
  float operator()(std::int64_t step) const override;
  Json get_config() const override;

 private:
  PolynomialDecayOptions o_;
};

struct InverseTimeDecayOptions {
  ConfigNumber initial_learning_rate = 0.0;
  ConfigNumber decay_steps = 1;
  ConfigNumber decay_rate = 1.0;
  bool staircase = false;
  std::string name = "InverseTimeDecay";
};

// lr0 / (1 + decay_rate * step / decay_steps) (the ratio floored when
// staircase).
class InverseTimeDecay : public LearningRateSchedule {
 public:
  explicit InverseTimeDecay(const InverseTimeDecayOptions& options);
  std::string class_name() const override { return "InverseTimeDecay"; }
  float operator()(std::int64_t step) const override;
  Json get_config() const override;

 private:
  InverseTimeDecayOptions o_;
};

struct CosineDecayOptions {
  ConfigNumber initial_learning_rate = 0.0;
  ConfigNumber decay_steps = 1;
  ConfigNumber alpha = 0.0;
  std::string name = "CosineDecay";
  std::optional<ConfigNumber> warmup_target = std::nullopt;
  ConfigNumber warmup_steps = 0;
};

// Optional linear warmup from lr0 to warmup_target over warmup_steps, then a
// cosine from the warmup target (or lr0) down to alpha times it over
// decay_steps.
class CosineDecay : public LearningRateSchedule {
 public:
  explicit CosineDecay(const CosineDecayOptions& options);
  std::string class_name() const override { return "CosineDecay"; }
  float operator()(std::int64_t step) const override;
  Json get_config() const override;

 private:
  CosineDecayOptions o_;
};

struct CosineDecayRestartsOptions {
  ConfigNumber initial_learning_rate = 0.0;
  ConfigNumber first_decay_steps = 1;
  ConfigNumber t_mul = 2.0;
  ConfigNumber m_mul = 1.0;
  ConfigNumber alpha = 0.0;
  std::string name = "SGDRDecay";
};

// SGDR: cosine decays restarting after first_decay_steps * t_mul^i steps,
// each restart scaled by m_mul^i.
class CosineDecayRestarts : public LearningRateSchedule {
 public:
  explicit CosineDecayRestarts(const CosineDecayRestartsOptions& options);
  std::string class_name() const override { return "CosineDecayRestarts"; }
  float operator()(std::int64_t step) const override;
  Json get_config() const override;

 private:
  CosineDecayRestartsOptions o_;
};

// {"module": "keras.optimizers.schedules", "class_name", "config",
//  "registered_name": null}, as keras.optimizers.schedules.serialize.
Json serialize(const LearningRateSchedule& schedule);

// A record as serialize() writes (class resolved by class_name; records
// without `module` are refused as Keras does). Unknown config keys throw
// TypeError (Python's unexpected keyword argument).
LearningRateSchedulePtr deserialize(const Json& record);

// Builds schedule `class_name` from its get_config() dict.
LearningRateSchedulePtr from_config(const std::string& class_name,
                                    const Json& config);

}  // namespace keras::optimizers::schedules
