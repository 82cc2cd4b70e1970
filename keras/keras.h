// File: keras/keras.h
// -----------------------------------------------------------------------------
// keras.cpp: Keras 3's model system in C++20. One include for everything:
//
//   #include <keras/keras.h>
//
//   auto inputs = keras::Input({32});
//   auto outputs = keras::layers::Dense(1)(inputs);
//   keras::Model model(inputs, outputs);
//   model.compile({.optimizer = "adam", .loss = "mean_squared_error"});
//   model.fit(x, y);
//   model.save("my_model.keras");
//   auto back = keras::saving::load_model("my_model.keras");
//
// It includes every public header except the file-level internals
// (keras/saving/h5_file.h, zip_archive.h, ...); those are installed too.
// -----------------------------------------------------------------------------
#pragma once

#include "keras/activations/activations.h"
#include "keras/backend/dtype.h"
#include "keras/backend/tensor.h"
#include "keras/backend/variable.h"
#include "keras/callbacks/callbacks.h"
#include "keras/constraints/constraints.h"
#include "keras/core/error.h"
#include "keras/core/json.h"
#include "keras/core/ref.h"
#include "keras/dtype_policies/dtype_policy.h"
#include "keras/dtype_policies/dtype_policy_map.h"
#include "keras/initializers/initializer.h"
#include "keras/initializers/stft.h"
#include "keras/layers/layers.h"
#include "keras/losses/ctc.h"
#include "keras/losses/losses.h"
#include "keras/metrics/metrics.h"
#include "keras/models/cloning.h"
#include "keras/models/model.h"
#include "keras/models/sequential.h"
#include "keras/ops/ctc.h"
#include "keras/ops/ops.h"
#include "keras/optimizers/optimizers.h"
#include "keras/random/random.h"
#include "keras/regularizers/orthogonal_regularizer.h"
#include "keras/regularizers/regularizers.h"
#include "keras/saving/config_reader.h"
#include "keras/saving/file_editor.h"
#include "keras/saving/object_registration.h"
#include "keras/saving/saving_lib.h"
#include "keras/saving/serialization_lib.h"
#include "keras/utils/json_utils.h"
#include "keras/utils/naming.h"
#include "keras/utils/npy.h"
#include "keras/version.h"
