// Formatter: prints the AST as canonical AIR in the Aqua compiler's layout (one space of
// indent per level, leaves on one line, a closing ')' on its own line), keeping comments.
#include <string>

#include "parse.h"
#include "text.h"

namespace airvm::air {

namespace {

bool has_children(const Node& n) { return n.first != kNone; }

// The opening line of an instruction with children, e.g. "(fold $s i".
void append_header(const Ast& ast, const Node& n, std::string* out) {
  auto operand = [&](ValueId v) {
    *out += ' ';
    append_value(ast, v, out);
  };
  switch (n.op) {
    case Op::Seq:
      *out += "(seq";
      return;
    case Op::Par:
      *out += "(par";
      return;
    case Op::Xor:
      *out += "(xor";
      return;
    case Op::Match:
    case Op::MisMatch:
      *out += n.op == Op::Match ? "(match" : "(mismatch";
      operand(n.a);
      operand(n.b);
      return;
    case Op::New:
      *out += "(new";
      operand(n.c);
      return;
    default:  // the folds
      *out += "(fold";
      operand(n.a);
      operand(n.c);
      return;
  }
}

class Formatter {
 public:
  explicit Formatter(const Ast& ast) : ast_(ast) {}
  std::string run();

 private:
  void line(uint32_t indent, uint32_t anchor);
  void comments_before(uint32_t pos, uint32_t indent);
  bool same_source_line(uint32_t from, uint32_t to) const {
    return std::string_view(ast_.source).substr(from, to - from).find('\n') == std::string_view::npos;
  }

  const Ast& ast_;
  std::string out_;
  std::string pending_;     // the line being built
  size_t next_comment_ = 0;  // first comment not yet printed
  uint32_t anchor_ = 0;      // source offset of what the last printed line shows
  bool any_line_ = false;
};

void Formatter::line(uint32_t indent, uint32_t anchor) {
  out_.append(indent, ' ');
  out_ += pending_;
  out_ += '\n';
  pending_.clear();
  anchor_ = anchor;
  any_line_ = true;
}

// Prints the comments that stand before source offset `pos`. One that followed code on the
// same source line stays at the end of that line.
void Formatter::comments_before(uint32_t pos, uint32_t indent) {
  while (next_comment_ < ast_.comments.size() && ast_.comments[next_comment_].begin < pos) {
    Span c = ast_.comments[next_comment_++];
    std::string_view text = std::string_view(ast_.source).substr(c.begin, c.end - c.begin);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    if (any_line_ && same_source_line(anchor_, c.begin)) {
      out_.pop_back();  // the newline of the last line
      out_ += ' ';
      out_ += text;
      out_ += '\n';
      anchor_ = c.begin;
      continue;
    }
    pending_ = text;
    line(indent, c.begin);
  }
}

std::string Formatter::run() {
  struct Event {
    NodeId node;
    uint32_t indent;
    bool closing;
  };
  std::vector<Event> stack{{0, 0, false}};
  while (!stack.empty()) {
    Event e = stack.back();
    stack.pop_back();
    const Node& n = ast_.nodes[e.node];
    if (e.closing) {
      comments_before(n.span.end - 1, e.indent + 1);
      pending_ = ")";
      line(e.indent, n.span.end - 1);
      continue;
    }
    comments_before(n.span.begin, e.indent);
    if (!has_children(n)) {
      append_instruction(ast_, n, &pending_);
      line(e.indent, n.span.begin);
      continue;
    }
    append_header(ast_, n, &pending_);
    line(e.indent, n.span.begin);
    stack.push_back({e.node, e.indent, true});
    if (n.second != kNone) stack.push_back({n.second, e.indent + 1, false});
    stack.push_back({n.first, e.indent + 1, false});
  }
  comments_before(UINT32_MAX, 0);
  return std::move(out_);
}

}  // namespace

std::string format(const Ast& ast) { return Formatter(ast).run(); }

}  // namespace airvm::air
