// libFuzzer target over the parser and formatter. Properties, for every input:
// - no crash, no sanitizer report, under the default options and with strict_next;
// - an input rejected by default is rejected with strict_next too (the 0.62 rule only adds
//   errors), and an input accepted with strict_next gives the same AST by default;
// - a rejected input has diagnostics, and their report is valid UTF-8 (bad bytes are replaced);
// - an accepted input's JSON is well-formed, and it formats to text that parses to the same
//   AST, which formats to the same text again.
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "air/lexer.h"
#include "air/parse.h"

using namespace airvm::air;

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

bool is_utf8(std::string_view s) { return find_bad_byte(s) == UINT32_MAX; }

// Whether `text` is one well-formed JSON value (RFC 8259). Written out here because rapidjson's
// reader trips UBSan (null pointer plus offset in its internal stack) on its very first push.
class JsonChecker {
 public:
  explicit JsonChecker(std::string_view text) : s_(text) {}

  bool ok() {
    std::vector<char> open;  // '{' or '[' for each container entered
    for (;;) {
      if (!value(&open)) return false;
      for (;;) {  // after a value: close containers, or go on to the next member
        blanks();
        if (open.empty()) return i_ == s_.size();
        char closer = open.back() == '{' ? '}' : ']';
        if (eat(closer)) {
          open.pop_back();
          continue;
        }
        if (!eat(',')) return false;
        if (open.back() == '{' && !(string() && colon())) return false;
        break;
      }
    }
  }

 private:
  void blanks() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool eat(char c) {
    blanks();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool word(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  bool colon() { return eat(':'); }
  bool digits() {
    size_t from = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > from;
  }
  bool number() {
    eat('-');
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return false;
    }
    if (i_ < s_.size() && s_[i_] == '.' && (++i_, !digits())) return false;
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (i_ < s_.size() && s_[i_] != '"') {
      auto c = static_cast<unsigned char>(s_[i_++]);
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (i_ >= s_.size()) return false;
      char e = s_[i_++];
      if (e == 'u') {
        for (int k = 0; k < 4; ++k, ++i_) {
          if (i_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[i_]))) return false;
        }
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
    return i_ < s_.size() && ++i_;
  }
  // A scalar value, or the opening of a container and its first member's key.
  bool value(std::vector<char>* open) {
    for (;;) {
      blanks();
      if (i_ >= s_.size()) return false;
      char c = s_[i_];
      if (c == '{' || c == '[') {
        ++i_;
        open->push_back(c);
        if (eat(c == '{' ? '}' : ']')) {
          open->pop_back();
          return true;
        }
        if (c == '{' && !(string() && colon())) return false;
        continue;
      }
      if (c == '"') return string();
      if (c == 't') return word("true");
      if (c == 'f') return word("false");
      if (c == 'n') return word("null");
      return number();
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

bool is_json(const std::string& text) { return is_utf8(text) && JsonChecker(text).ok(); }

void check_rejected(std::string_view source, const ParseResult& result) {
  check(!result.errors.empty());
  std::string report = render_diagnostics(source, result.errors);
  check(!report.empty());
  check(is_utf8(report));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  ParseOptions strict_options;
  strict_options.strict_next = true;
  ParseResult first = parse(source);
  ParseResult strict = parse(source, strict_options);
  if (!first.ast) {
    check_rejected(source, first);
    check(!strict.ast.has_value());
    check_rejected(source, strict);
    return 0;
  }
  std::string json = to_json(*first.ast);
  check(is_json(json));
  std::string shape = without_spans(json);
  if (strict.ast) {
    check(without_spans(to_json(*strict.ast)) == shape);
  } else {
    check_rejected(source, strict);
  }
  std::string text = format(*first.ast);
  ParseResult second = parse(text);
  check(second.ast.has_value());
  check(without_spans(to_json(*second.ast)) == shape);
  check(format(*second.ast) == text);
  // Formatting keeps the after-next verdict: it only moves blanks and comments.
  check(parse(text, strict_options).ast.has_value() == strict.ast.has_value());
  return 0;
}
