#include "linchpin/core/error.hpp"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

TEST(Diagnostic, FormatsFileLineColumnAndPath) {
  Diagnostic diagnostic{{"a.yaml", 3, 7}, "actors[0].id", "expected text"};
  EXPECT_EQ(diagnostic.format(), "a.yaml:3:7: error: actors[0].id: expected text");
  Diagnostic no_position{{"a.yaml", 0, 0}, "", "cannot open"};
  EXPECT_EQ(no_position.format(), "a.yaml: error: cannot open");
}

TEST(DiagnosticList, ThrowsAllSortedByPosition) {
  DiagnosticList list;
  EXPECT_NO_THROW(list.throw_if_any());
  list.add({"a.yaml", 9, 1}, "b", "second");
  list.add({"a.yaml", 2, 5}, "a", "first");
  try {
    list.throw_if_any();
    FAIL();
  } catch (const InputError& error) {
    ASSERT_EQ(error.diagnostics().size(), 2u);
    EXPECT_EQ(error.diagnostics()[0].message, "first");
    EXPECT_NE(std::string(error.what()).find("second"), std::string::npos);
  }
}

}  // namespace
}  // namespace linchpin
