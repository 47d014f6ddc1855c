// Numbers exactly as the original reads and writes them (data-format.md 3.3): serde_json's
// truncating, not correctly rounded parse, and the shortest round-trip print with ryu's layout.
#pragma once

#include <string>
#include <string_view>

#include "data/json.h"

namespace airvm::data {

struct NumberParse {
  Json value;
  const char* error = nullptr;  // "invalid number", "number out of range", or nullptr
  size_t error_offset = 0;      // offset in the text where serde_json reports the error
};

// `text` is one JSON number token (RFC 8259 grammar). Kinds follow serde_json: non-negative
// integers -> U64, negative ones -> I64 (or F64 below -2^63; `-0` is the double -0.0),
// anything with a fraction or exponent -> F64.
NumberParse parse_json_number(std::string_view text);

// Appends the canonical text of a number value (U64, I64 or F64).
void append_json_number(const Json& number, std::string* out);

// The shortest decimal digits that read back to `d` (finite, non-zero, positive) and the
// decimal exponent k with d ~= 0.d1d2...dn * 10^k.
struct ShortestDigits {
  char digits[20] = {};
  int count = 0;
  int k = 0;
};
ShortestDigits shortest_digits(double d);

}  // namespace airvm::data
