#include <fmt/format.h>

#include <exception>

#include "commands.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::cli {

int report_exception() {
  try {
    throw;
  } catch (const InputError& error) {
    // A damaged file can produce thousands of errors; the first ones locate the problem.
    constexpr std::size_t kMaxPrinted = 100;
    const auto& diagnostics = error.diagnostics();
    for (std::size_t i = 0; i < diagnostics.size() && i < kMaxPrinted; ++i)
      fmt::print(stderr, "{}\n", diagnostics[i].format());
    if (diagnostics.size() > kMaxPrinted)
      fmt::print(stderr, "... and {} more errors not shown\n", diagnostics.size() - kMaxPrinted);
    if (diagnostics.size() > 1)
      fmt::print(stderr, "{} errors found; nothing was written.\n", diagnostics.size());
    return kExitInvalidInput;
  } catch (const std::exception& error) {
    fmt::print(stderr, "linchpin: error: {}\n", error.what());
    return kExitFailure;
  }
}

}  // namespace linchpin::cli
