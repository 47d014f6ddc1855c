// (seq A B): B runs only when A succeeded and left the subgraph complete.
#include "exec/instructions.h"

namespace airvm::exec {

Step step_seq(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  switch (f.phase++) {
    case 0:
      ctx.complete = true;
      return Step::run(node.first);
    case 1:
      if (child || !ctx.complete) return Step::done(std::move(child));
      return Step::run(node.second);
    default: return Step::done(std::move(child));
  }
}

}  // namespace airvm::exec
