#include "keras/saving/limits.h"

#include <algorithm>
#include <utility>

namespace keras::saving {

namespace {
// Scopes nest per thread: loads on other threads have their own budgets.
thread_local WeightBudgetScope* current_scope = nullptr;
}  // namespace

WeightBudgetScope::WeightBudgetScope(const Limits& limits, std::string what)
    : max_variable_bytes_(limits.max_variable_bytes),
      max_total_bytes_(limits.max_total_variable_bytes),
      what_(std::move(what)),
      outer_(current_scope) {
  current_scope = this;
}

WeightBudgetScope::~WeightBudgetScope() { current_scope = outer_; }

void WeightBudgetScope::charge(const std::string& layer,
                               const std::string& weight, const Shape& shape,
                               DType dtype) {
  WeightBudgetScope* scope = current_scope;
  if (scope == nullptr) return;
  const auto count = static_cast<std::uint64_t>(shape_size(shape));
  std::uint64_t bytes = 0;
  if (__builtin_mul_overflow(count, dtype_size(dtype), &bytes) ||
      bytes > scope->max_variable_bytes_) {
    throw ValueError(str(scope->what_, ": layer '", layer,
                         "' asks for weight '", weight, "' of shape ",
                         shape_str(shape), ", larger than the limit of ",
                         scope->max_variable_bytes_,
                         " bytes per variable (Limits::max_variable_bytes)."));
  }
  if (bytes > scope->max_total_bytes_ -
                  std::min(scope->used_, scope->max_total_bytes_)) {
    throw ValueError(str(scope->what_,
                         ": the weights of the model exceed the "
                         "limit of ",
                         scope->max_total_bytes_,
                         " bytes (Limits::max_total_variable_bytes) at layer '",
                         layer, "', weight '", weight, "'."));
  }
  scope->used_ += bytes;
}

}  // namespace keras::saving
