// `linchpin bargain FILE`: forecasts a contested issue with a bargaining model. FILE is a
// scenario (with --issue) or a CSV in Bueno de Mesquita's format.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "commands.hpp"
#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/bargaining/bdm_csv_reader.hpp"
#include "linchpin/bargaining/expected_utility.hpp"
#include "linchpin/bargaining/ktab_csv.hpp"
#include "linchpin/bargaining/scenario_issue.hpp"
#include "linchpin/bargaining/spatial_model.hpp"

#include <fstream>

namespace linchpin::cli {

namespace {
using namespace linchpin::bargaining;

bool is_csv(const std::string& file) {
  std::string extension = std::filesystem::path(file).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return extension == ".csv";
}

// KTAB's CSV starts with a title line ("name,description,nActors,nDims,"); Bueno de Mesquita's
// with the header "Actor,Capability,Position,Salience".
bool is_bdm_csv(const std::string& file) {
  std::ifstream stream(file);
  std::string line;
  std::getline(stream, line);
  return line.rfind("Actor,Capability", 0) == 0;
}

BargainingProblem read_problem(const BargainArgs& args) {
  if (is_csv(args.file)) {
    if (!args.issue.empty())
      throw_input_error({args.file, 0, 0}, "--issue",
                        "a CSV file holds one issue; --issue applies to scenario files only");
    if (!std::filesystem::exists(args.file))
      throw_input_error({args.file, 0, 0}, "file", "no such file");
    return is_bdm_csv(args.file) ? read_bdm_csv(args.file) : read_ktab_csv(args.file);
  }
  const Scenario scenario = load_scenario(args.file);
  if (args.issue.empty()) {
    std::vector<std::string> ids;
    for (const auto& issue : scenario.contested_issues()) ids.push_back(issue.id);
    throw_input_error({args.file, 0, 0}, "--issue",
                      ids.empty() ? std::string("the scenario declares no contested issues")
                                  : fmt::format("a scenario needs --issue NAME, one of {}",
                                                fmt::join(ids, ", ")));
  }
  return bargaining_problem(scenario, find_contested_issue(scenario, args.issue));
}

void print_table(const BargainingProblem& problem, const ExpectedUtilityResult& result,
                 const ExpectedUtilityOptions& options) {
  fmt::print("Expected-utility model (Bueno de Mesquita; Scholz, Calbert & Smith 2011): {}\n",
             problem.name);
  if (!problem.description.empty()) fmt::print("  {}\n", problem.description);
  fmt::print("  {} actors, scale [{:g}, {:g}], Q = {:g}, T = {:g}, at most {} rounds\n\n",
             problem.actors.size(), problem.scale_min, problem.scale_max,
             options.status_quo_probability, options.improvement_probability, options.max_rounds);
  std::size_t width = 6;
  for (const auto& actor : problem.actors) width = std::max(width, actor.name.size());
  fmt::print("{:<{}}  {:>8} {:>5} {:>8}", "actor", width, "capab.", "sal.", "start");
  for (const auto& round : result.rounds) fmt::print(" {:>8}", fmt::format("r{}", round.round));
  fmt::print("\n");
  for (std::size_t i = 0; i < problem.actors.size(); ++i) {
    const auto& actor = problem.actors[i];
    fmt::print("{:<{}}  {:>8.4g} {:>5.2f} {:>8.3f}", actor.name, width, actor.capability,
               actor.saliences[0], result.initial_positions[i]);
    for (const auto& round : result.rounds) fmt::print(" {:>8.3f}", round.positions_after[i]);
    fmt::print("\n");
  }
  fmt::print("{:<{}}  {:>8} {:>5} {:>8.3f}", "median", width, "", "", result.initial_median);
  for (const auto& round : result.rounds) fmt::print(" {:>8.3f}", round.median_after);
  fmt::print("\n{:<{}}  {:>8} {:>5} {:>8.3f}", "mean", width, "", "", result.initial_mean);
  for (const auto& round : result.rounds) fmt::print(" {:>8.3f}", round.mean_after);
  fmt::print("\n\n");
  if (!result.note.empty()) fmt::print("Note: {}\n", result.note);
  fmt::print("Forecast ({} position{}): {:.3f}\n",
             result.forecast_rule == ForecastRule::median ? "weighted median" : "weighted mean",
             result.rounds.empty() ? std::string()
                                   : fmt::format(" after round {}, {}", result.rounds.size(),
                                                 result.converged ? "no one moved in the last round"
                                                                  : "stopped at the round limit"),
             result.forecast);
}

nlohmann::json to_json(const BargainingProblem& problem, const ExpectedUtilityResult& result,
                       const ExpectedUtilityOptions& options) {
  nlohmann::json json;
  json["model"] = "eu";
  json["issue"] = problem.name;
  json["title"] = problem.description;
  json["scale"] = {problem.scale_min, problem.scale_max};
  json["options"] = {{"status_quo_probability", options.status_quo_probability},
                     {"improvement_probability", options.improvement_probability},
                     {"max_rounds", options.max_rounds},
                     {"forecast_rule", enum_name(kForecastRuleNames, options.forecast_rule)}};
  json["actors"] = nlohmann::json::array();
  for (std::size_t i = 0; i < problem.actors.size(); ++i)
    json["actors"].push_back({{"name", problem.actors[i].name},
                              {"capability", problem.actors[i].capability},
                              {"salience", problem.actors[i].saliences[0]},
                              {"position", result.initial_positions[i]}});
  json["initial_median"] = result.initial_median;
  json["initial_mean"] = result.initial_mean;
  json["rounds"] = nlohmann::json::array();
  for (const auto& round : result.rounds) {
    nlohmann::json offers = nlohmann::json::array();
    for (const auto& offer : round.offers)
      offers.push_back({{"challenger", problem.actors[offer.challenger].name},
                        {"target", problem.actors[offer.target].name},
                        {"kind", enum_name(kOfferKindNames, offer.terms.kind)},
                        {"challenger_eu", offer.challenger_eu},
                        {"target_eu", offer.target_eu},
                        {"target_moves", offer.terms.target_moves},
                        {"new_target_position", offer.terms.new_target_position}});
    json["rounds"].push_back({{"round", round.round},
                              {"risk_exponents", round.risk_exponents},
                              {"security", round.security},
                              {"offers", offers},
                              {"accepted_offer", round.accepted},
                              {"positions", round.positions_after},
                              {"median", round.median_after},
                              {"mean", round.mean_after}});
  }
  json["converged"] = result.converged;
  json["forecast"] = result.forecast;
  if (!result.note.empty()) json["note"] = result.note;
  return json;
}
// The most probable position in the last turn: KTAB's forecast of the outcome.
std::size_t most_probable_actor(const SpatialTurn& turn) {
  return std::size_t(std::max_element(turn.probabilities.begin(), turn.probabilities.end()) -
                     turn.probabilities.begin());
}

void print_spatial_table(const BargainingProblem& problem, const SpatialModelResult& result) {
  fmt::print("Spatial model of politics (KTAB-compatible SMP): {}\n", problem.name);
  if (!problem.description.empty()) fmt::print("  {}\n", problem.description);
  fmt::print("  {} actors, {} dimension(s), scale [{:g}, {:g}]; stopped after turn {} ({})\n\n",
             problem.actors.size(), problem.dimensions.size(), problem.scale_min, problem.scale_max,
             result.stop_turn, result.stop_reason);
  std::size_t width = 5;
  for (const auto& actor : problem.actors) width = std::max(width, actor.name.size());
  for (std::size_t d = 0; d < problem.dimensions.size(); ++d) {
    fmt::print("{}\n{:<{}}", problem.dimensions[d], "actor", width);
    for (const auto& turn : result.turns) fmt::print(" {:>8}", fmt::format("t{}", turn.turn));
    fmt::print("\n");
    for (std::size_t i = 0; i < problem.actors.size(); ++i) {
      fmt::print("{:<{}}", problem.actors[i].name, width);
      for (const auto& turn : result.turns) fmt::print(" {:>8.3f}", turn.positions[i][d]);
      fmt::print("\n");
    }
    fmt::print("\n");
  }
  const auto& last = result.turns.back();
  const auto best = most_probable_actor(last);
  std::vector<std::string> position;
  for (double value : last.positions[best]) position.push_back(fmt::format("{:.3f}", value));
  fmt::print("Forecast (the most probable position in the last turn, p = {:.4f}): {}\n",
             last.probabilities[best], fmt::join(position, ", "));
}

nlohmann::json spatial_json(const BargainingProblem& problem, const SpatialModelResult& result) {
  nlohmann::json json;
  json["model"] = "smp";
  json["issue"] = problem.name;
  json["dimensions"] = problem.dimensions;
  json["scale"] = {problem.scale_min, problem.scale_max};
  json["actors"] = nlohmann::json::array();
  for (const auto& actor : problem.actors)
    json["actors"].push_back({{"name", actor.name}, {"capability", actor.capability}});
  json["turns"] = nlohmann::json::array();
  for (const auto& turn : result.turns)
    json["turns"].push_back({{"turn", turn.turn},
                             {"positions", turn.positions},
                             {"probabilities", turn.probabilities}});
  json["stop_turn"] = result.stop_turn;
  json["stop_reason"] = result.stop_reason;
  json["forecast"] = result.turns.back().positions[most_probable_actor(result.turns.back())];
  return json;
}

}  // namespace

void add_bargain_command(CLI::App& app, BargainArgs& args) {
  auto* command = app.add_subcommand(
      "bargain", "Forecast a contested issue with a bargaining model (round by round)");
  command->add_option("file", args.file, "A scenario (YAML) or a BdM-format CSV file")->required();
  command->add_option("--issue", args.issue, "The contested issue's id (scenario files)");
  command->add_option("--model", args.model, "eu (expected utility) or smp (spatial model)")
      ->check(CLI::IsMember({"eu", "smp"}));
  command->add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}));
  command
      ->add_option("--rounds", args.rounds,
                   "At most this many rounds (eu, default 10) or turns (smp, default 100)")
      ->check(CLI::Range(0, 1000));
  command->footer(
      "Examples:\n"
      "  linchpin bargain scenarios/korea-2026.yaml --issue burden-sharing\n"
      "  linchpin bargain ../shared/data/bdm/ec-emissions-1994.csv --format json\n"
      "  linchpin bargain ../shared/data/ktab-smp/dummyData_3Dim.csv --model smp --rounds 100\n"
      "CSV files are either Bueno de Mesquita's (Actor,Capability,Position,Salience; salience in\n"
      "[0, 1]) or KTAB's SMP input (title line, then Actor,Description,Power,Pstn1,Sal1,...).");
}

int run_bargain(const BargainArgs& args) {
  try {
    const BargainingProblem problem = read_problem(args);
    if (args.model == "smp") {
      SpatialModelOptions options;
      options.max_turns = args.rounds < 0 ? 100 : std::max(1, args.rounds);
      const auto result = run_spatial_model(problem, options);
      if (args.format == "json")
        fmt::print("{}\n", spatial_json(problem, result).dump(2));
      else
        print_spatial_table(problem, result);
      return kExitOk;
    }
    ExpectedUtilityOptions options;
    options.max_rounds = args.rounds < 0 ? 10 : args.rounds;
    const auto result = run_expected_utility(problem, options);
    if (args.format == "json")
      fmt::print("{}\n", to_json(problem, result, options).dump(2));
    else
      print_table(problem, result, options);
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
