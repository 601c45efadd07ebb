#pragma once
// Errors carry their context; the library throws, the CLI decides exit codes.
#include <stdexcept>
#include <string>
#include <vector>

namespace linchpin {

// A position in an input file; line and column are 1-based, 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// One problem found in an input, reported as `file:line:col: error: key.path: message`.
struct Diagnostic {
  SourceLocation location;
  std::string key_path;
  std::string message;

  std::string format() const;
};

// Any failure the library reports.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The user's input is wrong (the CLI maps this to exit code 2).
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Throws an InputError with a single diagnostic.
[[noreturn]] void throw_input_error(SourceLocation location, std::string key_path,
                                    std::string message);

// Collects diagnostics so validation can report every problem in one pass.
class DiagnosticList {
 public:
  void add(SourceLocation location, std::string key_path, std::string message);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Throws InputError holding every diagnostic, sorted by position, if any were added.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace linchpin
