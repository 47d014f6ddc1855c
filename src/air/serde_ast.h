// AquaVM's `ast` export: the AST in the shape serde_json gives air-parser 0.54's types, and
// the report the original returns instead when a script can't be parsed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ast.h"
#include "parse.h"

namespace airvm::air {

// The AST as the original's serde_json writes it: Rust's externally tagged enums (`(null)` is
// {"Null":null}, a unit variant is its name in quotes), struct fields in declaration order,
// variables as {"name","position"} with the byte offset of their token, fold and new with
// {"span":{"left","right"}}, lenses as air-lambda-ast's LambdaAST. Compact, no spaces.
std::string to_serde_json(const Ast& ast);

// The original's text for a script that can't be parsed: one codespan-reporting diagnostic
// ("error: " and the snippet of script.air with one label per error), laid out as the original
// lays it out. The labels are airvm's diagnostics (language.md 2.6: their wording is
// implementation-specific), except that validator errors, which both word alike, are labelled
// as the original labels them (the whole instruction; an undefined name once). Labels past
// 32 MiB of report are left out (each costs rows as wide as its line).
std::string serde_parse_report(std::string_view source, const std::vector<Diagnostic>& errors);

// What the original's `ast(script)` returns: to_serde_json of the parsed script, or
// serde_parse_report when it can't be parsed. Parsed as invoke parses (default options).
std::string ast_text(std::string_view source);

}  // namespace airvm::air
