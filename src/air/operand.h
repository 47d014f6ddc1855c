// Operands: classifies a bare token as a keyword, a number, a name with its lens, or a
// special variable (language.md 1.4-1.9), appending what it finds to the AST.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "ast.h"

namespace airvm::air {

enum class Keyword : uint8_t {
  None,
  Call,
  Canon,
  Ap,
  Seq,
  Par,
  Fail,
  Fold,
  Xor,
  Never,
  New,
  Next,
  Null,
  Match,
  Mismatch,
};

// The instruction keyword this token is, or Keyword::None (true/false are values, not here).
Keyword keyword_of(std::string_view token);

// Owns the AST under construction and its name table.
class AstBuilder {
 public:
  explicit AstBuilder(std::string_view source);

  Ast& ast() { return ast_; }
  std::string_view text(Span s) const { return std::string_view(ast_.source).substr(s.begin, s.end - s.begin); }
  NameId intern(Span name);
  Ast take() { return std::move(ast_); }

 private:
  Ast ast_;
  std::unordered_map<std::string_view, NameId> ids_;  // views into ast_.source
};

struct OperandError {
  std::string message;
  Span span;
};

// Reads the bare token at `token` (not a keyword) into *out. On a lexical error returns false
// and fills *error; nothing is appended then.
bool read_operand(AstBuilder& builder, Span token, Value* out, OperandError* error);

// A string-literal token (quotes included) as a value.
Value literal_value(Span token);

}  // namespace airvm::air
