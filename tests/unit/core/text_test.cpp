#include "linchpin/core/text.hpp"

#include <gtest/gtest.h>

namespace linchpin {
namespace {

TEST(EditDistance, HandComputed) {
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("USA", "usa"), 0u);  // case-insensitive on purpose
}

TEST(DidYouMean, SuggestsOnlyCloseNames) {
  const std::vector<std::string> keys = {"horizon_months", "start", "name"};
  EXPECT_EQ(did_you_mean("horizon_month", keys), ", did you mean 'horizon_months'?");
  EXPECT_EQ(did_you_mean("zzzzzz", keys), "");
}

TEST(QuotedList, JoinsWithOr) {
  EXPECT_EQ(quoted_list({"a", "b", "c"}), "'a', 'b' or 'c'");
  EXPECT_EQ(quoted_list({"a"}), "'a'");
}

}  // namespace
}  // namespace linchpin
