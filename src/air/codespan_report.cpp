// The parse report of AquaVM's `ast` export: one codespan-reporting 0.11 diagnostic (rich
// style, no colour, tab width 4) with a primary label per error, laid out as the original lays
// it out (Observed on the original; layout rules after codespan-reporting's renderer).
#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lexer.h"
#include "operand.h"
#include "serde_ast.h"

namespace airvm::air {

namespace {

constexpr size_t kTabWidth = 4;           // codespan's default Config
constexpr size_t kStartContextLines = 3;  // lines shown after a multi-line label's start
constexpr size_t kEndContextLines = 1;    // lines shown before its end
constexpr const char* kFileName = "script.air";  // the name air-parser gives the script
// Labels past this much text are left out. Each label costs a row as wide as its line (carets
// or pointers), so a minified script with many errors would otherwise give a report of
// gigabytes (the original's does; airvm must not run a peer out of memory).
constexpr size_t kMaxReportBytes = 32u << 20;

// One character of a line: where it starts, how many bytes and columns it takes, and what is
// printed for it (invalid UTF-8 is printed as U+FFFD).
struct Char {
  size_t byte = 0;
  size_t length = 1;
  size_t width = 1;
  uint32_t cp = 0;
};

// Display width as unicode-width 0.1 gives it, approximated: controls and combining marks 0,
// East Asian wide and fullwidth characters and most emoji 2, everything else 1.
size_t char_width(uint32_t cp) {
  if (cp == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
      (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x200B && cp <= 0x200F)) {
    return 0;
  }
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
      (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
      (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
      (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

// The characters of `line` with tab stops applied (a tab reaches the next multiple of 4).
std::vector<Char> line_chars(std::string_view line) {
  std::vector<Char> out;
  size_t column = 0;
  for (size_t pos = 0; pos < line.size();) {
    Char c;
    c.byte = pos;
    uint32_t bad = find_bad_byte(line.substr(pos, 4));
    if (bad == 0 && line[pos] != '\0') {
      c.cp = 0xFFFD;
    } else {
      c.length = decode_utf8(line, static_cast<uint32_t>(pos), &c.cp);
    }
    c.width = c.cp == '\t' ? kTabWidth - column % kTabWidth : char_width(c.cp);
    column += c.width;
    pos += c.length;
    out.push_back(c);
  }
  return out;
}

void append_char(std::string_view line, const Char& c, std::string* out) {
  if (c.cp == '\t') {
    out->append(c.width, ' ');
  } else if (c.cp == 0xFFFD && c.length == 1) {
    *out += "\xEF\xBF\xBD";
  } else {
    out->append(line.substr(c.byte, c.length));
  }
}

void repeat(std::string_view s, size_t n, std::string* out) {
  for (size_t i = 0; i < n; ++i) *out += s;
}

struct SingleLabel {
  size_t start = 0;  // bytes from the line start
  size_t end = 0;
  std::string_view message;
};

enum class MultiKind : uint8_t { Top, Left, Bottom };

struct MultiLabel {
  size_t index = 0;  // the label's column in the inner gutter
  MultiKind kind = MultiKind::Left;
  size_t at = 0;     // Top: where it starts, Bottom: where it ends (bytes from the line start)
  std::string_view message;
};

struct Line {
  size_t number = 0;
  size_t begin = 0;  // byte range in the source, newline included
  size_t end = 0;
  std::vector<SingleLabel> singles;  // sorted by (start, end)
  std::vector<MultiLabel> multis;
  bool must_render = false;
};

bool overlaps(size_t a0, size_t a1, size_t b0, size_t b1) { return std::max(a0, b0) < std::min(a1, b1); }

class Report {
 public:
  explicit Report(std::string_view source) : src_(source) {
    starts_.push_back(0);
    for (size_t i = 0; i < source.size(); ++i) {
      if (source[i] == '\n') starts_.push_back(i + 1);
    }
  }

  void add(size_t start, size_t end, std::string_view message);
  // Roughly how many bytes a label over [start, end) adds to the report: rows as wide as the
  // lines it starts and ends on.
  size_t cost(size_t start, size_t end) const {
    size_t first = line_index(start), last = line_index(end);
    size_t widths = (line_start(first + 1) - line_start(first)) + (line_start(last + 1) - line_start(last));
    return 2 * widths + 64;
  }
  std::string render();

 private:
  size_t line_index(size_t byte) const {
    return static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), byte) - starts_.begin()) - 1;
  }
  size_t line_start(size_t index) const { return index < starts_.size() ? starts_[index] : src_.size(); }
  Line& line(size_t index) {
    auto [it, inserted] = lines_.try_emplace(index);
    if (inserted) {
      it->second.number = index + 1;
      it->second.begin = line_start(index);
      it->second.end = line_start(index + 1);
    }
    return it->second;
  }
  void outer_gutter() { out_.append(padding_, ' '), out_ += ' '; }
  void inner_gutter(const std::vector<MultiLabel>& multis);
  void source_line(const Line& l);
  void single_labels(const Line& l, const std::vector<Char>& chars);
  void caret_pointers(const std::vector<SingleLabel>& singles, int trailing, size_t max_start,
                      const std::vector<Char>& chars, size_t before);
  void multi_carets(const Line& l, std::string_view text, const std::vector<Char>& chars);
  size_t leading_blanks(std::string_view text) const;

  std::string_view src_;
  std::vector<size_t> starts_;
  std::map<size_t, Line> lines_;
  size_t padding_ = 0;
  size_t multi_count_ = 0;
  size_t locus_ = SIZE_MAX;  // the earliest label start
  std::string out_;
};

size_t digits(size_t n) {
  size_t count = 0;
  for (; n != 0; n /= 10) ++count;
  return count;
}

void Report::add(size_t start, size_t end, std::string_view message) {
  size_t first = line_index(start);
  size_t last = line_index(end);
  padding_ = std::max({padding_, digits(first + 1), digits(last + 1)});
  locus_ = std::min(locus_, start);
  if (first == last) {
    Line& l = line(first);
    size_t from = start - l.begin;
    size_t to = std::max(end - l.begin, from + 1);  // at least one caret
    auto at = std::lower_bound(l.singles.begin(), l.singles.end(), std::make_pair(from, to),
                               [](const SingleLabel& s, std::pair<size_t, size_t> key) {
                                 return std::make_pair(s.start, s.end) < key;
                               });
    l.singles.insert(at, SingleLabel{from, to, message});
    l.must_render = true;
    return;
  }
  size_t index = multi_count_++;
  Line& top = line(first);
  top.multis.push_back({index, MultiKind::Top, start - top.begin, {}});
  top.must_render = true;
  for (size_t i = first + 1; i < last; ++i) {
    padding_ = std::max(padding_, digits(i + 1));
    Line& mid = line(i);
    mid.multis.push_back({index, MultiKind::Left, 0, {}});
    mid.must_render = mid.must_render || i - first <= kStartContextLines || last - i <= kEndContextLines;
  }
  Line& bottom = line(last);
  bottom.multis.push_back({index, MultiKind::Bottom, end - bottom.begin, message});
  bottom.must_render = true;
}

size_t Report::leading_blanks(std::string_view text) const {
  size_t pos = 0;
  while (pos < text.size()) {
    uint32_t cp = 0;
    uint32_t n = decode_utf8(text, static_cast<uint32_t>(pos), &cp);
    if (!is_unicode_whitespace(cp)) break;
    pos += n;
  }
  return pos;
}

// The inner gutter of a line without source text: a bar for each multi-line label passing by.
void Report::inner_gutter(const std::vector<MultiLabel>& multis) {
  size_t next = 0;
  for (size_t column = 0; column < multi_count_; ++column) {
    if (next < multis.size() && multis[next].index == column) {
      out_ += multis[next].kind == MultiKind::Top ? "  " : " │";
      ++next;
    } else {
      out_ += "  ";
    }
  }
}

void Report::source_line(const Line& l) {
  std::string_view text = src_.substr(l.begin, l.end - l.begin);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == '\0')) text.remove_suffix(1);
  std::vector<Char> chars = line_chars(text);
  size_t blanks = leading_blanks(text);

  std::string number = std::to_string(l.number);
  out_.append(padding_ - std::min(padding_, number.size()), ' ');
  out_ += number + " │";
  size_t next = 0;
  for (size_t column = 0; column < multi_count_; ++column) {
    if (next < l.multis.size() && l.multis[next].index == column) {
      const MultiLabel& m = l.multis[next++];
      if (m.kind == MultiKind::Top) {
        out_ += m.at <= blanks ? " ╭" : "  ";
      } else {
        out_ += " │";
      }
    } else {
      out_ += "  ";
    }
  }
  out_ += ' ';
  for (const Char& c : chars) append_char(text, c, &out_);
  out_ += '\n';
  if (!l.singles.empty()) single_labels(l, chars);
  multi_carets(l, text, chars);
}

// Carets under the single-line labels; the last label's message on the caret line when it
// overlaps no other, the others hanging below with pointers.
void Report::single_labels(const Line& l, const std::vector<Char>& chars) {
  const std::vector<SingleLabel>& singles = l.singles;
  size_t messages = 0, max_start = 0, max_end = 0;
  int trailing = -1;
  for (size_t i = 0; i < singles.size(); ++i) {
    if (!singles[i].message.empty()) ++messages;
    max_start = std::max(max_start, singles[i].start);
    max_end = std::max(max_end, singles[i].end);
    if (singles[i].end == max_end) trailing = singles[i].message.empty() ? -1 : static_cast<int>(i);
  }
  if (trailing >= 0) {
    const SingleLabel& t = singles[static_cast<size_t>(trailing)];
    for (size_t i = 0; i < singles.size(); ++i) {
      if (static_cast<int>(i) != trailing && overlaps(t.start, t.end, singles[i].start, singles[i].end)) {
        trailing = -1;
        break;
      }
    }
  }

  outer_gutter();
  out_ += "│";
  inner_gutter(l.multis);
  out_ += ' ';
  std::vector<Char> with_end = chars;
  Char placeholder;  // a column after the line's end, so a label there still gets a caret
  placeholder.byte = chars.empty() ? 0 : chars.back().byte + chars.back().length;
  with_end.push_back(placeholder);
  for (const Char& c : with_end) {
    bool labelled = std::any_of(singles.begin(), singles.end(), [&](const SingleLabel& s) {
      return overlaps(s.start, s.end, c.byte, c.byte + c.length);
    });
    if (labelled) {
      out_.append(c.width, '^');
    } else if (c.byte < max_end) {
      out_.append(c.width, ' ');
    }
  }
  if (trailing >= 0) {
    out_ += ' ';
    out_ += singles[static_cast<size_t>(trailing)].message;
  }
  out_ += '\n';

  if (messages <= (trailing >= 0 ? 1u : 0u)) return;
  outer_gutter();
  out_ += "│";
  inner_gutter(l.multis);
  out_ += ' ';
  caret_pointers(singles, trailing, max_start, chars, SIZE_MAX);
  out_ += '\n';
  for (size_t i = singles.size(); i-- > 0;) {
    if (singles[i].message.empty() || static_cast<int>(i) == trailing) continue;
    outer_gutter();
    out_ += "│";
    inner_gutter(l.multis);
    out_ += ' ';
    caret_pointers(singles, trailing, max_start, chars, singles[i].start);
    out_ += singles[i].message;
    out_ += '\n';
  }
}

// A bar under the start of each hanging label, over the characters before `before`.
void Report::caret_pointers(const std::vector<SingleLabel>& singles, int trailing, size_t max_start,
                            const std::vector<Char>& chars, size_t before) {
  for (const Char& c : chars) {
    if (c.byte >= before) break;
    bool pointer = false;
    for (size_t i = 0; i < singles.size() && !pointer; ++i) {
      if (singles[i].message.empty() || static_cast<int>(i) == trailing) continue;
      pointer = singles[i].start >= c.byte && singles[i].start < c.byte + c.length;
    }
    size_t spaces = c.width;
    if (pointer) {
      out_ += "│";
      spaces = c.width > 0 ? c.width - 1 : 0;
    }
    if (c.byte <= max_start) out_.append(spaces, ' ');
  }
}

// The rows that open (╭──^) and close (╰──^ message) the multi-line labels of a line.
void Report::multi_carets(const Line& l, std::string_view text, const std::vector<Char>& chars) {
  size_t blanks = leading_blanks(text);
  for (size_t current = 0; current < l.multis.size(); ++current) {
    const MultiLabel& m = l.multis[current];
    if (m.kind == MultiKind::Left || (m.kind == MultiKind::Top && m.at <= blanks)) continue;
    outer_gutter();
    out_ += "│";
    bool underline = false;
    size_t next = 0;
    for (size_t column = 0; column < multi_count_; ++column) {
      if (next < l.multis.size() && l.multis[next].index == column) {
        const MultiLabel& other = l.multis[next];
        bool passes = other.kind == MultiKind::Left || (other.kind == MultiKind::Top && current > next) ||
                      (other.kind == MultiKind::Bottom && current < next);
        if (passes) {
          out_ += underline ? "─│" : " │";
        } else if (current == next) {
          underline = true;
          out_ += other.kind == MultiKind::Top ? " ╭" : " ╰";
        } else {
          out_ += underline ? "──" : "  ";
        }
        ++next;
      } else {
        out_ += underline ? "──" : "  ";
      }
    }
    size_t width = 0;
    for (const Char& c : chars) {
      if (m.kind == MultiKind::Top ? c.byte >= m.at + 1 : c.byte >= m.at) break;
      width += c.width;
    }
    repeat("─", width, &out_);
    out_ += '^';
    if (m.kind == MultiKind::Bottom && !m.message.empty()) {
      out_ += ' ';
      out_ += m.message;
    }
    out_ += '\n';
  }
}

std::string Report::render() {
  // Observed on the original: air-parser gives the diagnostic no message, so the header is
  // "error: " with its trailing blank, and the report ends with an empty line.
  out_ += "error: \n";
  if (!lines_.empty()) {
    size_t locus_line = line_index(locus_);
    size_t begin = line_start(locus_line);
    size_t column = 1;
    std::string_view before = src_.substr(begin, std::min(locus_, src_.size()) - begin);
    for (char ch : before) {
      if ((static_cast<uint8_t>(ch) & 0xC0) != 0x80) ++column;
    }
    outer_gutter();
    out_ += "┌─ ";
    out_ += kFileName;
    out_ += ":" + std::to_string(locus_line + 1) + ":" + std::to_string(column) + "\n";
    outer_gutter();
    out_ += "│";
    inner_gutter({});
    out_ += '\n';
  }
  std::vector<const Line*> shown;
  for (const auto& [index, l] : lines_) {
    if (l.must_render) shown.push_back(&l);
  }
  for (size_t i = 0; i < shown.size(); ++i) {
    const Line& l = *shown[i];
    source_line(l);
    if (i + 1 == shown.size()) break;
    size_t gap = shown[i + 1]->number - l.number;
    if (gap == 2) {
      // One hidden line between two shown ones is shown rather than elided.
      Line between;
      auto it = lines_.find(l.number);  // index of the next line = its number - 1 + 1
      if (it != lines_.end()) {
        between.multis = it->second.multis;
      }
      between.number = l.number + 1;
      between.begin = line_start(l.number);
      between.end = line_start(l.number + 1);
      source_line(between);
    } else if (gap > 2) {
      outer_gutter();
      out_ += "·";
      inner_gutter(l.multis);
      out_ += '\n';
    }
  }
  out_ += '\n';
  return std::move(out_);
}

// The spans of a script's instructions, '(' to ')' inclusive, with the index of the
// enclosing one; empty when the script does not lex or its parentheses do not balance. A '('
// opens an instruction when an instruction keyword follows it (not a triplet or an ap key).
struct Instruction {
  Span span;
  size_t parent = SIZE_MAX;
};

std::vector<Instruction> instruction_spans(std::string_view source) {
  std::vector<Instruction> out;
  std::vector<Span> comments;
  Lexer lexer(source, &comments);
  std::vector<size_t> open;  // per open '(': its instruction's index, or SIZE_MAX
  size_t innermost = SIZE_MAX;
  uint32_t paren = UINT32_MAX;  // the '(' just read, before the token after it is known
  for (Token t = lexer.next(); t.kind != TokenKind::End; t = lexer.next()) {
    if (t.kind == TokenKind::Error) return {};
    if (paren != UINT32_MAX) {
      bool keyword = t.kind == TokenKind::Bare &&
                     keyword_of(source.substr(t.span.begin, t.span.end - t.span.begin)) != Keyword::None;
      if (keyword) {
        out.push_back({Span{paren, paren}, innermost});
        innermost = out.size() - 1;
      }
      open.push_back(keyword ? innermost : SIZE_MAX);
      paren = UINT32_MAX;
    }
    if (t.kind == TokenKind::LParen) {
      paren = t.span.begin;
    } else if (t.kind == TokenKind::RParen) {
      if (open.empty()) return {};
      size_t index = open.back();
      open.pop_back();
      if (index != SIZE_MAX) {
        out[index].span.end = t.span.end;
        innermost = out[index].parent;
      }
    }
  }
  if (!open.empty() || paren != UINT32_MAX) return {};
  return out;
}

// The innermost instruction holding byte `pos`, or nullptr. `spans` is in opening order.
const Instruction* instruction_at(const std::vector<Instruction>& spans, uint32_t pos) {
  auto after = std::upper_bound(spans.begin(), spans.end(), pos,
                                [](uint32_t p, const Instruction& i) { return p < i.span.begin; });
  if (after == spans.begin()) return nullptr;
  size_t index = static_cast<size_t>(after - spans.begin()) - 1;
  while (index != SIZE_MAX && spans[index].span.end <= pos) index = spans[index].parent;
  return index == SIZE_MAX ? nullptr : &spans[index];
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "variable 'x' wasn't defined" or "iterable 'i' wasn't defined": the original reports each
// such name once.
bool undefined_name(std::string_view message) {
  return (starts_with(message, "variable '") || starts_with(message, "iterable '")) &&
         ends_with(message, "' wasn't defined");
}

// The messages of the validator checks (language.md 2.4), which air-parser's validator words
// the same way.
bool validator_message(std::string_view message) {
  return undefined_name(message) || starts_with(message, "new can't be applied to a '") ||
         starts_with(message, "multiple iterable values found for iterator name '") ||
         starts_with(message, "multiple next instructions for iterator '") ||
         message == "error code 0 with fail is unsupported";
}

// airvm's diagnostics as the original labels them where the two agree on the rule: a
// validator error labels the whole instruction it was found in (Observed on the original:
// `(call x ("s" "f") [])` is labelled from '(' to ')'), and an undefined name is reported once,
// in the instruction that closes first (the original's validator meets instructions as its
// LR parser reduces them and keeps a name's first meeting). Other errors keep their spans.
std::vector<Diagnostic> original_labels(std::string_view source, const std::vector<Diagnostic>& errors) {
  bool any = std::any_of(errors.begin(), errors.end(), [](const Diagnostic& d) { return validator_message(d.message); });
  if (!any) return errors;
  std::vector<Instruction> spans = instruction_spans(source);
  if (spans.empty()) return errors;
  std::vector<Diagnostic> out;
  std::map<std::string_view, size_t> undefined;  // message -> its entry in out
  for (const Diagnostic& d : errors) {
    const Instruction* at = validator_message(d.message) ? instruction_at(spans, d.span.begin) : nullptr;
    Diagnostic widened = d;
    if (at) widened.span = at->span;
    if (at && undefined_name(d.message)) {
      auto [it, inserted] = undefined.try_emplace(d.message, out.size());
      if (!inserted) {
        if (widened.span.end < out[it->second].span.end) out[it->second] = widened;
        continue;
      }
    }
    out.push_back(std::move(widened));
  }
  return out;
}

}  // namespace

std::string serde_parse_report(std::string_view source, const std::vector<Diagnostic>& errors) {
  std::vector<Diagnostic> labels = original_labels(source, errors);  // the report points into it
  Report report(source);
  size_t budget = kMaxReportBytes;
  for (const Diagnostic& d : labels) {
    size_t start = std::min<size_t>(d.span.begin, source.size());
    size_t end = std::clamp<size_t>(d.span.end, start, source.size());
    size_t cost = report.cost(start, end) + d.message.size();
    if (cost > budget && budget != kMaxReportBytes) break;  // the first label is always shown
    budget -= std::min(budget, cost);
    report.add(start, end, d.message);
  }
  return report.render();
}

}  // namespace airvm::air
