// (par A B): both branches run; the par state records how many states each produced
// (execution.md 2.7); complete when either branch is (1.3.2).
#include "exec/instructions.h"

namespace airvm::exec {

namespace {

// Runs one branch; false in *complete when it failed with a catchable error.
Error branch(Context& ctx, air::NodeId id, bool* complete, Error* caught) {
  ctx.complete = ctx.ast.nodes[id].op != air::Op::Next;
  Error e = execute(ctx, id);
  if (e && !e->catchable()) return e;
  *complete = !e && ctx.complete;
  *caught = std::move(e);
  return nullptr;
}

}  // namespace

Error exec_par(Context& ctx, const air::Node& node) {
  trace::TraceError te;
  if (!ctx.trace->par_start(&te)) return trace_error(ctx, node, te);
  bool left_complete = false, right_complete = false;
  Error left_error, right_error;
  if (Error e = branch(ctx, node.first, &left_complete, &left_error)) return e;
  ctx.trace->par_left_end();
  if (Error e = branch(ctx, node.second, &right_complete, &right_error)) return e;
  ctx.trace->par_right_end();
  ctx.complete = left_complete || right_complete;
  if (left_error && right_error) return right_error;
  ctx.last_error.can_set = true;  // a par with a successful branch (language.md 5.4)
  return nullptr;
}

}  // namespace airvm::exec
