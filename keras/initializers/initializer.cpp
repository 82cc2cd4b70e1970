#include "keras/initializers/initializer.h"

#include <cmath>

#include "keras/initializers/stft.h"
#include "keras/random/random.h"
#include "keras/saving/config_reader.h"

namespace keras::initializers {

namespace {

Json seed_json(const std::optional<std::int64_t>& seed) {
  return seed ? Json(*seed) : Json(nullptr);
}

// Keras' compute_fans: the last two dims are (fan_in, fan_out), earlier dims
// form the receptive field of convolution kernels.
std::pair<double, double> compute_fans(const Shape& shape) {
  if (shape.empty()) return {1.0, 1.0};
  if (shape.size() == 1) return {double(shape[0]), double(shape[0])};
  if (shape.size() == 2) return {double(shape[0]), double(shape[1])};
  double receptive = 1.0;
  for (std::size_t i = 0; i + 2 < shape.size(); ++i) receptive *= shape[i];
  return {shape[shape.size() - 2] * receptive,
          shape[shape.size() - 1] * receptive};
}

}  // namespace

Initializer::Initializer(const char* identifier) : object_(get(identifier)) {}
Initializer::Initializer(const std::string& identifier)
    : object_(get(identifier)) {}
Initializer::Initializer(std::shared_ptr<InitializerBase> object)
    : object_(std::move(object)) {
  if (!object_) throw ValueError("An initializer cannot be null.");
}

Tensor Zeros::operator()(const Shape& shape, DType dtype) const {
  return Tensor::zeros(shape, dtype);
}

Tensor Ones::operator()(const Shape& shape, DType dtype) const {
  return Tensor::ones(shape, dtype);
}

Tensor Constant::operator()(const Shape& shape, DType dtype) const {
  return Tensor::full(shape, value_, dtype);
}

Json Constant::get_config() const { return {{"value", value_}}; }

Tensor RandomNormal::operator()(const Shape& shape, DType dtype) const {
  return random::normal(shape, o_.mean, o_.stddev, o_.seed, dtype);
}

Json RandomNormal::get_config() const {
  return {
      {"seed", seed_json(o_.seed)}, {"mean", o_.mean}, {"stddev", o_.stddev}};
}

Tensor TruncatedNormal::operator()(const Shape& shape, DType dtype) const {
  return random::truncated_normal(shape, o_.mean, o_.stddev, o_.seed, dtype);
}

Json TruncatedNormal::get_config() const {
  return {
      {"seed", seed_json(o_.seed)}, {"mean", o_.mean}, {"stddev", o_.stddev}};
}

Tensor RandomUniform::operator()(const Shape& shape, DType dtype) const {
  return random::uniform(shape, o_.minval, o_.maxval, o_.seed, dtype);
}

Json RandomUniform::get_config() const {
  return {{"seed", seed_json(o_.seed)},
          {"minval", o_.minval},
          {"maxval", o_.maxval}};
}

VarianceScaling::VarianceScaling(VarianceScalingOptions options,
                                 std::string class_name)
    : o_(std::move(options)), class_name_(std::move(class_name)) {
  if (o_.scale <= 0.0) {
    throw ValueError(
        str("Argument `scale` must be positive float. Received: "
            "scale=",
            o_.scale));
  }
  if (o_.mode != "fan_in" && o_.mode != "fan_out" && o_.mode != "fan_avg") {
    throw ValueError(
        str("Invalid `mode` argument: expected one of "
            "{\"fan_in\", \"fan_out\", \"fan_avg\"}. Received: "
            "mode=",
            o_.mode));
  }
  if (o_.distribution != "truncated_normal" &&
      o_.distribution != "untruncated_normal" && o_.distribution != "uniform") {
    throw ValueError(
        str("Invalid `distribution` argument: expected one of "
            "{\"uniform\", \"truncated_normal\", "
            "\"untruncated_normal\"}. Received: distribution=",
            o_.distribution));
  }
}

Tensor VarianceScaling::operator()(const Shape& shape, DType dtype) const {
  const auto [fan_in, fan_out] = compute_fans(shape);
  double scale = o_.scale;
  if (o_.mode == "fan_in") {
    scale /= std::max(1.0, fan_in);
  } else if (o_.mode == "fan_out") {
    scale /= std::max(1.0, fan_out);
  } else {
    scale /= std::max(1.0, (fan_in + fan_out) / 2.0);
  }
  if (o_.distribution == "truncated_normal") {
    // Std of a unit normal truncated to [-2, 2].
    const double stddev = std::sqrt(scale) / 0.87962566103423978;
    return random::truncated_normal(shape, 0.0, stddev, o_.seed, dtype);
  }
  if (o_.distribution == "untruncated_normal") {
    return random::normal(shape, 0.0, std::sqrt(scale), o_.seed, dtype);
  }
  const double limit = std::sqrt(3.0 * scale);
  return random::uniform(shape, -limit, limit, o_.seed, dtype);
}

Json VarianceScaling::get_config() const {
  if (class_name_ != "VarianceScaling") {
    return {{"seed", seed_json(o_.seed)},
            {"input_axes", nullptr},
            {"output_axes", nullptr}};
  }
  return {{"seed", seed_json(o_.seed)},
          {"scale", o_.scale},
          {"mode", o_.mode},
          {"distribution", o_.distribution},
          {"input_axes", nullptr},
          {"output_axes", nullptr}};
}

Tensor Orthogonal::operator()(const Shape& shape, DType dtype) const {
  if (shape.size() < 2) {
    throw ValueError(
        str("The tensor to initialize must be at least "
            "two-dimensional. Received: shape=",
            shape_str(shape)));
  }
  std::int64_t rows = 1;
  for (std::size_t i = 0; i + 1 < shape.size(); ++i) rows *= shape[i];
  const std::int64_t cols = shape.back();
  // Orthonormal columns of a random normal (big x small) matrix by modified
  // Gram-Schmidt (Keras uses QR with sign correction: the same distribution).
  const std::int64_t big = std::max(rows, cols), small = std::min(rows, cols);
  std::vector<double> a =
      random::normal({big, small}, 0.0, 1.0, seed_, DType::float64)
          .to_double_vector();
  for (std::int64_t j = 0; j < small; ++j) {
    for (std::int64_t k = 0; k < j; ++k) {
      double dot = 0;
      for (std::int64_t i = 0; i < big; ++i)
        dot += a[i * small + j] * a[i * small + k];
      for (std::int64_t i = 0; i < big; ++i)
        a[i * small + j] -= dot * a[i * small + k];
    }
    double norm = 0;
    for (std::int64_t i = 0; i < big; ++i)
      norm += a[i * small + j] * a[i * small + j];
    norm = std::sqrt(norm);
    for (std::int64_t i = 0; i < big; ++i)
      a[i * small + j] /= (norm > 0 ? norm : 1.0);
  }
  Tensor out = Tensor::empty({rows, cols}, DType::float64);
  double* p = out.data<double>();
  for (std::int64_t r = 0; r < rows; ++r) {
    for (std::int64_t c = 0; c < cols; ++c) {
      // rows < cols: the transpose of a (cols x rows) orthonormal matrix.
      p[r * cols + c] =
          gain_ * (rows >= cols ? a[r * small + c] : a[c * small + r]);
    }
  }
  return out.view(shape).astype(dtype);
}

Json Orthogonal::get_config() const {
  return {{"seed", seed_json(seed_)}, {"gain", gain_}};
}

Tensor Identity::operator()(const Shape& shape, DType dtype) const {
  if (shape.size() != 2) {
    throw ValueError(
        str("Identity matrix initializer can only be used for "
            "2D square matrices. Received: shape=",
            shape_str(shape), " of rank ", shape.size(), "."));
  }
  Tensor out = Tensor::zeros(shape, DType::float64);
  double* p = out.data<double>();
  for (std::int64_t i = 0; i < std::min(shape[0], shape[1]); ++i) {
    p[i * shape[1] + i] = gain_;
  }
  return out.astype(dtype);
}

using Seed = std::optional<std::int64_t>;

VarianceScaling GlorotUniform(Seed seed) {
  return VarianceScaling({1.0, "fan_avg", "uniform", seed}, "GlorotUniform");
}
VarianceScaling GlorotNormal(Seed seed) {
  return VarianceScaling({1.0, "fan_avg", "truncated_normal", seed},
                         "GlorotNormal");
}
VarianceScaling HeUniform(Seed seed) {
  return VarianceScaling({2.0, "fan_in", "uniform", seed}, "HeUniform");
}
VarianceScaling HeNormal(Seed seed) {
  return VarianceScaling({2.0, "fan_in", "truncated_normal", seed}, "HeNormal");
}
VarianceScaling LecunUniform(Seed seed) {
  return VarianceScaling({1.0, "fan_in", "uniform", seed}, "LecunUniform");
}
VarianceScaling LecunNormal(Seed seed) {
  return VarianceScaling({1.0, "fan_in", "truncated_normal", seed},
                         "LecunNormal");
}

namespace {

struct Alias {
  const char* snake;
  const char* class_name;
};
constexpr Alias kAliases[] = {
    {"zeros", "Zeros"},
    {"ones", "Ones"},
    {"constant", "Constant"},
    {"random_normal", "RandomNormal"},
    {"truncated_normal", "TruncatedNormal"},
    {"random_uniform", "RandomUniform"},
    {"variance_scaling", "VarianceScaling"},
    {"glorot_uniform", "GlorotUniform"},
    {"glorot_normal", "GlorotNormal"},
    {"he_uniform", "HeUniform"},
    {"he_normal", "HeNormal"},
    {"lecun_uniform", "LecunUniform"},
    {"lecun_normal", "LecunNormal"},
    {"orthogonal", "Orthogonal"},
    {"identity", "Identity"},
    {"stft", "STFT"},
    // Keras' legacy aliases.
    {"uniform", "RandomUniform"},
    {"normal", "RandomNormal"},
    {"one", "Ones"},
    {"zero", "Zeros"},
};

// STFT's config: `window` is a name, a list of values or null.
STFTOptions stft_options(const saving::ConfigReader& r, const Json& c) {
  STFTOptions o;
  o.side = r.get<std::string>("side", "real");
  if (c.contains("window")) {
    const Json& w = c["window"];
    if (w.is_null()) {
      o.window = std::monostate{};
    } else if (w.is_string()) {
      o.window = w.get<std::string>();
    } else if (w.is_array()) {
      std::vector<double> values;
      for (const Json& v : w) {
        if (!v.is_number()) break;
        values.push_back(v.get<double>());
      }
      if (values.size() != w.size()) {
        throw TypeError(
            str("STFT: `window` must be a window name, a list of "
                "numbers or null. Received: window=",
                w.dump()));
      }
      o.window = std::move(values);
    } else {
      throw TypeError(
          str("STFT: `window` must be a window name, a list of "
              "numbers or null. Received: window=",
              w.dump()));
    }
  }
  o.scaling = c.contains("scaling") ? r.optional<std::string>("scaling")
                                    : std::optional<std::string>("density");
  o.periodic = r.get("periodic", false);
  return o;
}

}  // namespace

std::shared_ptr<InitializerBase> get(const std::string& identifier) {
  saving::ensure_builtins_registered();
  std::string class_name = identifier;
  for (const Alias& a : kAliases) {
    if (identifier == a.snake) class_name = a.class_name;
  }
  auto& table = saving::builtin_objects(typeid(InitializerBase));
  auto it = table.find(class_name);
  if (it == table.end()) {
    throw ValueError(
        str("Could not interpret initializer identifier: ", identifier));
  }
  return saving::any_to<InitializerBase>(it->second.make(Json::object()),
                                         identifier, it->second);
}

void register_builtins() {
  using saving::ConfigReader;
  using saving::register_builtin;
  register_builtin<InitializerBase>(
      "Zeros", [](const Json&) { return std::make_shared<Zeros>(); });
  register_builtin<InitializerBase>(
      "Ones", [](const Json&) { return std::make_shared<Ones>(); });
  register_builtin<InitializerBase>("Constant", [](const Json& c) {
    return std::make_shared<Constant>(
        ConfigReader(c, "Constant").get("value", 0.0));
  });
  auto random_options = [](const Json& c, const char* name,
                           RandomOptions defaults) {
    ConfigReader r(c, name);
    defaults.seed = r.optional<std::int64_t>("seed");
    defaults.mean = r.get("mean", defaults.mean);
    defaults.stddev = r.get("stddev", defaults.stddev);
    defaults.minval = r.get("minval", defaults.minval);
    defaults.maxval = r.get("maxval", defaults.maxval);
    return defaults;
  };
  register_builtin<InitializerBase>("RandomNormal", [=](const Json& c) {
    return std::make_shared<RandomNormal>(
        random_options(c, "RandomNormal", {}));
  });
  register_builtin<InitializerBase>("TruncatedNormal", [=](const Json& c) {
    return std::make_shared<TruncatedNormal>(
        random_options(c, "TruncatedNormal", {}));
  });
  register_builtin<InitializerBase>("RandomUniform", [=](const Json& c) {
    return std::make_shared<RandomUniform>(
        random_options(c, "RandomUniform", {}));
  });
  // Keras 3.0-3.x wrote the class name "OrthogonalInitializer".
  for (const char* name : {"Orthogonal", "OrthogonalInitializer"}) {
    register_builtin<InitializerBase>(name, [name](const Json& c) {
      ConfigReader r(c, name);
      return std::make_shared<Orthogonal>(r.get("gain", 1.0),
                                          r.optional<std::int64_t>("seed"));
    });
  }
  for (const char* name : {"Identity", "IdentityInitializer"}) {
    register_builtin<InitializerBase>(name, [name](const Json& c) {
      return std::make_shared<Identity>(ConfigReader(c, name).get("gain", 1.0));
    });
  }
  for (const char* name : {"STFT", "STFTInitializer"}) {
    register_builtin<InitializerBase>(name, [name](const Json& c) {
      return std::make_shared<STFT>(stft_options(ConfigReader(c, name), c));
    });
  }
  register_builtin<InitializerBase>("VarianceScaling", [](const Json& c) {
    ConfigReader r(c, "VarianceScaling");
    return std::make_shared<VarianceScaling>(VarianceScalingOptions{
        r.get("scale", 1.0), r.get<std::string>("mode", "fan_in"),
        r.get<std::string>("distribution", "truncated_normal"),
        r.optional<std::int64_t>("seed")});
  });
  using Maker = VarianceScaling (*)(Seed);
  const std::pair<const char*, Maker> family[] = {
      {"GlorotUniform", GlorotUniform}, {"GlorotNormal", GlorotNormal},
      {"HeUniform", HeUniform},         {"HeNormal", HeNormal},
      {"LecunUniform", LecunUniform},   {"LecunNormal", LecunNormal},
  };
  for (const auto& [name, maker] : family) {
    register_builtin<InitializerBase>(
        name, [name = name, maker = maker](const Json& c) {
          return std::make_shared<VarianceScaling>(
              maker(ConfigReader(c, name).optional<std::int64_t>("seed")));
        });
  }
}

}  // namespace keras::initializers
