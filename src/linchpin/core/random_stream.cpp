#include "linchpin/core/random_stream.hpp"

#include <Random123/philox.h>

#include <cmath>

namespace linchpin {

std::uint32_t purpose_id(std::string_view purpose) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : purpose) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t trial, std::uint32_t purpose) {
  key_ = {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)};
  counter_ = {static_cast<std::uint32_t>(trial), static_cast<std::uint32_t>(trial >> 32), purpose,
              0};
}

void RandomStream::refill() {
  r123::Philox4x32 generator;
  r123::Philox4x32::ctr_type counter = {{counter_[0], counter_[1], counter_[2], counter_[3]}};
  r123::Philox4x32::key_type key = {{key_[0], key_[1]}};
  const auto out = generator(counter, key);
  for (int i = 0; i < 4; ++i) buffer_[i] = out.v[i];
  buffered_ = 4;
  ++counter_[3];
}

std::uint32_t RandomStream::next_u32() {
  if (buffered_ == 0) refill();
  return buffer_[4 - buffered_--];
}

double RandomStream::uniform() {
  const std::uint64_t high = next_u32() >> 5;  // 27 bits
  const std::uint64_t low = next_u32() >> 6;   // 26 bits
  const std::uint64_t bits = (high << 26) | low;
  return (static_cast<double>(bits) + 0.5) / 9007199254740992.0;  // 2^53
}

double RandomStream::standard_normal() {
  // Box-Muller, cosine branch only: one normal per two uniforms keeps the stream stateless.
  const double u1 = uniform();
  const double u2 = uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
}

double RandomStream::gamma(double shape) {
  // Marsaglia & Tsang (2000); shapes below 1 use the boost Gamma(a) = Gamma(a+1) * U^(1/a).
  if (shape < 1.0) {
    const double boost = std::pow(uniform(), 1.0 / shape);
    return gamma(shape + 1.0) * boost;
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  while (true) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = uniform();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double RandomStream::beta(double alpha, double beta_parameter) {
  const double x = gamma(alpha);
  const double y = gamma(beta_parameter);
  return x / (x + y);
}

std::uint32_t RandomStream::poisson(double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 30.0) {
    // Inversion by sequential search; exact and fast for the small monthly rates we use.
    const double u = uniform();
    double probability = std::exp(-mean);
    double cumulative = probability;
    std::uint32_t k = 0;
    while (u > cumulative && k < 10000) {
      ++k;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  }
  // Hormann (1993) transformed rejection with squeeze (PTRS).
  const double root = std::sqrt(mean);
  const double log_mean = std::log(mean);
  const double b = 0.931 + 2.53 * root;
  const double a = -0.059 + 0.02483 * b;
  const double inverse_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  while (true) {
    const double u = uniform() - 0.5;
    const double v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint32_t>(k);
    if (k < 0.0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inverse_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * log_mean - std::lgamma(k + 1.0))
      return static_cast<std::uint32_t>(k);
  }
}

std::uint32_t RandomStream::index(std::uint32_t count) {
  if (count <= 1) return 0;
  const auto value = static_cast<std::uint32_t>(uniform() * count);
  return value < count ? value : count - 1;
}

}  // namespace linchpin
