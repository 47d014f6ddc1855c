// Diagnostics: line and column of each error, and the human-readable report.
#pragma once

#include <string_view>
#include <vector>

#include "parse.h"

namespace airvm::air {

// Sorts errors by position and fills in their 1-based line and column (in characters).
void locate(std::string_view source, std::vector<Diagnostic>* errors);

}  // namespace airvm::air
