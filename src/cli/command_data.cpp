// `linchpin data check`: which public data sets are present, their versions, row counts and
// every row a reader had to reject.
#include <fmt/format.h>

#include <filesystem>
#include <functional>

#include "commands.hpp"
#include "linchpin/analytics/data/alliance_reader.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/fas_reader.hpp"
#include "linchpin/analytics/data/mid_reader.hpp"
#include "linchpin/analytics/data/military_expenditure_reader.hpp"
#include "linchpin/analytics/data/nmc_reader.hpp"
#include "linchpin/analytics/data/state_system_reader.hpp"
#include "linchpin/analytics/data/trade_reader.hpp"

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
      "data", "Inspect the public data sets (COW, ATOP, MID, SIPRI, FAS) read in place");
  data->require_subcommand(1);
  auto* check = data->add_subcommand(
      "check", "Report which data sets are present, their versions, row counts and rejected rows");
  check->add_option("--data", args.data,
                    std::string("Data folder (default: $") + kDataFolderVariable + ")");
  check->footer(
      "Examples:\n"
      "  linchpin data check --data ../shared/data\n"
      "  LINCHPIN_DATA=../shared/data linchpin data check");
  auto* fit = data->add_subcommand(
      "fit-regimes",
      "Fit the regime-switching (hidden Markov) count model to a yearly record and print it");
  fit->add_option("--record", args.record, "Yearly record CSV (first column 'year')")
      ->capture_default_str();
  fit->add_option("--column", args.column, "Count column to fit")->capture_default_str();
  fit->add_option("--modulated-column", args.modulated_column,
                  "Second count column given rates per regime of the same chain ('' = none)")
      ->capture_default_str();
  fit->add_option("--last-year", args.last_year,
                  "Fit on years <= this (default: the record's last counted year)");
  fit->add_option("--regimes", args.regimes, "Number of regimes")
      ->check(CLI::Range(1, 5))
      ->capture_default_str();
  fit->add_option("--distribution", args.distribution,
                  "Count law within a regime: negative_binomial or poisson")
      ->capture_default_str();
  fit->add_option("--bootstrap", args.bootstrap, "Parametric bootstrap replicates (0 = none)")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  fit->add_option("--threshold", args.threshold,
                  "Report P(count >= threshold) in a year (31 = 2022's launch events)")
      ->capture_default_str();
  fit->add_option("--transition-prior", args.transition_prior,
                  "Pseudo-transitions added to every cell of the transition matrix (Dirichlet "
                  "prior; 0 = pure maximum likelihood)")
      ->check(CLI::Range(0.0, 100.0))
      ->capture_default_str();
  fit->add_option("--filter-year", args.filter_year,
                  "Also print the filtered regime probabilities at the end of this year (a start "
                  "before the fit's last year, as for korea-2000)");
  fit->final_callback([&args] { args.fit_regimes = true; });
  fit->footer(
      "Examples:\n"
      "  linchpin data fit-regimes\n"
      "  linchpin data fit-regimes --last-year 2015 --bootstrap 500");
}

int run_data_check(const DataArgs& args) {
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
