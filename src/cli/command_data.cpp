// `linchpin data check`: which public data sets are present, their versions, row counts and
// every row a reader had to reject. `linchpin data theatre-rates`: the UCDP/PRIO base rates of
// the theatres' calm / crisis / war chain (docs/models/theatres.md).
#include <fmt/format.h>

#include <filesystem>
#include <functional>

#include "commands.hpp"
#include "linchpin/analytics/conflict_base_rates.hpp"
#include "linchpin/analytics/data/alliance_reader.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/fas_reader.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/data/military_expenditure_reader.hpp"
#include "linchpin/analytics/data/nmc_reader.hpp"
#include "linchpin/analytics/data/state_system_reader.hpp"
#include "linchpin/analytics/data/trade_reader.hpp"
#include "linchpin/analytics/data/ucdp_reader.hpp"

namespace linchpin::cli {

namespace {
using namespace linchpin::analytics;

struct DatasetSummary {
  std::string version;
  std::int64_t rows = 0;
  std::int64_t accepted = 0;
  std::vector<RejectedRow> rejected;
};

template <typename Record>
DatasetSummary summarise(std::string version, const ReadResult<Record>& result) {
  return {std::move(version), result.data_rows, std::int64_t(result.records.size()),
          result.rejected};
}

struct DatasetReader {
  const char* file;
  const char* name;
  std::function<DatasetSummary(const std::string&)> read;
};

std::string vintage_of(const ReadResult<MembershipSpell>& result) {
  return result.records.empty() ? "" : "v" + std::to_string(result.records.front().vintage);
}

// The release is not in the file; its constant-price base year identifies it.
DatasetSummary read_sipri(const std::string& path) {
  const auto data = read_sipri_milex(path);
  return summarise(fmt::format("constant {} US$", data.price_year), data.rows);
}

const std::vector<DatasetReader>& dataset_readers() {
  static const std::vector<DatasetReader> readers = {
      {DataFiles::nmc_v6, "COW National Material Capabilities",
       [](const std::string& path) {
         const auto data = read_nmc(path);
         return summarise("v" + std::string(nmc_layout_name(data.layout)) + " (version field " +
                              data.version_field + ")",
                          data.rows);
       }},
      {DataFiles::nmc_v7, "COW National Material Capabilities",
       [](const std::string& path) {
         const auto data = read_nmc(path);
         return summarise("v" + std::string(nmc_layout_name(data.layout)), data.rows);
       }},
      {DataFiles::states, "COW state system membership",
       [](const std::string& path) {
         const auto data = read_state_system(path);
         return summarise(vintage_of(data), data);
       }},
      {DataFiles::major_powers, "COW major powers",
       [](const std::string& path) {
         const auto data = read_major_powers(path);
         return summarise(vintage_of(data), data);
       }},
      {DataFiles::cow_alliances, "COW Formal Alliances (dyad-year)",
       [](const std::string& path) { return summarise("v4.1", read_cow_alliances(path).rows); }},
      {DataFiles::atop_alliances, "ATOP (directed dyad-year)",
       [](const std::string& path) { return summarise("v5.1", read_atop_alliances(path).rows); }},
      {TradeFiles::all_dyads, "COW Dyadic Trade (all dyads)",
       [](const std::string& path) { return summarise("v4.0", read_cow_trade(path)); }},
      {TradeFiles::focal_states, "COW Dyadic Trade (six focal states)",
       [](const std::string& path) { return summarise("v4.0", read_cow_trade(path)); }},
      {MidFiles::cow, "COW MID (directed dyad-year)",
       [](const std::string& path) {
         return summarise("v5.0", read_cow_mid_dyad_years(path).rows);
       }},
      {MidFiles::gml, "GML MID (directed dyad-year)",
       [](const std::string& path) {
         return summarise("v2.2.1", read_gml_mid_dyad_years(path).rows);
       }},
      {SipriFiles::release_2021, "SIPRI Military Expenditure", read_sipri},
      {SipriFiles::release_2024, "SIPRI Military Expenditure", read_sipri},
      {FasFiles::stockpiles, "FAS nuclear warhead stockpiles",
       [](const std::string& path) { return summarise("2023", read_fas_stockpiles(path)); }},
      {UcdpFiles::acd_v21_1, "UCDP/PRIO Armed Conflict Dataset",
       [](const std::string& path) {
         const auto data = read_ucdp_acd(path);
         return summarise("v" + data.version, data.rows);
       }},
  };
  return readers;
}
}  // namespace

std::string dataset_name(const std::string& file) {
  for (const auto& reader : dataset_readers())
    if (file == reader.file) return reader.name;
  return file;
}

void add_data_command(CLI::App& app, DataArgs& args) {
  auto* data = app.add_subcommand(
      "data", "Inspect the public data sets (COW, ATOP, MID, SIPRI, FAS, UCDP) read in place");
  data->require_subcommand(1);
  auto* check = data->add_subcommand(
      "check", "Report which data sets are present, their versions, row counts and rejected rows");
  check->add_option("--data", args.data,
                    std::string("Data folder (default: $") + kDataFolderVariable + ")");
  check->footer(
      "Examples:\n"
      "  linchpin data check --data ../shared/data\n"
      "  LINCHPIN_DATA=../shared/data linchpin data check");
  check->callback([&args] { args.command = "check"; });

  auto* rates = data->add_subcommand(
      "theatre-rates",
      "Fit the theatres' monthly calm/crisis/war transition priors on UCDP/PRIO conflict data");
  rates->add_option("--data", args.data,
                    std::string("Data folder holding ") + UcdpFiles::acd_v21_1 + " (default: $" +
                        kDataFolderVariable + ")");
  rates->add_option("--ucdp", args.ucdp, "The UCDP/PRIO ACD conflict-year CSV (overrides --data)");
  rates
      ->add_option("--first-year", args.first_year,
                   "First year of the records (a theatre's record starts no earlier than its "
                   "own first year)")
      ->capture_default_str();
  rates->add_option("--last-year", args.last_year,
                    "Last year used (default: the last year in the data)");
  rates->add_option("--level", args.level, "Posterior interval level")
      ->check(CLI::Range(0.5, 0.999))
      ->capture_default_str();
  rates->add_option("--format", args.format, "table or yaml")
      ->check(CLI::IsMember({"table", "yaml"}))
      ->capture_default_str();
  rates->footer(
      "Examples:\n"
      "  linchpin data theatre-rates --data ../shared/data\n"
      "  linchpin data theatre-rates --ucdp ../shared/data/ucdp/ucdp-prio-acd-211.csv "
      "--last-year 1999 --format yaml");
  rates->callback([&args] { args.command = "theatre-rates"; });

  auto* fit = data->add_subcommand(
      "fit-crisis-game",
      "Fit the deterrence mechanism on the Korean MIDs 1953-2025 (COW MID 5.0 + project coding): "
      "onset rate, fatal and display shares, and the crisis game's posterior "
      "(docs/models/crisis_game.md)");
  fit->add_option("--data", args.data,
                  std::string("Data folder (default: $") + kDataFolderVariable + ")");
  fit->add_option("--last-year", args.crisis_last_year,
                  "Last year fitted (default 2025; the korea-2000 backtest uses 2015)")
      ->check(CLI::Range(1954, 2100));
  fit->add_option("--mids", args.mids,
                  "Project-coded MIDs after 2014 (default data/history/korea_mids_2015_2025.csv)");
  fit->callback([&args] { args.fit_crisis_game = true; });
  fit->footer(
      "Examples:\n"
      "  linchpin data fit-crisis-game --data ../shared/data\n"
      "  linchpin data fit-crisis-game --data ../shared/data --last-year 2015");

  auto* regimes_fit = data->add_subcommand(
      "fit-regimes",
      "Fit the regime-switching (hidden Markov) count model to a yearly record and print it");
  regimes_fit->add_option("--record", args.record, "Yearly record CSV (first column 'year')")
      ->capture_default_str();
  regimes_fit->add_option("--column", args.column, "Count column to fit")->capture_default_str();
  regimes_fit->add_option("--modulated-column", args.modulated_column,
                  "Second count column given rates per regime of the same chain ('' = none)")
      ->capture_default_str();
  regimes_fit->add_option("--last-year", args.last_year,
                  "Fit on years <= this (default: the record's last counted year)");
  regimes_fit->add_option("--regimes", args.regimes, "Number of regimes")
      ->check(CLI::Range(1, 5))
      ->capture_default_str();
  regimes_fit->add_option("--distribution", args.distribution,
                  "Count law within a regime: negative_binomial or poisson")
      ->capture_default_str();
  regimes_fit->add_option("--bootstrap", args.bootstrap, "Parametric bootstrap replicates (0 = none)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  regimes_fit->add_option("--threshold", args.threshold,
                  "Report P(count >= threshold) in a year (31 = 2022's launch events)")
      ->capture_default_str();
  regimes_fit->add_option("--transition-prior", args.transition_prior,
                  "Pseudo-transitions added to every cell of the transition matrix (Dirichlet "
                  "prior; 0 = pure maximum likelihood)")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  regimes_fit->add_option("--filter-year", args.filter_year,
                  "Also print the filtered regime probabilities at the end of this year (a start "
                  "before the fit's last year, as for korea-2000)");
  regimes_fit->final_callback([&args] { args.fit_regimes = true; });
  regimes_fit->footer(
      "Examples:\n"
      "  linchpin data fit-regimes\n"
      "  linchpin data fit-regimes --last-year 2015 --bootstrap 500");
}

namespace {
constexpr std::array<UcdpRegion, 5> kRegions = {UcdpRegion::europe, UcdpRegion::middle_east,
                                                UcdpRegion::asia, UcdpRegion::africa,
                                                UcdpRegion::americas};
constexpr std::array<ConflictTypeSet, 3> kTypeSets = {
    ConflictTypeSet::interstate, ConflictTypeSet::internationalised, ConflictTypeSet::both};

// Theatre condition names for the chain's conditions (minor armed conflict ~ crisis).
std::string_view theatre_condition(RegionCondition c) {
  return c == RegionCondition::calm ? "calm" : c == RegionCondition::minor ? "crisis" : "war";
}

std::string record_name(const TheatreRecord& record) {
  if (record.conflict_id != 0) return fmt::format("UCDP conflict {}", record.conflict_id);
  return fmt::format("{} {}{}", enum_name(kUcdpRegionNames, record.region),
                     enum_name(kConflictTypeSetNames, record.types),
                     record.sole_region ? " (sole)" : "");
}

// Four significant digits: what the scenarios carry and the validation test compares.
std::string beta_quantity(const ChainTransition& t) {
  return fmt::format("{{distribution: beta, alpha: {:.4g}, beta: {:.4g}}}", t.beta_alpha,
                     t.beta_beta);
}

std::string percent_interval(const PosteriorSummary& p) {
  return fmt::format("{:.3f}% [{:.3f}, {:.3f}]", 100 * p.mean, 100 * p.low, 100 * p.high);
}

void print_table(const UcdpData& data, const std::string& path, int first, int last, double level) {
  fmt::print(
      "UCDP/PRIO Armed Conflict Dataset {} ({} conflict-years) at {}\n"
      "Years {}-{}; types: interstate (2), internationalised intrastate (4), both; region-year "
      "condition:\n"
      "calm = no active conflict of the types in the region, minor = 25-999 battle deaths, war = "
      "a conflict at 1,000+.\n"
      "Posteriors: Jeffreys Dirichlet(1/2) per origin row, {:.0f}% equal-tailed intervals; "
      "monthly = yearly x (1-(1-q)^(1/12))/q.\n\n",
      data.version, data.rows.records.size(), path, first, last, 100 * level);
  fmt::print(
      "Region-year chains\n{:<12} {:<17} {:>4} {:>5} {:>3}  {:<11} {:>7}  {:<26} {:<26} {}\n",
      "region", "types", "calm", "minor", "war", "transition", "n/risk", "yearly mean [interval]",
      "monthly mean [interval]", "monthly beta");
  for (const auto region : kRegions)
    for (const auto types : kTypeSets) {
      const auto fit = fit_region_chain(data.rows.records, region, types, first, last, level);
      bool head = true;
      for (const auto& t : fit.transitions) {
        const auto counts = head ? fmt::format("{:>4} {:>5} {:>3}", fit.years_in[0],
                                               fit.years_in[1], fit.years_in[2])
                                 : std::string(14, ' ');
        fmt::print(
            "{:<12} {:<17} {}  {:<11} {:>7}  {:<26} {:<26} {}\n",
            head ? enum_name(kUcdpRegionNames, region) : "",
            head ? enum_name(kConflictTypeSetNames, types) : "", counts,
            fmt::format("{}->{}", enum_name(kRegionConditionNames, t.from),
                        enum_name(kRegionConditionNames, t.to)),
            fmt::format("{}/{}", t.events, t.at_risk), percent_interval(t.yearly),
            t.identified() ? percent_interval(t.monthly) : "not identified",
            t.identified() ? fmt::format("({:.4g}, {:.4g})", t.beta_alpha, t.beta_beta) : "");
        head = false;
      }
    }

  fmt::print(
      "\nConflict-level rates (a conflict counts in every region it lists)\n{:<12} {:<17} "
      "{:>7} {:<28} {:<28} {:<28} {}\n",
      "region", "types", "years", "war onsets /region-yr", "minor onsets /region-yr",
      "war ends /war-yr", "minor->war /minor-yr");
  for (const auto region : kRegions)
    for (const auto types : kTypeSets) {
      const auto r = conflict_level_rates(data.rows.records, region, types, first, last, level);
      const auto rate = [](int n, const PosteriorSummary& p) {
        return fmt::format("{:>3}: {:.3f} [{:.3f}, {:.3f}]", n, p.mean, p.low, p.high);
      };
      const auto share = [](int n, int at_risk, const PosteriorSummary& p) {
        return fmt::format("{}/{}: {:.2f} [{:.2f}, {:.2f}]", n, at_risk, p.mean, p.low, p.high);
      };
      fmt::print("{:<12} {:<17} {:>7} {:<28} {:<28} {:<28} {}\n",
                 enum_name(kUcdpRegionNames, region), enum_name(kConflictTypeSetNames, types),
                 r.region_years, rate(r.war_onsets, r.war_onset_rate),
                 rate(r.minor_onsets, r.minor_onset_rate),
                 share(r.war_terminations, r.war_years_at_risk, r.termination),
                 share(r.escalations, r.minor_years_at_risk, r.escalation));
    }

  fmt::print("\nTheatre priors (monthly transition probabilities for the scenarios, data to {})\n",
             last);
  fmt::print("{:<14} {:<14} {:<22} {:>7}  {:<30} {}\n", "theatre", "transition", "record", "n/risk",
             "monthly mean [interval]", "scenario quantity / note");
  for (const auto& record : kTheatreRecords) {
    const auto fit = fit_theatre_record(data.rows.records, record, last, level, first);
    for (const auto& prior : theatre_priors(fit, record)) {
      fmt::print(
          "{:<14} {:<14} {:<22} {:>7}  {:<30} {}\n", record.theatre_id,
          fmt::format("{}->{}", theatre_condition(prior.from), theatre_condition(prior.to)),
          record_name(record),
          prior.fitted ? fmt::format("{}/{}", prior.fitted->events, prior.fitted->at_risk) : "-",
          prior.fitted ? percent_interval(prior.fitted->monthly) : "-",
          prior.fitted ? beta_quantity(*prior.fitted) : prior.note);
    }
  }
}

void print_summary_yaml(const char* key, const PosteriorSummary& p, const char* indent) {
  fmt::print("{}{}: {{mean: {:.6g}, sd: {:.6g}, low: {:.6g}, high: {:.6g}}}\n", indent, key, p.mean,
             p.sd, p.low, p.high);
}

void print_yaml(const UcdpData& data, const std::string& path, int first, int last, double level) {
  fmt::print("data: {{file: \"{}\", version: \"{}\", conflict_years: {}}}\n", path, data.version,
             data.rows.records.size());
  fmt::print("first_year: {}\nlast_year: {}\nlevel: {}\nregion_chains:\n", first, last, level);
  for (const auto region : kRegions)
    for (const auto types : kTypeSets) {
      const auto fit = fit_region_chain(data.rows.records, region, types, first, last, level);
      fmt::print("  - region: {}\n    types: {}\n    years: {{calm: {}, minor: {}, war: {}}}\n",
                 enum_name(kUcdpRegionNames, region), enum_name(kConflictTypeSetNames, types),
                 fit.years_in[0], fit.years_in[1], fit.years_in[2]);
      fmt::print("    transitions:\n");
      for (const auto& t : fit.transitions) {
        fmt::print("      - from: {}\n        to: {}\n        events: {}\n        at_risk: {}\n",
                   enum_name(kRegionConditionNames, t.from), enum_name(kRegionConditionNames, t.to),
                   t.events, t.at_risk);
        print_summary_yaml("yearly", t.yearly, "        ");
        print_summary_yaml("monthly", t.monthly, "        ");
      }
    }
  // Scenario-ready monthly priors, in the scenario's theatre layout.
  fmt::print("theatres:\n");
  for (const auto& record : kTheatreRecords) {
    const auto fit = fit_theatre_record(data.rows.records, record, last, level, first);
    fmt::print("  {}:\n    record: \"{}, {}-{}{}\"\n    transitions:\n", record.theatre_id,
               record_name(record), fit.first_year, fit.last_year,
               fit.spell_first_year != 0
                   ? fmt::format("; onsets from the current peace spell {}-{}",
                                 fit.spell_first_year, fit.last_year)
                   : std::string());
    const auto priors = theatre_priors(fit, record);
    for (const auto from : {RegionCondition::calm, RegionCondition::minor, RegionCondition::war}) {
      fmt::print("      {}:\n", theatre_condition(from));
      for (const auto& prior : priors) {
        if (prior.from != from) continue;
        if (prior.fitted)
          fmt::print("        {}: {}  # monthly mean {}\n", theatre_condition(prior.to),
                     beta_quantity(*prior.fitted), percent_interval(prior.fitted->monthly));
        else
          fmt::print("        # {}: {}\n", theatre_condition(prior.to), prior.note);
      }
    }
  }
}

int run_theatre_rates(const DataArgs& args) {
  const std::string path = !args.ucdp.empty()
                               ? args.ucdp
                               : data_file(resolve_data_folder(args.data), UcdpFiles::acd_v21_1);
  const auto data = read_ucdp_acd(path);
  data.rows.require_clean();
  int data_last = 0;
  for (const auto& row : data.rows.records) data_last = std::max(data_last, row.year);
  const int last = args.last_year != 0 ? args.last_year : data_last;
  if (last > data_last)
    throw_input_error({}, "--last-year",
                      fmt::format("the data end in {}; expected a year up to that", data_last));
  if (last <= args.first_year + 1)
    throw_input_error({}, "--last-year",
                      fmt::format("expected a year after --first-year {}", args.first_year));
  if (args.format == "yaml")
    print_yaml(data, path, args.first_year, last, args.level);
  else
    print_table(data, path, args.first_year, last, args.level);
  return kExitOk;
}
}  // namespace

int run_data_check(const DataArgs& args) {
  if (args.command == "theatre-rates") {
    try {
      return run_theatre_rates(args);
    } catch (...) {
      return report_exception();
    }
  }

  if (args.fit_crisis_game) return run_fit_crisis_game(args);
  try {
    const std::string folder = resolve_data_folder(args.data);
    constexpr std::size_t kMaxReasonsShown = 20;
    fmt::print("Data folder: {}\n\n{:<47} {:<38} {:<26} {:>8} {:>8}\n", folder, "file", "data set",
               "version", "rows", "rejected");
    std::size_t total_rejected = 0;
    std::vector<RejectedRow> reasons;
    for (const auto& reader : dataset_readers()) {
      const auto path = std::filesystem::path(folder) / reader.file;
      if (!std::filesystem::exists(path)) {
        fmt::print("{:<47} {:<38} {:<26} {:>8} {:>8}\n", reader.file, reader.name, "absent", "-",
                   "-");
        continue;
      }
      DatasetSummary summary;
      try {
        summary = reader.read(path.string());
      } catch (const InputError& error) {  // unreadable header: the whole file is rejected
        summary.version = "unreadable";
        summary.rejected = error.diagnostics();
      }
      fmt::print("{:<47} {:<38} {:<26} {:>8} {:>8}\n", reader.file, reader.name, summary.version,
                 summary.rows, summary.rejected.size());
      total_rejected += summary.rejected.size();
      for (const auto& reason : summary.rejected)
        if (reasons.size() < kMaxReasonsShown) reasons.push_back(reason);
    }
    if (total_rejected == 0) {
      fmt::print("\nNo rows rejected.\n");
      return kExitOk;
    }
    fmt::print("\nRejected rows ({} in all{}):\n", total_rejected,
               total_rejected > reasons.size() ? ", first ones shown" : "");
    for (const auto& reason : reasons) fmt::print("  {}\n", reason.format());
    return kExitInvalidInput;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
