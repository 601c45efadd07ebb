#pragma once
// SHA-256 (FIPS 180-4), used to fingerprint scenario texts in run records.
#include <string>
#include <string_view>

namespace linchpin {

// Lower-case hexadecimal digest of the bytes of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace linchpin
