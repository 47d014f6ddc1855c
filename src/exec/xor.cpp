// (xor A B): B runs when A failed with a catchable error; :error: is that error inside B.
#include "exec/instructions.h"

namespace airvm::exec {

Step step_xor(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  switch (f.phase++) {
    case 0:
      ctx.complete = true;
      return Step::run(node.first);
    case 1:
      if (!child || !child->catchable()) return Step::done(std::move(child));
      ctx.error.original = std::shared_ptr<ExecError>(child.release());
      ctx.error.can_set = true;
      ctx.last_error.can_set = true;
      ctx.complete = true;
      return Step::run(node.second);
    default:
      if (ctx.error.can_set) {  // nothing failed in B: :error: reads as no error again
        ctx.error.object = no_error_object();
        ctx.error.tetraplet.reset();
        ctx.error.original.reset();
      }
      if (!child) ctx.error.can_set = true;
      return Step::done(std::move(child));
  }
}

}  // namespace airvm::exec
