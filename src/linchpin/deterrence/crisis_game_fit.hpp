#pragma once
// The crisis game fitted to the Korean MIDs: a grid-based Bayesian posterior over the logit QRE
// precision, the clash cost and the escalation probability of the International Interaction
// Game (crisis_game.hpp), given the observed class of every Korean MID under the COW coding
// (no use of force / use of force / war). Described in docs/models/crisis_game.md.
#include <array>
#include <optional>
#include <span>
#include <vector>

#include "linchpin/analytics/data/nmc_reader.hpp"
#include "linchpin/analytics/korean_mid_record.hpp"
#include "linchpin/deterrence/crisis_game.hpp"

namespace linchpin::deterrence {

// A MID's class as the game can produce it. Fatality is not a game quantity: fatal MIDs are
// use-of-force MIDs here, and their share is fitted separately (analytics::KoreanMidFit).
enum class MidHostilityClass { no_use_of_force, use_of_force, war };
inline constexpr std::size_t kMidHostilityClassCount = 3;
inline constexpr std::array<EnumName<MidHostilityClass>, kMidHostilityClassCount>
    kMidHostilityClassNames = {{
        {MidHostilityClass::no_use_of_force, "no_use_of_force"},
        {MidHostilityClass::use_of_force, "use_of_force"},
        {MidHostilityClass::war, "war"},
    }};

// The coding link between the game and the MID data: outcomes without force (status quo,
// negotiation, acquiescence) are MIDs below hostility level 4; force by one side (capitulation)
// or both (limited clash) are level 4; war is level 5.
MidHostilityClass mid_hostility_class(CrisisOutcome outcome);
MidHostilityClass mid_hostility_class(const analytics::KoreanMid& mid);
// P(class) from a solved crisis.
std::array<double, kMidHostilityClassCount> mid_class_probabilities(const CrisisSolution& solution);

// The three fitted parameters.
struct CrisisGameParameters {
  double precision = 4.0;                // logit QRE lambda
  double clash_cost = 0.1;               // both sides' cost of a contained exchange of fire
  double escalation_probability = 0.05;  // mutual force -> war, before the armistice channel
};
// Sets the fitted parameters in a copy of the inputs.
CrisisInputs with_parameters(CrisisInputs inputs, const CrisisGameParameters& parameters);

// One crisis of the record with the inputs of its year.
struct CrisisObservation {
  int year = 0;
  MidHostilityClass observed = MidHostilityClass::no_use_of_force;
  CrisisInputs inputs;  // capabilities of the year; the rest as in the fit options
};

struct CrisisFitOptions {
  // Held fixed: the mechanism's credibility in the first month of both Korea scenarios (0.58;
  // docs/models/crisis_game.md).
  double credibility = 0.58;
  double first_strike_advantage = 0.1;
  double ally_share = 0.25;  // share of the patron's CINC brought to bear, as the mechanism
  // Grid: precision log-spaced (prior uniform in log lambda), clash cost evenly spaced
  // (uniform prior), escalation on cells denser near 0 with Jeffreys Beta(1/2, 1/2) mass.
  double precision_low = 0.25;
  double precision_high = 64.0;
  int precision_points = 33;
  double clash_cost_high = 1.5;
  int clash_cost_points = 31;
  double escalation_high = 1.0;
  int escalation_points = 40;
  // When set, precision is held at this value (a one-point grid): the conditional posterior of
  // clash cost and escalation that the scenarios draw from.
  std::optional<double> fixed_precision;
};

// CINC (published, NMC) of the DPRK (731), the ROK (732) and the USA (2) for each MID's year;
// years after the file's last year use its last year. Throws InputError when a year before the
// file's coverage is asked for or a state is missing.
std::vector<CrisisObservation> crisis_observations(std::span<const analytics::KoreanMid> mids,
                                                   std::span<const analytics::NmcRecord> nmc,
                                                   const CrisisFitOptions& options);

// Log-likelihood of the observations: sum of log P(observed class) with play starting at node 3.
double crisis_log_likelihood(std::span<const CrisisObservation> observations,
                             const CrisisGameParameters& parameters);

struct ParameterSummary {
  double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0;
};

struct CrisisGamePosterior {
  std::vector<double> precision;  // grid values
  std::vector<double> clash_cost;
  std::vector<double> escalation;
  std::vector<double> weight;  // posterior mass, index (i * clash + j) * escalation + k
  CrisisGameParameters map;    // the grid point of highest posterior mass
  ParameterSummary precision_summary, clash_cost_summary, escalation_summary;
  double precision_clash_correlation = 0.0;  // posterior correlation of log lambda and c
  int observations = 0;
  std::array<int, kMidHostilityClassCount> observed{};

  CrisisGameParameters at(std::size_t index) const;
  // A joint draw from the grid posterior with one uniform.
  CrisisGameParameters draw(double u) const;
};

// The grid posterior; throws InputError when there are no observations.
CrisisGamePosterior fit_crisis_game(std::span<const CrisisObservation> observations,
                                    const CrisisFitOptions& options = {});

// Beta(alpha, beta) with the given mean and sd (method of moments); for the scenario's
// escalation_probability.
std::array<double, 2> beta_from_moments(double mean, double sd);

}  // namespace linchpin::deterrence
