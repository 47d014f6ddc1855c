// (xor A B): B runs when A failed with a catchable error; :error: is that error inside B.
#include "exec/instructions.h"

namespace airvm::exec {

Error exec_xor(Context& ctx, const air::Node& node) {
  ctx.complete = true;
  Error e = execute(ctx, node.first);
  if (!e || !e->catchable()) return e;
  ctx.error.original = std::shared_ptr<ExecError>(e.release());
  ctx.error.can_set = true;
  ctx.last_error.can_set = true;
  ctx.complete = true;
  Error right = execute(ctx, node.second);
  if (ctx.error.can_set) {  // nothing failed in B: :error: reads as no error again
    ctx.error.object = no_error_object();
    ctx.error.tetraplet.reset();
    ctx.error.original.reset();
  }
  if (!right) ctx.error.can_set = true;
  return right;
}

}  // namespace airvm::exec
