// File: keras/callbacks/callbacks.h
// -----------------------------------------------------------------------------
// Every built-in callback (Python: keras.callbacks). Pass them to fit():
//
//   model.fit(x, y, {.epochs = 20, .callbacks = {
//       std::make_shared<keras::callbacks::EarlyStopping>(
//           keras::callbacks::EarlyStoppingOptions{.patience = 2}),
//       std::make_shared<keras::callbacks::CSVLogger>("log.csv")}});
// -----------------------------------------------------------------------------
#pragma once

#include "keras/callbacks/callback.h"
#include "keras/callbacks/callback_list.h"
#include "keras/callbacks/csv_logger.h"
#include "keras/callbacks/early_stopping.h"
#include "keras/callbacks/history.h"
#include "keras/callbacks/lambda_callback.h"
#include "keras/callbacks/learning_rate_scheduler.h"
#include "keras/callbacks/model_checkpoint.h"
#include "keras/callbacks/progbar_logger.h"
#include "keras/callbacks/reduce_lr_on_plateau.h"
#include "keras/callbacks/terminate_on_nan.h"
