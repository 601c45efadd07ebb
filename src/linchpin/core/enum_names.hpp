#pragma once
// One name table per enum: names are what scenarios and result files store, never integers.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linchpin {

template <typename Enum>
struct EnumName {
  Enum value;
  std::string_view name;
};

template <typename Enum, std::size_t N>
std::string_view enum_name(const std::array<EnumName<Enum>, N>& table, Enum value) {
  for (const auto& entry : table)
    if (entry.value == value) return entry.name;
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_enum(const std::array<EnumName<Enum>, N>& table, std::string_view text) {
  for (const auto& entry : table)
    if (entry.name == text) return entry.value;
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::vector<std::string> enum_names(const std::array<EnumName<Enum>, N>& table) {
  std::vector<std::string> names;
  for (const auto& entry : table) names.emplace_back(entry.name);
  return names;
}

}  // namespace linchpin
