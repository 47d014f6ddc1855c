// Reading JSON with RapidJSON's SAX reader into Json values, and canonical writing.
#include "data/json_text.h"

#include <rapidjson/error/error.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstdio>

#include "data/json_number.h"

namespace airvm::data {

std::string JsonError::display() const {
  return message + " at line " + std::to_string(line) + " column " + std::to_string(column);
}

std::string JsonError::debug() const {
  // Rust's Debug of the message string: quotes and backslashes escaped.
  std::string quoted;
  for (char c : message) {
    if (c == '"' || c == '\\') quoted.push_back('\\');
    quoted.push_back(c);
  }
  return "Error(\"" + quoted + "\", line: " + std::to_string(line) + ", column: " + std::to_string(column) + ")";
}

JsonError json_error_at(std::string_view text, size_t offset, bool at_byte, std::string message) {
  if (offset > text.size()) offset = text.size();
  JsonError e;
  e.message = std::move(message);
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  e.line = line;
  e.column = static_cast<uint32_t>(offset - line_start + (at_byte && offset < text.size() ? 1 : 0));
  return e;
}

namespace {

// One open array or object while reading.
struct Frame {
  bool object = false;
  uint32_t begin = 0;
  std::vector<Json> items;
  std::vector<JsonMember> members;
  std::string key;
  uint32_t key_end = 0;
};

class Builder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Builder> {
 public:
  Builder(std::string_view text, const rapidjson::MemoryStream* in) : text_(text), in_(in) {}

  bool Null() { return add(Json()); }
  bool Bool(bool b) { return add(Json::boolean(b)); }
  bool RawNumber(const char* s, rapidjson::SizeType length, bool) {
    NumberParse n = parse_json_number(std::string_view(s, length));
    if (n.error) {
      size_t start = in_->Tell() - length;
      return fail(json_error_at(text_, start + n.error_offset, false, n.error));
    }
    return add(std::move(n.value));
  }
  bool String(const char* s, rapidjson::SizeType length, bool) {
    if (has_surrogate(s, length)) return lone_surrogate();
    return add(Json::string(std::string(s, length)));
  }
  bool Key(const char* s, rapidjson::SizeType length, bool) {
    if (has_surrogate(s, length)) return lone_surrogate();
    stack_.back().key.assign(s, length);
    stack_.back().key_end = static_cast<uint32_t>(in_->Tell());
    return true;
  }
  bool StartObject() { return open(true); }
  bool StartArray() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  Json take_root() { return std::move(root_); }
  bool failed() const { return failed_; }
  const JsonError& error() const { return error_; }
  // Which container is open when the reader stops: for serde's "EOF while parsing ...".
  const char* eof_context() const {
    if (stack_.empty()) return "EOF while parsing a value";
    return stack_.back().object ? "EOF while parsing an object" : "EOF while parsing a list";
  }

 private:
  bool open(bool object) {
    if (stack_.size() + 1 > kMaxJsonDepth) {
      return fail(json_error_at(text_, in_->Tell(), true, "recursion limit exceeded"));
    }
    stack_.emplace_back();
    stack_.back().object = object;
    // The iterative reader reports a container before it consumes the bracket.
    stack_.back().begin = static_cast<uint32_t>(in_->Tell());
    return true;
  }

  bool close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    Json value = frame.object ? Json::object(std::move(frame.members)) : Json::array(std::move(frame.items));
    value.set_source_begin(frame.begin);
    // ... and its closing bracket before consuming it, too.
    return add(std::move(value), in_->Tell() + 1);
  }

  bool add(Json value) { return add(std::move(value), in_->Tell()); }
  bool add(Json value, size_t end) {
    value.set_source_end(static_cast<uint32_t>(end));
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Frame& top = stack_.back();
    if (top.object) {
      top.members.push_back(JsonMember{std::move(top.key), std::move(value), top.key_end});
      top.key.clear();
    } else {
      top.items.push_back(std::move(value));
    }
    return true;
  }

  // RapidJSON lets a trailing-surrogate escape (\udc00) through as the 3-byte form of a
  // surrogate; serde_json refuses it.
  static bool has_surrogate(const char* s, size_t length) {
    for (size_t i = 0; i + 1 < length; ++i) {
      if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return true;
    }
    return false;
  }
  bool lone_surrogate() {
    return fail(json_error_at(text_, in_->Tell(), false, "lone leading surrogate in hex escape"));
  }

  bool fail(JsonError e) {
    failed_ = true;
    error_ = std::move(e);
    return false;
  }

  std::string_view text_;
  const rapidjson::MemoryStream* in_;
  std::vector<Frame> stack_;
  Json root_;
  bool failed_ = false;
  JsonError error_;
};

size_t previous_non_space(std::string_view text, size_t offset) {
  while (offset > 0) {
    char c = text[offset - 1];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return offset - 1;
    --offset;
  }
  return std::string_view::npos;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RapidJSON's error, told the way serde_json tells it.
JsonError translate(std::string_view text, rapidjson::ParseErrorCode code, size_t offset, const Builder& b) {
  using namespace rapidjson;
  const bool eof = offset >= text.size();
  auto at = [&](const char* message) { return json_error_at(text, offset, true, message); };
  auto at_eof = [&](const char* message) { return json_error_at(text, text.size(), false, message); };
  size_t prev = previous_non_space(text, offset);
  const bool after_comma = prev != std::string_view::npos && text[prev] == ',';
  switch (code) {
    case kParseErrorDocumentEmpty: return at_eof("EOF while parsing a value");
    case kParseErrorDocumentRootNotSingular:
      if (!eof && is_digit(text[offset]) && prev + 1 == offset && text[prev] == '0') return at("invalid number");
      return at("trailing characters");
    case kParseErrorValueInvalid:
      if (eof) return at_eof("EOF while parsing a value");
      if (after_comma && (text[offset] == ']' || text[offset] == '}')) return at("trailing comma");
      return at("expected value");
    case kParseErrorObjectMissName:
      if (eof) return at_eof("EOF while parsing an object");
      if (after_comma && text[offset] == '}') return at("trailing comma");
      return at("key must be a string");
    case kParseErrorObjectMissColon:
      if (eof) return at_eof("EOF while parsing an object");
      return at("expected `:`");
    case kParseErrorObjectMissCommaOrCurlyBracket:
      if (eof) return at_eof("EOF while parsing an object");
      if (is_digit(text[offset]) && prev + 1 == offset && text[prev] == '0') return at("invalid number");
      return at("expected `,` or `}`");
    case kParseErrorArrayMissCommaOrSquareBracket:
      if (eof) return at_eof("EOF while parsing a list");
      if (is_digit(text[offset]) && prev + 1 == offset && text[prev] == '0') return at("invalid number");
      return at("expected `,` or `]`");
    case kParseErrorStringUnicodeEscapeInvalidHex:
      if (eof) return at_eof("EOF while parsing a string");
      return at("invalid escape");
    case kParseErrorStringUnicodeSurrogateInvalid: {
      // `offset` is the backslash of a leading surrogate's escape: serde wants `\u` next.
      size_t next = offset + 6;
      if (next + 1 >= text.size() || text[next] != '\\' || text[next + 1] != 'u') {
        return json_error_at(text, next, true, "unexpected end of hex escape");
      }
      return json_error_at(text, next + 6, false, "lone leading surrogate in hex escape");
    }
    case kParseErrorStringEscapeInvalid:
      if (!eof && static_cast<unsigned char>(text[offset]) < 0x20) {
        return at("control character (\\u0000-\\u001F) found while parsing a string");
      }
      return at("invalid escape");
    case kParseErrorStringMissQuotationMark:
      if (!eof) return at("control character (\\u0000-\\u001F) found while parsing a string");
      return at_eof("EOF while parsing a string");
    case kParseErrorStringInvalidEncoding: return at("invalid unicode code point");
    case kParseErrorNumberTooBig: {
      // RapidJSON points at the number's start; serde_json at its end.
      size_t end = offset;
      while (end < text.size() && (is_digit(text[end]) || text[end] == '-' || text[end] == '+' ||
                                   text[end] == '.' || text[end] == 'e' || text[end] == 'E')) {
        ++end;
      }
      return json_error_at(text, end, false, "number out of range");
    }
    case kParseErrorNumberMissFraction:
    case kParseErrorNumberMissExponent:
      if (eof) return at_eof("EOF while parsing a value");
      return at("invalid number");
    default: break;
  }
  if (eof) return at_eof(b.eof_context());
  return at("expected value");
}

}  // namespace

JsonRead read_json(std::string_view text) {
  rapidjson::MemoryStream in(text.data(), text.size());
  Builder builder(text, &in);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag |
                              rapidjson::kParseValidateEncodingFlag | rapidjson::kParseStopWhenDoneFlag;
  JsonRead out;
  rapidjson::ParseResult r = reader.Parse<kFlags>(in, builder);
  if (builder.failed()) {
    out.error = builder.error();
    return out;
  }
  if (r.IsError()) {
    out.error = translate(text, r.Code(), r.Offset(), builder);
    return out;
  }
  // kParseStopWhenDoneFlag leaves the rest to us: only whitespace may follow.
  for (size_t i = in.Tell(); i < text.size(); ++i) {
    char c = text[i];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      bool leading_zero = is_digit(c) && i > 0 && text[i - 1] == '0';
      out.error = json_error_at(text, i, true, leading_zero ? "invalid number" : "trailing characters");
      return out;
    }
  }
  out.value = builder.take_root();
  out.ok = true;
  return out;
}

void append_json_string(std::string_view text, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending unescaped run
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c > '\\' || (c >= 0x20 && c != '"' && c != '\\')) continue;
    out->append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\t': out->append("\\t"); break;
      case '\n': out->append("\\n"); break;
      case '\f': out->append("\\f"); break;
      case '\r': out->append("\\r"); break;
      default: {
        char esc[7] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15], 0};
        out->append(esc, 6);
      }
    }
  }
  out->append(text.substr(run));
  out->push_back('"');
}

namespace {

void append_scalar(const Json& value, std::string* out) {
  switch (value.kind()) {
    case JsonKind::Null: out->append("null"); break;
    case JsonKind::Bool: out->append(value.as_bool() ? "true" : "false"); break;
    case JsonKind::String: append_json_string(value.as_string(), out); break;
    default: append_json_number(value, out); break;
  }
}

}  // namespace

void append_json(const Json& value, std::string* out) {
  // An explicit stack: values built during execution may nest deeper than what was read.
  struct Open {
    const Json* container;
    size_t next;
  };
  std::vector<Open> stack;
  auto emit = [&](const Json& v) {
    if (v.is_array()) {
      out->push_back('[');
      stack.push_back({&v, 0});
    } else if (v.is_object()) {
      out->push_back('{');
      stack.push_back({&v, 0});
    } else {
      append_scalar(v, out);
    }
  };
  emit(value);
  while (!stack.empty()) {
    Open& top = stack.back();
    const Json& c = *top.container;
    if (c.is_array()) {
      const auto& items = c.items();
      if (top.next == items.size()) {
        out->push_back(']');
        stack.pop_back();
        continue;
      }
      if (top.next > 0) out->push_back(',');
      const Json& item = items[top.next++];
      emit(item);
    } else {
      const auto& order = c.sorted();
      if (top.next == order.size()) {
        out->push_back('}');
        stack.pop_back();
        continue;
      }
      if (top.next > 0) out->push_back(',');
      const JsonMember& m = c.members()[order[top.next++]];
      append_json_string(m.key, out);
      out->push_back(':');
      emit(m.value);
    }
  }
}

std::string to_json_text(const Json& value) {
  std::string out;
  append_json(value, &out);
  return out;
}

}  // namespace airvm::data
