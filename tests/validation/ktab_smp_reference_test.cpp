// Reproduces KTAB's reference SMP run on dummyData_3Dim.csv (KTAB smpc 0.1, log dated
// 2017-05-30, default options) turn by turn, and checks the KTAB output tables for the larger
// example inputs. The data are read in place from ../shared/data/ktab-smp.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "linchpin/bargaining/ktab_csv.hpp"
#include "linchpin/bargaining/spatial_model.hpp"
#include "test_support.hpp"

namespace {
using namespace linchpin::bargaining;
namespace fs = std::filesystem;

fs::path ktab_dir() {
  return fs::path(LINCHPIN_SHARED_DATA_DIR) / "ktab-smp";
}

#define REQUIRE_KTAB_DATA()                                                         \
  do {                                                                              \
    if (!fs::exists(ktab_dir() / "dummyData_3Dim.csv")) {                           \
      GTEST_SKIP() << "KTAB example data not found at " << ktab_dir().string()      \
                   << " (shared data folder absent); reference comparison not run"; \
    }                                                                               \
  } while (false)

// What KTAB's log prints for one run.
struct ReferenceLog {
  // postn[t][actor][dim]: positions of state t (t >= 1) printed with 4 decimals (0-100 scale).
  std::vector<std::vector<std::vector<double>>> postn;
  // history[actor][dim][t]: the closing table, 1 decimal.
  std::vector<std::vector<std::vector<double>>> history;
  // probability[actor][t]: the closing table, 4 decimals.
  std::vector<std::vector<double>> probability;
  int states = 0;
};

std::vector<double> numbers_after(const std::string& line, std::size_t from) {
  std::istringstream s(line.substr(from));
  std::vector<double> out;
  double x;
  while (s >> x) out.push_back(x);
  return out;
}

ReferenceLog read_reference(const fs::path& path, std::size_t actors, std::size_t dims) {
  ReferenceLog log;
  std::ifstream in(path);
  std::string line;
  enum { Body, Positions, Probabilities } section = Body;
  log.history.assign(actors, std::vector<std::vector<double>>(dims));
  log.probability.assign(actors, {});
  std::size_t row = 0;
  std::vector<std::vector<double>> pending;
  while (std::getline(in, line)) {
    if (line.rfind("Starting Model::run iteration", 0) == 0) pending.clear();
    if (line.rfind("postn ", 0) == 0 && line.find("distance") == std::string::npos) {
      std::string values;
      std::getline(in, values);
      pending.push_back(numbers_after(values, 0));
      if (pending.size() == actors) log.postn.push_back(pending);
      continue;
    }
    if (line.rfind("There were ", 0) == 0) log.states = std::stoi(line.substr(11));
    if (line.rfind("History of actor positions", 0) == 0) {
      section = Positions;
      row = 0;
      continue;
    }
    if (line.rfind("History of actors' winning", 0) == 0) {
      section = Probabilities;
      row = 0;
      continue;
    }
    const auto colon = line.find(':');
    if (section == Positions && colon != std::string::npos && row < actors * dims) {
      log.history[row / dims][row % dims] = numbers_after(line, colon + 1);
      ++row;
    } else if (section == Probabilities && colon != std::string::npos && row < actors) {
      log.probability[row] = numbers_after(line, colon + 1);
      ++row;
    }
  }
  return log;
}

void check_reference_log(const char* input, const char* log_file, int states,
                         const SpatialModelOptions& options) {
  const auto problem = read_ktab_csv(ktab_dir() / input);
  const std::size_t n = problem.actors.size();
  const std::size_t dims = problem.dimensions.size();
  const auto ref = read_reference(ktab_dir() / log_file, n, dims);
  ASSERT_EQ(ref.states, states);
  ASSERT_EQ(ref.postn.size(), static_cast<std::size_t>(states - 1));

  const auto result = run_spatial_model(problem, options);
  EXPECT_EQ(result.stop_reason, "converged");
  ASSERT_EQ(result.stop_turn, ref.states - 1);
  ASSERT_EQ(result.turns.size(), static_cast<std::size_t>(ref.states));

  for (std::size_t t = 0; t < result.turns.size(); ++t) {
    const auto& turn = result.turns[t];
    for (std::size_t a = 0; a < n; ++a) {
      for (std::size_t d = 0; d < dims; ++d) {
        const double ours = turn.positions[a][d];
        // 1-decimal closing table: our value rounded as KTAB prints it must match.
        EXPECT_NEAR(ours, ref.history[a][d][t], 0.05 + 1e-9)
            << "turn " << t << " actor " << a << " dim " << d;
        // 4-decimal positions printed after each turn's bargaining.
        if (t >= 1) {
          EXPECT_NEAR(ours, ref.postn[t - 1][a][d], 0.00005 + 1e-9)
              << "turn " << t << " actor " << a << " dim " << d;
        }
      }
      EXPECT_NEAR(turn.probabilities[a], ref.probability[a][t], 0.00005 + 1e-9)
          << "turn " << t << " actor " << a;
    }
  }
}

TEST(KtabSmpReference, DummyData3DimTurnByTurn) {
  REQUIRE_KTAB_DATA();
  // Default options (KTAB's documented behaviour) and KTAB's code behaviour both reproduce it.
  check_reference_log("dummyData_3Dim.csv", "20170530_ref-dummyData_3Dim.txt", 11, {});
  check_reference_log("dummyData_3Dim.csv", "20170530_ref-dummyData_3Dim.txt", 11,
                      ktab_code_options());
}

TEST(KtabSmpReference, SoePolicyCompetitiveTurnByTurn) {
  REQUIRE_KTAB_DATA();
  check_reference_log("SOE-Pol-Comp.csv", "20170530_ref-SOE-Pol-Comp.txt", 28, {});
  check_reference_log("SOE-Pol-Comp.csv", "20170530_ref-SOE-Pol-Comp.txt", 28, ktab_code_options());
}

// KTAB's reference log prints, for every challenge, all three bargains it could form (whatever
// the bargain model in use): the initiator's, the target's and their power-weighted compromise,
// with both parties' 4-decimal estimates of the challenge. One block of turn 0.
struct LoggedChallenge {
  std::size_t initiator = 0;
  std::size_t target = 0;
  ChallengeEstimate by_initiator;  // the initiator's estimate, gain to the initiator
  ChallengeEstimate by_target;     // the target's estimate, gain to the initiator
  // [perspective: 0 initiator, 1 target, 2 compromise][side: 0 initiator, 1 target][dim],
  // on the 0-100 scale.
  std::vector<double> bargain[3][2];
};

std::vector<LoggedChallenge> read_turn_zero_challenges(const fs::path& path) {
  static const std::regex challenge(
      R"(^In turn 0 actor\s+(\d+) has most advantageous target\s+(\d+))");
  static const std::regex estimate(
      R"(^Est by\s+(\d+) of prob ([\d.]+) that \[\s*(\d+)>\s*(\d+)\], with expected gain to\s+(\d+) of ([-+\d.]+))");
  static const std::regex header(
      R"(^(Bargain \[\d+, (\d+):(\d+)\] from (\d+)'s|Power-weighted compromise))");
  static const std::regex proposal(R"(proposes\s+(\d+) adopt:\s+(.*)$)");
  std::vector<LoggedChallenge> out;
  std::ifstream in(path);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.rfind("In turn 1 ", 0) == 0) break;
    if (std::regex_search(line, m, challenge)) {
      out.push_back({});
      out.back().initiator = std::stoul(m[1]);
      out.back().target = std::stoul(m[2]);
      continue;
    }
    if (out.empty()) continue;
    auto& c = out.back();
    if (std::regex_search(line, m, estimate)) {
      const std::size_t by = std::stoul(m[1]);
      const std::size_t gain_to = std::stoul(m[5]);
      if (gain_to != c.initiator) continue;
      const ChallengeEstimate e{std::stod(m[2]), std::stod(m[6])};
      (by == c.initiator ? c.by_initiator : c.by_target) = e;
    } else if (std::regex_search(line, m, header)) {
      const int perspective = !m[4].matched ? 2 : (std::stoul(m[4]) == c.initiator ? 0 : 1);
      for (int k = 0; k < 2 && std::getline(in, line); ++k) {
        if (!std::regex_search(line, m, proposal)) continue;
        const int side = std::stoul(m[1]) == c.initiator ? 0 : 1;
        c.bargain[perspective][side] = numbers_after(m[2], 0);
      }
    }
  }
  return out;
}

// Largest difference, on the 0-100 scale, between a bargain and the log's two printed sides.
double largest_difference(const BargainProposal& ours, const std::vector<double> (&logged)[2]) {
  double worst = 0.0;
  for (std::size_t d = 0; d < ours.for_initiator.size(); ++d) {
    worst = std::max(worst, std::fabs(100 * ours.for_initiator[d] - logged[0].at(d)));
    worst = std::max(worst, std::fabs(100 * ours.for_receiver[d] - logged[1].at(d)));
  }
  return worst;
}

// Given the log's own (rounded) estimates, propose_bargains reproduces the printed bargains of
// turn 0 with KTAB's code options (the target interpolates with the initiator's expected gain;
// the compromise weighs both sides by the initiator's capability), and the documented readings
// do not. Tolerance: the 4-decimal estimates move a rounded bargain by at most one unit of its
// 4th unit-scale decimal (0.01 here), plus the print's own rounding.
TEST(KtabSmpReference, TurnZeroBargainsOfEveryPerspective) {
  REQUIRE_KTAB_DATA();
  const auto problem = read_ktab_csv(ktab_dir() / "dummyData_3Dim.csv");
  const auto logged = read_turn_zero_challenges(ktab_dir() / "20170530_ref-dummyData_3Dim.txt");
  ASSERT_EQ(logged.size(), 7u);  // every actor challenges someone in turn 0
  auto party = [&](std::size_t a) {
    const auto& actor = problem.actors.at(a);
    BargainParty out{{}, actor.saliences, actor.capability};
    for (double x : actor.positions) out.position.push_back(x / 100.0);
    return out;
  };
  constexpr double kTolerance = 0.0105;
  int documented_target_differs = 0;
  int documented_weights_differ = 0;
  for (const auto& c : logged) {
    SCOPED_TRACE(fmt::format("challenge {} -> {}", c.initiator, c.target));
    for (const auto& perspective : c.bargain)
      for (const auto& side : perspective) ASSERT_EQ(side.size(), 3u);
    const auto i = party(c.initiator);
    const auto j = party(c.target);
    SpatialModelOptions ktab = ktab_code_options();
    ktab.bargain_model = BargainModel::InitRcvrInterp;
    const auto both = propose_bargains(ktab, i, j, c.by_initiator, c.by_target);
    ASSERT_EQ(both.size(), 2u);
    EXPECT_LE(largest_difference(both[0], c.bargain[0]), kTolerance);
    EXPECT_LE(largest_difference(both[1], c.bargain[1]), kTolerance);
    ktab.bargain_model = BargainModel::PWCompInterp;
    const auto compromise = propose_bargains(ktab, i, j, c.by_initiator, c.by_target);
    ASSERT_EQ(compromise.size(), 1u);
    EXPECT_LE(largest_difference(compromise[0], c.bargain[2]), kTolerance);

    SpatialModelOptions documented;
    documented.bargain_model = BargainModel::InitRcvrInterp;
    const auto target_view = propose_bargains(documented, i, j, c.by_initiator, c.by_target);
    if (largest_difference(target_view[1], c.bargain[1]) > 0.5) ++documented_target_differs;
    documented.bargain_model = BargainModel::PWCompInterp;
    documented.target_bargain_input = TargetBargainInput::KtabExpectedGain;
    const auto weighted = propose_bargains(documented, i, j, c.by_initiator, c.by_target);
    if (largest_difference(weighted[0], c.bargain[2]) > 0.5) ++documented_weights_differ;
  }
  std::cout << "[ KTAB log ] turn 0: documented target input misses " << documented_target_differs
            << " of 7 target bargains, documented weights miss " << documented_weights_differ
            << " of 7 compromises (by > 0.5)\n";
  EXPECT_EQ(documented_target_differs, 7);
  // The one compromise the documented weights also match is 6 -> 1, whose capabilities are
  // nearly equal (54.178 and 53.393), so both weightings agree to the printed precision.
  EXPECT_EQ(documented_weights_differ, 6);
}

// KTAB's tabular output (turn, actor, dimension, position, prob) for the larger inputs.
struct RunTable {
  std::map<int, std::map<std::string, std::vector<double>>> position;  // turn -> actor -> dims
  std::map<int, std::map<std::string, double>> probability;
  int last_turn = 0;
};

RunTable read_run_table(const fs::path& path) {
  RunTable table;
  const auto rows = linchpin::test::read_csv_rows(path);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const int t = std::stoi(rows[r][0]);
    table.position[t][rows[r][1]].push_back(std::stod(rows[r][3]));
    table.probability[t][rows[r][1]] = std::stod(rows[r][4]);
    table.last_turn = std::max(table.last_turn, t);
  }
  return table;
}

// True when `ours` prints as `printed` with the given decimals (a value within 1e-6 of a
// rounding boundary may print either way, as KTAB's and our round-off may differ there).
bool same_when_printed(double ours, double printed, int decimals) {
  const double unit = std::pow(10.0, -decimals);
  const double rounded = std::round(ours / unit) * unit;
  if (std::fabs(rounded - printed) < unit * 1e-3) return true;
  const double to_boundary = std::fabs(std::fabs(ours - printed) - unit / 2);
  return to_boundary < 1e-6;
}

struct Agreement {
  int turns_compared = 0;
  int first_turn_mismatch = -1;  // -1: every compared turn agrees
  std::string first_mismatch;
};

Agreement compare(const SpatialModelResult& result, const BargainingProblem& problem,
                  const RunTable& table) {
  Agreement out;
  const int last = std::min<int>(table.last_turn, static_cast<int>(result.turns.size()) - 1);
  for (int t = 0; t <= last && out.first_turn_mismatch < 0; ++t) {
    for (std::size_t a = 0; a < problem.actors.size(); ++a) {
      const auto& name = problem.actors[a].name;
      for (std::size_t d = 0; d < problem.dimensions.size(); ++d) {
        const double ref = table.position.at(t).at(name)[d];
        const double ours = result.turns[t].positions[a][d];
        if (out.first_turn_mismatch < 0 && !same_when_printed(ours, ref, 1)) {
          out.first_turn_mismatch = t;
          out.first_mismatch =
              fmt::format("turn {} {} dim {}: position {:.4f} vs KTAB {}", t, name, d, ours, ref);
        }
      }
      const double ref = table.probability.at(t).at(name);
      const double ours = result.turns[t].probabilities[a];
      if (out.first_turn_mismatch < 0 && !same_when_printed(ours, ref, 4)) {
        out.first_turn_mismatch = t;
        out.first_mismatch =
            fmt::format("turn {} {}: probability {:.6f} vs KTAB {}", t, name, ours, ref);
      }
    }
    ++out.turns_compared;
  }
  return out;
}

// KTAB's run tables (turn, actor, dimension, position to 1 decimal, probability to 4) for the 40-,
// 80- and 160-actor one-dimensional inputs and the 6-dimensional input: every turn and the stopping
// turn must agree.
TEST(KtabSmpReference, KtabRunTables) {
  REQUIRE_KTAB_DATA();
  for (const char* name :
       {"dummyData-a040", "dummyData-a080", "dummyData-a160", "dummyData_6Dim"}) {
    const auto problem = read_ktab_csv(ktab_dir() / fmt::format("{}.csv", name));
    const auto table = read_run_table(ktab_dir() / fmt::format("ktab-run-{}.csv", name));
    // These tables come from a KTAB build whose stopping rule is its code's (sum of moves, 0.02),
    // not its README's (RMS, 1/100): with the README rule they would run longer.
    const auto result = run_spatial_model(problem, ktab_code_options());
    const auto agreement = compare(result, problem, table);
    std::cout << "[ KTAB run ] " << name << ": our stop turn " << result.stop_turn
              << ", KTAB's last turn " << table.last_turn << "; "
              << (agreement.first_turn_mismatch < 0
                      ? fmt::format("all {} compared turns agree", agreement.turns_compared)
                      : "first difference: " + agreement.first_mismatch)
              << "\n";
    EXPECT_EQ(agreement.first_turn_mismatch, -1) << name << ": " << agreement.first_mismatch;
    EXPECT_EQ(result.stop_turn, table.last_turn) << name;
  }
}

}  // namespace
