// Base58btc and base32 (RFC 4648, lowercase, unpadded).
#include "encoding.h"

#include <array>
#include <cstdint>
#include <vector>

namespace airvm::data {

namespace {

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBase32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

constexpr int kNotBase58 = -1;

// The value of each byte as a base58 digit, or kNotBase58.
constexpr std::array<int, 256> base58_digit_values() {
  std::array<int, 256> values{};
  for (int& v : values) v = kNotBase58;
  for (size_t i = 0; i < kBase58Alphabet.size(); ++i) {
    values[static_cast<uint8_t>(kBase58Alphabet[i])] = static_cast<int>(i);
  }
  return values;
}
constexpr std::array<int, 256> kBase58Values = base58_digit_values();

size_t count_leading(std::string_view text, char c) {
  size_t n = 0;
  while (n < text.size() && text[n] == c) ++n;
  return n;
}

// Multiplies the big number `digits` (least significant first, each < base) by `factor` and
// adds `carry`, growing it as needed.
void multiply_add(std::vector<uint8_t>* digits, unsigned base, unsigned factor, unsigned carry) {
  for (uint8_t& d : *digits) {
    carry += d * factor;
    d = static_cast<uint8_t>(carry % base);
    carry /= base;
  }
  while (carry > 0) {
    digits->push_back(static_cast<uint8_t>(carry % base));
    carry /= base;
  }
}

}  // namespace

std::string base58_encode(std::string_view bytes) {
  const size_t zeros = count_leading(bytes, '\0');
  std::vector<uint8_t> digits;  // base 58, least significant first
  digits.reserve(bytes.size() * 138 / 100 + 1);  // log(256) / log(58) < 1.38
  for (size_t i = zeros; i < bytes.size(); ++i) {
    multiply_add(&digits, 58, 256, static_cast<uint8_t>(bytes[i]));
  }
  std::string text(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) text += kBase58Alphabet[*it];
  return text;
}

std::optional<std::string> base58_decode(std::string_view text) {
  if (text.size() > kBase58MaxDecodeChars) return std::nullopt;
  const size_t ones = count_leading(text, '1');
  std::vector<uint8_t> bytes;  // base 256, least significant first
  bytes.reserve(text.size());
  for (size_t i = ones; i < text.size(); ++i) {
    const int value = kBase58Values[static_cast<uint8_t>(text[i])];
    if (value == kNotBase58) return std::nullopt;
    multiply_add(&bytes, 256, 58, static_cast<unsigned>(value));
  }
  std::string out(ones, '\0');
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) out += static_cast<char>(*it);
  return out;
}

std::string base32_lower(std::string_view bytes) {
  std::string text((bytes.size() * 8 + 4) / 5, '\0');
  size_t out = 0;
  uint32_t buffer = 0;  // holds the bits not yet written, fewer than 5 between bytes
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<uint8_t>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text[out++] = kBase32Alphabet[(buffer >> bits) & 31];
    }
    buffer &= (1u << bits) - 1;
  }
  // The last group is padded with zero bits on the right (RFC 4648 6), no '=' after it.
  if (bits > 0) text[out++] = kBase32Alphabet[(buffer << (5 - bits)) & 31];
  text.resize(out);
  return text;
}

}  // namespace airvm::data
