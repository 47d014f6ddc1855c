// (match a b body) / (mismatch a b body): structural JSON equality decides (language.md 3.3.5).
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

Error exec_match(Context& ctx, const air::Node& node) {
  Resolved left, right;
  bool join = false;
  if (Error e = resolve(ctx, node, node.a, &left, &join)) return e;
  if (!join) {
    if (Error e = resolve(ctx, node, node.b, &right, &join)) return e;
  }
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  const bool equal = left.value == right.value;
  const bool is_match = node.op == air::Op::Match;
  if (equal == is_match) return execute(ctx, node.first);
  return is_match ? ctx.catchable(node, 10001, "compared values do not match")
                  : ctx.catchable(node, 10002, "compared values do not mismatch");
}

}  // namespace airvm::exec
