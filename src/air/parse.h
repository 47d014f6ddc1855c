// Entry points of the AIR front end: parse (lex + parse + validate), diagnostics, format, JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast.h"

namespace airvm::air {

// 0.62's default AIR size limit (language.md 7); scripts above it are refused unless raised.
inline constexpr size_t kDefaultAirSizeLimit = 16u * 1024u * 1024u;
// Deepest instruction nesting accepted. The original accepts 3,000 levels and overflows its
// stack at 5,000; every walk over the AST here uses an explicit stack, so this only bounds work.
inline constexpr uint32_t kMaxNesting = 10000;
// Most errors reported for one script. A 16 MiB script can hold 8 million undefined names;
// reporting each would build gigabytes of text (more than a wasm peer has). Past the limit one
// note says where reporting stopped.
inline constexpr size_t kMaxErrors = 100000;

struct ParseOptions {
  size_t size_limit = kDefaultAirSizeLimit;  // bytes; larger scripts are refused
  bool strict_next = false;  // 0.62's "fold can not have instructions after next" (language.md 2.5)
};

// One reported problem, positioned.
struct Diagnostic {
  std::string message;  // the rule broken, e.g. "variable 'x' wasn't defined"
  Span span;            // offending bytes
  uint32_t line = 0;    // 1-based line of span.begin
  uint32_t column = 0;  // 1-based column of span.begin, in characters
};

struct ParseResult {
  std::optional<Ast> ast;               // set iff errors is empty
  std::vector<Diagnostic> errors;       // every collected error, in source order
};

ParseResult parse(std::string_view source, const ParseOptions& options = {});

// "air can't be parsed:\n" followed by one entry per error with line:column, the source line
// and a caret under the offending token (language.md 2.6).
std::string render_diagnostics(std::string_view source, const std::vector<Diagnostic>& errors);

// Canonical indented AIR. parse(format(x)) yields the same AST as x; format is idempotent.
// Comments are kept where they stand.
std::string format(const Ast& ast);

// The AST as JSON; source positions appear only under keys named "span".
std::string to_json(const Ast& ast);

}  // namespace airvm::air
