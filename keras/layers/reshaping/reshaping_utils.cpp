#include "keras/layers/reshaping/reshaping_utils.h"

#include "keras/layers/pooling/pooling_utils.h"
#include "keras/utils/json_utils.h"

namespace keras::layers {

std::string tuple_repr(const std::vector<std::int64_t>& values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out += (i ? ", " : "") + std::to_string(values[i]);
  }
  return out + (values.size() == 1 ? ",)" : ")");
}

std::string pairs_repr(const SpatialPairs& pairs, bool flat) {
  std::vector<std::string> parts;
  for (const auto& [a, b] : pairs) parts.push_back(tuple_repr({a, b}));
  if (flat && parts.size() == 1) return parts[0];
  std::string out = "(";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    out += (i ? ", " : "") + parts[i];
  }
  return out + (parts.size() == 1 ? ",)" : ")");
}

Json pairs_to_json(const SpatialPairs& pairs, bool flat) {
  Json out = Json::array();
  for (const auto& [a, b] : pairs) out.push_back(Json::array({a, b}));
  return flat && pairs.size() == 1 ? out[0] : out;
}

void check_pairs(const SpatialPairs& pairs, std::size_t n,
                 const std::string& arg) {
  if (pairs.size() != n) {
    throw ValueError(
        str("`", arg, "` should have ", n == 2 ? "two" : std::to_string(n),
            " elements. Received: ", arg, "=", pairs_repr(pairs, n == 1), "."));
  }
  static const char* kOrdinals[] = {"1st", "2nd", "3rd"};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string name =
        n == 1 ? arg : str(kOrdinals[i < 3 ? i : 2], " entry of ", arg);
    standardize_tuple({pairs[i].first, pairs[i].second}, 2, name,
                      /*allow_zero=*/true);
  }
}

SpatialPairs read_pairs(const saving::ConfigReader& r, const std::string& key,
                        std::size_t n, const SpatialPairs& fallback) {
  const Json& v = r.raw(key);
  if (v.is_null()) return fallback;
  const auto as_int = [&](const Json& e) {
    if (!e.is_number_integer()) {
      throw TypeError(str(r.class_name(), ": `", key,
                          "` must be an int, a tuple of ints or a tuple of "
                          "pairs of ints. Received: ",
                          saving::safe_dump(v)));
    }
    return integer_of<std::int64_t>(e);
  };
  if (v.is_number_integer()) {
    const std::int64_t p = as_int(v);
    return SpatialPairs(n, {p, p});
  }
  if (!v.is_array()) as_int(v);  // throws the TypeError
  if (n == 1 && v.size() == 2 && !v[0].is_array()) {
    return {{as_int(v[0]), as_int(v[1])}};
  }
  SpatialPairs out;
  for (const Json& e : v) {
    if (e.is_array()) {
      if (e.size() != 2) {
        throw ValueError(
            str(r.class_name(), ": every entry of `", key,
                "` must be a pair. Received: ", saving::safe_dump(v)));
      }
      out.emplace_back(as_int(e[0]), as_int(e[1]));
    } else {
      out.emplace_back(as_int(e), as_int(e));  // symmetric per axis
    }
  }
  return out;
}

}  // namespace keras::layers
