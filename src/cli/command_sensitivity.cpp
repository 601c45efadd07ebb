// `linchpin sensitivity`: global sensitivity estimates (Sobol' indices, Morris screening) on
// test functions with closed-form answers, printed beside those answers so a user can check the
// kernels. Later a results database of an experiment will be the input; not built yet.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>

#include "commands.hpp"
#include "linchpin/analysis/morris_effects.hpp"
#include "linchpin/analysis/sampling_design.hpp"
#include "linchpin/analysis/sensitivity_test_functions.hpp"
#include "linchpin/analysis/sobol_indices.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::cli {

namespace {
using namespace linchpin::analysis;

constexpr double kGFunctionA[] = {0, 1, 4.5, 9, 99, 99, 99, 99};

struct TestFunction {
  std::string title;
  std::size_t dimensions;
  AnalyticIndices truth;
  double (*evaluate)(std::span<const double>);
};

TestFunction test_function(const std::string& name) {
  if (name == "ishigami")
    return {"Ishigami function (a = 7, b = 0.1; x on [-pi, pi]^3)", 3, ishigami_indices(7.0, 0.1),
            [](std::span<const double> x) { return ishigami(x, 7.0, 0.1); }};
  return {"Sobol' G-function (a = 0, 1, 4.5, 9, 99, 99, 99, 99; x on [0, 1]^8)", 8,
          sobol_g_indices(kGFunctionA),
          [](std::span<const double> x) { return sobol_g(x, kGFunctionA); }};
}

nlohmann::json estimate_json(const IndexEstimate& e) {
  return {{"estimate", e.value}, {"low", e.low}, {"high", e.high}};
}

std::string interval_text(const IndexEstimate& e) {
  return fmt::format("[{:7.4f}, {:7.4f}]", e.low, e.high);
}

int run_sobol(const SensitivityArgs& args, const TestFunction& f) {
  const std::size_t n = args.samples ? args.samples : 1024;
  const auto start = std::chrono::steady_clock::now();
  const Design design = saltelli_design(n, f.dimensions, args.second_order);
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r) y[r] = f.evaluate(design.row(r));
  SobolOptions options;
  options.bootstrap = args.bootstrap;
  options.seed = args.seed;
  options.second_order = args.second_order;
  const auto s = sobol_indices(y, n, f.dimensions, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (args.format == "json") {
    nlohmann::json out = {{"test_function", args.test_function},
                          {"method", "sobol"},
                          {"base_samples", n},
                          {"model_runs", design.rows},
                          {"bootstrap", args.bootstrap},
                          {"seed", args.seed},
                          {"confidence", 0.95},
                          {"variance", {{"estimate", s.variance}, {"analytic", f.truth.variance}}}};
    for (std::size_t i = 0; i < f.dimensions; ++i)
      out["inputs"].push_back({{"name", fmt::format("x{}", i + 1)},
                               {"S1", estimate_json(s.first_order[i])},
                               {"S1_analytic", f.truth.first_order[i]},
                               {"ST", estimate_json(s.total_order[i])},
                               {"ST_analytic", f.truth.total_order[i]}});
    if (args.second_order)
      for (std::size_t i = 0; i < f.dimensions; ++i)
        for (std::size_t k = i + 1; k < f.dimensions; ++k)
          out["second_order"].push_back(
              {{"inputs", {fmt::format("x{}", i + 1), fmt::format("x{}", k + 1)}},
               {"S2", estimate_json(s.second_order[i * f.dimensions + k])}});
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("Sobol' indices of the {}\n", f.title);
  fmt::print(
      "  Saltelli design, N = {} base samples, {} model runs; S1: Saltelli et al. (2010), ST: "
      "Jansen (1999)\n  95% percentile intervals from {} bootstrap resamples (seed {}); {:.2f} "
      "s\n\n",
      n, design.rows, args.bootstrap, args.seed, seconds);
  fmt::print("{:<6} {:>8} {:>20} {:>9}   {:>8} {:>20} {:>9}\n", "input", "S1", "95% interval",
             "analytic", "ST", "95% interval", "analytic");
  for (std::size_t i = 0; i < f.dimensions; ++i)
    fmt::print("{:<6} {:8.4f} {:>20} {:9.4f}   {:8.4f} {:>20} {:9.4f}\n", fmt::format("x{}", i + 1),
               s.first_order[i].value, interval_text(s.first_order[i]), f.truth.first_order[i],
               s.total_order[i].value, interval_text(s.total_order[i]), f.truth.total_order[i]);
  if (args.second_order) {
    fmt::print("\nSecond order (Saltelli 2002)\n");
    for (std::size_t i = 0; i < f.dimensions; ++i)
      for (std::size_t k = i + 1; k < f.dimensions; ++k) {
        const auto& e = s.second_order[i * f.dimensions + k];
        fmt::print("  x{}-x{} {:8.4f} {:>20}\n", i + 1, k + 1, e.value, interval_text(e));
      }
  }
  fmt::print("\nOutput variance {:.4f} (analytic {:.4f})\n", s.variance, f.truth.variance);
  return kExitOk;
}

int run_morris(const SensitivityArgs& args, const TestFunction& f) {
  MorrisDesignOptions design_options;
  design_options.trajectories = args.samples ? args.samples : 50;
  design_options.levels = args.levels;
  design_options.candidates = args.candidates;
  design_options.seed = args.seed;
  const Design design = morris_design(f.dimensions, design_options);
  std::vector<double> y(design.rows);
  for (std::size_t r = 0; r < design.rows; ++r) y[r] = f.evaluate(design.row(r));
  MorrisOptions options;
  options.bootstrap = args.bootstrap;
  options.seed = args.seed;
  const auto e = morris_effects(design, y, design_options.trajectories, options);
  if (args.format == "json") {
    nlohmann::json out = {{"test_function", args.test_function},
                          {"method", "morris"},
                          {"trajectories", design_options.trajectories},
                          {"levels", args.levels},
                          {"candidates", args.candidates},
                          {"model_runs", design.rows},
                          {"bootstrap", args.bootstrap},
                          {"seed", args.seed},
                          {"confidence", 0.95}};
    for (std::size_t i = 0; i < f.dimensions; ++i)
      out["inputs"].push_back({{"name", fmt::format("x{}", i + 1)},
                               {"mu", e.mu[i]},
                               {"mu_star", estimate_json(e.mu_star[i])},
                               {"sigma", e.sigma[i]},
                               {"S1_analytic", f.truth.first_order[i]},
                               {"ST_analytic", f.truth.total_order[i]}});
    fmt::print("{}\n", out.dump(2));
    return kExitOk;
  }
  fmt::print("Morris elementary effects of the {}\n", f.title);
  fmt::print(
      "  r = {} trajectories on a {}-level grid{}, {} model runs; effects per unit of the input's "
      "range\n  95% percentile intervals for mu* from {} bootstrap resamples (seed {})\n"
      "  (Morris screens; its numbers are not variance shares. The analytic Sobol' indices are "
      "shown for the ranking.)\n\n",
      design_options.trajectories, args.levels,
      args.candidates ? fmt::format(" (chosen from {} for spread)", args.candidates) : "",
      design.rows, args.bootstrap, args.seed);
  fmt::print("{:<6} {:>9} {:>9} {:>20} {:>9}   {:>8} {:>8}\n", "input", "mu", "mu*", "95% interval",
             "sigma", "S1", "ST");
  for (std::size_t i = 0; i < f.dimensions; ++i)
    fmt::print("{:<6} {:9.4f} {:9.4f} {:>20} {:9.4f}   {:8.4f} {:8.4f}\n",
               fmt::format("x{}", i + 1), e.mu[i], e.mu_star[i].value, interval_text(e.mu_star[i]),
               e.sigma[i], f.truth.first_order[i], f.truth.total_order[i]);
  return kExitOk;
}

}  // namespace

void add_sensitivity_command(CLI::App& app, SensitivityArgs& args) {
  auto* command = app.add_subcommand(
      "sensitivity",
      "Global sensitivity (Sobol' indices, Morris screening) checked on test functions");
  command->add_option("database", args.database,
                      "A results database of an experiment (NOT IMPLEMENTED YET: exits with 2)");
  command->add_option("--test-function", args.test_function, "ishigami or g-function")
      ->check(CLI::IsMember({"ishigami", "g-function"}));
  command->add_option("--method", args.method, "sobol (default) or morris")
      ->check(CLI::IsMember({"sobol", "morris"}));
  command
      ->add_option("--samples", args.samples,
                   "sobol: base samples N (default 1024; a power of 2 keeps the Sobol' "
                   "sequence balanced); morris: trajectories r (default 50)")
      ->check(CLI::Range(std::size_t{2}, std::size_t{1} << 20));
  command->add_option("--seed", args.seed, "Seed of the bootstrap and Morris draws (default 1)");
  command->add_option("--bootstrap", args.bootstrap, "Bootstrap resamples (default 1000)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
  command->add_flag("--second-order", args.second_order, "sobol: also second-order indices");
  command->add_option("--levels", args.levels, "morris: grid levels p, even (default 4)")
      ->check(CLI::Range(2, 100));
  command
      ->add_option("--candidates", args.candidates,
                   "morris: draw this many trajectories and keep the r most spread "
                   "(Campolongo et al. 2007); 0 = keep all drawn (default)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{5000}));
  command->add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  command->footer(
      "Examples:\n"
      "  linchpin sensitivity --test-function ishigami --method sobol --samples 8192\n"
      "  linchpin sensitivity --test-function g-function --method morris --samples 50 "
      "--candidates 500\n"
      "Not built yet: running an experiment design through the simulation and reading its results\n"
      "database (linchpin sensitivity X.sqlite --method ...). Given a database, the command says\n"
      "so and exits with 2. See docs/analysis/sensitivity.md.");
}

int run_sensitivity(const SensitivityArgs& args) {
  try {
    if (!args.database.empty()) {
      fmt::print(stderr,
                 "linchpin sensitivity: {}: experiments are not implemented yet (sensitivity of "
                 "simulation results is planned); use --test-function to check the estimators\n",
                 args.database);
      return kExitInvalidInput;
    }
    if (args.test_function.empty())
      throw_input_error({}, "--test-function",
                        "ishigami or g-function (results databases are not supported yet)");
    if (args.method == "morris" && args.second_order)
      throw_input_error({}, "--second-order", "second-order indices need --method sobol");
    const TestFunction f = test_function(args.test_function);
    return args.method == "morris" ? run_morris(args, f) : run_sobol(args, f);
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
