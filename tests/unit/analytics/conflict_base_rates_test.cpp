#include "linchpin/analytics/conflict_base_rates.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "linchpin/core/error.hpp"

namespace linchpin::analytics {
namespace {

UcdpConflictYear row(int id, int year, int intensity, UcdpConflictType type, std::uint8_t regions) {
  UcdpConflictYear r;
  r.conflict_id = id;
  r.year = year;
  r.intensity_level = intensity;
  r.cumulative_war = intensity == 2;
  r.type = type;
  r.regions = regions;
  return r;
}

constexpr std::uint8_t kEurope = 1u << 1;
constexpr std::uint8_t kAsia = 1u << 3;

// Europe 2000-2005: calm, minor, war, war, calm, calm (rows of other types or regions ignored).
std::vector<UcdpConflictYear> sample_rows() {
  using T = UcdpConflictType;
  return {row(1, 2001, 1, T::interstate, kEurope), row(1, 2002, 2, T::interstate, kEurope | kAsia),
          row(2, 2003, 2, T::internationalised, kEurope), row(3, 2004, 2, T::intrastate, kEurope),
          row(4, 2005, 1, T::interstate, kAsia)};
}

TEST(ConflictBaseRates, RegionConditionsTakeTheHighestIntensityOfTheTypes) {
  const auto rows = sample_rows();
  using C = RegionCondition;
  EXPECT_EQ(region_conditions(rows, UcdpRegion::europe, ConflictTypeSet::both, 2000, 2005),
            (std::vector<C>{C::calm, C::minor, C::war, C::war, C::calm, C::calm}));
  EXPECT_EQ(region_conditions(rows, UcdpRegion::europe, ConflictTypeSet::interstate, 2000, 2005),
            (std::vector<C>{C::calm, C::minor, C::war, C::calm, C::calm, C::calm}));
  // A conflict listing two regions counts in both.
  EXPECT_EQ(region_conditions(rows, UcdpRegion::asia, ConflictTypeSet::interstate, 2001, 2005),
            (std::vector<C>{C::calm, C::war, C::calm, C::calm, C::minor}));
  // Sole region: conflict 1's 2002 war also lists Asia, so it does not count for Europe alone.
  EXPECT_EQ(
      region_conditions(rows, UcdpRegion::europe, ConflictTypeSet::interstate, 2000, 2005, true),
      (std::vector<C>{C::calm, C::minor, C::calm, C::calm, C::calm, C::calm}));
  EXPECT_EQ(conflict_conditions(rows, 1, 2000, 2003),
            (std::vector<C>{C::calm, C::minor, C::war, C::calm}));
}

TEST(ConflictBaseRates, ChainFitMatchesHandComputedPosteriors) {
  const auto fit =
      fit_region_chain(sample_rows(), UcdpRegion::europe, ConflictTypeSet::both, 2000, 2005, 0.9);
  using C = RegionCondition;
  EXPECT_EQ(fit.years_in, (std::array<int, 3>{3, 1, 2}));
  EXPECT_EQ(fit.counts[0][0], 1);
  EXPECT_EQ(fit.counts[0][1], 1);
  EXPECT_EQ(fit.counts[1][2], 1);
  EXPECT_EQ(fit.counts[2][0], 1);
  EXPECT_EQ(fit.counts[2][2], 1);
  ASSERT_EQ(fit.transitions.size(), 6u);

  // calm row: n = 2 (1 stay, 1 to minor). Posterior of calm->minor: beta(1.5, 2), mean 3/7,
  // sd sqrt(3 / (12.25 * 4.5)) = 0.233285. Exit 1 - 1.5/3.5 = 4/7; monthly factor
  // (1 - (3/7)^(1/12)) / (4/7) = 0.1193028.
  const auto& calm_minor = fit.transition(C::calm, C::minor);
  EXPECT_EQ(calm_minor.events, 1);
  EXPECT_EQ(calm_minor.at_risk, 2);
  EXPECT_DOUBLE_EQ(calm_minor.yearly_mle, 0.5);
  EXPECT_NEAR(calm_minor.yearly.mean, 3.0 / 7.0, 1e-12);
  EXPECT_NEAR(calm_minor.yearly.sd, 0.2332847, 1e-6);
  EXPECT_NEAR(fit.monthly_factor[0], 0.1193028, 1e-6);
  EXPECT_NEAR(calm_minor.monthly.mean, 0.0511298, 1e-6);
  EXPECT_NEAR(calm_minor.monthly.high, calm_minor.yearly.high * fit.monthly_factor[0], 1e-15);
  EXPECT_NEAR(fit.transition(C::calm, C::war).monthly.mean, 0.0170433, 1e-6);
  // minor row: n = 1 (to war). minor->war beta(1.5, 1), mean 0.6; exit 0.8; factor
  // (1 - 0.2^(1/12)) / 0.8 = 0.1568934.
  EXPECT_NEAR(fit.transition(C::minor, C::war).monthly.mean, 0.0941360, 1e-6);
  EXPECT_NEAR(fit.transition(C::minor, C::calm).monthly.mean, 0.0313787, 1e-6);
  // The beta given to scenarios has the monthly posterior's mean and sd.
  const double a = calm_minor.beta_alpha, b = calm_minor.beta_beta;
  EXPECT_NEAR(a / (a + b), calm_minor.monthly.mean, 1e-12);
  EXPECT_NEAR(std::sqrt(a * b / ((a + b) * (a + b) * (a + b + 1))), calm_minor.monthly.sd, 1e-12);
  // Monthly exits from each origin sum to 1 - (1 - q)^(1/12).
  EXPECT_NEAR(
      fit.transition(C::war, C::calm).monthly.mean + fit.transition(C::war, C::minor).monthly.mean,
      monthly_exit_probability(4.0 / 7.0), 1e-12);
  EXPECT_THROW(fit.transition(C::war, C::war), Error);
  EXPECT_THROW(
      fit_region_chain(sample_rows(), UcdpRegion::europe, ConflictTypeSet::both, 2000, 2000),
      Error);
}

TEST(ConflictBaseRates, ConflictLevelCounts) {
  const auto r = conflict_level_rates(sample_rows(), UcdpRegion::europe, ConflictTypeSet::both,
                                      2000, 2005, 0.9);
  EXPECT_EQ(r.region_years, 5);
  EXPECT_EQ(r.war_onsets, 2);    // conflict 1 in 2002 (from minor), conflict 2 in 2003
  EXPECT_EQ(r.minor_onsets, 1);  // conflict 1 in 2001
  EXPECT_EQ(r.war_years_at_risk, 2);
  EXPECT_EQ(r.war_terminations, 2);
  EXPECT_EQ(r.minor_years_at_risk, 1);
  EXPECT_EQ(r.escalations, 1);
  EXPECT_NEAR(r.war_onset_rate.mean, 2.5 / 5, 1e-12);
  EXPECT_NEAR(r.termination.mean, 2.5 / 3, 1e-12);
}

TEST(ConflictBaseRates, PosteriorHelpers) {
  // Jeffreys Poisson, no events in 10 years: gamma(1/2, 10); 95% point chi2_1(0.95) / 20.
  const auto none = jeffreys_poisson_rate(0, 10, 0.9);
  EXPECT_NEAR(none.mean, 0.05, 1e-12);
  EXPECT_NEAR(none.high, 3.841459 / 20, 1e-6);
  EXPECT_THROW(jeffreys_poisson_rate(1, 0, 0.9), Error);
  // beta(2, 2): mean 1/2, variance 1/20.
  const auto [a, b] = beta_with_moments(0.5, std::sqrt(0.05));
  EXPECT_NEAR(a, 2, 1e-12);
  EXPECT_NEAR(b, 2, 1e-12);
  EXPECT_THROW(beta_with_moments(0.5, 0.6), Error);
  EXPECT_NEAR(monthly_exit_probability(1 - std::pow(0.9, 12)), 0.1, 1e-12);
  EXPECT_EQ(monthly_exit_probability(0), 0.0);
}

TEST(ConflictBaseRates, OneConflictRecordLeavesTheCrisisPathToAssumption) {
  const auto rows = sample_rows();
  const TheatreRecord record{"t", UcdpRegion::europe, ConflictTypeSet::interstate, 1, 2000, false};
  const auto fit = fit_theatre_record(rows, record, 2005);
  EXPECT_EQ(fit.conflict_id, 1);
  using C = RegionCondition;
  const auto priors = theatre_priors(fit, record);
  ASSERT_EQ(priors.size(), 6u);
  for (const auto& p : priors) {
    const bool crisis_path =
        (p.from == C::calm && p.to == C::minor) || (p.from == C::minor && p.to == C::calm);
    EXPECT_EQ(p.fitted.has_value(), !crisis_path);
    if (p.from == C::minor && p.to == C::war) {
      EXPECT_EQ(p.fitted->beta_alpha, fit.transition(C::calm, C::war).beta_alpha);
    }
  }
  // A later first year narrows the window; an earlier one does not widen it.
  EXPECT_EQ(fit_theatre_record(rows, record, 2005, 0.9, 2002).first_year, 2002);
  EXPECT_EQ(fit_theatre_record(rows, record, 2005, 0.9, 1990).first_year, 2000);
  const TheatreRecord regional{"r", UcdpRegion::europe, ConflictTypeSet::both, 0, 2000, false};
  for (const auto& p : theatre_priors(fit_theatre_record(rows, regional, 2005), regional))
    EXPECT_TRUE(p.fitted.has_value());
  // A condition the record never visits gives no prior: 2000-2001 has no war year.
  for (const auto& p : theatre_priors(fit_theatre_record(rows, regional, 2001), regional))
    EXPECT_EQ(p.fitted.has_value(), p.from == C::calm);
}

TEST(ConflictBaseRates, OnsetsFromTheCurrentPeaceSpell) {
  // One conflict: war in 2001 and 2003, then peace 2004-2010. Whole record 2000-2010: calm years
  // at risk of a next year 2000, 2002, 2004..2009 = 8, with 2 onsets (2000->2001, 2002->2003).
  // Current spell 2004-2010: 6 calm years at risk, 0 onsets.
  using T = UcdpConflictType;
  const std::vector<UcdpConflictYear> rows = {row(7, 2001, 2, T::interstate, kAsia),
                                              row(7, 2003, 2, T::interstate, kAsia)};
  using C = RegionCondition;
  const TheatreRecord whole{"w", UcdpRegion::asia, ConflictTypeSet::interstate, 7, 2000, false};
  const auto whole_fit = fit_theatre_record(rows, whole, 2010);
  EXPECT_EQ(whole_fit.transition(C::calm, C::war).events, 2);
  EXPECT_EQ(whole_fit.transition(C::calm, C::war).at_risk, 8);
  EXPECT_EQ(whole_fit.spell_first_year, 0);

  TheatreRecord spell = whole;
  spell.onset_from_current_spell = true;
  const auto spell_fit = fit_theatre_record(rows, spell, 2010);
  EXPECT_EQ(spell_fit.spell_first_year, 2004);
  EXPECT_EQ(spell_fit.transition(C::calm, C::war).events, 0);
  EXPECT_EQ(spell_fit.transition(C::calm, C::war).at_risk, 6);
  // Jeffreys Dirichlet(1/2) over the three destinations: mean (0 + 1/2) / (6 + 3/2).
  EXPECT_NEAR(spell_fit.transition(C::calm, C::war).yearly.mean, 0.5 / 7.5, 1e-12);
  // Terminations still come from the whole record (the spell has no war year).
  EXPECT_EQ(spell_fit.transition(C::war, C::calm).events,
            whole_fit.transition(C::war, C::calm).events);
  // crisis->war takes the spell's calm->war.
  for (const auto& p : theatre_priors(spell_fit, spell))
    if (p.from == C::minor && p.to == C::war) {
      ASSERT_TRUE(p.fitted.has_value());
      EXPECT_EQ(p.fitted->events, 0);
    }
}

}  // namespace
}  // namespace linchpin::analytics
