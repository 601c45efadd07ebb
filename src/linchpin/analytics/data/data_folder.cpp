#include "linchpin/analytics/data/data_folder.hpp"

#include <cstdlib>
#include <filesystem>

#include "linchpin/core/error.hpp"

namespace linchpin::analytics {

std::string resolve_data_folder(const std::string& option) {
  std::string folder = option;
  if (folder.empty()) {
    const char* variable = std::getenv(kDataFolderVariable);
    if (variable != nullptr) folder = variable;
  }
  if (folder.empty())
    throw_input_error({}, "--data",
                      std::string("no data folder: pass --data DIR or set ") + kDataFolderVariable);
  if (!std::filesystem::is_directory(folder))
    throw_input_error({folder, 0, 0}, "--data", "not a directory");
  return folder;
}

std::string data_file(const std::string& folder, const char* name) {
  const auto path = std::filesystem::path(folder) / name;
  if (!std::filesystem::is_regular_file(path))
    throw_input_error({path.string(), 0, 0}, "", "data file not found in the data folder");
  return path.string();
}

}  // namespace linchpin::analytics
