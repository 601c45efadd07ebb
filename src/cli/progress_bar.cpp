#include "progress_bar.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <string>

namespace linchpin::cli {

ProgressBar::ProgressBar(bool enabled)
    : enabled_(enabled),
      terminal_(isatty(STDERR_FILENO) != 0),
      started_(std::chrono::steady_clock::now()),
      last_(started_) {}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_ || total == 0) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (elapsed < 1.0) return;
  if (since_last < (terminal_ ? 0.1 : 5.0) && done < total) return;
  last_ = now;
  const double rate = done / elapsed;
  const double eta = rate > 0 ? (total - done) / rate : 0.0;
  const double fraction = double(done) / double(total);
  if (terminal_) {
    constexpr int width = 30;
    const int filled = int(fraction * width);
    std::string bar(filled, '=');
    if (filled < width) bar += '>' + std::string(width - filled - 1, ' ');
    fmt::print(stderr, "\r[{}] {:>3.0f}% {}/{} trials  {:.0f} trials/s  ETA {:.0f} s   ", bar,
               fraction * 100.0, done, total, rate, eta);
    drawn_ = true;
  } else {
    fmt::print(stderr, "progress: {}/{} trials ({:.0f}%), {:.0f} trials/s, ETA {:.0f} s\n", done,
               total, fraction * 100.0, rate, eta);
  }
}

void ProgressBar::finish() {
  if (drawn_) fmt::print(stderr, "\n");
  drawn_ = false;
}

}  // namespace linchpin::cli
