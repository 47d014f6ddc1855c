// Semver parsing and precedence, just enough for the version gate.
#include "data/semver.h"

#include <cstdint>
#include <vector>

namespace airvm::data {

namespace {

struct Version {
  uint64_t part[3] = {0, 0, 0};
  std::vector<std::string_view> pre;  // dot-separated pre-release identifiers
};

const char* const kPartNames[3] = {"major", "minor", "patch"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string describe(std::string_view text, size_t pos, const char* what) {
  if (pos >= text.size()) return std::string("unexpected end of input while parsing ") + what;
  return std::string("unexpected character '") + text[pos] + "' while parsing " + what;
}

// Parses into `v`; returns "" or the reason.
std::string parse(std::string_view text, Version* v) {
  if (text.empty()) return "empty string, expected a semver version";
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    std::string what = std::string(kPartNames[i]) + " version number";
    if (i > 0) {
      if (pos >= text.size() || text[pos] != '.') return describe(text, pos, ("'.' after " + std::string(kPartNames[i - 1]) + " version number").c_str());
      ++pos;
    }
    if (pos >= text.size() || !is_digit(text[pos])) return describe(text, pos, what.c_str());
    if (text[pos] == '0' && pos + 1 < text.size() && is_digit(text[pos + 1])) {
      return "invalid leading zero in " + what;
    }
    uint64_t n = 0;
    while (pos < text.size() && is_digit(text[pos])) {
      uint64_t d = static_cast<uint64_t>(text[pos] - '0');
      if (n > (UINT64_MAX - d) / 10) return "value of " + what + " exceeds u64::MAX";
      n = n * 10 + d;
      ++pos;
    }
    v->part[i] = n;
  }
  auto identifiers = [&](std::vector<std::string_view>* out, const char* what) -> std::string {
    size_t start = pos;
    for (;;) {
      size_t begin = pos;
      while (pos < text.size() && (is_digit(text[pos]) || text[pos] == '-' || (text[pos] >= 'a' && text[pos] <= 'z') ||
                                   (text[pos] >= 'A' && text[pos] <= 'Z'))) {
        ++pos;
      }
      if (pos == begin) return std::string("empty identifier segment in ") + what;
      if (out) out->push_back(text.substr(begin, pos - begin));
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        continue;
      }
      break;
    }
    (void)start;
    return "";
  };
  if (pos < text.size() && text[pos] == '-') {
    ++pos;
    std::string why = identifiers(&v->pre, "pre-release identifier");
    if (!why.empty()) return why;
  }
  if (pos < text.size() && text[pos] == '+') {
    ++pos;
    std::string why = identifiers(nullptr, "build metadata");
    if (!why.empty()) return why;
  }
  if (pos < text.size()) return describe(text, pos, "version number");
  return "";
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return !s.empty();
}

int compare_identifier(std::string_view a, std::string_view b) {
  bool na = all_digits(a), nb = all_digits(b);
  if (na && nb) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
  }
  if (na != nb) return na ? -1 : 1;  // numeric identifiers sort first
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

std::string semver_error(std::string_view text) {
  Version v;
  return parse(text, &v);
}

int semver_compare(std::string_view a, std::string_view b) {
  Version va, vb;
  parse(a, &va);
  parse(b, &vb);
  for (int i = 0; i < 3; ++i) {
    if (va.part[i] != vb.part[i]) return va.part[i] < vb.part[i] ? -1 : 1;
  }
  if (va.pre.empty() != vb.pre.empty()) return va.pre.empty() ? 1 : -1;
  for (size_t i = 0; i < va.pre.size() && i < vb.pre.size(); ++i) {
    int c = compare_identifier(va.pre[i], vb.pre[i]);
    if (c) return c;
  }
  if (va.pre.size() != vb.pre.size()) return va.pre.size() < vb.pre.size() ? -1 : 1;
  return 0;
}

}  // namespace airvm::data
