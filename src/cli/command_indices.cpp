// `linchpin indices cinc|structure|similarity`: structural measures from the COW/ATOP data,
// as state-year or dyad-year panels keyed by COW codes and year (peacesciencer-style).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <map>
#include <optional>

#include "commands.hpp"
#include "linchpin/analytics/alliance_similarity.hpp"
#include "linchpin/analytics/cinc.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/system_structure.hpp"
#include "linchpin/analytics/trade_dependence.hpp"
#include "linchpin/core/text.hpp"

namespace linchpin::cli {

namespace {
using namespace linchpin::analytics;

// Streams rows as CSV or JSON; buffers them for an aligned table.
class PanelWriter {
 public:
  PanelWriter(std::string format, std::vector<std::string> columns)
      : format_(std::move(format)), columns_(std::move(columns)) {
    if (format_ == "csv") fmt::print("{}\n", fmt::join(columns_, ","));
    if (format_ == "json") fmt::print("[");
  }

  // Cells are already formatted; nullopt is a missing value.
  void row(const std::vector<std::optional<std::string>>& cells, const std::vector<bool>& numeric) {
    if (format_ == "csv") {
      std::vector<std::string> texts;
      for (const auto& cell : cells) texts.push_back(cell.value_or(""));
      fmt::print("{}\n", fmt::join(texts, ","));
    } else if (format_ == "json") {
      nlohmann::ordered_json object;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i])
          object[columns_[i]] = nullptr;
        else if (numeric[i])
          object[columns_[i]] = nlohmann::json::parse(*cells[i]);
        else
          object[columns_[i]] = *cells[i];
      }
      fmt::print("{}\n  {}", rows_ ? "," : "", object.dump());
    } else {
      std::vector<std::string> texts;
      for (const auto& cell : cells) texts.push_back(cell.value_or("NA"));
      table_.push_back(std::move(texts));
    }
    ++rows_;
  }

  void finish() {
    if (format_ == "json") fmt::print("{}]\n", rows_ ? "\n" : "");
    if (format_ != "table") return;
    std::vector<std::size_t> widths;
    for (const auto& column : columns_) widths.push_back(column.size());
    for (const auto& texts : table_)
      for (std::size_t i = 0; i < texts.size(); ++i)
        widths[i] = std::max(widths[i], texts[i].size());
    auto print_line = [&](const std::vector<std::string>& texts) {
      std::string line;
      for (std::size_t i = 0; i < texts.size(); ++i)
        line += fmt::format("{}{:>{}}", i ? "  " : "", texts[i], widths[i]);
      fmt::print("{}\n", line);
    };
    print_line(columns_);
    for (const auto& texts : table_) print_line(texts);
  }

 private:
  std::string format_;
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> table_;
  std::size_t rows_ = 0;
};

std::optional<std::string> number(std::optional<double> value) {
  if (!value) return std::nullopt;
  return fmt::format("{:.9g}", *value);
}
std::optional<std::string> integer(long long value) {
  return std::to_string(value);
}

struct YearRange {
  int first = 0;
  int last = 9999;
};

YearRange parse_years(const std::string& text) {
  YearRange range;
  if (text.empty()) return range;
  const auto dash = text.find('-');
  auto parse = [&](std::string_view part) {
    int value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size() || part.empty())
      throw_input_error({}, "--years", fmt::format("expected A-B or A, found '{}'", text));
    return value;
  };
  range.first = parse(std::string_view(text).substr(0, dash));
  range.last =
      dash == std::string::npos ? range.first : parse(std::string_view(text).substr(dash + 1));
  if (range.last < range.first)
    throw_input_error({}, "--years", fmt::format("range '{}' ends before it starts", text));
  return range;
}

// "USA,ROK,365" -> COW codes, using the state system file for abbreviations.
std::vector<int> parse_states(const std::string& text, const std::vector<MembershipSpell>& spells) {
  std::vector<int> codes;
  if (text.empty()) return codes;
  std::map<std::string, int> by_abbreviation;
  std::vector<std::string> known;
  for (const auto& spell : spells) {
    by_abbreviation[spell.state_abbreviation] = spell.ccode;
    known.push_back(spell.state_abbreviation);
  }
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int code = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), code);
    if (!item.empty() && error == std::errc() && end == item.data() + item.size()) {
      codes.push_back(code);
    } else if (by_abbreviation.count(item)) {
      codes.push_back(by_abbreviation[item]);
    } else {
      throw_input_error({}, "--states",
                        fmt::format("unknown state '{}'{}", item, did_you_mean(item, known)));
    }
    start = comma + 1;
  }
  return codes;
}

bool in_selection(const std::vector<int>& states, int ccode) {
  return states.empty() || std::find(states.begin(), states.end(), ccode) != states.end();
}

std::vector<StateYearCinc> load_cinc(const std::string& folder, const std::string& version) {
  const auto data =
      read_nmc(data_file(folder, version == "6" ? DataFiles::nmc_v6 : DataFiles::nmc_v7));
  data.rows.require_clean();
  return compute_cinc(data.rows.records);
}

void write_cinc(const IndicesArgs& args, const std::vector<StateYearCinc>& panel,
                const YearRange& years, const std::vector<int>& states) {
  PanelWriter writer(
      args.format, {"ccode", "stateabb", "year", "cinc", "cinc_published", "components_available"});
  const std::vector<bool> numeric = {true, false, true, true, true, true};
  for (const auto& row : panel) {
    if (row.year < years.first || row.year > years.last || !in_selection(states, row.ccode))
      continue;
    writer.row({integer(row.ccode), row.state_abbreviation, integer(row.year), number(row.cinc),
                number(row.published_cinc), integer(row.components_available)},
               numeric);
  }
  writer.finish();
}

void write_structure(const IndicesArgs& args, const SystemStructure& structure,
                     const YearRange& years) {
  if (args.transitions) {
    PanelWriter writer(args.format,
                       {"year", "riser_ccode", "overtaken_ccode", "ratio_before", "ratio_after"});
    for (const auto& t : structure.transitions) {
      if (t.year < years.first || t.year > years.last) continue;
      writer.row({integer(t.year), integer(t.riser_ccode), integer(t.overtaken_ccode),
                  number(t.ratio_before), number(t.ratio_after)},
                 {true, true, true, true, true});
    }
    writer.finish();
    return;
  }
  PanelWriter writer(args.format, {"year", "states", "major_powers", "con_all", "con_major",
                                   "effective_major_powers", "poles", "pole_ccodes"});
  for (const auto& y : structure.years) {
    if (y.year < years.first || y.year > years.last) continue;
    writer.row(
        {integer(y.year), integer(y.states), integer(y.major_powers), number(y.concentration_all),
         number(y.concentration_major), number(y.effective_major_powers),
         integer(std::ssize(y.pole_ccodes)), fmt::format("{}", fmt::join(y.pole_ccodes, ";"))},
        {true, true, true, true, true, true, true, false});
  }
  writer.finish();
}
// Shares need complete totals: 1990 on from the all-dyads file, earlier years from the
// focal-states file, whose totals are complete only for the six focal states.
void write_trade(const IndicesArgs& args, const std::string& folder, const YearRange& years,
                 const std::vector<int>& states) {
  std::vector<TradeDependence> panel;
  auto add = [&](const char* file, int first, int last, bool focal_only) {
    if (first > last) return;
    const auto rows = read_cow_trade(data_file(folder, file));
    rows.require_clean();
    TradeDependenceOptions options{first, last, states, {}};
    if (focal_only)
      options.complete_totals.assign(kTradeFocalStates.begin(), kTradeFocalStates.end());
    const auto part = trade_dependence(rows.records, options);
    panel.insert(panel.end(), part.begin(), part.end());
  };
  add(TradeFiles::focal_states, years.first, std::min(years.last, kTradeAllDyadsFirstYear - 1),
      true);
  add(TradeFiles::all_dyads, std::max(years.first, kTradeAllDyadsFirstYear), years.last, false);
  PanelWriter writer(args.format, {"ccode1", "ccode2", "year", "flow1", "flow2", "trade", "total1",
                                   "total2", "share1", "share2"});
  const std::vector<bool> numeric(10, true);
  for (const auto& d : panel) {
    writer.row(
        {integer(d.ccode1), integer(d.ccode2), integer(d.year), number(d.flow1), number(d.flow2),
         number(d.trade), number(d.total1), number(d.total2), number(d.share1), number(d.share2)},
        numeric);
  }
  writer.finish();
}
}  // namespace

void add_indices_command(CLI::App& app, IndicesArgs& args) {
  auto* command = app.add_subcommand(
      "indices",
      "Structural measures from COW/ATOP data: CINC, system structure, similarity, trade");
  command->add_option("measure", args.measure, "cinc, structure, similarity or trade")
      ->required()
      ->check(CLI::IsMember({"cinc", "structure", "similarity", "trade"}));
  command->add_option("--data", args.data,
                      std::string("Data folder (default: $") + kDataFolderVariable + ")");
  command->add_option("--years", args.years, "Years A-B or A (default: all)");
  command->add_option(
      "--states", args.states,
      "COW abbreviations or codes, e.g. USA,ROK,365 (dyadic measures: both in list)");
  command->add_option("--format", args.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--nmc", args.nmc_version, "NMC version for capabilities: 6 or 7")
      ->check(CLI::IsMember({"6", "7"}))
      ->capture_default_str();
  command->add_option("--alliances", args.alliances, "Alliance data for similarity: cow or atop")
      ->check(CLI::IsMember({"cow", "atop"}))
      ->capture_default_str();
  command->add_flag("--transitions", args.transitions,
                    "structure: list power transitions between major powers instead");
  command
      ->add_option("--pole-threshold", args.pole_threshold,
                   "structure: a pole holds at least this fraction of the strongest's CINC")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->footer(
      "Examples:\n"
      "  linchpin indices cinc --data ../shared/data --years 1990-2000 --states USA,CHN,ROK\n"
      "  linchpin indices structure --data ../shared/data --format csv > structure.csv\n"
      "  linchpin indices structure --data ../shared/data --transitions\n"
      "  linchpin indices similarity --data ../shared/data --alliances atop --years 2000 "
      "--states USA,ROK,JPN,CHN --format json\n"
      "  linchpin indices trade --data ../shared/data --states ROK,CHN,USA,JPN --years 1990-2014");
}

int run_indices(const IndicesArgs& args) {
  try {
    const std::string folder = resolve_data_folder(args.data);
    const YearRange years = parse_years(args.years);
    const auto states_file = read_state_system(data_file(folder, DataFiles::states));
    states_file.require_clean();
    const std::vector<int> states = parse_states(args.states, states_file.records);
    if (args.measure == "trade") {
      write_trade(args, folder, years, states);
      return kExitOk;
    }
    const auto cinc = load_cinc(folder, args.nmc_version);
    const int last_cinc_year = cinc.empty() ? 0 : cinc.back().year;

    if (args.measure == "cinc") {
      write_cinc(args, cinc, years, states);
    } else if (args.measure == "structure") {
      const auto majors = read_major_powers(data_file(folder, DataFiles::major_powers));
      majors.require_clean();
      const MembershipIndex major_index(majors.records, last_cinc_year);
      write_structure(args, compute_system_structure(cinc, major_index, args.pole_threshold),
                      years);
    } else {
      const bool atop = args.alliances == "atop";
      const auto alliances = atop
                                 ? read_atop_alliances(data_file(folder, DataFiles::atop_alliances))
                                 : read_cow_alliances(data_file(folder, DataFiles::cow_alliances));
      alliances.rows.require_clean();
      const MembershipIndex members(states_file.records, std::max(last_cinc_year, 2018));
      SimilarityOptions options{years.first, years.last, states};
      PanelWriter writer(args.format, {"ccode1", "ccode2", "year", "s_unweighted", "s_weighted",
                                       "kappa", "tau_b"});
      const std::vector<bool> numeric(7, true);
      for_each_dyad_similarity(alliances, members, cinc, options, [&](const DyadSimilarity& d) {
        writer.row({integer(d.ccode1), integer(d.ccode2), integer(d.year), number(d.s_unweighted),
                    number(d.s_weighted), number(d.kappa), number(d.tau_b)},
                   numeric);
      });
      writer.finish();
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
