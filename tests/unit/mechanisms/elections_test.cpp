#include "linchpin/mechanisms/elections.hpp"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

Office office_with(std::vector<ScheduledElection> elections, int recurrence) {
  Office office;
  office.kind = OfficeKind::executive;
  office.elections = std::move(elections);
  office.recurrence_months = recurrence;
  return office;
}

ScheduledElection on(int year, int month) {
  ScheduledElection e;
  e.first = e.last = CalendarDate{year, month, 0};
  return e;
}

TEST(ElectionMonths, FixedDatesThenRecurrence) {
  const Month start = Month::from_year_month(2026, 12);
  RandomStream stream(1, 1, "x");
  const auto months = election_months(office_with({on(2028, 11)}, 48), start, 120, stream);
  // 2028-11 is 23 months after 2026-12; then 2032-11 (71) and 2036-11 (119).
  EXPECT_EQ(months, (std::vector<int>{23, 71, 119}));
}

TEST(ElectionMonths, HorizonCutsTheSchedule) {
  const Month start = Month::from_year_month(2026, 12);
  RandomStream stream(1, 1, "x");
  EXPECT_EQ(election_months(office_with({on(2028, 11)}, 48), start, 23, stream),
            (std::vector<int>{23}));
  EXPECT_TRUE(election_months(office_with({on(2028, 11)}, 48), start, 22, stream).empty());
}

TEST(ElectionMonths, WindowDrawsAMonthInsideIt) {
  ScheduledElection window;
  window.first = CalendarDate{2027, 1, 0};
  window.last = CalendarDate{2027, 12, 0};
  std::vector<int> seen(13, 0);
  for (std::uint64_t trial = 0; trial < 2400; ++trial) {
    RandomStream stream(1, trial, "x");
    const auto months =
        election_months(office_with({window}, 0), Month::from_year_month(2026, 12), 60, stream);
    ASSERT_EQ(months.size(), 1u);
    ASSERT_GE(months[0], 1);
    ASSERT_LE(months[0], 12);
    ++seen[months[0]];
  }
  for (int m = 1; m <= 12; ++m) EXPECT_GT(seen[m], 120) << m;  // about 200 each
}

TEST(DecideElection, CertainWinKeepsPartyAndTermLimitForcesNewLeader) {
  Office office = office_with({}, 0);
  office.term_limit = 2;
  OfficeState state;
  state.party = 1;
  state.terms_served = 2;
  RandomStream stream(1, 1, "x");
  const auto result = decide_election(office, state, 2, 1.0, 1.0, stream);
  EXPECT_TRUE(result.party_retained);
  EXPECT_EQ(result.party, 1);
  EXPECT_FALSE(result.leader_continues);  // term-limited
  state.terms_served = 1;
  EXPECT_TRUE(decide_election(office, state, 2, 1.0, 1.0, stream).leader_continues);
}

TEST(DecideElection, CertainLossPicksAnotherParty) {
  Office office = office_with({}, 0);
  OfficeState state;
  state.party = 0;
  for (std::uint64_t trial = 0; trial < 100; ++trial) {
    RandomStream stream(1, trial, "x");
    const auto result = decide_election(office, state, 3, 0.0, 0.5, stream);
    EXPECT_FALSE(result.party_retained);
    EXPECT_NE(result.party, 0);
    EXPECT_LT(result.party, 3);
  }
}

TEST(DecideElection, RetentionFrequencyMatchesProbability) {
  Office office = office_with({}, 0);
  OfficeState state;
  int kept = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    RandomStream stream(9, std::uint64_t(i), "x");
    kept += decide_election(office, state, 2, 0.42857, 0.0, stream).party_retained;
  }
  EXPECT_NEAR(double(kept) / n, 0.42857, 0.012);  // 3.4 standard errors
}

}  // namespace
}  // namespace linchpin
