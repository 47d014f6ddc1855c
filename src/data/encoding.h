// Text encodings of binary data: base58btc for keys, signatures and peer ids (data-format.md
// 5.2, 5.3), base32 for CIDs (4.1).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace airvm::data {

// Longest text base58_decode accepts. Base58 conversion is quadratic in the length, and texts
// come from untrusted data; the longest real one, a signature (65 bytes), has 89 characters.
inline constexpr size_t kBase58MaxDecodeChars = 128;

// Base58btc with the Bitcoin alphabet; each leading zero byte becomes a leading '1'.
// Quadratic in the length: callers pass keys, signatures and peer ids (at most 65 bytes).
std::string base58_encode(std::string_view bytes);

// The bytes of a base58btc text; nullopt on a character outside the alphabet or on a text
// longer than kBase58MaxDecodeChars. Each leading '1' becomes a zero byte.
std::optional<std::string> base58_decode(std::string_view text);

// RFC 4648 base32 with the lowercase alphabet a-z2-7 and no padding (multibase 'b').
std::string base32_lower(std::string_view bytes);

}  // namespace airvm::data
