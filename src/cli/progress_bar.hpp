#pragma once
// Run progress on stderr: a redrawn bar with rate and ETA on a terminal, plain lines otherwise.
// Silent for runs that finish within a second.
#include <chrono>
#include <cstdint>

namespace linchpin::cli {

class ProgressBar {
 public:
  explicit ProgressBar(bool enabled);
  void update(std::uint64_t done, std::uint64_t total);
  void finish();

 private:
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace linchpin::cli
