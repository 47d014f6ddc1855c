// The walk: an explicit stack of frames, each stepped until it finishes; catchable errors are
// recorded once, by the innermost failing instruction.
#include <vector>

#include "exec/fold_state.h"
#include "exec/instructions.h"

namespace airvm::exec {

Frame::Frame() = default;
Frame::Frame(air::NodeId n) : node(n) {}
Frame::Frame(Frame&&) noexcept = default;
Frame& Frame::operator=(Frame&&) noexcept = default;
Frame::~Frame() = default;

Error trace_error(Context& ctx, const air::Node& node, const trace::TraceError& e) {
  return ctx.uncatchable(20000, "on instruction '" + ctx.instruction_text(node) +
                                    "' trace handler encountered an error: " + e.message);
}

namespace {

// A leaf runs at once; an instruction with children becomes a frame.
bool is_leaf(air::Op op) {
  switch (op) {
    case air::Op::Call:
    case air::Op::Ap:
    case air::Op::ApMap:
    case air::Op::Canon:
    case air::Op::CanonMap:
    case air::Op::CanonStreamMapScalar:
    case air::Op::Fail:
    case air::Op::Never:
    case air::Op::Null: return true;
    default: return false;
  }
}

Error run_leaf(Context& ctx, const air::Node& node) {
  switch (node.op) {
    case air::Op::Call: return exec_call(ctx, node);
    case air::Op::Ap:
    case air::Op::ApMap: return exec_ap(ctx, node);
    case air::Op::Fail: return exec_fail(ctx, node);
    case air::Op::Never: ctx.complete = false; return nullptr;
    case air::Op::Null: return nullptr;
    default: return exec_canon(ctx, node);
  }
}

Step step(Context& ctx, Frame& f, Error child) {
  switch (ctx.ast.nodes[f.node].op) {
    case air::Op::Seq: return step_seq(ctx, f, std::move(child));
    case air::Op::Par: return step_par(ctx, f, std::move(child));
    case air::Op::Xor: return step_xor(ctx, f, std::move(child));
    case air::Op::Match:
    case air::Op::MisMatch: return step_match(ctx, f, std::move(child));
    case air::Op::New: return step_new(ctx, f, std::move(child));
    case air::Op::Next: return step_next(ctx, f, std::move(child));
    default: return step_fold(ctx, f, std::move(child));
  }
}

// The innermost failing instruction sets %last_error% and :error: (language.md 5.4).
void record(Context& ctx, const Error& e) {
  if (e && e->catchable() && !e->recorded) {
    ctx.record_error(*e);
    e->recorded = true;
  }
}

}  // namespace

Error execute(Context& ctx, air::NodeId id) {
  if (is_leaf(ctx.ast.nodes[id].op)) {
    Error e = run_leaf(ctx, ctx.ast.nodes[id]);
    record(ctx, e);
    return e;
  }
  std::vector<Frame> stack;
  stack.emplace_back(id);
  Error result;
  while (!stack.empty()) {
    Step s = step(ctx, stack.back(), std::move(result));
    result = nullptr;
    if (s.child == air::kNone) {
      record(ctx, s.result);
      result = std::move(s.result);
      stack.pop_back();
      continue;
    }
    const air::Node& child = ctx.ast.nodes[s.child];
    if (is_leaf(child.op)) {
      result = run_leaf(ctx, child);
      record(ctx, result);
      continue;
    }
    if (stack.size() >= kMaxWalkDepth) {
      result = ctx.uncatchable(20000, "execution nests deeper than airvm's limit of " + std::to_string(kMaxWalkDepth) +
                                          " levels (instructions and fold iterations)");
      // Unwind every frame: an uncatchable error ends the run.
      return result;
    }
    stack.emplace_back(s.child);
  }
  return result;
}

}  // namespace airvm::exec
