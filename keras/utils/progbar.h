// File: keras/utils/progbar.h
// -----------------------------------------------------------------------------
// keras::Progbar: the progress bar model.fit / evaluate / predict print.
//
// Python counterpart: keras.utils.Progbar (keras/src/utils/progbar.py, Keras
// 3.15.1). The bytes written are the same as Keras' for the same clock
// readings: bold step counter, green/white bar of U+2501 characters, ETA or
// elapsed time, time per step, " - name: value" metrics; in dynamic display
// each update first erases the previous line with backspaces and "\r".
//
//   keras::Progbar bar(4, {.stateless_metrics = std::set<std::string>{}});
//   for (int step = 1; step <= 4; ++step) bar.update(step, {{"loss", l}});
//   bar.update(4, {{"loss", l}}, /*finalize=*/true);
//   // The last bytes written (ESC shown as \e, the 20 U+2501 elided):
//   //   <51 x \b>\r\e[1m4/4\e[0m \e[32m━━…━━\e[0m\e[37m\e[0m
//   //   \e[1m0s\e[0m 3ms/step - loss: 0.3693\n
//
// Metrics are "stateless" (averaged by the bar over steps, weighted by the
// number of steps since the previous update) unless listed in
// stateful_metrics, or, when stateless_metrics is given, only those listed
// there are averaged. Keras' ProgbarLogger (fit/evaluate) passes an empty
// stateless_metrics set: its logs are already running averages.
// -----------------------------------------------------------------------------
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace keras {

struct ProgbarOptions {
  int width = 20;          // bar width in characters
  int verbose = 1;         // 0 silent, 1 dynamic bar, 2 one line when finalized
  double interval = 0.05;  // minimum seconds between two redraws
  // At most one of the two may be set (ValueError otherwise); see above.
  std::optional<std::set<std::string>> stateful_metrics;
  std::optional<std::set<std::string>> stateless_metrics;
  std::string unit_name = "step";
  std::ostream* out = nullptr;  // nullptr: std::cout
  // Seconds on any monotonic scale; nullptr: std::chrono::steady_clock.
  // Tests inject a fake clock to get deterministic "7ms/step" strings.
  std::function<double()> clock;
  // Erase-and-redraw with "\b...\r" (Keras: always on POSIX); when false,
  // each redraw starts a new line.
  bool dynamic_display = true;
};

class Progbar {
 public:
  using Values = std::vector<std::pair<std::string, double>>;

  // `target`: total number of steps, or nullopt when unknown.
  explicit Progbar(std::optional<std::int64_t> target,
                   ProgbarOptions options = {});

  // Reports that `current` steps are done, with this step's metric values.
  // `finalize` defaults to current >= target (false when the target is
  // unknown); the final update always prints and ends the line.
  void update(std::int64_t current, const Values& values = {},
              std::optional<bool> finalize = std::nullopt);
  // update(seen_so_far() + n, values).
  void add(std::int64_t n, const Values& values = {});

  const std::optional<std::int64_t>& target() const { return target_; }
  // Keras' ProgbarLogger sets the target when an epoch of unknown length
  // ends.
  void set_target(std::optional<std::int64_t> target) { target_ = target; }
  std::int64_t seen_so_far() const { return seen_so_far_; }

 private:
  double estimate_step_duration(std::int64_t current, double now);
  std::string format_time(double time_per_unit) const;
  bool is_stateless(const std::string& name) const;
  void write(const std::string& message);

  std::optional<std::int64_t> target_;
  ProgbarOptions options_;
  std::int64_t seen_so_far_ = 0;
  // name -> (weighted sum, weight), in first-seen order.
  std::vector<std::pair<std::string, std::pair<double, double>>> values_;
  double start_ = 0;
  std::optional<double> last_update_;  // Keras: 0, i.e. "long ago"
  std::optional<double> time_after_first_step_;
  std::size_t prev_total_width_ = 0;
};

}  // namespace keras
