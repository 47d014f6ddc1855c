// (match a b body) / (mismatch a b body): structural JSON equality decides (language.md 3.3.5).
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

Step step_match(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  if (f.phase++ > 0) return Step::done(std::move(child));
  Resolved left, right;
  bool join = false;
  if (Error e = resolve(ctx, node, node.a, &left, &join)) return Step::done(std::move(e));
  if (!join) {
    if (Error e = resolve(ctx, node, node.b, &right, &join)) return Step::done(std::move(e));
  }
  if (join) {
    ctx.complete = false;
    return Step::done();
  }
  const bool equal = left.value == right.value;
  const bool is_match = node.op == air::Op::Match;
  if (equal == is_match) return Step::run(node.first);
  return Step::done(is_match ? ctx.catchable(node, 10001, "compared values do not match")
                             : ctx.catchable(node, 10002, "compared values do not mismatch"));
}

}  // namespace airvm::exec
