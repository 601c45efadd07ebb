#include "linchpin/bargaining/bdm_csv_reader.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace linchpin::bargaining {
namespace {

std::string errors_of(const std::string& name, const std::string& text) {
  const auto path = test::temporary_path(name);
  test::write_text(path, text);
  try {
    read_bdm_csv(path.string());
  } catch (const InputError& error) {
    std::string all;
    for (const auto& d : error.diagnostics()) all += d.format() + "\n";
    return all;
  }
  return "";
}

TEST(BdmCsvReader, ReadsActorsAndScale) {
  const auto path = test::temporary_path("bdm-ok.csv");
  test::write_text(path, "Position,Actor,Capability,Salience,Note\n7,B,0.5,0.4,x\n4,A,1,1,y\n");
  const auto problem = read_bdm_csv(path.string());
  ASSERT_EQ(problem.actors.size(), 2u);
  EXPECT_EQ(problem.actors[0].name, "B");
  EXPECT_EQ(problem.actors[0].positions, std::vector<double>{7});
  EXPECT_EQ(problem.actors[0].saliences, std::vector<double>{0.4});
  EXPECT_EQ(problem.actors[1].capability, 1);
  EXPECT_EQ(problem.actors[1].location.line, 3);
  EXPECT_EQ(problem.dimensions.size(), 1u);
  EXPECT_EQ(problem.scale_min, 4);
  EXPECT_EQ(problem.scale_max, 7);
}

TEST(BdmCsvReader, ReportsEveryProblem) {
  EXPECT_NE(errors_of("bdm-cols.csv", "Actor,Capabilty,Position\nA,1,2\n")
                .find(":1:1: error: Capability: missing column 'Capability', did you mean "
                      "'Capabilty'?"),
            std::string::npos);
  EXPECT_NE(errors_of("bdm-cols.csv", "Actor,Capabilty,Position\nA,1,2\n").find("'Salience'"),
            std::string::npos);
  const std::string many = errors_of("bdm-bad.csv",
                                     "Actor,Capability,Position,Salience\n"
                                     "A,1,4,1.5\n"
                                     "B,nan,5,0.5\n"
                                     "A,-1,6,0.5\n"
                                     ",1,7,0.2\n");
  EXPECT_NE(many.find("bdm-bad.csv:2:4: error: Salience: expected a salience between 0 and 1, "
                      "got 1.5"),
            std::string::npos)
      << many;
  EXPECT_NE(many.find(":3:2: error: Capability: expected a number, found 'nan'"), std::string::npos)
      << many;
  EXPECT_NE(many.find(":4:1: error: Actor: actor 'A' is listed twice (first at line 2)"),
            std::string::npos)
      << many;
  EXPECT_NE(many.find(":4:2: error: Capability: expected a capability >= 0"), std::string::npos)
      << many;
  EXPECT_NE(many.find(":5:1: error: Actor: missing actor name"), std::string::npos) << many;
  EXPECT_NE(errors_of("bdm-zero.csv", "Actor,Capability,Position,Salience\nA,0,1,1\nB,0,2,1\n")
                .find("every actor has capability 0"),
            std::string::npos);
  EXPECT_NE(
      errors_of("bdm-empty.csv", "Actor,Capability,Position,Salience\n").find("no actor rows"),
      std::string::npos);
  EXPECT_NE(errors_of("bdm-100.csv", "Actor,Capability,Position,Salience\nA,1,1,80\n")
                .find("0-100 scale"),
            std::string::npos);
}

TEST(BdmCsvReader, OneActorAndOnePosition) {
  const auto path = test::temporary_path("bdm-one.csv");
  test::write_text(path, "Actor,Capability,Position,Salience\nA,1,5,1\n");
  const auto problem = read_bdm_csv(path.string());
  ASSERT_EQ(problem.actors.size(), 1u);
  EXPECT_EQ(problem.scale_min, 4);  // every actor at 5: the scale becomes [4, 6]
  EXPECT_EQ(problem.scale_max, 6);
}

}  // namespace
}  // namespace linchpin::bargaining
