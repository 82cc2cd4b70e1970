// File: keras/initializers/stft.h
// -----------------------------------------------------------------------------
// STFT initializer (Python: keras.initializers.STFT in
// keras/src/initializers/constant_initializers.py): the real or imaginary
// DFT basis of a Conv1D kernel of shape (frame_length, channels, bins),
// multiplied by a window and divided by its scaling. The STFTSpectrogram
// layer's kernels use it.
//
//   initializers::STFT({.side = "imag", .window = "hamming"})
// -----------------------------------------------------------------------------
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "keras/initializers/initializer.h"

namespace keras::initializers {

// A window by name ("hann", "hamming", "blackman", "bartlett", "boxcar",
// as scipy.signal.get_window knows them), by its values, or none.
using Window = std::variant<std::monostate, std::string, std::vector<double>>;

struct STFTOptions {
  std::string side = "real";  // "real" (cosine) or "imag" (sine)
  Window window = std::string("hann");
  std::optional<std::string> scaling = "density";  // "spectrum" or none
  bool periodic = false;  // window computed for N + 1 points, last dropped
};

class STFT : public InitializerBase {
 public:
  explicit STFT(STFTOptions options = {});
  // shape = (frame_length, input_channels, fft_length / 2 + 1).
  Tensor operator()(const Shape& shape, DType dtype) const override;
  std::string class_name() const override { return "STFT"; }
  Json get_config() const override;

 private:
  STFTOptions o_;
};

// scipy.signal.get_window(name, length, fftbins=periodic) for the windows
// above; ValueError "Unknown window type." for others.
std::vector<double> get_window(const std::string& name, std::int64_t length,
                               bool periodic);

}  // namespace keras::initializers
