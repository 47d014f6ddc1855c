// Validator: the static checks run over a parsed script (language.md 2.4, 2.5).
#include "validator.h"

#include <string>
#include <unordered_map>

#include "diagnostics.h"

namespace airvm::air {

namespace {

bool is_fold(Op op) { return op == Op::FoldScalar || op == Op::FoldStream || op == Op::FoldStreamMap; }

bool is_variable(ValueKind k) {
  return k == ValueKind::Scalar || k == ValueKind::Stream || k == ValueKind::StreamMap ||
         k == ValueKind::CanonStream || k == ValueKind::CanonStreamMap;
}

class Validator {
 public:
  Validator(const Ast& ast, const ParseOptions& options, std::vector<Diagnostic>* errors)
      : ast_(ast),
        options_(options),
        errors_(errors),
        defined_(ast.names.size(), false),
        innermost_(ast.names.size(), kNone) {}

  void run();

 private:
  struct OpenFold {
    NodeId node;
    NameId iterator;
    uint32_t outer;      // index in folds_ of the next enclosing fold with this iterator, or kNone
    uint32_t nexts = 0;  // `next` instructions seen for this fold
  };

  void report(Span span, std::string message) { add_error(errors_, span, std::move(message)); }
  // Whether another error would still be kept (see kMaxErrors): the hot checks skip building
  // messages that add_error would drop.
  bool accepting() const { return errors_->size() <= kMaxErrors; }
  std::string quoted(NameId name) const { return "'" + std::string(ast_.name(name)) + "'"; }

  void check_definitions();
  void use(ValueId id);
  void define(ValueId id);

  void check_folds();
  void enter(NodeId id);
  void exit(NodeId id);

  NameId summarize(NodeId id);  // language.md 2.5's K(node): the pending next's iterator, or kNone

  const Ast& ast_;
  const ParseOptions& options_;
  std::vector<Diagnostic>* errors_;
  std::vector<bool> defined_;         // by NameId: some earlier instruction defines it
  std::vector<OpenFold> folds_;       // folds enclosing the current node, innermost last
  // By NameId: index in folds_ of the innermost open fold with that iterator, or kNone. Keeps
  // each lookup O(1), so deep folds over many nexts cost no more than shallow ones.
  std::vector<uint32_t> innermost_;
  std::vector<NameId> summary_;       // by NodeId, for the after-next rule
  std::unordered_map<NameId, Span> pending_;  // after-next rule: iterator -> offending seq/par
  bool after_next_enabled_ = true;
};

// Rule 1 needs textual order only, and nodes are stored in order of their '(' position.
void Validator::check_definitions() {
  for (const Node& n : ast_.nodes) {
    switch (n.op) {
      case Op::Call:
        use(n.a), use(n.b), use(n.c);
        for (uint32_t i = 0; i < n.args_count; ++i) use(n.args_begin + i);
        define(n.out);
        break;
      case Op::Match:
      case Op::MisMatch:
        use(n.a), use(n.b);
        break;
      case Op::Ap:
        use(n.a);
        define(n.out);
        break;
      case Op::ApMap:
        use(n.a);  // quirk kept: the map value is not checked (language.md 2.4)
        define(n.c);
        break;
      case Op::Canon:
      case Op::CanonMap:
      case Op::CanonStreamMapScalar:
        define(n.c);
        break;
      case Op::FoldScalar:
      case Op::FoldStream:
      case Op::FoldStreamMap:
        use(n.a);
        define(n.c);
        break;
      case Op::New:
        define(n.c);
        break;
      default:
        break;
    }
  }
}

void Validator::use(ValueId id) {
  if (id == kNone) return;
  const Value& v = ast_.values[id];
  if (!accepting()) return;
  if (is_variable(v.kind) && !defined_[v.name]) {
    report(v.span, "variable " + quoted(v.name) + " wasn't defined");
  }
  if (v.lens == kNone) return;
  const Lens& lens = ast_.lenses[v.lens];
  for (uint32_t i = 0; i < lens.count; ++i) {
    const Accessor& a = ast_.accessors[lens.first + i];
    if (a.kind == AccessorKind::Scalar && !defined_[a.scalar]) {
      report(v.span, "variable " + quoted(a.scalar) + " wasn't defined");
    }
  }
}

void Validator::define(ValueId id) {
  if (id != kNone) defined_[ast_.values[id].name] = true;
}

// Rules 2-7 need the nesting of folds: a depth-first walk with an explicit stack.
void Validator::check_folds() {
  summary_.assign(ast_.nodes.size(), kNone);
  struct Visit {
    NodeId node;
    bool leaving;
  };
  std::vector<Visit> stack{{0, false}};
  while (!stack.empty()) {
    Visit v = stack.back();
    stack.pop_back();
    if (v.leaving) {
      exit(v.node);
      continue;
    }
    enter(v.node);
    stack.push_back({v.node, true});
    const Node& n = ast_.nodes[v.node];
    if (n.second != kNone) stack.push_back({n.second, false});
    if (n.first != kNone) stack.push_back({n.first, false});
  }
}

void Validator::enter(NodeId id) {
  const Node& n = ast_.nodes[id];
  if (is_fold(n.op) && n.c != kNone) {
    NameId it = ast_.values[n.c].name;
    if (innermost_[it] != kNone) {
      report(ast_.values[n.c].span, "multiple iterable values found for iterator name " + quoted(it));
    }
    folds_.push_back(OpenFold{id, it, innermost_[it]});
    innermost_[it] = static_cast<uint32_t>(folds_.size() - 1);
  } else if (n.op == Op::Next && n.c != kNone) {
    NameId it = ast_.values[n.c].name;
    if (innermost_[it] == kNone) {
      report(ast_.values[n.c].span, "iterable " + quoted(it) + " wasn't defined");
    } else if (++folds_[innermost_[it]].nexts > 1) {
      report(n.span, "multiple next instructions for iterator " + quoted(it) +
                         " found for one fold, that is prohibited");
    }
  } else if (n.op == Op::New && n.c != kNone) {
    NameId name = ast_.values[n.c].name;
    if (innermost_[name] != kNone) {
      report(ast_.values[n.c].span, "new can't be applied to a " + quoted(name) + " because it's an iterator");
    }
  } else if (n.op == Op::Fail && n.fail_kind == FailKind::Literal && ast_.values[n.a].i == 0) {
    report(ast_.values[n.a].span, "error code 0 with fail is unsupported");
  }
}

void Validator::exit(NodeId id) {
  if (is_fold(ast_.nodes[id].op) && !folds_.empty() && folds_.back().node == id) {
    innermost_[folds_.back().iterator] = folds_.back().outer;
    folds_.pop_back();
  }
  if (options_.strict_next && after_next_enabled_) summary_[id] = summarize(id);
}

NameId Validator::summarize(NodeId id) {
  const Node& n = ast_.nodes[id];
  auto child = [&](NodeId c) { return c == kNone ? kNone : summary_[c]; };
  switch (n.op) {
    case Op::Next:
      // A next whose iterator operand was rejected has no value; parse errors are already
      // reported for it, so it summarizes as Other.
      return n.c == kNone ? kNone : ast_.values[n.c].name;
    case Op::New:
    case Op::Match:
    case Op::MisMatch:
      return child(n.first);
    case Op::Seq:
    case Op::Par: {
      NameId l = child(n.first), r = child(n.second);
      if (l != kNone && l == r) return l;
      if (l != kNone) {
        pending_.try_emplace(l, n.span);
        return kNone;
      }
      return r;
    }
    case Op::Xor: {
      NameId l = child(n.first), r = child(n.second);
      if (l != kNone && r != kNone) {
        after_next_enabled_ = false;  // the original stops checking here
        return kNone;
      }
      return l != kNone ? l : r;
    }
    case Op::FoldStream:
    case Op::FoldStreamMap: {
      NameId it = ast_.values[n.c].name;
      auto p = pending_.find(it);
      if (p != pending_.end()) report(p->second, "fold can not have instructions after next");
      NameId body = child(n.first);
      if (body == it) {
        pending_.erase(it);
        return kNone;
      }
      return body;
    }
    default:
      return kNone;
  }
}

void Validator::run() {
  if (ast_.nodes.empty()) return;
  check_definitions();
  check_folds();
}

}  // namespace

void validate(const Ast& ast, const ParseOptions& options, std::vector<Diagnostic>* errors) {
  Validator(ast, options, errors).run();
}

}  // namespace airvm::air
