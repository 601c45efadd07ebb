// Every file in tests/data/malformed gives its exact diagnostics and never crashes.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "linchpin/analytics/data/alliance_reader.hpp"
#include "linchpin/analytics/data/fas_reader.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/data/military_expenditure_reader.hpp"
#include "linchpin/analytics/data/nmc_reader.hpp"
#include "linchpin/analytics/data/state_system_reader.hpp"
#include "linchpin/analytics/data/trade_reader.hpp"
#include "test_support.hpp"

namespace linchpin::analytics {
namespace {

struct MalformedCase {
  std::string file;
  // Returns the rejected rows; header-level problems throw InputError instead.
  std::function<std::vector<RejectedRow>(const std::string&)> read;
  std::vector<std::string> expected;  // messages with the file name in place of the full path
};

std::vector<RejectedRow> nmc(const std::string& path) {
  return read_nmc(path).rows.rejected;
}
std::vector<RejectedRow> cow(const std::string& path) {
  return read_cow_alliances(path).rows.rejected;
}
std::vector<RejectedRow> atop(const std::string& path) {
  return read_atop_alliances(path).rows.rejected;
}
std::vector<RejectedRow> trade(const std::string& path) {
  return read_cow_trade(path).rejected;
}
std::vector<RejectedRow> cow_mid(const std::string& path) {
  return read_cow_mid_dyad_years(path).rows.rejected;
}
std::vector<RejectedRow> sipri(const std::string& path) {
  return read_sipri_milex(path).rows.rejected;
}
std::vector<RejectedRow> fas(const std::string& path) {
  return read_fas_stockpiles(path).rejected;
}
std::vector<RejectedRow> states(const std::string& path) {
  return read_state_system(path).rejected;
}
std::vector<RejectedRow> majors(const std::string& path) {
  return read_major_powers(path).rejected;
}

const std::vector<MalformedCase>& corpus() {
  static const std::vector<MalformedCase> cases = {
      {"nmc_truncated_row.csv", nmc, {"F:3: error: truncated row: 7 fields, header has 11"}},
      {"nmc_text_in_numeric.csv", nmc, {"F:3:4: error: milex: expected a number, found 'abc'"}},
      {"nmc_wrong_header.csv",
       nmc,
       {"F:1:3: error: wrong header: column 3 is 'yr', expected 'year'"}},
      {"nmc_negative_value.csv",
       nmc,
       {"F:3:7: error: pec: negative value -5 (only -9, missing, is allowed)"}},
      {"nmc_bad_exponent.csv",
       nmc,
       {"F:2:10: error: cinc: expected a number, found '4.6803671E-06x'"}},
      {"nmc_empty.csv", nmc, {"F:1: error: file is empty (no header row)"}},
      {"nmc_unterminated_quote.csv", nmc, {"F:2:1: error: unterminated quoted field"}},
      {"broken-cow-alliance-bad-flag.csv",
       cow,
       {"F:3:4: error: cow_defense: expected 0 or 1, found '2'"}},
      {"broken-cow-alliance-unordered.csv",
       cow,
       {"F:2:2: error: ccode2: undirected file expects ccode1 < ccode2, found 20 > 2"}},
      {"atop_text_year.csv",
       atop,
       {"F:2:3: error: year: expected an integer, found '19x2'",
        "F:3: error: too many fields: 9 fields, header has 8"}},
      {"states_bad_month.csv", states, {"F:2:5: error: stmonth: month must be 1 to 12"}},
      {"majors_missing_column.csv",
       majors,
       {"F:1: error: wrong header: column 8 'version' is missing"}},
      {"trade_negative_flow.csv",
       trade,
       {"F:3:5: error: flow2: negative value -9 (missing is an empty field)"}},
      {"trade_bad_dyad.csv",
       trade,
       {"F:2:2: error: ccode2: a dyad needs two different states",
        "F:3:2: error: ccode2: undirected file expects ccode1 < ccode2, found 31 > 2",
        "F:4:3: error: year: expected an integer, found '199O'"}},
      {"trade_wrong_header.csv",
       trade,
       {"F:1:4: error: wrong header: column 4 is 'imports1', expected 'flow1'"}},
      {"mid_bad_levels.csv",
       cow_mid,
       {"F:2:16: error: hostlev2: 6 is out of range 1 to 5",
        "F:3:9: error: fatality1: 7 is out of range 0 to 6",
        "F:4:3: error: ccode2: a dyad needs two different states"}},
      {"mid_gml_header_for_cow.csv",
       cow_mid,
       {"F:1:5: error: wrong header: column 5 is 'gmlmidongoing', expected 'cowmidongoing'"}},
      {"broken-sipri-bad-cells.csv",
       sipri,
       {"F:2:7: error: status: expected ok, unavailable or not_independent, found 'okay'",
        "F:3:6: error: milex_share_gdp: expected a number, found '2.2%'",
        "F:4:1: error: country: missing country name"}},
      {"broken-sipri-unknown-price-column.csv",
       sipri,
       {"F:1:4: error: wrong header: column 4 is 'milex_constant_usd_m', expected "
        "'milex_constYYYY_usd_m'"}},
      {"fas_bad_stockpile.csv",
       fas,
       {"F:2:2: error: year: 1944 is out of range 1945 to 2100",
        "F:3:3: error: nuclear_weapons_stockpile: -9 is out of range 0 to 1000000",
        "F:4:3: error: nuclear_weapons_stockpile: missing value (empty field)"}},
  };
  return cases;
}

std::vector<std::string> messages_of(const std::vector<Diagnostic>& diagnostics,
                                     const std::string& path) {
  std::vector<std::string> messages;
  for (const auto& diagnostic : diagnostics) {
    // Compare without the folder: the file's own name is replaced by "F".
    EXPECT_EQ(diagnostic.location.file, path);
    Diagnostic relative = diagnostic;
    relative.location.file = std::string(1, 'F');
    messages.push_back(relative.format());
  }
  return messages;
}

TEST(MalformedDataCorpus, EveryFileGivesItsPreciseDiagnostics) {
  const auto folder = test::source_dir() / "tests/data/malformed";
  for (const auto& item : corpus()) {
    SCOPED_TRACE(item.file);
    const std::string path = (folder / item.file).string();
    std::vector<std::string> messages;
    try {
      messages = messages_of(item.read(path), path);
    } catch (const InputError& error) {
      messages = messages_of(error.diagnostics(), path);
    }
    EXPECT_EQ(messages, item.expected);
  }
}

TEST(MalformedDataCorpus, EveryCsvInTheFolderIsCovered) {
  const auto folder = test::source_dir() / "tests/data/malformed";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    ++files;
    const auto name = entry.path().filename().string();
    EXPECT_TRUE(std::any_of(corpus().begin(), corpus().end(),
                            [&](const MalformedCase& item) { return item.file == name; }))
        << name << " has no expected diagnostics";
  }
  EXPECT_EQ(files, corpus().size());
}

TEST(MalformedDataCorpus, MissingFileIsAnInputError) {
  EXPECT_THROW(read_nmc("/nonexistent/NMC.csv"), InputError);
}

TEST(MalformedDataCorpus, RequireCleanThrowsEveryRejectedRow) {
  const auto path = (test::source_dir() / "tests/data/malformed/atop_text_year.csv").string();
  const auto data = read_atop_alliances(path);
  EXPECT_EQ(data.rows.data_rows, 2);
  EXPECT_TRUE(data.rows.records.empty());
  try {
    data.rows.require_clean();
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(error.diagnostics().size(), 2u);
  }
}

}  // namespace
}  // namespace linchpin::analytics
