// Text of operands and leaf instructions as AIR source.
#include "text.h"

namespace airvm::air {

void append_lens(const Ast& ast, LensId id, std::string* out) {
  const Lens& lens = ast.lenses[id];
  if (lens.is_length) {
    *out += ".length";
    return;
  }
  *out += ".$";
  for (uint32_t i = 0; i < lens.count; ++i) {
    const Accessor& a = ast.accessors[lens.first + i];
    switch (a.kind) {
      case AccessorKind::Field:
        *out += '.';
        *out += ast.text(a.field);
        break;
      case AccessorKind::Index:
        *out += ".[" + std::to_string(a.index) + "]";
        break;
      case AccessorKind::Scalar:
        *out += ".[";
        *out += ast.name(a.scalar);
        *out += ']';
        break;
    }
  }
  if (lens.flatten) *out += '!';
}

void append_value(const Ast& ast, ValueId id, std::string* out) {
  const Value& v = ast.values[id];
  switch (v.kind) {
    case ValueKind::InitPeerId:
      *out += "%init_peer_id%";
      break;
    case ValueKind::LastError:
      *out += "%last_error%";
      break;
    case ValueKind::Error:
      *out += ":error:";
      break;
    case ValueKind::Timestamp:
      *out += "%timestamp%";
      break;
    case ValueKind::Ttl:
      *out += "%ttl%";
      break;
    case ValueKind::Literal:
      *out += '"';
      *out += ast.text(v.text);
      *out += '"';
      break;
    case ValueKind::Int:
      *out += std::to_string(v.i);
      break;
    case ValueKind::Float: {
      // As written, less a leading '+': any other spelling could exceed the 11-character limit.
      std::string_view t = ast.text(v.text);
      if (!t.empty() && t[0] == '+') t.remove_prefix(1);
      *out += t;
      break;
    }
    case ValueKind::Bool:
      *out += v.b ? "true" : "false";
      break;
    case ValueKind::EmptyArray:
      *out += "[]";
      break;
    default:  // variables
      *out += ast.name(v.name);
      break;
  }
  if (v.lens != kNone) append_lens(ast, v.lens, out);
}

void append_instruction(const Ast& ast, const Node& n, std::string* out) {
  auto operand = [&](ValueId v) {
    *out += ' ';
    append_value(ast, v, out);
  };
  switch (n.op) {
    case Op::Call:
      *out += "(call";
      operand(n.a);
      *out += " (";
      append_value(ast, n.b, out);
      operand(n.c);
      *out += ") [";
      for (uint32_t i = 0; i < n.args_count; ++i) {
        if (i > 0) *out += ' ';
        append_value(ast, n.args_begin + i, out);
      }
      *out += ']';
      if (n.out != kNone) operand(n.out);
      break;
    case Op::Canon:
    case Op::CanonMap:
    case Op::CanonStreamMapScalar:
      *out += "(canon";
      operand(n.a);
      operand(n.b);
      operand(n.c);
      break;
    case Op::Ap:
      *out += "(ap";
      operand(n.a);
      operand(n.out);
      break;
    case Op::ApMap:
      *out += "(ap (";
      append_value(ast, n.a, out);
      operand(n.b);
      *out += ')';
      operand(n.c);
      break;
    case Op::Next:
      *out += "(next";
      operand(n.c);
      break;
    case Op::Fail:
      *out += "(fail";
      operand(n.a);
      if (n.fail_kind == FailKind::Literal) operand(n.b);
      break;
    case Op::Never:
      *out += "(never";
      break;
    case Op::Null:
      *out += "(null";
      break;
    default:
      break;
  }
  *out += ')';
}

}  // namespace airvm::air
