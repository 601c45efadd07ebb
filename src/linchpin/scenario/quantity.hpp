#pragma once
// A number in a scenario: a fixed value or a distribution a trial samples once, with its source.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "linchpin/core/enum_names.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/core/random_stream.hpp"

namespace linchpin {

// `empirical`: a list of values, one drawn per trial (e.g. posterior draws); quantities with the
// same `draw_group` take the same row in a trial, so a fit's joint posterior is kept.
enum class DistributionKind { fixed, uniform, normal, triangular, beta, empirical };

inline constexpr std::array<EnumName<DistributionKind>, 6> kDistributionKindNames = {{
    {DistributionKind::fixed, "fixed"},
    {DistributionKind::uniform, "uniform"},
    {DistributionKind::normal, "normal"},
    {DistributionKind::triangular, "triangular"},
    {DistributionKind::beta, "beta"},
    {DistributionKind::empirical, "empirical"},
}};

struct Quantity {
  DistributionKind kind = DistributionKind::fixed;
  double value = 0.0;  // fixed
  double low = 0.0;    // uniform, triangular; normal truncation when has_low
  double high = 0.0;   // uniform, triangular; normal truncation when has_high
  double mode = 0.0;   // triangular
  double mean = 0.0;   // normal
  double sd = 0.0;     // normal
  double alpha = 0.0;  // beta
  double beta = 0.0;   // beta
  bool has_low = false;
  bool has_high = false;
  // Joint draws (normal only): this quantity is drawn through a Gaussian copula with correlation
  // `correlation` to the partner quantity named here (a parameter of the same mechanism), so a
  // fit's intercept and slope keep the correlation of their estimates.
  std::string correlated_with;
  double correlation = 0.0;
  std::vector<double> values;  // empirical: the rows
  std::string draw_group;      // empirical: quantities of one group draw the same row
  std::string source;
  std::string unit;
  std::string note;
  std::string key_path;  // where it was defined; also keys its random stream
  SourceLocation location;
  SourceLocation source_location;  // of the 'source' value, for messages about the citation

  static Quantity constant(double value, std::string source = {});

  bool is_random() const { return kind != DistributionKind::fixed; }
  // The central value used when a single number is needed (value, mean or mode).
  double nominal() const;
  // Smallest and largest values a draw can take.
  double support_low() const;
  double support_high() const;
  // One draw from the distribution (the value itself when fixed).
  double sample(RandomStream& stream) const;
  // The draw for one trial: a stream keyed by (seed, trial, this quantity's key path).
  double sample_for_trial(std::uint64_t seed, std::uint64_t trial) const;
  // The standard-normal score of this quantity's draw for one trial (the copula coordinate of
  // a normal quantity: Phi^-1 of its uniform); 0 for other kinds.
  double normal_score_for_trial(std::uint64_t seed, std::uint64_t trial) const;
  // The draw for one trial, jointly with a partner whose normal score is given: the score
  // correlation * partner + sqrt(1 - correlation^2) * own, mapped through this quantity's
  // (possibly truncated) normal marginal. With correlation 0 it equals sample_for_trial.
  double sample_correlated_for_trial(std::uint64_t seed, std::uint64_t trial,
                                     double partner_score) const;
  std::string describe() const;  // "uniform(1, 3)"
};

}  // namespace linchpin
