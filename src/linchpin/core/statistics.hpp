#pragma once
// Small statistical kernels: pure free functions.
#include <cstdint>
#include <utility>

namespace linchpin {

struct Interval {
  double low = 0.0;
  double high = 0.0;
};

// Wilson score interval for a binomial proportion (Wilson 1927); z = 1.959964 gives 95%.
Interval wilson_interval(std::uint64_t successes, std::uint64_t trials,
                         double z = 1.959963984540054);

// Standard normal CDF and its inverse (Acklam's rational approximation refined by one Halley step).
double normal_cdf(double x);
double normal_quantile(double probability);

}  // namespace linchpin
