// The walk: dispatch on the instruction, bound its depth, record catchable errors once.
#include "exec/instructions.h"

namespace airvm::exec {

Error trace_error(Context& ctx, const air::Node& node, const trace::TraceError& e) {
  return ctx.uncatchable(20000, "on instruction '" + ctx.instruction_text(node) +
                                    "' trace handler encountered an error: " + e.message);
}

namespace {

Error dispatch(Context& ctx, const air::Node& node) {
  switch (node.op) {
    case air::Op::Call: return exec_call(ctx, node);
    case air::Op::Seq: return exec_seq(ctx, node);
    case air::Op::Par: return exec_par(ctx, node);
    case air::Op::Xor: return exec_xor(ctx, node);
    case air::Op::Match:
    case air::Op::MisMatch: return exec_match(ctx, node);
    case air::Op::Ap:
    case air::Op::ApMap: return exec_ap(ctx, node);
    case air::Op::Canon:
    case air::Op::CanonMap:
    case air::Op::CanonStreamMapScalar: return exec_canon(ctx, node);
    case air::Op::FoldScalar:
    case air::Op::FoldStream:
    case air::Op::FoldStreamMap: return exec_fold(ctx, node);
    case air::Op::Next: return exec_next(ctx, node);
    case air::Op::New: return exec_new(ctx, node);
    case air::Op::Fail: return exec_fail(ctx, node);
    case air::Op::Never: ctx.complete = false; return nullptr;
    case air::Op::Null: return nullptr;
  }
  return nullptr;
}

}  // namespace

Error execute(Context& ctx, air::NodeId id) {
  const air::Node& node = ctx.ast.nodes[id];
  if (ctx.depth >= kMaxWalkDepth) {
    return ctx.uncatchable(20000, "execution nests deeper than airvm's limit of " + std::to_string(kMaxWalkDepth) +
                                      " levels (instructions and fold iterations)");
  }
  ++ctx.depth;
  Error e = dispatch(ctx, node);
  --ctx.depth;
  // The innermost failing instruction sets %last_error% and :error: (language.md 5.4).
  if (e && e->catchable() && !e->recorded) {
    ctx.record_error(*e);
    e->recorded = true;
  }
  return e;
}

}  // namespace airvm::exec
