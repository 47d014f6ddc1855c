// The AIR abstract syntax tree: flat arrays of nodes and values, names interned to ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace airvm::air {

// Byte offsets into the script, [begin, end).
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// A slice of the script's text (string literals and lens field names point into it).
struct TextRef {
  uint32_t offset = 0;
  uint32_t length = 0;
};

using NodeId = uint32_t;
using ValueId = uint32_t;
using NameId = uint32_t;
using LensId = uint32_t;
inline constexpr uint32_t kNone = UINT32_MAX;  // "no node / no lens / no value"

// What a value operand is; the order of the tags matches language.md 1.7 and 1.8.
enum class ValueKind : uint8_t {
  InitPeerId,      // %init_peer_id%
  LastError,       // %last_error% with optional lens
  Error,           // :error: with optional lens
  Timestamp,       // %timestamp%
  Ttl,             // %ttl%
  Literal,         // "text": a JSON string, text in `text`
  Int,             // 64-bit signed integer in `i`
  Float,           // double in `f`
  Bool,            // true/false in `b`
  EmptyArray,      // []
  Scalar,          // name with optional lens
  Stream,          // $name
  StreamMap,       // %name
  CanonStream,     // #name or #$name, optional lens
  CanonStreamMap,  // #%name, optional lens
};

// One operand of an instruction. Literals are parsed once, here.
struct Value {
  ValueKind kind = ValueKind::Literal;
  NameId name = kNone;  // variables: interned full name including its tag ($, #, #$, %, #%)
  LensId lens = kNone;  // index into Ast::lenses, or kNone
  TextRef text;         // Literal: the characters between the quotes
  union {
    int64_t i;
    double f;
    bool b;
  };
  Span span;  // the operand's token(s)

  Value() : i(0) {}
};

// One step of a `.$` lens.
enum class AccessorKind : uint8_t {
  Field,   // .name           -> `field`
  Index,   // [N]             -> `index`
  Scalar,  // [name]          -> `scalar`, an interned scalar name
};

struct Accessor {
  AccessorKind kind = AccessorKind::Field;
  uint32_t index = 0;   // Index
  NameId scalar = kNone;  // Scalar
  TextRef field;        // Field
};

struct Lens {
  bool is_length = false;     // `.length` (then there are no accessors)
  uint32_t first = 0;         // first accessor in Ast::accessors
  uint32_t count = 0;         // number of accessors
  bool flatten = false;       // a trailing `!` was written (it has no effect)
  Span span;                  // the lens text, from its first `.`
};

enum class Op : uint8_t {
  Call,
  Canon,                 // (canon peer $stream #canon)
  CanonMap,              // (canon peer %map #%canon)
  CanonStreamMapScalar,  // (canon peer %map scalar)
  Ap,                    // (ap arg out)
  ApMap,                 // (ap (key value) %map)
  Seq,
  Par,
  Xor,
  Match,
  MisMatch,
  FoldScalar,     // iterable is a scalar, canon stream, canon map or []
  FoldStream,     // iterable is a $stream
  FoldStreamMap,  // iterable is a %map
  Next,
  New,
  Fail,
  Never,
  Null,
};

enum class FailKind : uint8_t {
  Value,       // (fail scalar[.lens]) or (fail #canon.lens): `a` is the value
  Literal,     // (fail code "message"): `a` is the Int value, `b` the Literal value
  LastError,   // (fail %last_error%)
  Error,       // (fail :error:)
};

// One instruction. Fields are read according to `op`; unused ones stay kNone.
// Children always come after their parent in Ast::nodes (pre-order).
struct Node {
  Op op = Op::Null;
  FailKind fail_kind = FailKind::Value;       // Fail
  Span span;                                  // from '(' to ')'
  // Operands (ValueIds):
  //   Call: a=peer b=service c=function out=output (Scalar or Stream value, or kNone);
  //         arguments are values[args_begin, args_begin + args_count)
  //   Canon*: a=peer b=source (Stream/StreamMap value) c=target value
  //   Ap: a=argument out=output; ApMap: a=key b=value c=map value
  //   Match/MisMatch: a=left b=right
  //   Fold*: a=iterable c=iterator value (Scalar)
  //   Next: c=iterator value; New: c=the new variable's value
  //   Fail: see FailKind
  ValueId a = kNone;
  ValueId b = kNone;
  ValueId c = kNone;
  ValueId out = kNone;
  uint32_t args_begin = 0;
  uint32_t args_count = 0;
  // Children (NodeIds): Seq/Par/Xor: first, second. Match/MisMatch/New: first.
  // Fold*: first = body, second = last instruction or kNone.
  NodeId first = kNone;
  NodeId second = kNone;
};

// A parsed script. Owns a copy of the source so TextRefs stay valid.
struct Ast {
  std::string source;
  std::vector<Node> nodes;  // nodes[0] is the root
  std::vector<Value> values;
  std::vector<Lens> lenses;
  std::vector<Accessor> accessors;
  std::vector<TextRef> names;  // interned variable names, slices of `source`
  std::vector<Span> comments;           // each `;` comment, up to (not including) its newline
  uint32_t max_depth = 0;               // deepest instruction nesting seen

  std::string_view text(TextRef t) const { return std::string_view(source).substr(t.offset, t.length); }
  std::string_view name(NameId id) const { return text(names[id]); }
  const Node& root() const { return nodes[0]; }
};

}  // namespace airvm::air
