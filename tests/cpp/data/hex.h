// Hex text of bytes and back, for writing known-answer vectors in the data tests.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace airvm::data::test {

inline std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (char c : bytes) {
    const auto b = static_cast<uint8_t>(c);
    hex += kDigits[b >> 4];
    hex += kDigits[b & 15];
  }
  return hex;
}

template <size_t N>
std::string to_hex(const std::array<uint8_t, N>& bytes) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(bytes.data()), N));
}

// The bytes of a hex text; assumes it is well formed (test vectors only).
inline std::string from_hex(std::string_view hex) {
  auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::string bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  }
  return bytes;
}

template <size_t N>
std::array<uint8_t, N> array_from_hex(std::string_view hex) {
  const std::string bytes = from_hex(hex);
  std::array<uint8_t, N> out{};
  for (size_t i = 0; i < N && i < bytes.size(); ++i) out[i] = static_cast<uint8_t>(bytes[i]);
  return out;
}

}  // namespace airvm::data::test
