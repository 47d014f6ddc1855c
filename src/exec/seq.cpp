// (seq A B): B runs only when A succeeded and left the subgraph complete.
#include "exec/instructions.h"

namespace airvm::exec {

Error exec_seq(Context& ctx, const air::Node& node) {
  ctx.complete = true;
  if (Error e = execute(ctx, node.first)) return e;
  if (!ctx.complete) return nullptr;
  return execute(ctx, node.second);
}

}  // namespace airvm::exec
