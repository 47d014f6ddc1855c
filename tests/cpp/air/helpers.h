// Shared helpers for the AIR front-end tests: parse a snippet and look at what came out.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "air/parse.h"

namespace airvm::air::test {

// Options with the 0.62 "instruction after next" rule switched on (language.md 2.5).
inline ParseOptions strict() {
  ParseOptions options;
  options.strict_next = true;
  return options;
}

// Whether `src` parses without any diagnostic.
inline bool parses(std::string_view src, const ParseOptions& options = {}) {
  ParseResult result = parse(src, options);
  return result.ast.has_value() && result.errors.empty();
}

// The messages of every diagnostic, in the order parse reports them (source order).
inline std::vector<std::string> messages(std::string_view src, const ParseOptions& options = {}) {
  std::vector<std::string> out;
  for (const Diagnostic& d : parse(src, options).errors) out.push_back(d.message);
  return out;
}

// The single diagnostic `src` produces; the test fails unless there is exactly one.
inline Diagnostic only_diagnostic(std::string_view src, const ParseOptions& options = {}) {
  INFO("script: " << src);
  ParseResult result = parse(src, options);
  std::string all;
  for (const Diagnostic& d : result.errors) all += "\n  " + d.message;
  INFO("diagnostics:" << all);
  REQUIRE(result.errors.size() == 1);
  CHECK_FALSE(result.ast.has_value());
  return result.errors[0];
}

// The message of the single diagnostic `src` produces.
inline std::string only_error(std::string_view src, const ParseOptions& options = {}) {
  return only_diagnostic(src, options).message;
}

// "line:column" of the single diagnostic `src` produces.
inline std::string position(std::string_view src, const ParseOptions& options = {}) {
  Diagnostic d = only_diagnostic(src, options);
  return std::to_string(d.line) + ":" + std::to_string(d.column);
}

// "line:column" of every diagnostic, in order.
inline std::vector<std::string> positions(std::string_view src, const ParseOptions& options = {}) {
  std::vector<std::string> out;
  for (const Diagnostic& d : parse(src, options).errors) {
    out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column));
  }
  return out;
}

// The AST of a script that must parse.
inline Ast ast_of(std::string_view src, const ParseOptions& options = {}) {
  INFO("script: " << src);
  ParseResult result = parse(src, options);
  std::string all;
  for (const Diagnostic& d : result.errors) all += "\n  " + d.message;
  INFO("diagnostics:" << all);
  REQUIRE(result.errors.empty());
  REQUIRE(result.ast.has_value());
  return std::move(*result.ast);
}

// `json` without its `"span":{...}` entries (and the comma that joined each to its neighbour),
// so that two parses of differently laid out text compare equal.
inline std::string without_spans(std::string_view json) {
  const std::string_view key = "\"span\":{";
  std::string out;
  out.reserve(json.size());
  size_t from = 0;
  for (size_t at = json.find(key); at != std::string_view::npos; at = json.find(key, from)) {
    size_t end = json.find('}', at) + 1;  // a span holds no nested object
    out.append(json.substr(from, at - from));
    if (end < json.size() && json[end] == ',') {
      ++end;
    } else if (!out.empty() && out.back() == ',') {
      out.pop_back();
    }
    from = end;
  }
  out.append(json.substr(from));
  return out;
}

// The AST of a script that must parse, as JSON without positions.
inline std::string shape(std::string_view src, const ParseOptions& options = {}) {
  return without_spans(to_json(ast_of(src, options)));
}

// The canonical text of a script that must parse.
inline std::string formatted(std::string_view src, const ParseOptions& options = {}) {
  return format(ast_of(src, options));
}

// Wraps `body` in `new`s that define the names the operand tables use, so that only the
// grammar decides whether a form is accepted: x k $s %m #c #$c #cs #%m.
inline std::string with_names(std::string_view body) {
  return "(new x (new k (new $s (new %m (new #c (new #$c (new #cs (new #%m " + std::string(body) +
         "))))))))";
}

}  // namespace airvm::air::test
