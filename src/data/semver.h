// Semantic versions as the data's version fields carry them (data-format.md 2.1, 7.1 step 3).
#pragma once

#include <string>
#include <string_view>

namespace airvm::data {

// Empty when `text` is a semver version (MAJOR.MINOR.PATCH[-pre][+build], no leading zeros),
// else why not, in the words of Rust's semver crate.
std::string semver_error(std::string_view text);

// <0, 0, >0 as a is lower, equal or higher than b in semver precedence (a pre-release is lower
// than its release; build metadata is ignored). Both must be valid.
int semver_compare(std::string_view a, std::string_view b);

}  // namespace airvm::data
