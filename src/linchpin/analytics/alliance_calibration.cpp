#include "linchpin/analytics/alliance_calibration.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace linchpin::analytics {

namespace {
Month month_of(int year, int month) {
  return Month::from_year_month(year, month);
}

std::optional<double> stance(const LeaderTerm* term, const std::string& dimension) {
  if (term == nullptr) return std::nullopt;
  const auto it = term->stances.find(dimension);
  if (it == term->stances.end()) return std::nullopt;
  return it->second;
}

bool is_kind(const AllianceEpisode& episode, const char* kind) {
  return episode.kind == kind;
}

// The record's coding date: the last month covered.
const Month kRecordEnd = month_of(2026, 11);
}  // namespace

std::optional<double> coded_discordance(const LeaderTerm& a, const LeaderTerm& b) {
  double total = 0.0;
  int dimensions = 0;
  for (const auto& [dimension, value] : a.stances) {
    const auto it = b.stances.find(dimension);
    if (it == b.stances.end()) continue;
    total += std::fabs(value - it->second);
    ++dimensions;
  }
  if (dimensions == 0) return std::nullopt;
  return total / dimensions;
}

Month episode_record_end() {
  return kRecordEnd;
}

std::vector<AllianceCalibration> calibrate_alliance_hazards(const EpisodeRecord& record) {
  return calibrate_alliance_hazards(record, kRecordEnd);
}

std::vector<AllianceCalibration> calibrate_alliance_hazards(const EpisodeRecord& record,
                                                            Month last) {
  std::vector<AllianceCalibration> result;
  auto add = [&](std::string name, std::string counts, Month first, std::string covariate,
                 const std::function<bool(const AllianceEpisode&)>& predicate,
                 const CovariateRule& rule) {
    AllianceCalibration calibration;
    calibration.name = std::move(name);
    calibration.counts = std::move(counts);
    calibration.window = first.to_string() + ".." + last.to_string();
    calibration.covariate = std::move(covariate);
    calibration.cells = episode_exposure(record, first, last, predicate, rule);
    double events = 0.0;
    double exposure = 0.0;
    double weighted = 0.0;
    for (const auto& cell : calibration.cells) {
      events += cell.events;
      exposure += cell.exposure_months;
      weighted += cell.exposure_months * cell.covariates.at(0);
    }
    // Four decimals, as the scenarios write it, so the fit and the simulation use one centre.
    calibration.centre = exposure > 0.0 ? std::round(weighted / exposure * 1e4) / 1e4 : 0.0;
    for (auto& cell : calibration.cells) cell.covariates[0] -= calibration.centre;
    if (events > 0.0) {
      calibration.fit = fit_poisson_rate(calibration.cells, kCalibrationSlopePriorSd);
    } else {
      // No event in the window (e.g. no withdrawal threat before 2016): the rate's MLE is zero,
      // which would rule the event out. Use the Jeffreys-prior posterior instead: mean rate
      // 0.5 / exposure, log-scale sd sqrt(trigamma(0.5)) = 2.2214; the slope stays at its prior.
      calibration.fit.coefficients = {std::log(0.5 / exposure), 0.0};
      calibration.fit.standard_errors = {2.2214, kCalibrationSlopePriorSd};
      calibration.fit.covariance = {{2.2214 * 2.2214, 0.0},
                                    {0.0, kCalibrationSlopePriorSd * kCalibrationSlopePriorSd}};
      calibration.fit.exposure_months = exposure;
      calibration.fit.events = 0.0;
    }
    result.push_back(std::move(calibration));
  };

  // US decisions to withdraw troops, against the US president's alliance commitment.
  add(
      "force_posture.withdrawal_announcement", "troop_withdrawal_announced", month_of(1953, 1),
      "1 - US president's alliance_commitment",
      [](const AllianceEpisode& e) { return is_kind(e, "troop_withdrawal_announced"); },
      [](const LeaderTerm& us, const LeaderTerm*) -> std::optional<std::vector<double>> {
        const auto commitment = stance(&us, "alliance_commitment");
        if (!commitment) return std::nullopt;
        return std::vector<double>{1.0 - *commitment};
      });
  // Withdrawal threats, against the discordance of the two presidents (coded ROK from 1988).
  add(
      "force_posture.withdrawal_threat", "withdrawal_threat", month_of(1988, 2),
      "US-ROK presidents' discordance on the coded dimensions",
      [](const AllianceEpisode& e) { return is_kind(e, "withdrawal_threat"); },
      [](const LeaderTerm& us, const LeaderTerm* rok) -> std::optional<std::vector<double>> {
        if (rok == nullptr) return std::nullopt;
        const auto gap = coded_discordance(us, *rok);
        if (!gap) return std::nullopt;
        return std::vector<double>{*gap};
      });
  // Suspensions of combined exercises, against the two presidents' mean engagement with the DPRK.
  add(
      "exercises.suspension", "exercise_suspended", month_of(1988, 2),
      "mean of the US and ROK presidents' engagement_with_dprk",
      [](const AllianceEpisode& e) { return is_kind(e, "exercise_suspended"); },
      [](const LeaderTerm& us, const LeaderTerm* rok) -> std::optional<std::vector<double>> {
        const auto a = stance(&us, "engagement_with_dprk");
        const auto b = stance(rok, "engagement_with_dprk");
        if (!a || !b) return std::nullopt;
        return std::vector<double>{(*a + *b) / 2.0};
      });
  // Ruptures of ROK-Japan/trilateral cooperation, against the ROK president's trilateral support.
  add(
      "trilateral.lapse", "trilateral episodes coded 'Rupture:'", month_of(1993, 2),
      "1 - ROK president's trilateral_support",
      [](const AllianceEpisode& e) {
        return is_kind(e, "trilateral") && e.description.rfind("Rupture", 0) == 0;
      },
      [](const LeaderTerm&, const LeaderTerm* rok) -> std::optional<std::vector<double>> {
        const auto support = stance(rok, "trilateral_support");
        if (!support) return std::nullopt;
        return std::vector<double>{1.0 - *support};
      });
  // PRC economic coercion of the ROK (incl. the THAAD measures), since normalisation (1992-08),
  // against the ROK president's distance from accommodating China.
  add(
      "trade_coercion.coercion", "prc_economic_coercion, and the thaad row on PRC coercion",
      month_of(1992, 8), "1 - ROK president's accommodation_of_china",
      [](const AllianceEpisode& e) {
        return is_kind(e, "prc_economic_coercion") ||
               (is_kind(e, "thaad") && e.description.rfind("PRC economic coercion", 0) == 0);
      },
      [](const LeaderTerm&, const LeaderTerm* rok) -> std::optional<std::vector<double>> {
        const auto accommodation = stance(rok, "accommodation_of_china");
        if (!accommodation) return std::nullopt;
        return std::vector<double>{1.0 - *accommodation};
      });
  return result;
}

std::string calibration_yaml(const AllianceCalibration& calibration, const std::string& prefix,
                             const std::string& source_id) {
  const auto& fit = calibration.fit;
  const double b0 = fit.coefficients.at(0), b1 = fit.coefficients.at(1);
  const double s0 = fit.standard_errors.at(0), s1 = fit.standard_errors.at(1);
  // Truncation at about four standard errors (wide enough that it rarely binds), inside the
  // mechanisms' parameter ranges: intercepts in [-20, 0], slopes in [-10, 10].
  const auto low = [](double mean, double sd, double bound) {
    return std::max(bound, std::floor(mean - 4.0 * sd));
  };
  const auto high = [](double mean, double sd, double bound) {
    return std::min(bound, std::ceil(mean + 4.0 * sd));
  };
  const std::string correlation = fmt::format("{:.3f}", coefficient_correlation(fit, 0, 1));
  std::string text;
  text += fmt::format("{}_intercept: {{distribution: normal, mean: {:.4f}, sd: {:.4f}, low: {:g}, "
                      "high: {:g}, source: {}}}\n",
                      prefix, b0, s0, low(b0, s0, -20.0), high(b0, s0, 0.0), source_id);
  text += fmt::format("{}_slope: {{distribution: normal, mean: {:.4f}, sd: {:.4f}, low: {:g}, "
                      "high: {:g}, correlated_with: {}_intercept, correlation: {}, source: {}}}\n",
                      prefix, b1, s1, low(b1, s1, -10.0), high(b1, s1, 10.0), prefix, correlation,
                      source_id);
  text += fmt::format("{}_centre: {{value: {:.4f}, source: {}}}\n", prefix, calibration.centre,
                      source_id);
  return text;
}

}  // namespace linchpin::analytics
