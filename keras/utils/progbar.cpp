// File: keras/utils/progbar.cpp
// Byte-for-byte behaviour of keras.utils.Progbar (Keras 3.15.1). Numbers are
// formatted with printf, whose "%.0f" / "%.4f" / "%.4e" round exactly like
// Python's format() (both round the exact binary value, ties to even).
#include "keras/utils/progbar.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "keras/core/error.h"

namespace keras {
namespace {

// U+2501 BOX DRAWINGS HEAVY HORIZONTAL, one bar cell.
constexpr std::string_view kCell = "\xE2\x94\x81";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kWhite = "\x1b[37m";

template <class... Args>
std::string format(const char* fmt, Args... args) {
  char buf[128];
  const int n = std::snprintf(buf, sizeof buf, fmt, args...);
  if (n < 0) return {};
  if (static_cast<std::size_t>(n) < sizeof buf) return std::string(buf, n);
  std::string out(static_cast<std::size_t>(n) + 1, '\0');  // e.g. 1e300
  std::snprintf(out.data(), out.size(), fmt, args...);
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// Python's f"{x:.4f}" / f"{x:.4e}" (Python prints "nan" for every NaN,
// glibc may print "-nan").
std::string format_value(double x, bool fixed) {
  if (std::isnan(x)) return "nan";
  return format(fixed ? "%.4f" : "%.4e", x);
}

// Python's float // and % for the positive values the ETA uses.
double py_floordiv(double a, double b) {
  const double mod = std::fmod(a, b);
  const double div = (a - mod) / b;
  const double floor_div = std::floor(div);
  return div - floor_div > 0.5 ? floor_div + 1.0 : floor_div;
}

// Python's "%d" % x for a float x: truncation toward zero.
long long py_int(double x) { return static_cast<long long>(x); }

// Characters (code points) in UTF-8 text: Python's len() of the message.
std::size_t char_count(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// s * n as in Python; n is capped so that a wildly wrong `current` (far past
// the target) cannot allocate without bound.
std::string repeat(std::string_view s, std::int64_t n) {
  constexpr std::int64_t kMaxCells = 10000;
  std::string out;
  for (std::int64_t i = 0; i < std::min(n, kMaxCells); ++i) out += s;
  return out;
}

double steady_seconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Progbar::Progbar(std::optional<std::int64_t> target, ProgbarOptions options)
    : target_(target), options_(std::move(options)) {
  if (options_.stateful_metrics && options_.stateless_metrics) {
    throw ValueError(
        "Progbar: give at most one of stateful_metrics (averaged unless "
        "listed) and stateless_metrics (averaged only if listed)");
  }
  if (!options_.clock) options_.clock = steady_seconds;
  if (options_.out == nullptr) options_.out = &std::cout;
  start_ = options_.clock();
}

bool Progbar::is_stateless(const std::string& name) const {
  if (options_.stateless_metrics) {
    return options_.stateless_metrics->count(name) > 0;
  }
  return !options_.stateful_metrics ||
         options_.stateful_metrics->count(name) == 0;
}

void Progbar::add(std::int64_t n, const Values& values) {
  update(seen_so_far_ + n, values);
}

void Progbar::update(std::int64_t current, const Values& values,
                     std::optional<bool> finalize_arg) {
  const bool finalize =
      finalize_arg.value_or(target_.has_value() && current >= *target_);

  for (const auto& [name, value] : values) {
    auto it =
        std::find_if(values_.begin(), values_.end(),
                     [&name = name](const auto& e) { return e.first == name; });
    if (it == values_.end()) {
      values_.push_back({name, {0.0, 0.0}});
      it = values_.end() - 1;
    }
    auto& [sum, count] = it->second;
    if (is_stateless(name) && !finalize) {
      // Weighted by the steps since the previous update (at least 1).
      const double base = static_cast<double>(
          std::max<std::int64_t>(current - seen_so_far_, 1));
      const bool fresh = count == 0;
      sum = fresh ? value * base : sum + value * base;
      count = fresh ? base : count + base;
    } else {
      // Stateful values, and every value at finalize, show as given.
      sum = value;
      count = 1;
    }
  }
  seen_so_far_ = current;

  const double now = options_.clock();
  const double time_per_unit = estimate_step_duration(current, now);
  const bool has_target = target_.has_value() && *target_ > 0;

  if (options_.verbose == 1) {
    if (last_update_ && now - *last_update_ < options_.interval && !finalize) {
      return;
    }
    std::string message;
    if (options_.dynamic_display) {
      message.append(prev_total_width_, '\b');
      message += '\r';
    } else {
      message += '\n';
    }
    std::size_t special_chars = 0;  // escape-sequence characters
    std::string bar;
    if (has_target) {
      const int digits =
          static_cast<int>(std::log10(static_cast<double>(*target_))) + 1;
      bar = str(kBold,
                format("%*lld/%lld", digits, static_cast<long long>(current),
                       static_cast<long long>(*target_)),
                kReset, " ");
      special_chars += 8;
      const double progress =
          static_cast<double>(current) / static_cast<double>(*target_);
      // int() truncation; clamped first so the cast is always defined.
      const auto filled = static_cast<std::int64_t>(
          std::clamp(options_.width * progress, -1e15, 1e15));
      if (filled > 0) {
        bar += str(kGreen, repeat(kCell, filled), kReset);
        special_chars += 9;
      }
      bar += str(kWhite, repeat(kCell, options_.width - filled), kReset);
      special_chars += 9;
    } else {
      bar = format("%7lld/Unknown", static_cast<long long>(current));
    }
    message += bar;

    std::string info;
    if (has_target && !finalize) {
      const double eta =
          time_per_unit * static_cast<double>(*target_ - current);
      std::string eta_text;
      if (eta > 3600) {
        eta_text = format("%lld:%02lld:%02lld", py_int(py_floordiv(eta, 3600)),
                          py_int(py_floordiv(std::fmod(eta, 3600), 60)),
                          py_int(std::fmod(eta, 60)));
      } else if (eta > 60) {
        eta_text = format("%lld:%02lld", py_int(py_floordiv(eta, 60)),
                          py_int(std::fmod(eta, 60)));
      } else {
        eta_text = format("%llds", py_int(eta));
      }
      info = str(" ", kBold, eta_text, kReset);
    } else {
      info = str(" ", kBold, format("%.0f", now - start_), "s", kReset);
    }
    special_chars += 8;
    info += format_time(time_per_unit);
    for (const auto& [name, acc] : values_) {
      const double avg = acc.first / std::max(1.0, acc.second);
      info += str(" - ", name, ": ", format_value(avg, std::abs(avg) > 1e-3));
    }
    message += info;

    const std::size_t total_width =
        char_count(bar) + char_count(info) - special_chars;
    if (prev_total_width_ > total_width) {
      message.append(prev_total_width_ - total_width, ' ');
    }
    if (finalize) message += '\n';
    write(message);
    prev_total_width_ = total_width;
  } else if (options_.verbose == 2) {
    if (finalize && has_target) {
      const int digits =
          static_cast<int>(std::log10(static_cast<double>(*target_))) + 1;
      std::string info =
          str(format("%*lld/%lld", digits, static_cast<long long>(current),
                     static_cast<long long>(*target_)),
              " - ", format("%.0f", now - start_), "s -",
              format_time(time_per_unit));
      for (const auto& [name, acc] : values_) {
        const double avg = acc.first / std::max(1.0, acc.second);
        // Keras tests `avg > 1e-3` here (no abs): negatives print as 1e-x.
        info += str(" - ", name, ": ", format_value(avg, avg > 1e-3));
      }
      write(info + "\n");
    }
  }
  last_update_ = now;
}

std::string Progbar::format_time(double time_per_unit) const {
  if (time_per_unit >= 1 || time_per_unit == 0) {
    return str(" ", format("%.0f", time_per_unit), "s/", options_.unit_name);
  }
  if (time_per_unit >= 1e-3) {
    return str(" ", format("%.0f", time_per_unit * 1000.0), "ms/",
               options_.unit_name);
  }
  return str(" ", format("%.0f", time_per_unit * 1000000.0), "us/",
             options_.unit_name);
}

// Seconds per step; the first step (often slow: tracing, allocation) is left
// out of the estimate once later steps are known.
double Progbar::estimate_step_duration(std::int64_t current, double now) {
  if (current == 0) return 0;
  double time_per_unit;
  if (time_after_first_step_ && current > 1) {
    time_per_unit =
        (now - *time_after_first_step_) / static_cast<double>(current - 1);
  } else {
    time_per_unit = (now - start_) / static_cast<double>(current);
  }
  if (current == 1) time_after_first_step_ = now;
  return time_per_unit;
}

void Progbar::write(const std::string& message) {
  *options_.out << message;
  options_.out->flush();
}

}  // namespace keras
