#pragma once
// Text helpers for messages: edit distance and "did you mean" suggestions.
#include <string>
#include <string_view>
#include <vector>

namespace linchpin {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length, or "".
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// ", did you mean 'x'?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "'a', 'b' or 'c'"
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace linchpin
