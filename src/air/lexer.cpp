// Lexer: splits AIR text into brackets, string literals and bare tokens (language.md 1.2).
#include "lexer.h"

#include <algorithm>
#include <iterator>

#include "unicode_tables.h"

namespace airvm::air {

uint32_t decode_utf8(std::string_view s, uint32_t pos, uint32_t* code_point) {
  auto byte = [&](uint32_t i) { return static_cast<uint8_t>(s[pos + i]); };
  uint8_t b0 = byte(0);
  if (b0 < 0x80) {
    *code_point = b0;
    return 1;
  }
  if (b0 < 0xE0) {
    *code_point = ((b0 & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
    return 2;
  }
  if (b0 < 0xF0) {
    *code_point = ((b0 & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
    return 3;
  }
  *code_point = ((b0 & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
                (byte(3) & 0x3Fu);
  return 4;
}

// Length of the well-formed UTF-8 sequence at `pos` (RFC 3629 table), or 0 when it is not one.
static uint32_t utf8_sequence_length(std::string_view s, size_t pos) {
  auto at = [&](size_t i) -> int { return pos + i < s.size() ? static_cast<uint8_t>(s[pos + i]) : -1; };
  auto in = [](int b, int lo, int hi) { return b >= lo && b <= hi; };
  int b0 = at(0);
  if (b0 < 0x80) return 1;
  if (in(b0, 0xC2, 0xDF)) return in(at(1), 0x80, 0xBF) ? 2 : 0;
  if (in(b0, 0xE0, 0xEF)) {
    int lo = b0 == 0xE0 ? 0xA0 : 0x80;
    int hi = b0 == 0xED ? 0x9F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(b0, 0xF0, 0xF4)) {
    int lo = b0 == 0xF0 ? 0x90 : 0x80;
    int hi = b0 == 0xF4 ? 0x8F : 0xBF;
    return in(at(1), lo, hi) && in(at(2), 0x80, 0xBF) && in(at(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

uint32_t find_bad_byte(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    if (s[pos] == '\0') return static_cast<uint32_t>(pos);
    uint32_t len = utf8_sequence_length(s, pos);
    if (len == 0) return static_cast<uint32_t>(pos);
    pos += len;
  }
  return UINT32_MAX;
}

bool is_unicode_whitespace(uint32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

bool is_unicode_alphanumeric(uint32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  auto it = std::upper_bound(std::begin(kAlphanumericRanges), std::end(kAlphanumericRanges), cp,
                             [](uint32_t v, const CodeRange& r) { return v < r.first; });
  return it != std::begin(kAlphanumericRanges) && cp <= std::prev(it)->last;
}

// Skips whitespace and `;` comments (a comment ends at the next LF).
void Lexer::skip_blanks() {
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == ';') {
      uint32_t start = pos_;
      while (pos_ < src_.size() && src_[pos_] != '\n') ++pos_;
      if (comments_) comments_->push_back(Span{start, pos_});
      continue;
    }
    uint32_t cp = 0;
    uint32_t len = decode_utf8(src_, pos_, &cp);
    if (!is_unicode_whitespace(cp)) return;
    pos_ += len;
  }
}

Token Lexer::next() {
  skip_blanks();
  uint32_t start = pos_;
  if (pos_ >= src_.size()) return Token{TokenKind::End, Span{start, start}};
  auto single = [&](TokenKind kind) {
    ++pos_;
    return Token{kind, Span{start, pos_}};
  };
  switch (src_[pos_]) {
    case '(':
      return single(TokenKind::LParen);
    case ')':
      return single(TokenKind::RParen);
    case '[':
      return single(TokenKind::LBracket);
    case ']':
      return single(TokenKind::RBracket);
    case '"': {
      size_t close = src_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        error_ = "this string literal has unclosed quote";
        pos_ = static_cast<uint32_t>(src_.size());
        return Token{TokenKind::Error, Span{start, start + 1}};
      }
      pos_ = static_cast<uint32_t>(close + 1);
      return Token{TokenKind::String, Span{start, pos_}};
    }
    default:
      return bare_token(start);
  }
}

// A bare token runs to whitespace, or to a `)` / `]` that it did not open itself.
Token Lexer::bare_token(uint32_t start) {
  int parens = 0;
  int brackets = 0;
  while (pos_ < src_.size()) {
    char c = src_[pos_];
    if (c == '(') ++parens;
    if (c == '[') ++brackets;
    if (c == ')' && --parens < 0) break;
    if (c == ']' && --brackets < 0) break;
    uint32_t cp = 0;
    uint32_t len = decode_utf8(src_, pos_, &cp);
    if (is_unicode_whitespace(cp)) break;
    pos_ += len;
  }
  return Token{TokenKind::Bare, Span{start, pos_}};
}

}  // namespace airvm::air
