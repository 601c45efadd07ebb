#pragma once
// Helpers shared by the test files.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace linchpin::test {

inline std::filesystem::path source_dir() {
  return LINCHPIN_SOURCE_DIR;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream stream(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << stream.rdbuf();
  return buffer.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream stream(path, std::ios::binary);
  stream << text;
}

// True when the named environment variable is set to 1: regenerate expected files.
inline bool update_requested(const char* variable) {
  const char* value = std::getenv(variable);
  return value != nullptr && std::string(value) == "1";
}

// The rows of a simple comma-separated file (no quoted fields), header first; an empty trailing
// field is kept as "".
inline std::vector<std::vector<std::string>> read_csv_rows(const std::filesystem::path& path) {
  std::ifstream stream(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(stream, line)) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    std::string field;
    while (std::getline(split, field, ',')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

inline std::filesystem::path temporary_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / "linchpin-tests";
  std::filesystem::create_directories(dir);
  return dir / name;
}

}  // namespace linchpin::test
