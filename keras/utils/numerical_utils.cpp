#include "keras/utils/numerical_utils.h"

#include <algorithm>

#include "keras/core/error.h"
#include "keras/ops/ops.h"

namespace keras {

Tensor encode_categorical_inputs(const Tensor& inputs,
                                 const std::string& output_mode,
                                 std::int64_t depth, DType dtype) {
  if (output_mode == "int") return ops::cast(inputs, dtype);
  Tensor ids = inputs.ndim() == 0 ? ops::expand_dims(inputs, -1) : inputs;
  if (ids.ndim() > 2) {
    throw ValueError(str(
        "When output_mode is not `'int'`, maximum supported output rank is 2. "
        "Received output_mode ",
        output_mode, " and input shape ", shape_str(inputs.shape()),
        ", which would result in output rank ", ids.ndim() + 1, "."));
  }
  ids = ops::cast(ids, DType::int64);
  const std::int64_t sample_axis = ids.ndim() > 1 ? 1 : 0;
  if (output_mode == "one_hot") {
    if (ids.ndim() > 0 && ids.shape().back() == 1)
      ids = ops::squeeze(ids, {-1});
    return ops::one_hot(ids, depth, dtype);
  }
  const Tensor hot = ops::one_hot(ids, depth, dtype);
  if (output_mode == "multi_hot") return ops::max(hot, {sample_axis}, false);
  if (output_mode == "count") return ops::sum(hot, {sample_axis}, false);
  throw ValueError(str("Unknown output_mode: ", output_mode));
}

void validate_output_mode(const std::string& output_mode,
                          const std::string& caller,
                          std::initializer_list<const char*> allowed) {
  if (std::find(allowed.begin(), allowed.end(), output_mode) != allowed.end()) {
    return;
  }
  std::string list;
  for (const char* a : allowed)
    list += str(list.empty() ? "(" : ", ", "'", a, "'");
  throw ValueError(str("The `output_mode` argument of layer ", caller,
                       " received an invalid value ", output_mode,
                       ". Allowed values are: ", list, ")."));
}

}  // namespace keras
