// Validator: the static checks run over a parsed script (language.md 2.4, 2.5).
#pragma once

#include <vector>

#include "ast.h"
#include "parse.h"

namespace airvm::air {

// Appends one diagnostic per violation to *errors (all of them, not just the first).
void validate(const Ast& ast, const ParseOptions& options, std::vector<Diagnostic>* errors);

}  // namespace airvm::air
