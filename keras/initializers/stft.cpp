#include "keras/initializers/stft.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace keras::initializers {

namespace {

bool known_window(const std::string& name) {
  return name == "hann" || name == "hamming" || name == "blackman" ||
         name == "bartlett" || name == "boxcar";
}

// The symmetric window of m points, scipy's definitions.
std::vector<double> symmetric_window(const std::string& name, std::int64_t m) {
  std::vector<double> w(static_cast<std::size_t>(m), 1.0);
  if (m == 1 || name == "boxcar") return w;
  const double pi = std::numbers::pi;
  for (std::int64_t n = 0; n < m; ++n) {
    const double t = static_cast<double>(n) / static_cast<double>(m - 1);
    double v = 1.0;
    if (name == "hann") {
      v = 0.5 - 0.5 * std::cos(2.0 * pi * t);
    } else if (name == "hamming") {
      v = 0.54 - 0.46 * std::cos(2.0 * pi * t);
    } else if (name == "blackman") {
      v = 0.42 - 0.5 * std::cos(2.0 * pi * t) + 0.08 * std::cos(4.0 * pi * t);
    } else if (name == "bartlett") {
      v = t <= 0.5 ? 2.0 * t : 2.0 - 2.0 * t;
    }
    w[static_cast<std::size_t>(n)] = v;
  }
  return w;
}

}  // namespace

std::vector<double> get_window(const std::string& name, std::int64_t length,
                               bool periodic) {
  if (!known_window(name)) throw ValueError("Unknown window type.");
  // scipy returns ones for windows of length <= 1, periodic or not.
  if (length <= 1)
    return std::vector<double>(std::max<std::int64_t>(length, 0), 1.0);
  std::vector<double> w =
      symmetric_window(name, periodic ? length + 1 : length);
  w.resize(static_cast<std::size_t>(length));
  return w;
}

STFT::STFT(STFTOptions options) : o_(std::move(options)) {
  if (o_.side != "real" && o_.side != "imag") {
    throw ValueError(str("side should be 'real' or 'imag', not ", o_.side));
  }
  if (const auto* name = std::get_if<std::string>(&o_.window)) {
    get_window(*name, 1, false);  // throws for an unknown window
  }
  if (o_.scaling && *o_.scaling != "density" && *o_.scaling != "spectrum") {
    throw ValueError(
        str("Scaling is invalid, it must be `None`, 'density' or 'spectrum'. "
            "Received scaling=",
            *o_.scaling));
  }
}

Tensor STFT::operator()(const Shape& shape, DType dtype) const {
  if (shape.size() != 3) {
    throw ValueError(
        str("STFT initializer expects a shape (frame_length, input_channels, "
            "fft_length). Received: shape=",
            shape_str(shape)));
  }
  const std::int64_t frames = shape[0], channels = shape[1], bins = shape[2];
  std::vector<double> win;
  if (const auto* name = std::get_if<std::string>(&o_.window)) {
    win = get_window(*name, frames, o_.periodic);
  } else if (const auto* values =
                 std::get_if<std::vector<double>>(&o_.window)) {
    if (static_cast<std::int64_t>(values->size()) != frames) {
      throw ValueError(
          str("The shape of `window` must be equal to [frame_length]."
              "Received: window shape=(",
              values->size(), ",)"));
    }
    win = *values;
  }
  double scaling = 1.0;
  if (!win.empty() && o_.scaling) {
    scaling = 0.0;
    for (double v : win)
      scaling += *o_.scaling == "density" ? v * v : std::abs(v);
    if (*o_.scaling == "density") scaling = std::sqrt(scaling);
  }
  // Keras: freq = k / ((bins - 1) * 2), args = -2 * pi * t * freq.
  const double fft_length = static_cast<double>((bins - 1) * 2);
  Tensor out = Tensor::empty(shape, DType::float64);
  double* p = out.data<double>();
  for (std::int64_t t = 0; t < frames; ++t) {
    for (std::int64_t c = 0; c < channels; ++c) {
      for (std::int64_t k = 0; k < bins; ++k) {
        const double arg = -2.0 * static_cast<double>(t) *
                           (static_cast<double>(k) / fft_length) *
                           std::numbers::pi;
        double v = o_.side == "real" ? std::cos(arg) : std::sin(arg);
        if (!win.empty()) v = v * win[static_cast<std::size_t>(t)] / scaling;
        *p++ = v;
      }
    }
  }
  return out.astype(dtype);
}

Json STFT::get_config() const {
  Json window = nullptr;
  if (const auto* name = std::get_if<std::string>(&o_.window)) window = *name;
  if (const auto* values = std::get_if<std::vector<double>>(&o_.window)) {
    window = *values;
  }
  return {{"side", o_.side},
          {"window", window},
          {"periodic", o_.periodic},
          {"scaling", o_.scaling ? Json(*o_.scaling) : Json(nullptr)}};
}

}  // namespace keras::initializers
