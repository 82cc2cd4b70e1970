#include "keras/metrics/regression_metrics.h"

#include "keras/losses/losses.h"

namespace keras::metrics {

MeanSquaredError::MeanSquaredError(std::string name)
    : MeanMetricWrapper("mean_squared_error", losses::mean_squared_error,
                        std::move(name)) {}

MeanAbsoluteError::MeanAbsoluteError(std::string name)
    : MeanMetricWrapper("mean_absolute_error", losses::mean_absolute_error,
                        std::move(name)) {}

}  // namespace keras::metrics
