// (par A B): both branches run; the par state records how many states each produced
// (execution.md 2.7); complete when either branch is (1.3.2).
#include "exec/instructions.h"

namespace airvm::exec {

namespace {

// Before each branch: complete, unless the branch is a bare `next`.
air::NodeId start_branch(Context& ctx, air::NodeId id) {
  ctx.complete = ctx.ast.nodes[id].op != air::Op::Next;
  return id;
}

}  // namespace

Step step_par(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  switch (f.phase++) {
    case 0: {
      trace::TraceError te;
      if (!ctx.trace->par_start(&te)) return Step::done(trace_error(ctx, node, te));
      return Step::run(start_branch(ctx, node.first));
    }
    case 1:
      if (child && !child->catchable()) return Step::done(std::move(child));
      // A branch that failed with a catchable error counts as incomplete.
      f.flag = !child && ctx.complete;
      f.saved = std::move(child);
      ctx.trace->par_left_end();
      return Step::run(start_branch(ctx, node.second));
    default: {
      if (child && !child->catchable()) return Step::done(std::move(child));
      const bool right_complete = !child && ctx.complete;
      ctx.trace->par_right_end();
      ctx.complete = f.flag || right_complete;
      if (f.saved && child) return Step::done(std::move(child));
      ctx.last_error.can_set = true;  // a par with a successful branch (language.md 5.4)
      return Step::done();
    }
  }
}

}  // namespace airvm::exec
