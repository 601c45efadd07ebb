// Validation of the Korea scenarios' party stance distributions against the coded record of
// past administrations in data/leaders (rubric and sources in data/leaders/README.md): every
// party with coded administrations before the scenario start must use exactly the codebook's
// default rule, Uniform(max(0, min - 0.05), min(1, max + 0.05)) over its non-empty codes; a
// party without any coded administration must cite a source of kind 'assumption'.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "linchpin/api/linchpin_api.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

struct Range {
  double low = 2.0;
  double high = -1.0;
  int n = 0;
};

// ROK party lineage as tabulated in data/leaders/README.md ("Party lineage").
std::string lineage(const std::string& actor, const std::string& party) {
  if (actor != "ROK") return party;
  static const std::map<std::string, std::string> kLineage = {
      {"DJP", "PPP"}, {"DLP", "PPP"},  {"GNP", "PPP"},  {"SAENURI", "PPP"}, {"PPP", "PPP"},
      {"NKP", "PPP"}, {"LKP", "PPP"},  {"NCNP", "DPK"}, {"MDP", "DPK"},     {"DPK", "DPK"},
      {"URI", "DPK"}, {"UNDP", "DPK"}, {"UDP", "DPK"}};
  const auto it = kLineage.find(party);
  return it == kLineage.end() ? party : it->second;
}

// (party, dimension) -> observed range over administrations that began before `start`.
std::map<std::pair<std::string, std::string>, Range> coded_ranges(const std::string& actor,
                                                                  const std::string& file,
                                                                  const std::string& start) {
  const auto rows = test::read_csv_rows(test::source_dir() / "data/leaders" / file);
  EXPECT_FALSE(rows.empty()) << file;
  if (rows.empty()) return {};
  const auto& header = rows[0];
  std::map<std::pair<std::string, std::string>, Range> ranges;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& fields = rows[r];
    if (fields.size() < 9 || fields[2] >= start) continue;
    const std::string party = lineage(actor, fields[1]);
    for (std::size_t c = 4; c < 9; ++c) {
      if (fields[c].empty()) continue;
      auto& range = ranges[{party, header[c]}];
      const double value = std::stod(fields[c]);
      range.low = std::min(range.low, value);
      range.high = std::max(range.high, value);
      ++range.n;
    }
  }
  return ranges;
}

TEST(ValidationLeaderStanceCoding, PartyStancesFollowTheCodebookRule) {
  const std::map<std::string, std::string> files = {{"USA", "us_administrations.csv"},
                                                    {"ROK", "rok_administrations.csv"},
                                                    {"JPN", "japan_administrations.csv"}};
  for (const char* path : {"scenarios/korea-2026.yaml", "scenarios/korea-2023.yaml"}) {
    const Scenario scenario = load_scenario((test::source_dir() / path).string());
    const std::string start = scenario.start_month().to_string();
    const auto& dimensions = scenario.politics().stance_dimensions;
    int checked = 0;
    for (const auto& system : scenario.politics().systems) {
      const std::string actor = scenario.actors()[system.actor].id;
      ASSERT_TRUE(files.count(actor)) << actor;
      const auto ranges = coded_ranges(actor, files.at(actor), start);
      for (const auto& party : system.parties) {
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
          SCOPED_TRACE(std::string(path) + " " + actor + " " + party.id + " " + dimensions[d].id);
          const Quantity& stance = party.stances[d];
          const auto it = ranges.find({party.id, dimensions[d].id});
          if (it == ranges.end()) {
            const auto& sources = scenario.definition().sources;
            const auto source = std::find_if(sources.begin(), sources.end(), [&](const Source& s) {
              return s.id == stance.source;
            });
            ASSERT_NE(source, sources.end());
            EXPECT_EQ(source->kind, SourceKind::assumption);
            continue;
          }
          ASSERT_EQ(stance.kind, DistributionKind::uniform);
          EXPECT_NEAR(stance.low, std::max(0.0, it->second.low - 0.05), 1e-9);
          EXPECT_NEAR(stance.high, std::min(1.0, it->second.high + 0.05), 1e-9);
          EXPECT_EQ(stance.source.rfind("leaders-coding-", 0), 0u) << stance.source;
          ++checked;
        }
      }
    }
    EXPECT_GE(checked, 20) << path;  // US x2, ROK x2, Japan's LDP, five dimensions (some empty)
  }
}

// The sitting executives' own stances are their coded rows (the row whose tenure starts in the
// incumbent's month), Uniform(code - 0.05, code + 0.05) clipped to [0, 1].
TEST(ValidationLeaderStanceCoding, IncumbentStancesAreTheirCodedRows) {
  const std::map<std::string, std::string> files = {{"USA", "us_administrations.csv"},
                                                    {"ROK", "rok_administrations.csv"},
                                                    {"JPN", "japan_administrations.csv"}};
  for (const char* path : {"scenarios/korea-2026.yaml", "scenarios/korea-2023.yaml"}) {
    const Scenario scenario = load_scenario((test::source_dir() / path).string());
    const auto& dimensions = scenario.politics().stance_dimensions;
    int executives = 0;
    for (const auto& system : scenario.politics().systems) {
      const std::string actor = scenario.actors()[system.actor].id;
      for (const auto& office : system.offices) {
        if (office.kind != OfficeKind::executive) continue;
        ++executives;
        SCOPED_TRACE(std::string(path) + " " + actor + " " + office.incumbent_leader);
        std::vector<std::string> coded;
        const auto rows =
            test::read_csv_rows(test::source_dir() / "data/leaders" / files.at(actor));
        for (std::size_t r = 1; r < rows.size(); ++r) {
          if (rows[r].size() >= 9 && rows[r][2] == office.incumbent_since.to_month().to_string()) {
            EXPECT_TRUE(coded.empty()) << "two coded rows start in the same month";
            coded = rows[r];
          }
        }
        ASSERT_FALSE(coded.empty())
            << "no coded row starts in " << office.incumbent_since.to_string();
        ASSERT_EQ(office.incumbent_stances.size(), dimensions.size());
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
          ASSERT_TRUE(office.incumbent_stances[d].has_value()) << dimensions[d].id;
          const auto& stance = *office.incumbent_stances[d];
          const double code = std::stod(coded[4 + d]);
          ASSERT_EQ(stance.kind, DistributionKind::uniform);
          EXPECT_NEAR(stance.low, std::max(0.0, code - 0.05), 1e-9) << dimensions[d].id;
          EXPECT_NEAR(stance.high, std::min(1.0, code + 0.05), 1e-9) << dimensions[d].id;
        }
      }
    }
    EXPECT_EQ(executives, 3) << path;
  }
}

}  // namespace
}  // namespace linchpin
