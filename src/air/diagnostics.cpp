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

// Moves `pos` back over up to `chars` characters, not before `floor`; returns how many it passed.
uint32_t back_chars(std::string_view s, size_t floor, uint32_t chars, size_t* pos) {
  uint32_t n = 0;
  while (*pos > floor && n < chars) {
    --*pos;
    if (!is_continuation(s[*pos])) ++n;
  }
  return n;
}

// Moves `pos` forward over up to `chars` characters, not past `ceiling`; returns how many it passed.
uint32_t forward_chars(std::string_view s, size_t ceiling, uint32_t chars, size_t* pos) {
  uint32_t n = 0;
  while (*pos < ceiling && n < chars) {
    ++*pos;
    while (*pos < ceiling && is_continuation(s[*pos])) ++*pos;
    ++n;
  }
  return n;
}

// A piece of a source line as shown in a report: tabs, CRs and NULs become blanks so the caret
// lines up, and each byte that is not valid UTF-8 becomes U+FFFD, so the report is always
// valid UTF-8 (the error about such a byte is the only one, so none stands before its caret).
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  while (!s.empty()) {
    uint32_t bad = find_bad_byte(s);
    std::string_view good = s.substr(0, bad == UINT32_MAX ? s.size() : bad);
    for (char c : good) out += (c == '\t' || c == '\r') ? ' ' : c;
    if (bad == UINT32_MAX) break;
    out += s[bad] == '\0' ? " " : "\xEF\xBF\xBD";
    s.remove_prefix(bad + 1);
  }
  return out;
}

// The line holding a byte offset, [begin, end) without its newline. Errors come sorted by
// position, so the last line found is kept: many errors on one long line cost one scan of it.
class LineFinder {
 public:
  explicit LineFinder(std::string_view source) : src_(source) {}

  void find(size_t offset, size_t* begin, size_t* end) {
    if (!(found_ && offset >= begin_ && offset <= end_)) {
      size_t before = offset == 0 ? std::string_view::npos : src_.rfind('\n', offset - 1);
      begin_ = before == std::string_view::npos ? 0 : before + 1;
      end_ = src_.find('\n', offset);
      if (end_ == std::string_view::npos) end_ = src_.size();
      found_ = true;
    }
    *begin = begin_;
    *end = end_;
  }

 private:
  std::string_view src_;
  bool found_ = false;
  size_t begin_ = 0;
  size_t end_ = 0;
};

// One entry: message, position, the source line with a caret under the offending bytes. Only
// a window of kContextChars characters around the caret is shown, so an entry costs O(window),
// whatever the length of the line (minified scripts are one line).
void render_one(std::string_view source, LineFinder& lines, const Diagnostic& d, std::string* out) {
  size_t begin = std::min<size_t>(d.span.begin, source.size());
  size_t line_start = 0, line_end = 0;
  lines.find(begin, &line_start, &line_end);
  size_t from = begin;
  uint32_t col = back_chars(source, line_start, kContextChars, &from);
  std::string prefix = from > line_start ? "..." : "";
  size_t caret_end = begin;
  size_t span_end = std::clamp<size_t>(d.span.end, begin, line_end);
  uint32_t width = std::max<uint32_t>(1, forward_chars(source, span_end, kContextChars, &caret_end));
  size_t to = caret_end;
  forward_chars(source, line_end, kContextChars, &to);
  std::string suffix = to < line_end ? "..." : "";
  col += static_cast<uint32_t>(prefix.size());
  std::string number = std::to_string(d.line);
  std::string gutter(number.size(), ' ');
  *out += "error: " + d.message + "\n";
  *out += gutter + "--> " + number + ":" + std::to_string(d.column) + "\n";
  *out += gutter + " |\n";
  *out += number + " | " + prefix + printable(source.substr(from, to - from)) + suffix + "\n";
  *out += gutter + " | " + std::string(col, ' ') + std::string(width, '^') + "\n";
}

}  // namespace

std::string quote_token(std::string_view token) {
  constexpr size_t kShownBytes = 40;  // enough to recognise a token, short enough for one line
  if (token.size() <= kShownBytes) return "`" + std::string(token) + "`";
  size_t cut = kShownBytes;
  while (cut > 0 && is_continuation(token[cut])) --cut;  // token[cut] starts the first character left out
  return "`" + std::string(token.substr(0, cut)) + "...`";
}

void add_error(std::vector<Diagnostic>* errors, Span span, std::string message) {
  if (errors->size() < kMaxErrors) {
    errors->push_back(Diagnostic{std::move(message), span, 0, 0});
  } else if (errors->size() == kMaxErrors) {
    errors->push_back(Diagnostic{"too many errors: only the first " + std::to_string(kMaxErrors) +
                                     " found are reported, the next one is here",
                                 span, 0, 0});
  }
}

namespace {

// Fills in line and column of errors[from, to), which are sorted by position.
void locate_sorted(std::string_view source, std::vector<Diagnostic>* errors, size_t from, size_t to) {
  uint32_t line = 1, column = 1;
  size_t pos = 0;
  for (size_t i = from; i < to; ++i) {
    Diagnostic& d = (*errors)[i];
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

}  // namespace

void locate(std::string_view source, std::vector<Diagnostic>* errors) {
  size_t counted = std::min(errors->size(), kMaxErrors);  // a limit note, if any, comes after
  std::stable_sort(errors->begin(), errors->begin() + static_cast<std::ptrdiff_t>(counted),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
  locate_sorted(source, errors, 0, counted);
  locate_sorted(source, errors, counted, errors->size());
}

std::string render_diagnostics(std::string_view source, const std::vector<Diagnostic>& errors) {
  std::string out = "air can't be parsed:\n";
  LineFinder lines(source);
  for (const Diagnostic& d : errors) render_one(source, lines, d, &out);
  return out;
}

}  // namespace airvm::air
