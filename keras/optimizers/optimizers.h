// File: keras/optimizers/optimizers.h
// -----------------------------------------------------------------------------
// Looking optimizers up by name and (de)serializing them (Python:
// keras/src/optimizers/__init__.py: get, serialize, deserialize).
//
//   auto opt = keras::optimizers::get("adam");           // Adam() defaults
//   keras::Json record = keras::optimizers::serialize(*opt);
//   auto again = keras::optimizers::deserialize(record);
//
// Records are resolved by `class_name` (then `registered_name`),
// case-insensitively, never by `module`: a file written on the torch backend
// names the module "keras.src.backend.torch.optimizers.torch_adam", other
// backends "keras.optimizers". keras.cpp implements every Keras optimizer
// but Muon, which raises NotImplementedError. A
// `learning_rate` that is a record is a schedule (schedules::deserialize).
// -----------------------------------------------------------------------------
#pragma once

#include <memory>
#include <string>

#include "keras/core/json.h"
#include "keras/optimizers/adadelta.h"
#include "keras/optimizers/adafactor.h"
#include "keras/optimizers/adagrad.h"
#include "keras/optimizers/adam.h"
#include "keras/optimizers/adamax.h"
#include "keras/optimizers/adamw.h"
#include "keras/optimizers/ftrl.h"
#include "keras/optimizers/lamb.h"
#include "keras/optimizers/lion.h"
#include "keras/optimizers/loss_scale_optimizer.h"
#include "keras/optimizers/nadam.h"
#include "keras/optimizers/optimizer.h"
#include "keras/optimizers/rmsprop.h"
#include "keras/optimizers/schedules/learning_rate_schedule.h"
#include "keras/optimizers/sgd.h"

namespace keras::optimizers {

// "adam" / "Adam" / "SGD" / "rmsprop" ...: a new optimizer with Keras'
// defaults. Throws ValueError "Could not interpret optimizer identifier: ..."
// for unknown names.
std::shared_ptr<Optimizer> get(const std::string& identifier);

// A string (as get()) or a record {"module", "class_name", "config",
// "registered_name"}; `config` may be partial (missing keys take Keras'
// defaults). The legacy "decay" key is ignored with a warning; other
// unknown keys throw ValueError "Argument(s) not recognized: {...}".
std::shared_ptr<Optimizer> deserialize(const Json& record_or_string);

// Builds an optimizer of Keras class `class_name` from a config object.
std::shared_ptr<Optimizer> from_config(const std::string& class_name,
                                       const Json& config);

// {"module": "keras.optimizers", "class_name": ..., "config": get_config(),
//  "registered_name": null} (what Keras writes on the TensorFlow/JAX
// backends).
Json serialize(const Optimizer& optimizer);

}  // namespace keras::optimizers
