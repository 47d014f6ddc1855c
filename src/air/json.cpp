// JSON view of the AST for tools (`airvm parse`): positions only under keys named "span".
#include <cstdio>
#include <cstdlib>
#include <string>

#include "parse.h"

namespace airvm::air {

namespace {

void append_string(std::string_view s, std::string* out) {
  *out += '"';
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          *out += buf;
        } else {
          *out += ch;
        }
    }
  }
  *out += '"';
}

// Shortest decimal that reads back as the same double.
void append_double(double d, std::string* out) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  *out += buf;
}

void append_span(Span s, std::string* out) {
  *out += "\"span\":{\"begin\":" + std::to_string(s.begin) + ",\"end\":" + std::to_string(s.end) + "}";
}

const char* kind_name(ValueKind k) {
  switch (k) {
    case ValueKind::InitPeerId: return "init_peer_id";
    case ValueKind::LastError: return "last_error";
    case ValueKind::Error: return "error";
    case ValueKind::Timestamp: return "timestamp";
    case ValueKind::Ttl: return "ttl";
    case ValueKind::Literal: return "literal";
    case ValueKind::Int: return "int";
    case ValueKind::Float: return "float";
    case ValueKind::Bool: return "bool";
    case ValueKind::EmptyArray: return "empty_array";
    case ValueKind::Scalar: return "scalar";
    case ValueKind::Stream: return "stream";
    case ValueKind::StreamMap: return "stream_map";
    case ValueKind::CanonStream: return "canon_stream";
    case ValueKind::CanonStreamMap: return "canon_stream_map";
  }
  return "";
}

const char* op_name(Op op) {
  switch (op) {
    case Op::Call: return "call";
    case Op::Canon: return "canon";
    case Op::CanonMap: return "canon_map";
    case Op::CanonStreamMapScalar: return "canon_stream_map_scalar";
    case Op::Ap: return "ap";
    case Op::ApMap: return "ap_map";
    case Op::Seq: return "seq";
    case Op::Par: return "par";
    case Op::Xor: return "xor";
    case Op::Match: return "match";
    case Op::MisMatch: return "mismatch";
    case Op::FoldScalar: return "fold_scalar";
    case Op::FoldStream: return "fold_stream";
    case Op::FoldStreamMap: return "fold_stream_map";
    case Op::Next: return "next";
    case Op::New: return "new";
    case Op::Fail: return "fail";
    case Op::Never: return "never";
    case Op::Null: return "null";
  }
  return "";
}

void append_lens(const Ast& ast, const Lens& lens, std::string* out) {
  *out += lens.is_length ? "{\"kind\":\"length\"" : "{\"kind\":\"path\",\"accessors\":[";
  if (!lens.is_length) {
    for (uint32_t i = 0; i < lens.count; ++i) {
      const Accessor& a = ast.accessors[lens.first + i];
      if (i > 0) *out += ',';
      switch (a.kind) {
        case AccessorKind::Field:
          *out += "{\"field\":";
          append_string(ast.text(a.field), out);
          break;
        case AccessorKind::Index:
          *out += "{\"index\":" + std::to_string(a.index);
          break;
        case AccessorKind::Scalar:
          *out += "{\"scalar\":";
          append_string(ast.name(a.scalar), out);
          break;
      }
      *out += '}';
    }
    *out += "],\"flatten\":";
    *out += lens.flatten ? "true" : "false";
  }
  *out += ',';
  append_span(lens.span, out);
  *out += '}';
}

void append_value(const Ast& ast, ValueId id, std::string* out) {
  if (id == kNone) {
    *out += "null";
    return;
  }
  const Value& v = ast.values[id];
  *out += "{\"kind\":\"";
  *out += kind_name(v.kind);
  *out += '"';
  switch (v.kind) {
    case ValueKind::Literal:
      *out += ",\"value\":";
      append_string(ast.text(v.text), out);
      break;
    case ValueKind::Int:
      *out += ",\"value\":" + std::to_string(v.i);
      break;
    case ValueKind::Float:
      *out += ",\"value\":";
      append_double(v.f, out);
      break;
    case ValueKind::Bool:
      *out += v.b ? ",\"value\":true" : ",\"value\":false";
      break;
    case ValueKind::Scalar:
    case ValueKind::Stream:
    case ValueKind::StreamMap:
    case ValueKind::CanonStream:
    case ValueKind::CanonStreamMap:
      *out += ",\"name\":";
      append_string(ast.name(v.name), out);
      break;
    default:
      break;
  }
  if (v.lens != kNone) {
    *out += ",\"lens\":";
    append_lens(ast, ast.lenses[v.lens], out);
  }
  *out += ',';
  append_span(v.span, out);
  *out += '}';
}

const char* fail_form(FailKind k) {
  switch (k) {
    case FailKind::Value: return "value";
    case FailKind::Literal: return "literal";
    case FailKind::LastError: return "last_error";
    case FailKind::Error: return "error";
  }
  return "";
}

class JsonWriter {
 public:
  explicit JsonWriter(const Ast& ast) : ast_(ast) {}
  std::string run();

 private:
  // Either a node to open, or a literal piece of text to print when popped.
  struct Item {
    NodeId node;
    const char* text;
  };
  void open(NodeId id);
  void field(const char* key, ValueId v) {
    *out_ += ",\"";
    *out_ += key;
    *out_ += "\":";
    append_value(ast_, v, out_);
  }

  const Ast& ast_;
  std::string result_;
  std::string* out_ = &result_;
  std::vector<Item> stack_;
};

// Prints the node up to its first child and schedules the rest.
void JsonWriter::open(NodeId id) {
  const Node& n = ast_.nodes[id];
  *out_ += "{\"instruction\":\"";
  *out_ += op_name(n.op);
  *out_ += "\",";
  append_span(n.span, out_);
  switch (n.op) {
    case Op::Call:
      field("peer", n.a), field("service", n.b), field("function", n.c);
      *out_ += ",\"arguments\":[";
      for (uint32_t i = 0; i < n.args_count; ++i) {
        if (i > 0) *out_ += ',';
        append_value(ast_, n.args_begin + i, out_);
      }
      *out_ += ']';
      field("output", n.out);
      break;
    case Op::Canon:
    case Op::CanonMap:
    case Op::CanonStreamMapScalar:
      field("peer", n.a), field("source", n.b), field("target", n.c);
      break;
    case Op::Ap:
      field("argument", n.a), field("output", n.out);
      break;
    case Op::ApMap:
      field("key", n.a), field("value", n.b), field("map", n.c);
      break;
    case Op::Match:
    case Op::MisMatch:
      field("left", n.a), field("right", n.b);
      break;
    case Op::FoldScalar:
    case Op::FoldStream:
    case Op::FoldStreamMap:
      field("iterable", n.a), field("iterator", n.c);
      break;
    case Op::Next:
      field("iterator", n.c);
      break;
    case Op::New:
      field("variable", n.c);
      break;
    case Op::Fail:
      *out_ += ",\"form\":\"";
      *out_ += fail_form(n.fail_kind);
      *out_ += '"';
      if (n.fail_kind == FailKind::Literal) {
        field("code", n.a), field("message", n.b);
      } else if (n.fail_kind == FailKind::Value) {
        field("value", n.a);
      }
      break;
    default:
      break;
  }
  if (n.first == kNone) {
    *out_ += '}';
    return;
  }
  bool pair = n.op == Op::Seq || n.op == Op::Par || n.op == Op::Xor;
  bool fold = n.op == Op::FoldScalar || n.op == Op::FoldStream || n.op == Op::FoldStreamMap;
  stack_.push_back({kNone, "}"});
  if (pair) {
    stack_.push_back({n.second, nullptr});
    stack_.push_back({kNone, ",\"second\":"});
  } else if (fold && n.second != kNone) {
    stack_.push_back({n.second, nullptr});
    stack_.push_back({kNone, ",\"last\":"});
  } else if (fold) {
    stack_.push_back({kNone, ",\"last\":null"});
  }
  stack_.push_back({n.first, nullptr});
  *out_ += pair ? ",\"first\":" : ",\"body\":";
}

std::string JsonWriter::run() {
  stack_.push_back({0, nullptr});
  while (!stack_.empty()) {
    Item item = stack_.back();
    stack_.pop_back();
    if (item.text) {
      *out_ += item.text;
    } else {
      open(item.node);
    }
  }
  return std::move(result_);
}

}  // namespace

std::string to_json(const Ast& ast) { return JsonWriter(ast).run(); }

}  // namespace airvm::air
