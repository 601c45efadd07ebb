#include <fmt/format.h>

#include <exception>

#include "commands.hpp"
#include "linchpin/core/error.hpp"

namespace linchpin::cli {

int report_exception() {
  try {
    throw;
  } catch (const InputError& error) {
    for (const auto& diagnostic : error.diagnostics()) fmt::print(stderr, "{}\n", diagnostic.format());
    if (error.diagnostics().size() > 1)
      fmt::print(stderr, "{} errors found; nothing was written.\n", error.diagnostics().size());
    return kExitInvalidInput;
  } catch (const std::exception& error) {
    fmt::print(stderr, "linchpin: error: {}\n", error.what());
    return kExitFailure;
  }
}

}  // namespace linchpin::cli
