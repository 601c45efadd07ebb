#pragma once
// Counter-based random streams (Philox4x32-10). A stream is fully determined by
// (seed, trial, purpose), so results never depend on thread or rank scheduling.
#include <array>
#include <cstdint>
#include <string_view>

namespace linchpin {

// Stable 32-bit identifier of a purpose name (FNV-1a), used as part of the stream key.
std::uint32_t purpose_id(std::string_view purpose);

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t trial, std::uint32_t purpose);
  RandomStream(std::uint64_t seed, std::uint64_t trial, std::string_view purpose)
      : RandomStream(seed, trial, purpose_id(purpose)) {}

  std::uint32_t next_u32();
  // Uniform on the open interval (0, 1), 53 bits of resolution.
  double uniform();
  bool bernoulli(double probability) { return uniform() < probability; }
  double standard_normal();
  double gamma(double shape);  // scale 1
  double beta(double alpha, double beta);
  std::uint32_t poisson(double mean);
  // An index in [0, count).
  std::uint32_t index(std::uint32_t count);

 private:
  void refill();
  std::array<std::uint32_t, 2> key_{};
  std::array<std::uint32_t, 4> counter_{};
  std::array<std::uint32_t, 4> buffer_{};
  int buffered_ = 0;
};

}  // namespace linchpin
