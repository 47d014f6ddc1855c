// (new name body): a fresh binding for the body's duration (language.md 3.3.12).
#include "exec/instructions.h"

namespace airvm::exec {

Step step_new(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  const air::Value& v = ctx.ast.values[node.c];
  const bool stream = v.kind == air::ValueKind::Stream || v.kind == air::ValueKind::StreamMap;
  const bool canon = v.kind == air::ValueKind::CanonStream || v.kind == air::ValueKind::CanonStreamMap;
  if (f.phase++ == 0) {
    if (stream) {
      ctx.push_restricted_stream(v.name, node.span, v.kind == air::ValueKind::StreamMap);
    } else {
      ctx.declare_unset(v.name, canon);
    }
    return Step::run(node.first);
  }
  // The binding goes, also when the body failed; a restricted stream is compacted first.
  if (!stream) {
    ctx.undeclare(v.name, canon);
    return Step::done(std::move(child));
  }
  std::unique_ptr<Stream> s = ctx.pop_restricted_stream(v.name);
  if (child && !child->catchable()) return Step::done(std::move(child));
  if (Error c = compact_stream(ctx, *s)) return Step::done(std::move(c));
  return Step::done(std::move(child));
}

}  // namespace airvm::exec
