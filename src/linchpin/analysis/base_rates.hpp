#pragma once
// Base rates: each headline outcome's simulated rate per decade beside the historical rate under
// the same coding, 1953-2025 (docs/validation/base-rates.md, `linchpin base-rates`).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "linchpin/analytics/korean_mid_record.hpp"
#include "linchpin/scenario/scenario.hpp"

namespace linchpin::analysis {

struct BaseRateRow {
  std::string outcome;     // the headline outcome's name (its dyad/alliance id filled in)
  std::string event_kind;  // the traced event counted per trial
  std::string coding;      // the coding rule both columns use
  std::string source;      // where the historical count comes from
  int historical_count = 0;
  int first_year = 0;
  int last_year = 0;
  // Filled by run_base_rates.
  double simulated_per_decade = 0.0;
  double simulated_low = 0.0;   // 5% of the per-trial count per decade
  double simulated_high = 0.0;  // 95%
};

// The rows with a historical counterpart: MIDs by hostility level, fatal MIDs and wars from the
// Korean MID series; USFK drawdown decisions and exercise suspensions from the alliance episodes
// file (`episodes_path`).
std::vector<BaseRateRow> default_base_rate_rows(std::span<const analytics::KoreanMid> mids,
                                                const std::string& episodes_path, int first_year,
                                                int last_year);

struct BaseRatesResult {
  std::string scenario;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  int horizon_months = 0;
  std::vector<BaseRateRow> rows;
  std::vector<std::string> left_out;  // headline outcomes without a historical counterpart
};

BaseRatesResult run_base_rates(const Scenario& scenario, std::vector<BaseRateRow> rows,
                               std::uint64_t trials, std::uint64_t seed, unsigned threads);

std::string base_rates_markdown(const BaseRatesResult& result, const std::string& command_line);

}  // namespace linchpin::analysis
