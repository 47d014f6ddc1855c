// JSON text <-> Json values, with serde_json's reading rules and canonical writing
// (data-format.md 2.6 and 3).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "data/json.h"

namespace airvm::data {

// serde_json's recursion limit: 127 nested arrays/objects are accepted, the 128th fails
// (data-format.md 2.6). Also keeps hostile nesting from costing more than a counter.
inline constexpr uint32_t kMaxJsonDepth = 127;

// A reading failure in serde_json's words, e.g. "EOF while parsing a string", with the
// 1-based line and the column serde_json reports for it.
struct JsonError {
  std::string message;
  uint32_t line = 0;
  uint32_t column = 0;
  // serde_json's Display form: "<message> at line L column C".
  std::string display() const;
  // serde_json's Debug form: Error("<message>", line: L, column: C).
  std::string debug() const;
};

struct JsonRead {
  Json value;
  bool ok = false;
  JsonError error;  // when !ok
};

// Reads one JSON document (whitespace around it allowed, nothing else). Strings must be valid
// UTF-8; numbers follow data-format.md 3.3; a repeated object key keeps its last value.
JsonRead read_json(std::string_view text);

// Line and column of a byte offset as serde_json counts them (column = bytes since the line
// start; `at_byte` counts the byte at `offset` itself, as serde does for a peeked byte).
JsonError json_error_at(std::string_view text, size_t offset, bool at_byte, std::string message);

// Canonical compact JSON (data-format.md 3): sorted object keys, serde_json's escapes,
// ryu-style floats.
void append_json(const Json& value, std::string* out);
std::string to_json_text(const Json& value);
void append_json_string(std::string_view text, std::string* out);

}  // namespace airvm::data
