// Lexer: splits AIR text into brackets, string literals and bare tokens (language.md 1.2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ast.h"

namespace airvm::air {

enum class TokenKind : uint8_t {
  LParen,    // (
  RParen,    // )
  LBracket,  // [
  RBracket,  // ]
  String,    // "text" (span covers the quotes)
  Bare,      // any other token: keyword, number, name, special variable
  End,       // end of input
  Error,     // a lexer error; Lexer::error() says which
};

struct Token {
  TokenKind kind = TokenKind::End;
  Span span;
};

// Scans tokens one at a time; comments are collected as they are skipped.
// Assumes the source is valid UTF-8 (check_utf8 runs first).
class Lexer {
 public:
  Lexer(std::string_view source, std::vector<Span>* comments) : src_(source), comments_(comments) {}

  Token next();
  const std::string& error() const { return error_; }

 private:
  void skip_blanks();
  Token bare_token(uint32_t start);

  std::string_view src_;
  std::vector<Span>* comments_;
  uint32_t pos_ = 0;
  std::string error_;
};

// Decodes the code point at `pos`, returning its length in bytes (1..4). Valid UTF-8 assumed.
uint32_t decode_utf8(std::string_view s, uint32_t pos, uint32_t* code_point);

// Byte offset of the first invalid UTF-8 sequence or NUL byte, or UINT32_MAX when there is none.
uint32_t find_bad_byte(std::string_view s);

// Rust's char::is_whitespace (Unicode White_Space).
bool is_unicode_whitespace(uint32_t cp);
// Rust's char::is_alphanumeric, approximated by Unicode categories L* and N*.
bool is_unicode_alphanumeric(uint32_t cp);

}  // namespace airvm::air
