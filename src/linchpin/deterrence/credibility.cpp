#include "linchpin/deterrence/credibility.hpp"

#include <algorithm>

namespace linchpin::deterrence {

double commitment_credibility(const CredibilityInputs& in, const CredibilityWeights& w) {
  const double total = w.treaty + w.tripwire + w.command + w.extended + w.consultation;
  if (total <= 0.0) return 0.0;
  const double pillars =
      (w.treaty * (in.treaty ? 1.0 : 0.0) + w.tripwire * std::clamp(in.tripwire, 0.0, 1.0) +
       w.command * (in.combined_command ? std::clamp(in.readiness, 0.0, 1.0) : 0.0) +
       w.extended * (in.extended_deterrence ? 1.0 : 0.0) +
       w.consultation * (in.consultation ? 1.0 : 0.0)) /
      total;
  const double attention = 1.0 - w.distraction * std::clamp(in.distraction, 0.0, 1.0);
  const double leader =
      w.commitment_floor + (1.0 - w.commitment_floor) * std::clamp(in.patron_commitment, 0.0, 1.0);
  return std::clamp(pillars * attention * leader, 0.0, 1.0);
}

}  // namespace linchpin::deterrence
