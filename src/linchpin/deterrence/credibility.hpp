#pragma once
// Credibility of a patron's commitment to defend its host, built from the alliance's pillars
// (docs/models/deterrence.md): the treaty obligation, forces in place as a tripwire, the
// combined command's readiness, extended (nuclear) deterrence and consultation, discounted by
// the patron's distraction elsewhere and its leader's commitment. Pure function.

namespace linchpin::deterrence {

struct CredibilityInputs {
  bool treaty = false;               // a treaty commitment in force
  double tripwire = 0.0;             // forward troops / tripwire reference, capped at 1
  bool combined_command = false;     // a combined command exists
  double readiness = 0.0;            // its readiness in [0, 1]
  bool extended_deterrence = false;  // a nuclear umbrella commitment (e.g. Washington Declaration)
  bool consultation = false;       // a nuclear consultation body (e.g. Nuclear Consultative Group)
  double distraction = 0.0;        // the patron's attention drawn elsewhere, [0, 1]
  double patron_commitment = 0.5;  // the patron executive's unit alliance commitment
};

struct CredibilityWeights {
  double treaty = 0.35;
  double tripwire = 0.25;
  double command = 0.15;
  double extended = 0.15;
  double consultation = 0.10;
  double distraction = 0.3;       // share of credibility lost at full distraction
  double commitment_floor = 0.5;  // credibility multiplier with a patron leader at commitment 0
};

// pillars = (w_t [treaty] + w_w min(1, tripwire) + w_c [command] readiness + w_e [extended]
//            + w_n [consultation]) / (w_t + w_w + w_c + w_e + w_n)
// credibility = pillars * (1 - w_d distraction) * (floor + (1 - floor) commitment)
// Removing a pillar never raises it: every term is non-negative and the normaliser is fixed.
double commitment_credibility(const CredibilityInputs& inputs, const CredibilityWeights& weights);

}  // namespace linchpin::deterrence
