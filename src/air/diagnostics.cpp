// Diagnostics: line and column of each error, and the human-readable report (language.md 2.6).
#include "diagnostics.h"

#include <algorithm>
#include <string>

#include "lexer.h"

namespace airvm::air {

namespace {

// Characters of context shown on each side of the caret when a source line is long.
constexpr uint32_t kContextChars = 60;

bool is_continuation(char c) { return (static_cast<uint8_t>(c) & 0xC0) == 0x80; }

uint32_t count_chars(std::string_view s) {
  uint32_t n = 0;
  for (char c : s) n += is_continuation(c) ? 0 : 1;
  return n;
}

// Byte offset of the `chars`-th character of `s` (or its end).
size_t skip_chars(std::string_view s, uint32_t chars) {
  size_t i = 0;
  for (uint32_t n = 0; i < s.size(); ++i) {
    if (!is_continuation(s[i]) && n++ == chars) break;
  }
  return i;
}

std::string printable(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\t' || c == '\r' || c == '\0') c = ' ';
  }
  return out;
}

// One entry: message, position, the source line with a caret under the offending bytes.
void render_one(std::string_view source, const Diagnostic& d, std::string* out) {
  size_t begin = std::min<size_t>(d.span.begin, source.size());
  size_t line_start = source.rfind('\n', begin == 0 ? std::string_view::npos : begin - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  if (begin == 0) line_start = 0;
  size_t line_end = source.find('\n', begin);
  if (line_end == std::string_view::npos) line_end = source.size();
  std::string_view line = source.substr(line_start, line_end - line_start);
  uint32_t col = d.column > 0 ? d.column - 1 : 0;
  uint32_t width = std::max<uint32_t>(1, count_chars(source.substr(begin, std::min<size_t>(d.span.end, line_end) - begin)));
  // Long lines (minified scripts) are cut around the caret.
  std::string prefix, suffix;
  if (col > kContextChars) {
    size_t cut = skip_chars(line, col - kContextChars);
    line.remove_prefix(cut);
    col = kContextChars + 3;
    prefix = "...";
  }
  size_t keep = skip_chars(line, col + std::min(width, kContextChars) + kContextChars - static_cast<uint32_t>(prefix.size()));
  if (keep < line.size()) {
    line = line.substr(0, keep);
    suffix = "...";
  }
  width = std::min(width, kContextChars);
  std::string number = std::to_string(d.line);
  std::string gutter(number.size(), ' ');
  *out += "error: " + d.message + "\n";
  *out += gutter + "--> " + std::to_string(d.line) + ":" + std::to_string(d.column) + "\n";
  *out += gutter + " |\n";
  *out += number + " | " + prefix + printable(line) + suffix + "\n";
  *out += gutter + " | " + std::string(col, ' ') + std::string(width, '^') + "\n";
}

}  // namespace

void locate(std::string_view source, std::vector<Diagnostic>* errors) {
  std::stable_sort(errors->begin(), errors->end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  uint32_t line = 1, column = 1;
  size_t pos = 0;
  for (Diagnostic& d : *errors) {
    size_t target = std::min<size_t>(d.span.begin, source.size());
    for (; pos < target; ++pos) {
      if (source[pos] == '\n') {
        ++line;
        column = 1;
      } else if (!is_continuation(source[pos])) {
        ++column;
      }
    }
    d.line = line;
    d.column = column;
  }
}

std::string render_diagnostics(std::string_view source, const std::vector<Diagnostic>& errors) {
  std::string out = "air can't be parsed:\n";
  for (const Diagnostic& d : errors) render_one(source, d, &out);
  return out;
}

}  // namespace airvm::air
