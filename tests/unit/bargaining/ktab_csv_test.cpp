#include "linchpin/bargaining/ktab_csv.hpp"

#include <gtest/gtest.h>

#include "linchpin/core/error.hpp"

namespace {
using namespace linchpin::bargaining;

const char* kGood =
    "Demo ,\"A demo, with comma\",3,2,\n"
    "Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,\n"
    "A, first, 100, 10, 50, 20, 30,\n"
    "B, second, 50.5, 90, 20, 80, 80,\n"
    "C, third, 0, 50, 0, 50, 10,\n";

TEST(KtabCsv, ReadsTheFormat) {
  const auto p = parse_ktab_csv(kGood, "demo.csv");
  EXPECT_EQ(p.name, "Demo");
  EXPECT_EQ(p.description, "A demo, with comma");
  ASSERT_EQ(p.dimensions, (std::vector<std::string>{"Pstn1", "Pstn2"}));
  EXPECT_EQ(p.scale_max, 100.0);
  ASSERT_EQ(p.actors.size(), 3u);
  EXPECT_EQ(p.actors[1].name, "B");
  EXPECT_EQ(p.actors[1].description, "second");
  EXPECT_DOUBLE_EQ(p.actors[1].capability, 50.5);
  EXPECT_EQ(p.actors[1].positions, (std::vector<double>{90, 80}));
  EXPECT_DOUBLE_EQ(p.actors[1].saliences[0], 0.2);  // percent -> fraction
  EXPECT_DOUBLE_EQ(p.actors[1].saliences[1], 0.8);
  EXPECT_EQ(p.actors[2].location.line, 5);
}

std::string error_of(const std::string& text) {
  try {
    parse_ktab_csv(text, "f.csv");
  } catch (const linchpin::InputError& e) {
    return e.diagnostics().front().format();
  }
  return "no error";
}

TEST(KtabCsv, MissingColumnsPointAtTheLine) {
  const auto e =
      error_of("S,d,2,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,10,10,20\nB,b,1,1,1,1,1\n");
  EXPECT_NE(e.find("f.csv:3:"), std::string::npos) << e;
  EXPECT_NE(e.find("missing columns"), std::string::npos) << e;
  const auto header = error_of("S,d,2,2\nActor,Description,Power,P1,S1\nA,a,1,10,10\n");
  EXPECT_NE(header.find("f.csv:2:"), std::string::npos) << header;
}

TEST(KtabCsv, SalienceOutOfRange) {
  const auto e = error_of("S,d,1,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,10,120,20,5\n");
  EXPECT_NE(e.find("f.csv:3:10"), std::string::npos) << e;
  EXPECT_NE(e.find("salience in [0, 100]"), std::string::npos) << e;
  const auto total = error_of("S,d,1,2\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,10,60,20,50\n");
  EXPECT_NE(total.find("summing to at most 100"), std::string::npos) << total;
}

TEST(KtabCsv, NanAndTextAreNotNumbers) {
  const auto e = error_of("S,d,1,1\nActor,Description,Power,P1,S1\nA,a,1,nan,10\n");
  EXPECT_NE(e.find("f.csv:3:7"), std::string::npos) << e;
  EXPECT_NE(e.find("finite number"), std::string::npos) << e;
  EXPECT_NE(error_of("S,d,1,1\nActor,Description,Power,P1,S1\nA,a,x,1,10\n").find("f.csv:3:5"),
            std::string::npos);
}

TEST(KtabCsv, ZeroCapabilityEverywhere) {
  const auto e = error_of("S,d,2,1\nActor,Description,Power,P1,S1\nA,a,0,1,10\nB,b,0,2,10\n");
  EXPECT_NE(e.find("positive capability"), std::string::npos) << e;
}

TEST(KtabCsv, CountsMustMatch) {
  const auto fewer = error_of("S,d,3,1\nActor,Description,Power,P1,S1\nA,a,1,1,10\n");
  EXPECT_NE(fewer.find("declares 3 actors but the file has 1"), std::string::npos) << fewer;
  const auto more = error_of("S,d,1,1\nActor,Description,Power,P1,S1\nA,a,1,1,10\nB,b,1,1,1\n");
  EXPECT_NE(more.find("f.csv:4:1"), std::string::npos) << more;
  EXPECT_NE(error_of("S,d,1,0\n").find("whole number >= 1"), std::string::npos);
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
}

TEST(KtabCsv, OneActorIsAccepted) {
  // The spatial model answers a one-actor problem with the documented degenerate result.
  const auto p = parse_ktab_csv("S,d,1,1\nActor,Description,Power,P1,S1\nA,a,1,40,10\n", "f.csv");
  EXPECT_EQ(p.actors.size(), 1u);
}

TEST(KtabCsv, MissingFile) {
  EXPECT_THROW(read_ktab_csv("/nonexistent/ktab.csv"), linchpin::InputError);
}

}  // namespace
