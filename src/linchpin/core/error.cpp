#include "linchpin/core/error.hpp"

#include <algorithm>
#include <tuple>

namespace linchpin {

namespace {
std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& diagnostic : diagnostics) {
    if (!text.empty()) text += '\n';
    text += diagnostic.format();
  }
  return text;
}
}  // namespace

std::string Diagnostic::format() const {
  std::string text = location.file.empty() ? std::string("<input>") : location.file;
  if (location.line > 0) {
    text += ':' + std::to_string(location.line);
    if (location.column > 0) text += ':' + std::to_string(location.column);
  }
  text += ": error: ";
  if (!key_path.empty()) text += key_path + ": ";
  text += message;
  return text;
}

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : Error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void throw_input_error(SourceLocation location, std::string key_path, std::string message) {
  std::vector<Diagnostic> diagnostics;
  diagnostics.push_back(Diagnostic{std::move(location), std::move(key_path), std::move(message)});
  throw InputError(std::move(diagnostics));
}

void DiagnosticList::add(SourceLocation location, std::string key_path, std::string message) {
  items_.push_back(Diagnostic{std::move(location), std::move(key_path), std::move(message)});
}

void DiagnosticList::throw_if_any() const {
  if (items_.empty()) return;
  auto sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.location.file, a.location.line, a.location.column) <
           std::tie(b.location.file, b.location.line, b.location.column);
  });
  throw InputError(std::move(sorted));
}

}  // namespace linchpin
