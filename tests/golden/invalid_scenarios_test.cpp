// Golden tests: every invalid scenario under tests/golden/invalid gives exactly the messages in
// its .expected file. Regenerate with LINCHPIN_UPDATE_GOLDEN=1 (then review the diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "linchpin/api/linchpin_api.hpp"
#include "linchpin/core/error.hpp"
#include "linchpin/engine/simulation.hpp"
#include "test_support.hpp"

namespace linchpin {
namespace {

std::string diagnostics_for(const std::string& file) {
  try {
    Scenario scenario = load_scenario(file);
    Simulation simulation(scenario);
  } catch (const InputError& error) {
    std::string text;
    for (const auto& diagnostic : error.diagnostics()) text += diagnostic.format() + "\n";
    return text;
  }
  return "";
}

std::vector<std::filesystem::path> corpus() {
  std::vector<std::filesystem::path> files;
  const auto dir = test::source_dir() / "tests/golden/invalid";
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(InvalidScenarioCorpus, HasAtLeastTwentyFiveCases) {
  EXPECT_GE(corpus().size(), 25u);
}

TEST(InvalidScenarioCorpus, EachGivesItsExpectedMessages) {
  const auto dir = test::source_dir() / "tests/golden/invalid";
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir);  // messages name files relative to the corpus folder
  for (const auto& path : corpus()) {
    const std::string name = path.filename().string();
    SCOPED_TRACE(name);
    const std::string actual = diagnostics_for(name);
    EXPECT_FALSE(actual.empty()) << name << " was accepted but is meant to be invalid";
    auto expected_path = path;
    expected_path.replace_extension(".expected");
    if (test::update_requested("LINCHPIN_UPDATE_GOLDEN")) {
      test::write_text(expected_path, actual);
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(expected_path)) << "missing " << expected_path;
    EXPECT_EQ(actual, test::read_text(expected_path));
  }
  std::filesystem::current_path(previous);
}

TEST(InvalidScenarioCorpus, FiftyMegabyteFileIsRejectedBeforeParsing) {
  const auto path = test::temporary_path("fifty-megabytes.yaml");
  {
    std::ofstream stream(path, std::ios::binary);
    const std::string line = "# padding padding padding padding padding padding padding padding\n";
    for (std::size_t written = 0; written < 50u * 1024 * 1024; written += line.size())
      stream << line;
  }
  try {
    load_scenario(path.string());
    FAIL() << "a 50 MB file was accepted";
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 1u);
    EXPECT_NE(error.diagnostics()[0].message.find("scenario files are limited to 8388608 bytes"),
              std::string::npos)
        << error.diagnostics()[0].message;
  }
  std::filesystem::remove(path);
}

TEST(InvalidScenarioCorpus, MissingFileIsAnInputError) {
  EXPECT_THROW(load_scenario("/nonexistent/scenario.yaml"), InputError);
}

}  // namespace
}  // namespace linchpin
