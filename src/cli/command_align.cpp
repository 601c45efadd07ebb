// `linchpin align`: landscape theory of aggregation (Axelrod & Bennett 1993). Finds the global
// minimum, the local minima and their basins for a landscape file, for states built from the
// COW data by Linchpin's propensity rule, or for the Europe 1936 case study.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>

#include "commands.hpp"
#include "linchpin/alignment/case_study.hpp"
#include "linchpin/alignment/landscape_input.hpp"
#include "linchpin/alignment/propensity_rule.hpp"
#include "linchpin/analytics/data/data_folder.hpp"
#include "linchpin/analytics/data/state_system_reader.hpp"
#include "linchpin/core/text.hpp"

namespace linchpin::cli {

namespace {
using namespace linchpin::alignment;

std::vector<int> parse_state_list(const std::string& text, const std::string& states_file) {
  const auto spells = analytics::read_state_system(states_file);
  spells.require_clean();
  std::map<std::string, int> by_abbreviation;
  std::vector<std::string> known;
  for (const auto& spell : spells.records) {
    by_abbreviation[spell.state_abbreviation] = spell.ccode;
    known.push_back(spell.state_abbreviation);
  }
  std::vector<int> codes;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    int code = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), code);
    if (!item.empty() && error == std::errc() && end == item.data() + item.size())
      codes.push_back(code);
    else if (by_abbreviation.count(item))
      codes.push_back(by_abbreviation[item]);
    else
      throw_input_error({}, "--states",
                        fmt::format("unknown state '{}'{}", item, did_you_mean(item, known)));
    start = comma + 1;
  }
  return codes;
}

std::string bloc_members(const Landscape& landscape, const Configuration& blocs, int bloc) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < blocs.size(); ++i)
    if (blocs[i] == bloc) names.push_back(landscape.actors[i].name);
  return fmt::format("{}", fmt::join(names, ", "));
}

void print_table(const Landscape& landscape, const LandscapeResult& result, std::size_t top,
                 const std::vector<std::string>& sides) {
  fmt::print("Landscape: {} actors, at most {} blocs, {} search ({} {})\n", landscape.size(),
             result.blocs, enum_name(kSearchMethodNames, result.method), result.configurations,
             result.method == SearchMethod::exact ? "configurations" : "starts");
  fmt::print("{} local minim{}{}\n\n", result.minima.size(), result.minima.size() == 1 ? "um" : "a",
             result.method == SearchMethod::local ? " reached (basin = share of starts)" : "");
  const std::size_t shown = std::min(top, result.minima.size());
  for (std::size_t m = 0; m < shown; ++m) {
    const auto& minimum = result.minima[m];
    fmt::print("#{}  energy {:.6g}", m + 1, minimum.energy);
    if (result.basins)
      fmt::print("  basin {} ({:.2f}%)", minimum.basin_size, 100.0 * minimum.basin_share);
    if (!sides.empty())
      fmt::print("  on actual side {}/{}", side_agreement(minimum.blocs, sides), sides.size());
    fmt::print("{}\n", m == 0 && result.method == SearchMethod::exact ? "  (global minimum)" : "");
    for (int bloc = 0; bloc < bloc_count(minimum.blocs); ++bloc)
      fmt::print("    bloc {}: {}\n", bloc + 1, bloc_members(landscape, minimum.blocs, bloc));
  }
  if (shown < result.minima.size())
    fmt::print("... {} more (use --top)\n", result.minima.size() - shown);
}

void print_json(const Landscape& landscape, const LandscapeResult& result, std::size_t top,
                const std::vector<std::string>& sides) {
  nlohmann::ordered_json out;
  out["actors"] = nlohmann::json::array();
  for (const auto& actor : landscape.actors)
    out["actors"].push_back({{"name", actor.name}, {"size", actor.size}});
  out["blocs"] = result.blocs;
  out["method"] = std::string(enum_name(kSearchMethodNames, result.method));
  out["configurations"] = result.configurations;
  out["basins"] = result.basins;
  out["local_minima"] = result.minima.size();
  out["minima"] = nlohmann::json::array();
  for (std::size_t m = 0; m < std::min(top, result.minima.size()); ++m) {
    const auto& minimum = result.minima[m];
    nlohmann::ordered_json item;
    item["energy"] = minimum.energy;
    item["blocs"] = minimum.blocs;
    if (result.basins) {
      item["basin_size"] = minimum.basin_size;
      item["basin_share"] = minimum.basin_share;
    }
    if (!sides.empty()) item["on_actual_side"] = side_agreement(minimum.blocs, sides);
    out["minima"].push_back(item);
  }
  fmt::print("{}\n", out.dump(2));
}

}  // namespace

void add_align_command(CLI::App& app, AlignArgs& args) {
  auto* command = app.add_subcommand(
      "align", "Landscape theory of aggregation: stable bloc configurations of actors");
  command->add_option("file", args.file, "Landscape CSV: actor,size,<one column per actor>");
  command->add_option("--blocs", args.blocs, "Most blocs a configuration may have (>= 2)")
      ->check(CLI::Range(2, 64))
      ->capture_default_str();
  command->add_option("--method", args.method, "exact (every configuration) or local")
      ->check(CLI::IsMember({"exact", "local"}))
      ->capture_default_str();
  command->add_option("--starts", args.starts, "local: random starting configurations")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 40))
      ->capture_default_str();
  command->add_option("--seed", args.seed, "local: random seed")->capture_default_str();
  command->add_flag("--no-basins", args.no_basins,
                    "exact: skip basin sizes (saves one byte per configuration)");
  command->add_option("--top", args.top, "Minima to print, lowest energy first")
      ->capture_default_str();
  command->add_option("--format", args.format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->add_flag("--from-data", args.from_data,
                    "Build the landscape from COW data for --year and --states");
  command
      ->add_option("--case", args.case_name,
                   "A case study built from data: europe1936 (Axelrod & Bennett's 17 states)")
      ->check(CLI::IsMember({"europe1936"}));
  command->add_option("--year", args.year, "--from-data: the year");
  command->add_option("--states", args.states, "--from-data: COW abbreviations or codes");
  command->add_option(
      "--data", args.data,
      std::string("Data folder (default: $") + analytics::kDataFolderVariable + ")");
  command->add_option("--alliances", args.alliances, "Alliance data: cow or atop")
      ->check(CLI::IsMember({"cow", "atop"}))
      ->capture_default_str();
  command
      ->add_option("--dispute-window", args.dispute_window,
                   "Years of MID history counted, ending with --year")
      ->check(CLI::Range(1, 200))
      ->capture_default_str();
  command->add_option("--save-landscape", args.save_landscape,
                      "Write the data-built landscape as a landscape CSV");
  command->footer(
      "Examples:\n"
      "  linchpin align landscape.csv\n"
      "  linchpin align landscape.csv --blocs 3 --format json\n"
      "  linchpin align big.csv --method local --starts 10000 --seed 7\n"
      "  linchpin align --case europe1936 --data ../shared/data\n"
      "  linchpin align --from-data --year 1936 --states UKG,FRN,GMY,ITA,RUS --data "
      "../shared/data --save-landscape europe.csv");
}

int run_align(const AlignArgs& args) {
  try {
    const int sources =
        (args.file.empty() ? 0 : 1) + (args.from_data ? 1 : 0) + (args.case_name.empty() ? 0 : 1);
    if (sources != 1)
      throw_input_error({}, "align", "give exactly one of FILE, --from-data or --case");
    Landscape landscape;
    std::vector<std::string> sides;
    if (!args.file.empty()) {
      landscape = read_landscape_csv(args.file);
    } else {
      const std::string folder = analytics::resolve_data_folder(args.data);
      DataLandscapeRequest request;
      request.rule.dispute_window = args.dispute_window;
      request.alliances = args.alliances == "atop" ? analytics::AllianceSource::atop
                                                   : analytics::AllianceSource::cow;
      if (!args.case_name.empty()) {
        const auto states = read_alignment_case(analytics::data_file(folder, kEurope1936File));
        request.year = 1936;
        for (const auto& state : states) {
          request.ccodes.push_back(state.ccode);
          request.names.push_back(state.country);
          sides.push_back(state.actual_side);
        }
      } else {
        if (args.year == 0) throw_input_error({}, "--year", "--from-data needs --year");
        if (args.states.empty()) throw_input_error({}, "--states", "--from-data needs --states");
        request.year = args.year;
        request.ccodes = parse_state_list(
            args.states, analytics::data_file(folder, analytics::DataFiles::states));
      }
      landscape = landscape_from_data(folder, request).landscape;
      if (!args.save_landscape.empty()) {
        std::ofstream stream(args.save_landscape, std::ios::binary);
        stream << landscape_csv(landscape);
        if (!stream)
          throw_input_error({}, "--save-landscape",
                            fmt::format("cannot write '{}'", args.save_landscape));
      }
    }
    SearchOptions options;
    options.blocs = args.blocs;
    options.method = *parse_enum(kSearchMethodNames, args.method);
    options.starts = args.starts;
    options.seed = args.seed;
    options.basins = !args.no_basins;
    const auto result = search_landscape(landscape, options);
    if (args.format == "json")
      print_json(landscape, result, args.top, sides);
    else
      print_table(landscape, result, args.top, sides);
    return kExitOk;
  } catch (...) {
    return report_exception();
  }
}

}  // namespace linchpin::cli
