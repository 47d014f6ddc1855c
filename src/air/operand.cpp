// Operands: classifies a bare token as a number, a name with its lens, or a special variable.
#include "operand.h"

#include <cstdlib>
#include <cstring>

#include "diagnostics.h"
#include "lexer.h"

namespace airvm::air {

namespace {

// language.md 1.5: a float token, sign and dot included, may have at most 11 characters.
constexpr size_t kMaxFloatTokenLength = 11;

constexpr const char* kNotAlphanumeric =
    "only alphanumeric, '_', and '-' characters are allowed in this position";
constexpr const char* kEmptyTaggedName = "a tagged name should be non empty";
constexpr const char* kEmptyCanonName = "a canon name should be non empty";
constexpr const char* kBadLensChar = "invalid character in lambda";
constexpr const char* kBadDigit = "a digit could contain only digits or one dot";
constexpr const char* kFloatTooBig = "this float is too big, a float could contain less than 12 digits";
constexpr const char* kLeadingDot =
    "leading dot without any symbols before - please write 0 if it's float or variable name if "
    "it's a lambda";
constexpr const char* kNoAccessor = "provided lambda expression doesn't contain any accessor";

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool is_name_char(uint32_t cp) { return cp == '_' || cp == '-' || is_unicode_alphanumeric(cp); }

// Characters the lexer lets through inside a lens (language.md 1.9); `!` is checked apart.
bool is_lens_char(uint32_t cp) {
  return is_name_char(cp) || (cp < 0x80 && std::strchr("$@[]():?.*,\"'", static_cast<int>(cp)));
}

// Reads a lens's text; `base` is the offset of `text` in the script.
class LensReader {
 public:
  LensReader(AstBuilder& b, std::string_view text, uint32_t base, OperandError* err)
      : b_(b), text_(text), base_(base), err_(err) {}

  bool read(LensId* out);

 private:
  bool fail(const std::string& message) {
    err_->message = message;
    err_->span = Span{base_, base_ + static_cast<uint32_t>(text_.size())};
    return false;
  }
  bool check_characters();
  bool read_accessors(std::string_view path, Lens* lens);
  bool read_bracket(std::string_view path, size_t* i, Accessor* acc);
  size_t field_length(std::string_view s) const;

  AstBuilder& b_;
  std::string_view text_;
  uint32_t base_;
  OperandError* err_;
};

bool LensReader::check_characters() {
  for (uint32_t i = 0; i < text_.size();) {
    uint32_t cp = 0;
    uint32_t len = decode_utf8(text_, i, &cp);
    bool last = i + len == text_.size();
    if (!(is_lens_char(cp) || (cp == '!' && last))) return fail(kBadLensChar);
    i += len;
  }
  return true;
}

// Length of the field name at the start of `s`: name characters, the first not an ASCII digit.
size_t LensReader::field_length(std::string_view s) const {
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = 0;
    uint32_t len = decode_utf8(s, static_cast<uint32_t>(i), &cp);
    if (!is_name_char(cp) || (i == 0 && cp < 0x80 && is_ascii_digit(static_cast<char>(cp)))) break;
    i += len;
  }
  return i;
}

// `[N]` or `[name]` at path[*i].
bool LensReader::read_bracket(std::string_view path, size_t* i, Accessor* acc) {
  size_t close = path.find(']', *i);
  if (close == std::string_view::npos) return fail("invalid lens: '[' without a closing ']'");
  std::string_view bracket = path.substr(*i, close + 1 - *i);  // `[...]`, brackets included
  std::string_view inside = bracket.substr(1, bracket.size() - 2);
  if (inside.empty()) return fail("invalid lens: empty []");
  *i = close + 1;
  if (is_ascii_digit(inside[0])) {
    uint64_t v = 0;
    for (char c : inside) {
      if (!is_ascii_digit(c)) return fail("invalid lens: an array index must be a decimal number");
      v = v * 10 + static_cast<uint64_t>(c - '0');
      if (v > UINT32_MAX) return fail("invalid lens: array index does not fit in 32 bits");
    }
    acc->kind = AccessorKind::Index;
    acc->index = static_cast<uint32_t>(v);
    return true;
  }
  if (field_length(inside) != inside.size()) {
    return fail("invalid lens: " + quote_token(bracket) +
                " is neither an index nor a scalar name");
  }
  acc->kind = AccessorKind::Scalar;
  uint32_t at = base_ + static_cast<uint32_t>(inside.data() - text_.data());
  acc->scalar = b_.intern(Span{at, at + static_cast<uint32_t>(inside.size())});
  return true;
}

bool LensReader::read_accessors(std::string_view path, Lens* lens) {
  Ast& ast = b_.ast();
  lens->first = static_cast<uint32_t>(ast.accessors.size());
  for (size_t i = 0; i < path.size();) {
    Accessor acc;
    bool dot = path[i] == '.';
    size_t at = dot ? i + 1 : i;
    if (at < path.size() && path[at] == '[') {
      i = at;
      if (!read_bracket(path, &i, &acc)) return false;
    } else if (dot) {
      size_t len = field_length(path.substr(at));
      if (len == 0) return fail("invalid lens: expected a field name after '.'");
      acc.kind = AccessorKind::Field;
      uint32_t off = base_ + static_cast<uint32_t>(path.data() - text_.data() + at);
      acc.field = TextRef{off, static_cast<uint32_t>(len)};
      i = at + len;
    } else {
      return fail("invalid lens: expected '.field', '[index]' or '[scalar]'");
    }
    ast.accessors.push_back(acc);
  }
  lens->count = static_cast<uint32_t>(ast.accessors.size()) - lens->first;
  return true;
}

bool LensReader::read(LensId* out) {
  if (!check_characters()) return false;
  Lens lens;
  lens.span = Span{base_, base_ + static_cast<uint32_t>(text_.size())};
  std::string_view body = text_;
  if (body.size() > 1 && body.back() == '!') {
    lens.flatten = true;
    body.remove_suffix(1);
  }
  if (body == ".length" && !lens.flatten) {
    lens.is_length = true;
  } else if (body.substr(0, 2) == ".$") {
    std::string_view path = body.substr(2);
    if (path.empty()) return fail(kNoAccessor);
    size_t mark = b_.ast().accessors.size();
    if (!read_accessors(path, &lens)) {
      b_.ast().accessors.resize(mark);
      return false;
    }
  } else {
    return fail("invalid lens: a lens is '.length' or '.$' followed by accessors");
  }
  *out = static_cast<LensId>(b_.ast().lenses.size());
  b_.ast().lenses.push_back(lens);
  return true;
}

bool error_at(OperandError* err, Span span, const std::string& message) {
  err->message = message;
  err->span = span;
  return false;
}

// A lens after a special variable's name, e.g. `%last_error%.$.message`.
bool read_special(AstBuilder& b, Span token, size_t name_length, ValueKind kind, Value* out,
                  OperandError* err) {
  out->kind = kind;
  out->span = token;
  if (token.end - token.begin == name_length) return true;
  uint32_t at = token.begin + static_cast<uint32_t>(name_length);
  std::string_view rest = b.text(Span{at, token.end});
  if (rest[0] != '.') return error_at(err, Span{at, token.end}, "invalid lens " + quote_token(rest));
  return LensReader(b, rest, at, err).read(&out->lens);
}

enum class NumberScan { Integer, Float, NotANumber, Failed };

// language.md 1.5: decides whether the token is a number, and parses it if so.
NumberScan scan_number(std::string_view s, Span token, Value* out, OperandError* err) {
  size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i < s.size() && s[i] == '.') return error_at(err, token, kLeadingDot), NumberScan::Failed;
  bool dot = false;
  size_t digits = 0;
  for (size_t j = i; j < s.size(); ++j) {
    if (is_ascii_digit(s[j])) {
      ++digits;
    } else if (s[j] == '.' && !dot) {
      dot = true;
    } else if (dot) {
      return error_at(err, token, kBadDigit), NumberScan::Failed;
    } else {
      return NumberScan::NotANumber;
    }
  }
  out->span = token;
  if (dot) {
    if (s.size() > kMaxFloatTokenLength) return error_at(err, token, kFloatTooBig), NumberScan::Failed;
    std::string copy(s);
    out->kind = ValueKind::Float;
    out->f = std::strtod(copy.c_str(), nullptr);
    out->text = TextRef{token.begin, token.end - token.begin};
    return NumberScan::Float;
  }
  if (digits == 0) return error_at(err, token, "invalid digit found in string"), NumberScan::Failed;
  bool negative = s[0] == '-';
  uint64_t magnitude = 0;
  const uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
  for (size_t j = i; j < s.size(); ++j) {
    uint64_t d = static_cast<uint64_t>(s[j] - '0');
    if (magnitude > (limit - d) / 10) {
      const char* m = negative ? "number too small to fit in target type" : "number too large to fit in target type";
      return error_at(err, token, m), NumberScan::Failed;
    }
    magnitude = magnitude * 10 + d;
  }
  out->kind = ValueKind::Int;
  out->i = negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
  return NumberScan::Integer;
}

// language.md 1.7: [tag] name [lens].
bool read_name(AstBuilder& b, std::string_view s, Span token, Value* out, OperandError* err) {
  size_t tag = 0;
  out->kind = ValueKind::Scalar;
  if (s.substr(0, 2) == "#$") {
    tag = 2, out->kind = ValueKind::CanonStream;
  } else if (s.substr(0, 2) == "#%") {
    tag = 2, out->kind = ValueKind::CanonStreamMap;
  } else if (s[0] == '#') {
    tag = 1, out->kind = ValueKind::CanonStream;
  } else if (s[0] == '$') {
    tag = 1, out->kind = ValueKind::Stream;
  } else if (s[0] == '%') {
    tag = 1, out->kind = ValueKind::StreamMap;
  }
  size_t dot = s.find('.');
  size_t name_end = dot == std::string_view::npos ? s.size() : dot;
  if (tag > 0 && s.size() == tag) return error_at(err, token, tag == 2 ? kEmptyCanonName : kEmptyTaggedName);
  // Quirk kept from the original: a tagged name whose lens starts within its first 3 characters.
  if (tag > 0 && dot != std::string_view::npos && dot <= 2) return error_at(err, token, kEmptyCanonName);
  for (uint32_t i = static_cast<uint32_t>(tag); i < name_end;) {
    uint32_t cp = 0;
    uint32_t len = decode_utf8(s, i, &cp);
    if (!is_name_char(cp)) return error_at(err, token, kNotAlphanumeric);
    i += len;
  }
  Span name{token.begin, token.begin + static_cast<uint32_t>(name_end)};
  out->span = token;
  if (dot != std::string_view::npos) {
    uint32_t at = token.begin + static_cast<uint32_t>(dot);
    if (!LensReader(b, s.substr(dot), at, err).read(&out->lens)) return false;
  }
  out->name = b.intern(name);
  return true;
}

}  // namespace

Keyword keyword_of(std::string_view t) {
  struct Entry {
    const char* text;
    Keyword keyword;
  };
  static constexpr Entry kKeywords[] = {
      {"call", Keyword::Call}, {"canon", Keyword::Canon}, {"ap", Keyword::Ap},
      {"seq", Keyword::Seq},   {"par", Keyword::Par},     {"fail", Keyword::Fail},
      {"fold", Keyword::Fold}, {"xor", Keyword::Xor},     {"never", Keyword::Never},
      {"new", Keyword::New},   {"next", Keyword::Next},   {"null", Keyword::Null},
      {"match", Keyword::Match}, {"mismatch", Keyword::Mismatch},
  };
  for (const Entry& e : kKeywords) {
    if (t == e.text) return e.keyword;
  }
  return Keyword::None;
}

AstBuilder::AstBuilder(std::string_view source) { ast_.source.assign(source); }

NameId AstBuilder::intern(Span name) {
  std::string_view key = text(name);
  auto [it, inserted] = ids_.try_emplace(key, static_cast<NameId>(ast_.names.size()));
  if (inserted) ast_.names.push_back(TextRef{name.begin, name.end - name.begin});
  return it->second;
}

Value literal_value(Span token) {
  Value v;
  v.kind = ValueKind::Literal;
  v.text = TextRef{token.begin + 1, token.end - token.begin - 2};
  v.span = token;
  return v;
}

bool read_operand(AstBuilder& b, Span token, Value* out, OperandError* err) {
  std::string_view s = b.text(token);
  size_t lenses = b.ast().lenses.size();
  size_t accessors = b.ast().accessors.size();
  auto special = [&](std::string_view name, ValueKind kind) {
    return read_special(b, token, name.size(), kind, out, err);
  };
  bool ok = false;
  if (s == "%init_peer_id%") {
    ok = special(s, ValueKind::InitPeerId);
  } else if (s.substr(0, 7) == ":error:") {
    ok = special(":error:", ValueKind::Error);
  } else if (s.substr(0, 12) == "%last_error%") {
    ok = special("%last_error%", ValueKind::LastError);
  } else if (s == "%timestamp%") {
    ok = special(s, ValueKind::Timestamp);
  } else if (s == "%ttl%") {
    ok = special(s, ValueKind::Ttl);
  } else if (s == "true" || s == "false") {
    out->kind = ValueKind::Bool;
    out->b = s == "true";
    out->span = token;
    ok = true;
  } else {
    switch (scan_number(s, token, out, err)) {
      case NumberScan::Integer:
      case NumberScan::Float:
        ok = true;
        break;
      case NumberScan::Failed:
        ok = false;
        break;
      case NumberScan::NotANumber:
        ok = read_name(b, s, token, out, err);
        break;
    }
  }
  if (!ok) {
    b.ast().lenses.resize(lenses);
    b.ast().accessors.resize(accessors);
  }
  return ok;
}

}  // namespace airvm::air
