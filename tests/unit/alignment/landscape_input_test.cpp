#include "linchpin/alignment/landscape_input.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::alignment {
namespace {

std::string write(const std::string& name, const std::string& text) {
  const auto path = test::temporary_path(name);
  test::write_text(path, text);
  return path.string();
}

std::string first_error(const std::string& path) {
  try {
    read_landscape_csv(path);
  } catch (const InputError& error) {
    return error.diagnostics().front().format();
  }
  return "";
}

TEST(LandscapeInput, ReadsAndWritesTheMatrix) {
  const auto path =
      write("landscape-ok.csv", "actor,size,A,B,C\nA,1,,1,-1\nB,2,1,0,2\nC,3,-1,2,\n");
  const auto landscape = read_landscape_csv(path);
  ASSERT_EQ(landscape.size(), 3U);
  EXPECT_EQ(landscape.actors[2].name, "C");
  EXPECT_DOUBLE_EQ(landscape.actors[1].size, 2.0);
  EXPECT_DOUBLE_EQ(landscape.propensity(1, 2), 2.0);
  EXPECT_DOUBLE_EQ(landscape.propensity(2, 0), -1.0);
  // Round trip through the writer.
  const auto again = read_landscape_csv(write("landscape-round.csv", landscape_csv(landscape)));
  EXPECT_EQ(again.propensities, landscape.propensities);
}

TEST(LandscapeInput, BadFilesGiveLineAndColumn) {
  EXPECT_NE(
      first_error(write("l1.csv", "name,size,A,B\nA,1,,1\nB,1,1,\n")).find(":1:1: error: header"),
      std::string::npos);
  EXPECT_NE(
      first_error(write("l2.csv", "actor,size,A,B\nA,1,,1\nB,-1,1,\n")).find(":3:2: error: size"),
      std::string::npos);
  EXPECT_NE(
      first_error(write("l3.csv", "actor,size,A,B\nA,1,,nan\nB,1,1,\n")).find(":2:4: error: B"),
      std::string::npos);
  EXPECT_NE(first_error(write("l4.csv", "actor,size,A,B\nA,1,,1\nB,1,2,\n")).find("not symmetric"),
            std::string::npos);
  EXPECT_NE(first_error(write("l5.csv", "actor,size,A\nA,1,\n")).find("at least two actors"),
            std::string::npos);
  EXPECT_NE(first_error(write("l6.csv", "actor,size,A,B\nA,1,,1\n")).find("expected 2 actor rows"),
            std::string::npos);
  EXPECT_NE(
      first_error(write("l7.csv", "actor,size,A,B\nB,1,,1\nA,1,1,\n")).find("expected actor 'A'"),
      std::string::npos);
}

}  // namespace
}  // namespace linchpin::alignment
