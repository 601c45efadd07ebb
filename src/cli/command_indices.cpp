// `linchpin indices cinc|structure|similarity`: structural measures from the COW/ATOP data,
// as state-year or dyad-year panels keyed by COW codes and year (peacesciencer-style).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "commands.hpp"
#include "linchpin/analytics/alliance_similarity.hpp"
#include "linchpin/analytics/cinc.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/dispute_history.hpp"
#include "linchpin/analytics/system_structure.hpp"
#include "linchpin/analytics/trade_dependence.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/core/sha256.hpp"
#include "linchpin/core/text.hpp"
#include "linchpin/io/results_store.hpp"
#include "linchpin/io/table_writer.hpp"

namespace linchpin::cli {

namespace {
using namespace linchpin::analytics;

std::string quoted_argument(const std::string& text) {
  return text.find_first_of(" \t\"'") == std::string::npos ? text : "'" + text + "'";
}

// The options in effect, as one command line (main.cpp keeps the raw line for `run` only).
std::string command_line(const IndicesArgs& args, const std::string& folder) {
  std::vector<std::string> parts = {"linchpin", "indices", args.measure, "--data", folder};
  auto add = [&](const char* option, const std::string& value) {
    if (value.empty()) return;
    parts.push_back(option);
    parts.push_back(quoted_argument(value));
  };
  add("--years", args.years);
  add("--states", args.states);
  if (args.measure == "cinc" || args.measure == "structure" || args.measure == "similarity")
    add("--nmc", args.nmc_version);
  if (args.measure == "similarity") add("--alliances", args.alliances);
  if (args.measure == "structure") {
    if (args.transitions) parts.push_back("--transitions");
    add("--pole-threshold", fmt::format("{}", args.pole_threshold));
  }
  if (args.measure == "disputes") add("--source", args.source);
  if (args.out.empty()) {
    add("--format", args.format);
  } else {
    add("--out", args.out);
    if (args.force) parts.push_back("--force");
  }
  return fmt::format("{}", fmt::join(parts, " "));
}

std::string file_fingerprint(const std::string& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << stream.rdbuf();
  const std::string text = bytes.str();
  return fmt::format("sha256 {}, {} bytes", sha256_hex(text), text.size());
}

// What one `indices` invocation reads; recorded in the SQLite output's meta table.
class IndexContext {
 public:
  IndexContext(const IndicesArgs& args, std::string folder)
      : args_(args), folder_(std::move(folder)) {}
  const IndicesArgs& args() const { return args_; }
  // The path of a data file, noting that it was read.
  std::string file(const char* name) {
    const std::string path = data_file(folder_, name);
    if (std::find(files_.begin(), files_.end(), path) == files_.end()) files_.push_back(path);
    return path;
  }
  TableMetadata metadata(const std::string& table, std::size_t rows) const {
    std::error_code ignored;
    TableMetadata meta = {
        {"index", args_.measure},
        {"table", table},
        {"rows", std::to_string(rows)},
        {"data_folder", std::filesystem::absolute(folder_, ignored).lexically_normal().string()},
        {"command_line", command_line(args_, folder_)},
        {"engine_version", engine_version()},
        {"git_commit", engine_git_commit()},
        {"created_at", utc_timestamp()},
    };
    for (const auto& path : files_) {
      const auto name = std::filesystem::path(path).filename().string();
      meta.emplace_back("file:" + name, dataset_name(name) + ", " + file_fingerprint(path));
    }
    return meta;
  }

 private:
  const IndicesArgs& args_;
  std::string folder_;
  std::vector<std::string> files_;
};

// Streams rows as CSV, JSON or into an SQLite table (--out); buffers them for an aligned table.
class PanelWriter {
 public:
  PanelWriter(const IndexContext& context, std::string table, std::vector<std::string> columns,
              std::vector<bool> numeric)
      : context_(context),
        format_(context.args().out.empty() ? context.args().format : "sqlite"),
        table_(std::move(table)),
        columns_(std::move(columns)),
        numeric_(std::move(numeric)) {
    if (format_ == "csv") fmt::print("{}\n", fmt::join(columns_, ","));
    if (format_ == "json") fmt::print("[");
    if (format_ == "sqlite") {
      std::vector<TableColumn> definitions;
      for (std::size_t i = 0; i < columns_.size(); ++i)
        definitions.push_back({columns_[i], numeric_[i]});
      database_ = std::make_unique<SqliteTableWriter>(context.args().out, table_, definitions,
                                                      context.args().force);
    }
  }

  // Cells are already formatted; nullopt is a missing value.
  void row(const std::vector<std::optional<std::string>>& cells) {
    if (format_ == "sqlite") {
      database_->add_row(cells);
    } else if (format_ == "csv") {
      std::vector<std::string> texts;
      for (const auto& cell : cells) texts.push_back(cell.value_or(""));
      fmt::print("{}\n", fmt::join(texts, ","));
    } else if (format_ == "json") {
      nlohmann::ordered_json object;
      for (std::size_t i = 0; i < cells.size(); ++i) {
        if (!cells[i])
          object[columns_[i]] = nullptr;
        else if (numeric_[i])
          object[columns_[i]] = nlohmann::json::parse(*cells[i]);
        else
          object[columns_[i]] = *cells[i];
      }
      fmt::print("{}\n  {}", rows_ ? "," : "", object.dump());
    } else {
      std::vector<std::string> texts;
      for (const auto& cell : cells) texts.push_back(cell.value_or("NA"));
      table_rows_.push_back(std::move(texts));
    }
    ++rows_;
  }

  void finish() {
    if (format_ == "sqlite") {
      database_->finish(context_.metadata(table_, rows_));
      fmt::print(stderr, "wrote {} rows to {} (table {})\n", rows_, context_.args().out, table_);
    }
    if (format_ == "json") fmt::print("{}]\n", rows_ ? "\n" : "");
    if (format_ != "table") return;
    std::vector<std::size_t> widths;
    for (const auto& column : columns_) widths.push_back(column.size());
    for (const auto& texts : table_rows_)
      for (std::size_t i = 0; i < texts.size(); ++i)
        widths[i] = std::max(widths[i], texts[i].size());
    auto print_line = [&](const std::vector<std::string>& texts) {
      std::string line;
      for (std::size_t i = 0; i < texts.size(); ++i)
        line += fmt::format("{}{:>{}}", i ? "  " : "", texts[i], widths[i]);
      fmt::print("{}\n", line);
    };
    print_line(columns_);
    for (const auto& texts : table_rows_) print_line(texts);
  }

 private:
  const IndexContext& context_;
  std::string format_;
  std::string table_;
  std::vector<std::string> columns_;
  std::vector<bool> numeric_;
  std::vector<std::vector<std::string>> table_rows_;
  std::unique_ptr<SqliteTableWriter> database_;
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

std::vector<StateYearCinc> load_cinc(IndexContext& context) {
  const bool v6 = context.args().nmc_version == "6";
  const auto data = read_nmc(context.file(v6 ? DataFiles::nmc_v6 : DataFiles::nmc_v7));
  data.rows.require_clean();
  return compute_cinc(data.rows.records);
}

bool in_years(int year, const YearRange& years) {
  return year >= years.first && year <= years.last;
}

void write_cinc(IndexContext& context, const std::vector<StateYearCinc>& panel,
                const YearRange& years, const std::vector<int>& states) {
  PanelWriter writer(
      context, "cinc",
      {"ccode", "stateabb", "year", "cinc", "cinc_published", "components_available"},
      {true, false, true, true, true, true});
  for (const auto& row : panel) {
    if (!in_years(row.year, years) || !in_selection(states, row.ccode)) continue;
    writer.row({integer(row.ccode), row.state_abbreviation, integer(row.year), number(row.cinc),
                number(row.published_cinc), integer(row.components_available)});
  }
  writer.finish();
}

void write_structure(IndexContext& context, const SystemStructure& structure,
                     const YearRange& years) {
  if (context.args().transitions) {
    PanelWriter writer(context, "structure_transitions",
                       {"year", "riser_ccode", "overtaken_ccode", "ratio_before", "ratio_after"},
                       std::vector<bool>(5, true));
    for (const auto& t : structure.transitions) {
      if (!in_years(t.year, years)) continue;
      writer.row({integer(t.year), integer(t.riser_ccode), integer(t.overtaken_ccode),
                  number(t.ratio_before), number(t.ratio_after)});
    }
    writer.finish();
    return;
  }
  PanelWriter writer(context, "structure",
                     {"year", "states", "major_powers", "con_all", "con_major",
                      "effective_major_powers", "poles", "pole_ccodes"},
                     {true, true, true, true, true, true, true, false});
  for (const auto& y : structure.years) {
    if (!in_years(y.year, years)) continue;
    writer.row({integer(y.year), integer(y.states), integer(y.major_powers),
                number(y.concentration_all), number(y.concentration_major),
                number(y.effective_major_powers), integer(std::ssize(y.pole_ccodes)),
                fmt::format("{}", fmt::join(y.pole_ccodes, ";"))});
  }
  writer.finish();
}

void write_similarity(IndexContext& context, const std::vector<StateYearCinc>& cinc,
                      const std::vector<MembershipSpell>& spells, const YearRange& years,
                      const std::vector<int>& states) {
  const bool atop = context.args().alliances == "atop";
  const auto alliances = atop ? read_atop_alliances(context.file(DataFiles::atop_alliances))
                              : read_cow_alliances(context.file(DataFiles::cow_alliances));
  alliances.rows.require_clean();
  const int last_cinc_year = cinc.empty() ? 0 : cinc.back().year;
  const MembershipIndex members(spells, std::max(last_cinc_year, 2018));
  SimilarityOptions options{years.first, years.last, states};
  PanelWriter writer(context, "similarity",
                     {"ccode1", "ccode2", "year", "s_unweighted", "s_weighted", "kappa", "tau_b"},
                     std::vector<bool>(7, true));
  for_each_dyad_similarity(alliances, members, cinc, options, [&](const DyadSimilarity& d) {
    writer.row({integer(d.ccode1), integer(d.ccode2), integer(d.year), number(d.s_unweighted),
                number(d.s_weighted), number(d.kappa), number(d.tau_b)});
  });
  writer.finish();
}

// Shares need complete totals: 1990 on from the all-dyads file, earlier years from the
// focal-states file, whose totals are complete only for the six focal states.
void write_trade(IndexContext& context, const YearRange& years, const std::vector<int>& states) {
  std::vector<TradeDependence> panel;
  auto add = [&](const char* file, int first, int last, bool focal_only) {
    if (first > last) return;
    const auto rows = read_cow_trade(context.file(file));
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
  PanelWriter writer(context, "trade",
                     {"ccode1", "ccode2", "year", "flow1", "flow2", "trade", "total1", "total2",
                      "share1", "share2"},
                     std::vector<bool>(10, true));
  for (const auto& d : panel) {
    writer.row({integer(d.ccode1), integer(d.ccode2), integer(d.year), number(d.flow1),
                number(d.flow2), number(d.trade), number(d.total1), number(d.total2),
                number(d.share1), number(d.share2)});
  }
  writer.finish();
}

std::optional<std::string> maybe_integer(std::optional<int> value) {
  if (!value) return std::nullopt;
  return integer(*value);
}

void write_disputes(IndexContext& context, const YearRange& years, const std::vector<int>& states) {
  const bool gml = context.args().source == "gml";
  const auto data = gml ? read_gml_mid_dyad_years(context.file(MidFiles::gml))
                        : read_cow_mid_dyad_years(context.file(MidFiles::cow));
  data.rows.require_clean();
  const auto [first, last] = dispute_data_years(data.rows.records);
  if (years.last < first || years.first > last)
    throw_input_error({}, "--years",
                      fmt::format("the {} MID file covers {}-{} only", mid_source_name(data.source),
                                  first, last));
  PanelWriter writer(
      context, "disputes",
      {"ccode1", "ccode2", "first_year", "last_year", "dispute_years", "disputes", "onsets",
       "max_hostlev", "max_fatality", "fatality_missing", "first_dispute", "last_dispute"},
      std::vector<bool>(12, true));
  for (const auto& h : dispute_history(data.rows.records, {years.first, years.last, states})) {
    writer.row({integer(h.ccode1), integer(h.ccode2), integer(h.first_year), integer(h.last_year),
                integer(h.dispute_years), integer(h.disputes), integer(h.onsets),
                maybe_integer(h.max_hostlev), maybe_integer(h.max_fatality),
                integer(h.fatality_missing), maybe_integer(h.first_dispute_year),
                maybe_integer(h.last_dispute_year)});
  }
  writer.finish();
}
}  // namespace

void add_indices_command(CLI::App& app, IndicesArgs& args) {
  auto* command = app.add_subcommand(
      "indices",
      "Structural measures from COW/ATOP data: CINC, structure, similarity, trade, disputes");
  command->add_option("measure", args.measure, "cinc, structure, similarity, trade or disputes")
      ->required()
      ->check(CLI::IsMember({"cinc", "structure", "similarity", "trade", "disputes"}));
  command->add_option("--data", args.data,
                      std::string("Data folder (default: $") + kDataFolderVariable + ")");
  command->add_option("--years", args.years, "Years A-B or A (default: all)");
  command->add_option(
      "--states", args.states,
      "COW abbreviations or codes, e.g. USA,ROK,365 (dyadic measures: both in list)");
  command->add_option("--format", args.format, "table, csv or json (ignored with --out)")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("-o,--out", args.out,
                      "Write the table to a new SQLite file (table named after the measure, "
                      "plus a meta table)");
  command->add_flag("-f,--force", args.force, "Replace the --out file if it exists");
  command->add_option("--nmc", args.nmc_version, "NMC version for capabilities: 6 or 7")
      ->check(CLI::IsMember({"6", "7"}))
      ->capture_default_str();
  command->add_option("--alliances", args.alliances, "Alliance data for similarity: cow or atop")
      ->check(CLI::IsMember({"cow", "atop"}))
      ->capture_default_str();
  command->add_option("--source", args.source, "MID data for disputes: cow (v5.0) or gml (v2.2.1)")
      ->check(CLI::IsMember({"cow", "gml"}))
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
      "  linchpin indices trade --data ../shared/data --states ROK,CHN,USA,JPN --years 1990-2014\n"
      "  linchpin indices disputes --data ../shared/data --states USA,PRK --years 1950-2014 "
      "--source gml\n"
      "  linchpin indices similarity --data ../shared/data --out similarity.sqlite");
}

int run_indices(const IndicesArgs& args) {
  try {
    // Refuse an existing output before reading anything, as `run` does.
    if (!args.out.empty()) check_output_path(args.out, args.force);
    IndexContext context(args, resolve_data_folder(args.data));
    const YearRange years = parse_years(args.years);
    const auto states_file = read_state_system(context.file(DataFiles::states));
    states_file.require_clean();
    const std::vector<int> states = parse_states(args.states, states_file.records);
    if (args.measure == "trade") {
      write_trade(context, years, states);
    } else if (args.measure == "disputes") {
      write_disputes(context, years, states);
    } else if (args.measure == "cinc") {
      write_cinc(context, load_cinc(context), years, states);
    } else if (args.measure == "structure") {
      const auto cinc = load_cinc(context);
      const auto majors = read_major_powers(context.file(DataFiles::major_powers));
      majors.require_clean();
      const MembershipIndex major_index(majors.records, cinc.empty() ? 0 : cinc.back().year);
      write_structure(context, compute_system_structure(cinc, major_index, args.pole_threshold),
                      years);
    } else {
      write_similarity(context, load_cinc(context), states_file.records, years, states);
    }
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
