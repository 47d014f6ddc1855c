// libFuzzer target over the parser and formatter. Property: no crash, no sanitizer report,
// and every input that parses formats to text that parses to the same AST, which formats
// to the same text again.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "air/parse.h"

using airvm::air::format;
using airvm::air::parse;
using airvm::air::render_diagnostics;
using airvm::air::to_json;

namespace {

// The AST's JSON without positions: two ASTs are the same when these texts are equal.
std::string without_spans(const std::string& json) {
  std::string out;
  const std::string_view key = "\"span\":{";
  for (size_t i = 0; i < json.size();) {
    if (json.compare(i, key.size(), key) == 0) {
      i = json.find('}', i) + 1;
      if (i < json.size() && json[i] == ',') ++i;
      continue;
    }
    out += json[i++];
  }
  return out;
}

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto first = parse(source);
  if (!first.ast) {
    check(!first.errors.empty());
    check(!render_diagnostics(source, first.errors).empty());
    return 0;
  }
  std::string text = format(*first.ast);
  auto second = parse(text);
  check(second.ast.has_value());
  check(without_spans(to_json(*first.ast)) == without_spans(to_json(*second.ast)));
  check(format(*second.ast) == text);
  return 0;
}
