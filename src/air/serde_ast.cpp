// AquaVM's `ast` export: the AST as serde_json writes air-parser 0.54's Instruction tree.
// Every shape below is the original's, recorded by tests/oracle/gen-ast.mjs; the places where
// it is not what one would guess from the grammar are marked "Observed on the original".
#include "serde_ast.h"

#include <string>

#include "data/json.h"
#include "data/json_number.h"
#include "data/json_text.h"

namespace airvm::air {

namespace {

void append_uint(uint64_t n, std::string* out) { *out += std::to_string(n); }

// A Rust &str as serde_json writes it: \" \\ \b \f \n \r \t, other controls as \u00xx.
void append_str(std::string_view s, std::string* out) { data::append_json_string(s, out); }

// A LambdaAST: {"Functor":"Length"} or {"ValuePath":[accessor, ...]}. Observed on the
// original: the flattening `!` leaves no trace in it, and `.$[0]` and `.$.[0]` are alike.
void append_lambda(const Ast& ast, LensId id, std::string* out) {
  const Lens& lens = ast.lenses[id];
  if (lens.is_length) {
    *out += "{\"Functor\":\"Length\"}";
    return;
  }
  *out += "{\"ValuePath\":[";
  for (uint32_t i = 0; i < lens.count; ++i) {
    const Accessor& a = ast.accessors[lens.first + i];
    if (i > 0) *out += ',';
    switch (a.kind) {
      case AccessorKind::Field:
        *out += "{\"FieldAccessByName\":{\"field_name\":";
        append_str(ast.text(a.field), out);
        break;
      case AccessorKind::Index:
        *out += "{\"ArrayAccess\":{\"idx\":";
        append_uint(a.index, out);
        break;
      case AccessorKind::Scalar:
        *out += "{\"FieldAccessByScalar\":{\"scalar_name\":";
        append_str(ast.name(a.scalar), out);
        break;
    }
    *out += "}}";
  }
  *out += "]}";
}

// A variable struct (Scalar, Stream, CanonStream, ...): {"name":..,"position":..}, with
// "lambda" between them for the *WithLambda ones. The name keeps its tag as written ($, #, #$,
// %, #%); the position is the byte offset of the token, lens included (Observed on the
// original: bytes, not characters, after multibyte text).
void append_variable(const Ast& ast, const Value& v, std::string* out) {
  *out += "{\"name\":";
  append_str(ast.name(v.name), out);
  if (v.lens != kNone) {
    *out += ",\"lambda\":";
    append_lambda(ast, v.lens, out);
  }
  *out += ",\"position\":";
  append_uint(v.span.begin, out);
  *out += '}';
}

// {"Tag":payload} for an externally tagged newtype variant.
void open_variant(const char* tag, std::string* out) {
  *out += "{\"";
  *out += tag;
  *out += "\":";
}

// A variable as a variant whose tag says its kind, plain or with a lambda:
// {"Scalar":{..}}, {"ScalarWithLambda":{..}}, {"CanonStreamWithLambda":{..}}, ...
void append_tagged_variable(const Ast& ast, const Value& v, std::string* out) {
  bool lens = v.lens != kNone;
  const char* tag = "Scalar";
  switch (v.kind) {
    case ValueKind::Scalar: tag = lens ? "ScalarWithLambda" : "Scalar"; break;
    case ValueKind::Stream: tag = "Stream"; break;
    case ValueKind::StreamMap: tag = "StreamMap"; break;
    case ValueKind::CanonStream: tag = lens ? "CanonStreamWithLambda" : "CanonStream"; break;
    case ValueKind::CanonStreamMap: tag = lens ? "CanonStreamMapWithLambda" : "CanonStreamMap"; break;
    default: break;
  }
  open_variant(tag, out);
  append_variable(ast, v, out);
  *out += '}';
}

void append_number(const Value& v, std::string* out) {
  if (v.kind == ValueKind::Int) {
    *out += "{\"Int\":" + std::to_string(v.i) + "}";
  } else {
    // serde_json's f64: ryu's shortest digits in its layout. Observed on the original: `1.`
    // is 1.0, `-0.0` stays -0.0, 0.000001 is 1e-6 but 0.00001 stays 0.00001.
    *out += "{\"Float\":";
    data::append_json_number(data::Json::f64(v.f), out);
    *out += '}';
  }
}

// The `lens` of :error: (InstructionErrorAST) or the payload of %last_error%: a lambda or null.
void append_optional_lambda(const Ast& ast, const Value& v, std::string* out) {
  if (v.lens == kNone) {
    *out += "null";
  } else {
    append_lambda(ast, v.lens, out);
  }
}

// The forms every value enum shares (ImmutableValue, ApArgument, ...): special variables,
// literals, numbers, booleans and []. Returns false for variables.
bool append_constant(const Ast& ast, const Value& v, std::string* out) {
  switch (v.kind) {
    case ValueKind::InitPeerId: *out += "\"InitPeerId\""; return true;
    case ValueKind::Timestamp: *out += "\"Timestamp\""; return true;
    case ValueKind::Ttl: *out += "\"TTL\""; return true;
    case ValueKind::EmptyArray: *out += "\"EmptyArray\""; return true;
    case ValueKind::LastError:
      open_variant("LastError", out);
      append_optional_lambda(ast, v, out);
      *out += '}';
      return true;
    case ValueKind::Error:
      *out += "{\"Error\":{\"lens\":";
      append_optional_lambda(ast, v, out);
      *out += "}}";
      return true;
    case ValueKind::Literal:
      open_variant("Literal", out);
      append_str(ast.text(v.text), out);
      *out += '}';
      return true;
    case ValueKind::Int:
    case ValueKind::Float:
      open_variant("Number", out);
      append_number(v, out);
      *out += '}';
      return true;
    case ValueKind::Bool:
      *out += v.b ? "{\"Boolean\":true}" : "{\"Boolean\":false}";
      return true;
    default:
      return false;
  }
}

// ResolvableToPeerIdVariable / ResolvableToStringVariable: "InitPeerId", {"Literal":".."} or
// a tagged variable.
void append_resolvable(const Ast& ast, ValueId id, std::string* out) {
  const Value& v = ast.values[id];
  if (!append_constant(ast, v, out)) append_tagged_variable(ast, v, out);
}

// ImmutableValue (call arguments, match operands). Observed on the original: variables are
// wrapped once more than anywhere else, in {"Variable":{"Scalar":..}} or
// {"VariableWithLambda":{"Scalar":..}}, whose inner tag names the kind only (Scalar,
// CanonStream, CanonStreamMap), while a triplet or an ap says {"ScalarWithLambda":..}.
void append_immutable(const Ast& ast, ValueId id, std::string* out) {
  const Value& v = ast.values[id];
  if (append_constant(ast, v, out)) return;
  open_variant(v.lens == kNone ? "Variable" : "VariableWithLambda", out);
  open_variant(v.kind == ValueKind::CanonStream      ? "CanonStream"
               : v.kind == ValueKind::CanonStreamMap ? "CanonStreamMap"
                                                     : "Scalar",
               out);
  append_variable(ast, v, out);
  *out += "}}";
}

// ApArgument, StreamMapKeyClause, CallOutputValue, ApResult, FoldScalarIterable, NewArgument:
// constants as above, variables tagged. Observed on the original: a map key's integer is
// {"Int":n}, not {"Number":{"Int":n}}.
void append_flat(const Ast& ast, ValueId id, bool map_key, std::string* out) {
  const Value& v = ast.values[id];
  if (map_key && v.kind == ValueKind::Int) {
    *out += "{\"Int\":" + std::to_string(v.i) + "}";
    return;
  }
  if (!append_constant(ast, v, out)) append_tagged_variable(ast, v, out);
}

void append_plain_variable(const Ast& ast, ValueId id, std::string* out) {
  append_variable(ast, ast.values[id], out);
}

void append_span(Span s, std::string* out) {
  *out += "\"span\":{\"left\":";
  append_uint(s.begin, out);
  *out += ",\"right\":";
  append_uint(s.end, out);
  *out += '}';
}

// Walks the tree with an explicit stack (nesting may be 10,000 deep), printing each node up
// to its first child and scheduling the text that follows each child.
class SerdeWriter {
 public:
  explicit SerdeWriter(const Ast& ast) : ast_(ast) {}
  std::string run();

 private:
  struct Item {
    NodeId node;       // a node to open, or kNone
    std::string text;  // printed when popped, if node is kNone
  };
  void open(NodeId id);
  void then_text(std::string text) { stack_.push_back({kNone, std::move(text)}); }
  void then_node(NodeId id) { stack_.push_back({id, std::string()}); }
  std::string fail_body(const Node& n);
  std::string fold_tail(const Node& n);

  const Ast& ast_;
  std::string out_;
  std::vector<Item> stack_;
};

std::string SerdeWriter::fail_body(const Node& n) {
  std::string s;
  switch (n.fail_kind) {
    case FailKind::Value:
      append_tagged_variable(ast_, ast_.values[n.a], &s);
      break;
    case FailKind::Literal:
      s += "{\"Literal\":{\"ret_code\":" + std::to_string(ast_.values[n.a].i) + ",\"error_message\":";
      append_str(ast_.text(ast_.values[n.b].text), &s);
      s += "}}";
      break;
    case FailKind::LastError:
      s += "\"LastError\"";
      break;
    case FailKind::Error:
      s += "\"Error\"";
      break;
  }
  return s;
}

// What follows a fold's body: the last instruction (or null) and the span.
std::string SerdeWriter::fold_tail(const Node& n) {
  std::string s = ",";
  append_span(n.span, &s);
  s += "}}";
  return s;
}

void SerdeWriter::open(NodeId id) {
  const Node& n = ast_.nodes[id];
  std::string* out = &out_;
  auto key = [out](const char* name) {
    *out += '"';
    *out += name;
    *out += "\":";
  };
  // Observed on the original: only fold and new carry a span ({"left","right"}: '(' to after
  // ')'); the other instructions none.
  switch (n.op) {
    case Op::Call: {
      *out += "{\"Call\":{\"triplet\":{";
      key("peer_id"), append_resolvable(ast_, n.a, out);
      *out += ',', key("service_id"), append_resolvable(ast_, n.b, out);
      *out += ',', key("function_name"), append_resolvable(ast_, n.c, out);
      *out += "},\"args\":[";
      for (uint32_t i = 0; i < n.args_count; ++i) {
        if (i > 0) *out += ',';
        append_immutable(ast_, n.args_begin + i, out);
      }
      *out += "],\"output\":";
      if (n.out == kNone) {
        *out += "\"None\"";  // Observed on the original: a unit variant, not null
      } else {
        append_flat(ast_, n.out, false, out);
      }
      *out += "}}";
      return;
    }
    case Op::Canon:
    case Op::CanonMap:
    case Op::CanonStreamMapScalar: {
      const char* tag = n.op == Op::Canon ? "Canon" : n.op == Op::CanonMap ? "CanonMap" : "CanonStreamMapScalar";
      open_variant(tag, out);
      *out += '{', key("peer_id"), append_resolvable(ast_, n.a, out);
      *out += ',', key(n.op == Op::Canon ? "stream" : "stream_map"), append_plain_variable(ast_, n.b, out);
      *out += ',', key(n.op == Op::Canon ? "canon_stream" : n.op == Op::CanonMap ? "canon_stream_map" : "scalar");
      append_plain_variable(ast_, n.c, out);
      *out += "}}";
      return;
    }
    case Op::Ap:
      *out += "{\"Ap\":{", key("argument"), append_flat(ast_, n.a, false, out);
      *out += ',', key("result"), append_flat(ast_, n.out, false, out);
      *out += "}}";
      return;
    case Op::ApMap:
      *out += "{\"ApMap\":{", key("key"), append_flat(ast_, n.a, true, out);
      *out += ',', key("value"), append_flat(ast_, n.b, false, out);
      *out += ',', key("map"), append_plain_variable(ast_, n.c, out);
      *out += "}}";
      return;
    case Op::Seq:
    case Op::Par:
    case Op::Xor:
      // Tuple structs: {"Seq":[first,second]}.
      open_variant(n.op == Op::Seq ? "Seq" : n.op == Op::Par ? "Par" : "Xor", out);
      *out += '[';
      then_text("]}");
      then_node(n.second);
      then_text(",");
      then_node(n.first);
      return;
    case Op::Match:
    case Op::MisMatch:
      open_variant(n.op == Op::Match ? "Match" : "MisMatch", out);
      *out += '{', key("left_value"), append_immutable(ast_, n.a, out);
      *out += ',', key("right_value"), append_immutable(ast_, n.b, out);
      *out += ',', key("instruction");
      then_text("}}");
      then_node(n.first);
      return;
    case Op::Fail:
      // Observed on the original: (fail %last_error%) and (fail :error:) are bare names.
      *out += "{\"Fail\":" + fail_body(n) + "}";
      return;
    case Op::FoldScalar:
    case Op::FoldStream:
    case Op::FoldStreamMap: {
      const char* tag = n.op == Op::FoldScalar ? "FoldScalar" : n.op == Op::FoldStream ? "FoldStream" : "FoldStreamMap";
      open_variant(tag, out);
      *out += '{', key("iterable");
      if (n.op == Op::FoldScalar) {
        append_flat(ast_, n.a, false, out);
      } else {
        append_plain_variable(ast_, n.a, out);
      }
      *out += ',', key("iterator"), append_plain_variable(ast_, n.c, out);
      *out += ',', key("instruction");
      then_text(fold_tail(n));
      if (n.second == kNone) {
        then_text(",\"last_instruction\":null");
      } else {
        then_node(n.second);
        then_text(",\"last_instruction\":");
      }
      then_node(n.first);
      return;
    }
    case Op::Next:
      *out += "{\"Next\":{", key("iterator"), append_plain_variable(ast_, n.c, out);
      *out += "}}";
      return;
    case Op::New: {
      *out += "{\"New\":{", key("argument"), append_flat(ast_, n.c, false, out);
      *out += ',', key("instruction");
      std::string tail = ",";
      append_span(n.span, &tail);
      tail += "}}";
      then_text(std::move(tail));
      then_node(n.first);
      return;
    }
    case Op::Never:
      // Observed on the original: a unit struct in a newtype variant is null, not {}.
      *out += "{\"Never\":null}";
      return;
    case Op::Null:
      *out += "{\"Null\":null}";
      return;
  }
}

std::string SerdeWriter::run() {
  then_node(0);
  while (!stack_.empty()) {
    Item item = std::move(stack_.back());
    stack_.pop_back();
    if (item.node == kNone) {
      out_ += item.text;
    } else {
      open(item.node);
    }
  }
  return std::move(out_);
}

}  // namespace

std::string to_serde_json(const Ast& ast) { return SerdeWriter(ast).run(); }

std::string ast_text(std::string_view source) {
  ParseResult parsed = parse(source);
  if (!parsed.ast) return serde_parse_report(source, parsed.errors);
  return to_serde_json(*parsed.ast);
}

}  // namespace airvm::air
