// Diagnostics: line and column of each error, and the human-readable report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parse.h"

namespace airvm::air {

// Appends an error while fewer than kMaxErrors are collected. The first one past the limit
// becomes a note that reporting stopped there; later ones are dropped.
void add_error(std::vector<Diagnostic>* errors, Span span, std::string message);

// Sorts errors by position and fills in their 1-based line and column (in characters). A
// limit note left by add_error stays last.
void locate(std::string_view source, std::vector<Diagnostic>* errors);

// A token for a message, in backquotes; a long one is shortened, never inside a UTF-8 character.
std::string quote_token(std::string_view token);

}  // namespace airvm::air
