#pragma once
// One function per command; main.cpp only parses and dispatches.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace linchpin::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitInvalidInput = 2;
inline constexpr int kExitInterrupted = 130;

struct ValidateArgs {
  std::vector<std::string> files;
  std::vector<std::string> overrides;  // --set KEY.PATH=VALUE
  bool quiet = false;
};
struct RunArgs {
  std::string file;
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::uint64_t trace = 0;
  unsigned threads = 0;
  std::string out;
  bool force = false;
  bool quiet = false;
  bool trials_set = false;
  bool seed_set = false;
  bool trace_set = false;
  std::string command_line;
  std::vector<std::string> overrides;  // --set KEY.PATH=VALUE
};
struct ShowArgs {
  std::string database;
  std::int64_t trial = -1;  // print this trial's event trace instead of the headline
};
struct ReportArgs {
  std::string database;
  std::string out;
  bool force = false;
};
struct DataArgs {
  std::string command = "check";  // check | theatre-rates
  std::string data;
  std::string ucdp;  // theatre-rates: the UCDP/PRIO ACD file (default: in the data folder)
  int first_year = 1946;
  int last_year = 0;  // 0: the last year in the data
  double level = 0.9;
  std::string format = "table";
  bool fit_crisis_game = false;  // `data fit-crisis-game` rather than `data check`
  int crisis_last_year = 2025;   // fit-crisis-game: last year of the MID record used
  std::string mids = "data/history/korea_mids_2015_2025.csv";
  // `data fit-regimes`
  bool fit_regimes = false;
  std::string record = "data/history/dprk_launch_record.csv";
  std::string column = "dprk_missile_launch_events";
  std::string modulated_column = "dprk_nuclear_tests";
  int regimes = 2;
  std::string distribution = "negative_binomial";
  int bootstrap = 200;
  int threshold = 31;
  int filter_year = 0;  // 0 = last_year
  double transition_prior = 1.0;
};
struct CompareArgs {
  std::string a, b;
  std::string format = "table";
};
struct CalibrateArgs {
  std::string data = "data";
  std::string last;
  std::string source = "episodes-record";
};
struct IndicesArgs {
  std::string measure;
  std::string data;
  std::string years;
  std::string states;
  std::string format = "table";
  std::string nmc_version = "7";
  std::string alliances = "cow";
  std::string source = "cow";  // disputes: cow or gml
  std::string out;             // SQLite file; empty = print in `format`
  bool force = false;
  bool transitions = false;
  double pole_threshold = 0.5;
};
struct AlignArgs {
  std::string file;
  int blocs = 2;
  std::string method = "exact";
  std::uint64_t starts = 1000;
  std::uint64_t seed = 1;
  bool no_basins = false;
  std::size_t top = 10;
  std::string format = "table";
  bool from_data = false;
  std::string case_name;
  int year = 0;
  std::string states;
  std::string data;
  std::string alliances = "cow";
  int dispute_window = 20;
  std::string save_landscape;
};
struct BargainArgs {
  std::string file;
  std::string issue;
  std::string model = "eu";
  std::string format = "table";
  int rounds = -1;  // -1: the model's default (eu 10 rounds, smp 100 turns)
};

struct PillarsArgs {
  std::string file;
  std::uint64_t trials = 0;  // 0: the scenario's run.trials
  std::uint64_t seed = 0;
  bool seed_set = false;
  unsigned threads = 0;
  std::string out;
  bool force = false;
  bool all = false;
};
struct BacktestArgs {
  std::string file = "scenarios/korea-2000.yaml";
  std::string record = "data/history/korea_events_yearly.csv";
  std::string report;  // markdown report; empty = print only
  std::uint64_t trials = 500;
  std::uint64_t seed = 0;
  bool seed_set = false;
  unsigned threads = 0;
  int calibration_last_year = 2015;
  bool force = false;
  std::string out;  // SQLite file with forecast_scores and trial_counts; empty = none
  std::vector<int> origins = {2004, 2008, 2012, 2016, 2020};
  int window_years = 4;
  bool hindcast = false;
  std::string episodes;  // repository data folder with episodes/ and leaders/; empty = from record
  std::string data;      // shared data folder (COW MID 5.0, NMC 6.0); empty = $LINCHPIN_DATA
};

struct BaseRatesArgs {
  std::string file = "scenarios/korea-2026.yaml";
  std::string data;
  std::string report;
  std::uint64_t trials = 2000;
  std::uint64_t seed = 0;
  bool seed_set = false;
  unsigned threads = 0;
  bool force = false;
};

struct SensitivityArgs {
  std::string database;  // an experiment's results (not implemented yet)
  std::string test_function;
  std::string method = "sobol";
  std::size_t samples = 0;  // 0: the method's default
  std::uint64_t seed = 1;
  std::size_t bootstrap = 1000;
  bool second_order = false;
  int levels = 4;
  std::size_t candidates = 0;
  std::string format = "table";
};
void add_sensitivity_command(CLI::App& app, SensitivityArgs& args);
int run_sensitivity(const SensitivityArgs& args);

void add_validate_command(CLI::App& app, ValidateArgs& args);
void add_run_command(CLI::App& app, RunArgs& args);
void add_show_command(CLI::App& app, ShowArgs& args);
void add_report_command(CLI::App& app, ReportArgs& args);
void add_data_command(CLI::App& app, DataArgs& args);
void add_calibrate_command(CLI::App& app, CalibrateArgs& args);
void add_compare_command(CLI::App& app, CompareArgs& args);
void add_indices_command(CLI::App& app, IndicesArgs& args);
void add_align_command(CLI::App& app, AlignArgs& args);
void add_bargain_command(CLI::App& app, BargainArgs& args);

void add_pillars_command(CLI::App& app, PillarsArgs& args);
void add_backtest_command(CLI::App& app, BacktestArgs& args);
void add_base_rates_command(CLI::App& app, BaseRatesArgs& args);

int run_validate(const ValidateArgs& args);
int run_pillars(const PillarsArgs& args);
int run_backtest(const BacktestArgs& args);
int run_base_rates(const BaseRatesArgs& args);
int run_run(RunArgs& args);
int run_show(const ShowArgs& args);
int run_report(const ReportArgs& args);
// `data check` or `data theatre-rates`, as args.command says.
int run_data_check(const DataArgs& args);
int run_calibrate(const CalibrateArgs& args);
int run_compare(const CompareArgs& args);
int run_fit_crisis_game(const DataArgs& args);
// `data fit-regimes`: the regime-switching count model fitted to a yearly record.
int run_fit_regimes(const DataArgs& args);
int run_indices(const IndicesArgs& args);
int run_align(const AlignArgs& args);
int run_bargain(const BargainArgs& args);

// The data set a file in the data folder holds ("COW Dyadic Trade (all dyads)"), as listed by
// `data check`; the file name itself for unknown files.
std::string dataset_name(const std::string& file);

// Prints an exception the way every command does and returns its exit code.
int report_exception();

}  // namespace linchpin::cli
