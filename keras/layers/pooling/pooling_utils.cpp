#include "keras/layers/pooling/pooling_utils.h"

#include <algorithm>
#include <cctype>

namespace keras::layers {

namespace {

std::string pool_tuple_str(const std::vector<std::int64_t>& v) {
  if (v.size() == 1) return std::to_string(v[0]);
  std::string s = "(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(v[i]);
  }
  return s + ")";
}

}  // namespace

std::vector<std::int64_t> standardize_tuple(
    const std::vector<std::int64_t>& value, int n, const std::string& name,
    bool allow_zero) {
  const std::string msg =
      str("The `", name, "` argument must be a tuple of ", n,
          " integers. Received ", name, "=", pool_tuple_str(value));
  if (value.empty() || (value.size() != 1 && int(value.size()) != n)) {
    throw ValueError(msg);
  }
  std::vector<std::int64_t> out =
      value.size() == 1 ? std::vector<std::int64_t>(n, value[0]) : value;
  std::vector<std::int64_t> bad;
  for (std::int64_t v : out) {
    if ((allow_zero ? v < 0 : v <= 0) &&
        std::find(bad.begin(), bad.end(), v) == bad.end()) {
      bad.push_back(v);
    }
  }
  if (!bad.empty()) {
    std::string set = "{";
    for (std::size_t i = 0; i < bad.size(); ++i) {
      set += (i ? ", " : "") + std::to_string(bad[i]);
    }
    throw ValueError(str(msg, ", including values ", set,
                         "} that do not satisfy `value ",
                         allow_zero ? ">= 0" : "> 0", "`"));
  }
  return out;
}

std::string standardize_data_format(const std::string& data_format) {
  if (data_format.empty()) return "channels_last";
  std::string lower = data_format;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (lower != "channels_first" && lower != "channels_last") {
    throw ValueError(
        str("The `data_format` argument must be one of {'channels_first', "
            "'channels_last'}. Received: data_format=",
            lower));
  }
  return lower;
}

void check_input_rank(const Layer& layer, const Tensor& x, int ndim) {
  if (x.ndim() != ndim) {
    throw ValueError(str("Input 0 of layer '", layer.name(),
                         "' is incompatible with the layer: expected ndim=",
                         ndim, ", found ndim=", x.ndim(),
                         ". Full shape received: ", shape_str(x.shape())));
  }
}

std::vector<std::int64_t> read_tuple(const saving::ConfigReader& r,
                                     const std::string& key,
                                     std::vector<std::int64_t> fallback) {
  const Json& v = r.raw(key);
  if (v.is_null()) return fallback;
  if (v.is_number()) return {r.get<std::int64_t>(key, 0)};
  return r.get<std::vector<std::int64_t>>(key, fallback);
}

}  // namespace keras::layers
