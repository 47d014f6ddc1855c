// Parser: builds the flat AST from tokens in one pass, with an explicit stack instead of
// recursion, so nesting depth costs heap, not wasm stack (language.md 2.1, 2.2).
#include <string>

#include "lexer.h"
#include "operand.h"
#include "parse.h"
#include "diagnostics.h"
#include "validator.h"

namespace airvm::air {

namespace {

// Grammar positions an operand can stand in; each accepts its own set of value forms.
enum class Position : uint8_t {
  Peer,          // call/canon peer
  Service,       // call service id and function name
  Argument,      // call argument, match/mismatch operand
  ApArgument,    // ap argument and ap-map value
  MapKey,        // ap-map key
  Output,        // call and ap output
  CanonSource,   // canon's stream or stream map
  CanonTarget,   // canon's target
  FoldIterable,  // fold's iterable
  Iterator,      // fold and next iterator
  NewArgument,   // new's variable
  FailArgument,  // the operand of fail
  MapTarget,     // ap-map target
};

const char* expected_text(Position p) {
  switch (p) {
    case Position::Peer:
      return "a peer id: %init_peer_id%, a string literal, a scalar, or a canon stream or canon map with a lens";
    case Position::Service:
      return "a string literal, a scalar, or a canon stream or canon map with a lens";
    case Position::Argument:
      return "a value: a literal, a number, true, false, [], a special variable, a scalar, or a canon stream or canon map";
    case Position::ApArgument:
      return "a value: a literal, a number, true, false, [], a special variable, a scalar, a canon stream, or a canon map with a lens";
    case Position::MapKey:
      return "a map key: a string literal, an integer, a scalar, or a canon stream with a lens";
    case Position::Output:
      return "an output: a scalar or a $stream";
    case Position::CanonSource:
      return "a $stream or a %map";
    case Position::CanonTarget:
      return "a #canon stream, a #%canon map, or (for a %map) a scalar";
    case Position::FoldIterable:
      return "an iterable: a scalar, [], a canon stream, a canon map, a $stream or a %map";
    case Position::Iterator:
      return "an iterator name (a scalar without a lens)";
    case Position::NewArgument:
      return "a variable: a scalar, a $stream, a %map, a #canon stream or a #%canon map";
    case Position::FailArgument:
      return "a scalar, a canon stream with a lens, an error code and a message, %last_error% or :error:";
    case Position::MapTarget:
      return "a %map";
  }
  return "";
}

// Whether a value of this form may stand at this position (language.md 2.2, 1.9).
bool allowed(Position p, const Value& v) {
  bool lens = v.lens != kNone;
  ValueKind k = v.kind;
  switch (p) {
    case Position::Peer:
      if (k == ValueKind::InitPeerId) return true;
      [[fallthrough]];
    case Position::Service:
      return k == ValueKind::Literal || k == ValueKind::Scalar ||
             ((k == ValueKind::CanonStream || k == ValueKind::CanonStreamMap) && lens);
    case Position::Argument:
    case Position::ApArgument:
      if (k == ValueKind::Stream || k == ValueKind::StreamMap) return false;
      if (k == ValueKind::CanonStreamMap && !lens) return p == Position::Argument;
      return !lens || k == ValueKind::LastError || k == ValueKind::Error || k == ValueKind::Scalar ||
             k == ValueKind::CanonStream || k == ValueKind::CanonStreamMap;
    case Position::MapKey:
      return k == ValueKind::Literal || k == ValueKind::Int || k == ValueKind::Scalar ||
             (k == ValueKind::CanonStream && lens);
    case Position::Output:
      return !lens && (k == ValueKind::Scalar || k == ValueKind::Stream);
    case Position::CanonSource:
      return !lens && (k == ValueKind::Stream || k == ValueKind::StreamMap);
    case Position::CanonTarget:
      return !lens && (k == ValueKind::CanonStream || k == ValueKind::CanonStreamMap || k == ValueKind::Scalar);
    case Position::FoldIterable:
      if (k == ValueKind::Scalar || k == ValueKind::CanonStreamMap) return true;
      return !lens && (k == ValueKind::EmptyArray || k == ValueKind::CanonStream ||
                       k == ValueKind::Stream || k == ValueKind::StreamMap);
    case Position::Iterator:
      return !lens && k == ValueKind::Scalar;
    case Position::NewArgument:
      return !lens && (k == ValueKind::Scalar || k == ValueKind::Stream || k == ValueKind::StreamMap ||
                       k == ValueKind::CanonStream || k == ValueKind::CanonStreamMap);
    case Position::FailArgument:
      return k == ValueKind::Scalar || (k == ValueKind::CanonStream && lens) ||
             (!lens && (k == ValueKind::Int || k == ValueKind::LastError || k == ValueKind::Error));
    case Position::MapTarget:
      return !lens && k == ValueKind::StreamMap;
  }
  return false;
}

// An instruction whose children are still being read.
struct Frame {
  NodeId node;
  uint32_t depth;  // parenthesis depth just inside its '('
  uint8_t children = 0;
};

class Parser {
 public:
  Parser(std::string_view source, const ParseOptions& options)
      : b_(source), lex_(source, &b_.ast().comments), options_(options) {}

  ParseResult run();

 private:
  Ast& ast() { return b_.ast(); }
  Node& node(NodeId id) { return ast().nodes[id]; }
  std::string_view text(Span s) { return b_.text(s); }

  void advance();
  void error(Span span, std::string message) { add_error(&errors_, span, std::move(message)); }
  void fatal(Span span, std::string message) {
    error(span, std::move(message));
    stopped_ = true;
  }
  void unexpected(const std::string& expected);
  bool expect(TokenKind kind, const char* what);

  void parse_script();
  void step();
  bool open_instruction();
  bool read_head(Keyword kw, NodeId id);
  bool read_value(Position p, ValueId* out);
  bool read_call(NodeId id);
  bool read_canon(NodeId id);
  bool read_ap(NodeId id);
  bool read_fold(NodeId id);
  bool read_fail(NodeId id);
  void close(NodeId id);
  void recover(uint32_t depth);

  AstBuilder b_;
  Lexer lex_;
  ParseOptions options_;
  Token tok_;
  uint32_t depth_ = 0;  // '(' consumed minus ')' consumed
  std::vector<Frame> stack_;
  std::vector<Diagnostic> errors_;
  bool stopped_ = false;  // after a lexer error, end of input or the nesting limit
};

void Parser::advance() {
  if (tok_.kind == TokenKind::LParen) ++depth_;
  if (tok_.kind == TokenKind::RParen) --depth_;
  tok_ = lex_.next();
  if (tok_.kind == TokenKind::Error) fatal(tok_.span, lex_.error());
}

void Parser::unexpected(const std::string& expected) {
  if (stopped_) return;
  if (tok_.kind == TokenKind::End) return fatal(tok_.span, "unexpected end of input: expected " + expected);
  error(tok_.span, "unexpected token " + quote_token(text(tok_.span)) + ": expected " + expected);
}

bool Parser::expect(TokenKind kind, const char* what) {
  if (tok_.kind != kind) {
    unexpected(what);
    return false;
  }
  advance();
  return !stopped_;
}

bool Parser::read_value(Position p, ValueId* out) {
  Value v;
  if (tok_.kind == TokenKind::String) {
    v = literal_value(tok_.span);
  } else if (tok_.kind == TokenKind::LBracket) {
    uint32_t begin = tok_.span.begin;
    advance();
    if (stopped_ || tok_.kind != TokenKind::RBracket) {
      unexpected("']' (the only array literal is [])");
      return false;
    }
    v.kind = ValueKind::EmptyArray;
    v.span = Span{begin, tok_.span.end};
  } else if (tok_.kind == TokenKind::Bare && keyword_of(text(tok_.span)) == Keyword::None) {
    OperandError err;
    if (!read_operand(b_, tok_.span, &v, &err)) {
      fatal(err.span, err.message);
      return false;
    }
  } else {
    unexpected(expected_text(p));
    return false;
  }
  if (!allowed(p, v)) {
    unexpected(expected_text(p));
    return false;
  }
  *out = static_cast<ValueId>(ast().values.size());
  ast().values.push_back(v);
  advance();
  return !stopped_;
}

bool Parser::read_call(NodeId id) {
  ValueId peer, service, function;
  if (!read_value(Position::Peer, &peer)) return false;
  if (!expect(TokenKind::LParen, "'(' before the service id and function name")) return false;
  if (!read_value(Position::Service, &service) || !read_value(Position::Service, &function)) return false;
  if (!expect(TokenKind::RParen, "')' after the function name")) return false;
  if (!expect(TokenKind::LBracket, "'[' opening the argument list")) return false;
  uint32_t args_begin = static_cast<uint32_t>(ast().values.size());
  while (tok_.kind != TokenKind::RBracket) {
    ValueId arg;
    if (!read_value(Position::Argument, &arg)) return false;
  }
  advance();
  Node& n = node(id);
  n.a = peer, n.b = service, n.c = function;
  n.args_begin = args_begin;
  n.args_count = static_cast<uint32_t>(ast().values.size()) - args_begin;
  if (tok_.kind == TokenKind::Bare) {
    ValueId out;
    if (!read_value(Position::Output, &out)) return false;
    node(id).out = out;
  }
  return !stopped_;
}

bool Parser::read_canon(NodeId id) {
  ValueId peer, source, target;
  if (!read_value(Position::Peer, &peer) || !read_value(Position::CanonSource, &source)) return false;
  if (!read_value(Position::CanonTarget, &target)) return false;
  ValueKind from = ast().values[source].kind;
  ValueKind to = ast().values[target].kind;
  Node& n = node(id);
  n.a = peer, n.b = source, n.c = target;
  if (from == ValueKind::Stream && to == ValueKind::CanonStream) {
    n.op = Op::Canon;
  } else if (from == ValueKind::StreamMap && to == ValueKind::CanonStreamMap) {
    n.op = Op::CanonMap;
  } else if (from == ValueKind::StreamMap && to == ValueKind::Scalar) {
    n.op = Op::CanonStreamMapScalar;
  } else {
    const char* want = from == ValueKind::Stream ? "a #canon stream (the target of a $stream)"
                                                 : "a #%canon map or a scalar (the target of a %map)";
    error(ast().values[target].span, "unexpected token " + quote_token(text(ast().values[target].span)) +
                                         ": expected " + want);
    return false;
  }
  return true;
}

bool Parser::read_ap(NodeId id) {
  if (tok_.kind == TokenKind::LParen) {
    advance();
    ValueId key, value, map;
    if (!read_value(Position::MapKey, &key) || !read_value(Position::ApArgument, &value)) return false;
    if (!expect(TokenKind::RParen, "')' after the key and value")) return false;
    if (!read_value(Position::MapTarget, &map)) return false;
    Node& m = node(id);
    m.op = Op::ApMap;
    m.a = key, m.b = value, m.c = map;
    return true;
  }
  ValueId arg, out;
  if (!read_value(Position::ApArgument, &arg) || !read_value(Position::Output, &out)) return false;
  node(id).a = arg, node(id).out = out;
  return true;
}

bool Parser::read_fold(NodeId id) {
  ValueId iterable, iterator;
  if (!read_value(Position::FoldIterable, &iterable) || !read_value(Position::Iterator, &iterator)) return false;
  Node& n = node(id);
  n.a = iterable, n.c = iterator;
  ValueKind k = ast().values[iterable].kind;
  n.op = k == ValueKind::Stream ? Op::FoldStream : k == ValueKind::StreamMap ? Op::FoldStreamMap : Op::FoldScalar;
  return true;
}

bool Parser::read_fail(NodeId id) {
  ValueId arg;
  if (!read_value(Position::FailArgument, &arg)) return false;
  Node& n = node(id);
  n.a = arg;
  switch (ast().values[arg].kind) {
    case ValueKind::LastError:
      n.fail_kind = FailKind::LastError;
      return true;
    case ValueKind::Error:
      n.fail_kind = FailKind::Error;
      return true;
    case ValueKind::Int: {
      if (tok_.kind != TokenKind::String) {
        unexpected("a string literal: the error message after the error code");
        return false;
      }
      ValueId message;
      if (!read_value(Position::Argument, &message)) return false;
      Node& m = node(id);
      m.fail_kind = FailKind::Literal;
      m.b = message;
      return true;
    }
    default:
      n.fail_kind = FailKind::Value;
      return true;
  }
}

// Reads what follows the keyword, up to the first child instruction or the closing ')'.
bool Parser::read_head(Keyword kw, NodeId id) {
  switch (kw) {
    case Keyword::Call:
      node(id).op = Op::Call;
      return read_call(id);
    case Keyword::Canon:
      return read_canon(id);
    case Keyword::Ap:
      node(id).op = Op::Ap;
      return read_ap(id);
    case Keyword::Seq:
      node(id).op = Op::Seq;
      return true;
    case Keyword::Par:
      node(id).op = Op::Par;
      return true;
    case Keyword::Xor:
      node(id).op = Op::Xor;
      return true;
    case Keyword::Match:
    case Keyword::Mismatch: {
      node(id).op = kw == Keyword::Match ? Op::Match : Op::MisMatch;
      ValueId left, right;
      if (!read_value(Position::Argument, &left) || !read_value(Position::Argument, &right)) return false;
      node(id).a = left, node(id).b = right;
      return true;
    }
    case Keyword::Fold:
      return read_fold(id);
    case Keyword::Next: {
      node(id).op = Op::Next;
      ValueId it;
      if (!read_value(Position::Iterator, &it)) return false;
      node(id).c = it;
      return true;
    }
    case Keyword::New: {
      node(id).op = Op::New;
      ValueId var;
      if (!read_value(Position::NewArgument, &var)) return false;
      node(id).c = var;
      return true;
    }
    case Keyword::Fail:
      node(id).op = Op::Fail;
      return read_fail(id);
    case Keyword::Never:
      node(id).op = Op::Never;
      return true;
    case Keyword::Null:
      node(id).op = Op::Null;
      return true;
    case Keyword::None:
      break;
  }
  return false;
}

// How many child instructions an instruction takes: at least `min`, at most `max`.
void child_count(Op op, uint8_t* min, uint8_t* max) {
  switch (op) {
    case Op::Seq:
    case Op::Par:
    case Op::Xor:
      *min = *max = 2;
      return;
    case Op::Match:
    case Op::MisMatch:
    case Op::New:
      *min = *max = 1;
      return;
    case Op::FoldScalar:
    case Op::FoldStream:
    case Op::FoldStreamMap:
      *min = 1, *max = 2;
      return;
    default:
      *min = *max = 0;
  }
}

// Skips what is left of an instruction that failed to parse, through its closing ')'.
void Parser::recover(uint32_t depth) {
  while (!stopped_ && tok_.kind != TokenKind::End && !(tok_.kind == TokenKind::RParen && depth_ == depth)) {
    advance();
  }
  if (stopped_) return;
  if (tok_.kind == TokenKind::End) return fatal(tok_.span, "unexpected end of input: expected ')'");
  advance();
}

void Parser::close(NodeId id) {
  node(id).span.end = tok_.span.end;
  advance();
}

// Reads "(keyword operands" and either closes a leaf instruction or pushes a frame for its children.
bool Parser::open_instruction() {
  Span open = tok_.span;
  advance();
  if (stopped_) return false;
  uint32_t depth = depth_;
  if (stack_.size() >= kMaxNesting) {
    fatal(open, "instructions are nested deeper than the limit of " + std::to_string(kMaxNesting) + " levels");
    return false;
  }
  NodeId id = static_cast<NodeId>(ast().nodes.size());
  if (!stack_.empty()) {
    Frame& parent = stack_.back();
    Node& p = node(parent.node);
    (parent.children == 0 ? p.first : p.second) = id;
    ++parent.children;
  }
  ast().nodes.push_back(Node{});
  node(id).span.begin = open.begin;
  Keyword kw = tok_.kind == TokenKind::Bare ? keyword_of(text(tok_.span)) : Keyword::None;
  if (kw == Keyword::None) {
    unexpected("an instruction keyword: call canon ap seq par xor match mismatch fold next new fail never null");
    recover(depth);
    return false;
  }
  advance();
  if (stopped_ || !read_head(kw, id)) {
    recover(depth);
    return false;
  }
  uint8_t min = 0, max = 0;
  child_count(node(id).op, &min, &max);
  if (max == 0) {
    if (tok_.kind != TokenKind::RParen) {
      unexpected("')' closing the instruction");
      recover(depth);
      return false;
    }
    close(id);
    return true;
  }
  stack_.push_back(Frame{id, depth});
  if (stack_.size() > ast().max_depth) ast().max_depth = static_cast<uint32_t>(stack_.size());
  return true;
}

// Advances the innermost open instruction by one child or closes it.
void Parser::step() {
  Frame& f = stack_.back();
  uint8_t min = 0, max = 0;
  child_count(node(f.node).op, &min, &max);
  if (f.children < max && tok_.kind == TokenKind::LParen) {
    open_instruction();
    return;
  }
  if (f.children >= min && tok_.kind == TokenKind::RParen) {
    NodeId id = f.node;
    stack_.pop_back();
    close(id);
    return;
  }
  uint32_t depth = f.depth;
  unexpected(f.children < min ? "'(' starting an instruction" : "')' closing the instruction");
  stack_.pop_back();
  recover(depth);
}

void Parser::parse_script() {
  advance();
  if (stopped_) return;
  if (tok_.kind != TokenKind::LParen) {
    unexpected("'(' starting an instruction");
    return;
  }
  open_instruction();
  while (!stack_.empty() && !stopped_) step();
  if (!stopped_ && tok_.kind != TokenKind::End) {
    error(tok_.span, "unexpected token " + quote_token(text(tok_.span)) +
                         " after the end of the script: a script is exactly one instruction");
  }
}

ParseResult Parser::run() {
  ParseResult result;
  std::string_view src = ast().source;
  if (uint32_t bad = find_bad_byte(src); bad != UINT32_MAX) {
    error(Span{bad, bad + 1}, src[bad] == '\0' ? "a NUL byte is not allowed in AIR"
                                               : "invalid UTF-8 at byte " + std::to_string(bad));
  } else {
    parse_script();
    if (errors_.empty() || !stopped_) validate(ast(), options_, &errors_);
  }
  result.errors = std::move(errors_);
  if (result.errors.empty()) {
    result.ast = b_.take();
  } else {
    locate(ast().source, &result.errors);
  }
  return result;
}

}  // namespace

ParseResult parse(std::string_view source, const ParseOptions& options) {
  if (source.size() > options.size_limit) {
    // Refuse before copying the script.
    ParseResult r;
    r.errors.push_back(Diagnostic{"air size: " + std::to_string(source.size()) +
                                      " bytes is bigger than the limit allowed: " +
                                      std::to_string(options.size_limit) + " bytes",
                                  Span{0, 0}, 1, 1});
    return r;
  }
  return Parser(source, options).run();
}

}  // namespace airvm::air
