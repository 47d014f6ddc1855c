// Text of operands and leaf instructions as AIR source, shared by the formatter and the JSON
// printer (and, later, by error objects: language.md 2.3).
#pragma once

#include <string>

#include "ast.h"

namespace airvm::air {

// A lens in normalised form: `.length`, or `.$` then `.field`, `.[N]`, `.[name]`, then `!` if written.
void append_lens(const Ast& ast, LensId lens, std::string* out);

// An operand as written in AIR: literal in quotes, number, special variable, or name and lens.
void append_value(const Ast& ast, ValueId value, std::string* out);

// A leaf instruction (no child instructions) on one line, parentheses included.
void append_instruction(const Ast& ast, const Node& node, std::string* out);

}  // namespace airvm::air
