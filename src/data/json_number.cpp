// serde_json 1.0.105's number parse (without its float_roundtrip option) and ryu's print.
#include "data/json_number.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace airvm::data {

namespace {

constexpr uint64_t kU64Max = UINT64_MAX;
constexpr int32_t kI32Max = INT32_MAX;

// serde_json's overflow check for `acc * 10 + digit` against `max`.
template <typename T>
bool would_overflow(T acc, T digit, T max) {
  return acc >= max / 10 && (acc > max / 10 || digit > max % 10);
}

// 10^e for 0 <= e <= 308, each the correctly rounded double (the literal's value).
double pow10_exact(int e) {
  static double table[309];
  static bool ready = false;
  if (!ready) {
    char text[8];
    for (int i = 0; i <= 308; ++i) {
      std::snprintf(text, sizeof text, "1e%d", i);
      table[i] = std::strtod(text, nullptr);
    }
    ready = true;
  }
  return table[e];
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Cursor {
  std::string_view text;
  size_t pos = 0;
  char peek() const { return pos < text.size() ? text[pos] : '\0'; }
};

NumberParse fail(const char* error, size_t offset) {
  NumberParse r;
  r.error = error;
  r.error_offset = offset;
  return r;
}

// Step 5 of data-format.md 3.3: significand and decimal exponent to a double.
NumberParse from_parts(const Cursor& c, bool positive, uint64_t significand, int32_t exponent) {
  double f = static_cast<double>(significand);
  for (;;) {
    uint32_t magnitude = exponent < 0 ? 0u - static_cast<uint32_t>(exponent) : static_cast<uint32_t>(exponent);
    if (magnitude <= 308) {
      if (exponent >= 0) {
        f *= pow10_exact(static_cast<int>(magnitude));
        if (std::isinf(f)) return fail("number out of range", c.pos);
      } else {
        f /= pow10_exact(static_cast<int>(magnitude));
      }
      break;
    }
    if (f == 0.0) break;
    if (exponent >= 0) return fail("number out of range", c.pos);
    f /= 1e308;
    exponent += 308;
  }
  NumberParse r;
  r.value = Json::f64(positive ? f : -f);
  return r;
}

NumberParse parse_exponent(Cursor& c, bool positive, uint64_t significand, int32_t starting) {
  ++c.pos;  // e or E
  bool positive_exp = true;
  if (c.peek() == '+') {
    ++c.pos;
  } else if (c.peek() == '-') {
    positive_exp = false;
    ++c.pos;
  }
  if (!is_digit(c.peek())) return fail("invalid number", c.pos);
  int32_t exp = c.peek() - '0';
  ++c.pos;
  while (is_digit(c.peek())) {
    int32_t digit = c.peek() - '0';
    ++c.pos;
    if (would_overflow<int32_t>(exp, digit, kI32Max)) {
      if (significand != 0 && positive_exp) return fail("number out of range", c.pos);
      while (is_digit(c.peek())) ++c.pos;
      NumberParse r;
      r.value = Json::f64(positive ? 0.0 : -0.0);
      return r;
    }
    exp = exp * 10 + digit;
  }
  int64_t total = positive_exp ? int64_t{starting} + exp : int64_t{starting} - exp;
  if (total > kI32Max) total = kI32Max;
  if (total < INT32_MIN) total = INT32_MIN;
  return from_parts(c, positive, significand, static_cast<int32_t>(total));
}

NumberParse parse_after_digits(Cursor& c, bool positive, uint64_t significand, int32_t exponent) {
  if (c.peek() == 'e' || c.peek() == 'E') return parse_exponent(c, positive, significand, exponent);
  return from_parts(c, positive, significand, exponent);
}

NumberParse parse_decimal(Cursor& c, bool positive, uint64_t significand, int32_t before_point) {
  ++c.pos;  // '.'
  int32_t after_point = 0;
  while (is_digit(c.peek())) {
    uint64_t digit = static_cast<uint64_t>(c.peek() - '0');
    if (would_overflow<uint64_t>(significand, digit, kU64Max)) {
      // Every further fraction digit is ignored (data-format.md 3.3 step 3).
      while (is_digit(c.peek())) ++c.pos;
      return parse_after_digits(c, positive, significand, before_point + after_point);
    }
    ++c.pos;
    significand = significand * 10 + digit;
    --after_point;
  }
  if (after_point == 0) return fail("invalid number", c.pos);
  return parse_after_digits(c, positive, significand, before_point + after_point);
}

NumberParse parse_long_integer(Cursor& c, bool positive, uint64_t significand) {
  int32_t exponent = 0;
  while (is_digit(c.peek())) {
    ++c.pos;
    if (exponent < kI32Max) ++exponent;
  }
  if (c.peek() == '.') return parse_decimal(c, positive, significand, exponent);
  return parse_after_digits(c, positive, significand, exponent);
}

NumberParse integer_result(bool positive, uint64_t significand) {
  NumberParse r;
  if (positive) {
    r.value = Json::u64(significand);
  } else if (significand == 0) {
    r.value = Json::f64(-0.0);
  } else if (significand <= (uint64_t{1} << 63)) {
    r.value = Json::i64(static_cast<int64_t>(0 - significand));
  } else {
    r.value = Json::f64(-static_cast<double>(significand));
  }
  return r;
}

}  // namespace

NumberParse parse_json_number(std::string_view text) {
  Cursor c{text, 0};
  bool positive = true;
  if (c.peek() == '-') {
    positive = false;
    ++c.pos;
  }
  if (!is_digit(c.peek())) return fail("invalid number", c.pos);
  uint64_t significand = 0;
  if (c.peek() == '0') {
    ++c.pos;
    if (is_digit(c.peek())) return fail("invalid number", c.pos);
  } else {
    significand = static_cast<uint64_t>(c.peek() - '0');
    ++c.pos;
    while (is_digit(c.peek())) {
      uint64_t digit = static_cast<uint64_t>(c.peek() - '0');
      if (would_overflow<uint64_t>(significand, digit, kU64Max)) {
        // That digit and every further integer digit only raise the exponent.
        NumberParse r = parse_long_integer(c, positive, significand);
        if (!r.error && c.pos != text.size()) return fail("invalid number", c.pos);
        return r;
      }
      ++c.pos;
      significand = significand * 10 + digit;
    }
  }
  NumberParse r;
  if (c.peek() == '.') {
    r = parse_decimal(c, positive, significand, 0);
  } else if (c.peek() == 'e' || c.peek() == 'E') {
    r = parse_exponent(c, positive, significand, 0);
  } else {
    r = integer_result(positive, significand);
  }
  if (!r.error && c.pos != text.size()) return fail("invalid number", c.pos);
  return r;
}

ShortestDigits shortest_digits(double d) {
  // The first precision whose correctly rounded digits read back to d is the shortest.
  ShortestDigits out;
  char text[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*e", precision - 1, d);
    if (std::strtod(text, nullptr) != d && precision < 17) continue;
    // text: d[.ddd]e[+-]XX
    const char* p = text;
    out.count = 0;
    for (; *p && *p != 'e'; ++p) {
      if (*p != '.') out.digits[out.count++] = *p;
    }
    int exp10 = std::atoi(p + 1);
    while (out.count > 1 && out.digits[out.count - 1] == '0') --out.count;
    out.k = exp10 + 1;
    return out;
  }
  return out;
}

namespace {

void append_double(double d, std::string* out) {
  if (!std::isfinite(d)) {
    out->append("null");  // serde_json writes non-finite floats as null
    return;
  }
  if (d == 0.0) {
    out->append(std::signbit(d) ? "-0.0" : "0.0");
    return;
  }
  if (std::signbit(d)) {
    out->push_back('-');
    d = -d;
  }
  ShortestDigits s = shortest_digits(d);
  const int n = s.count;
  const int k = s.k;
  std::string_view digits(s.digits, static_cast<size_t>(n));
  char exp_text[16];
  if (n <= k && k <= 16) {
    out->append(digits);
    out->append(static_cast<size_t>(k - n), '0');
    out->append(".0");
  } else if (0 < k && k <= 16) {
    out->append(digits.substr(0, static_cast<size_t>(k)));
    out->push_back('.');
    out->append(digits.substr(static_cast<size_t>(k)));
  } else if (-5 < k && k <= 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-k), '0');
    out->append(digits);
  } else {
    out->push_back(digits[0]);
    if (n > 1) {
      out->push_back('.');
      out->append(digits.substr(1));
    }
    std::snprintf(exp_text, sizeof exp_text, "e%d", k - 1);
    out->append(exp_text);
  }
}

}  // namespace

void append_json_number(const Json& number, std::string* out) {
  char text[24];
  switch (number.kind()) {
    case JsonKind::U64:
      std::snprintf(text, sizeof text, "%llu", static_cast<unsigned long long>(number.as_u64()));
      out->append(text);
      break;
    case JsonKind::I64:
      std::snprintf(text, sizeof text, "%lld", static_cast<long long>(number.as_i64()));
      out->append(text);
      break;
    case JsonKind::F64:
      append_double(number.as_f64(), out);
      break;
    default:
      break;
  }
}

}  // namespace airvm::data
