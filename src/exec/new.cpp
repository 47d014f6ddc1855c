// (new name body): a fresh binding for the body's duration (language.md 3.3.12).
#include "exec/instructions.h"

namespace airvm::exec {

Error exec_new(Context& ctx, const air::Node& node) {
  const air::Value& v = ctx.ast.values[node.c];
  switch (v.kind) {
    case air::ValueKind::Stream:
    case air::ValueKind::StreamMap: {
      ctx.push_restricted_stream(v.name, node.span, v.kind == air::ValueKind::StreamMap);
      Error e = execute(ctx, node.first);
      std::unique_ptr<Stream> s = ctx.pop_restricted_stream(v.name);
      if (e && !e->catchable()) return e;
      if (Error c = compact_stream(ctx, *s)) return c;
      return e;
    }
    case air::ValueKind::CanonStream:
    case air::ValueKind::CanonStreamMap: {
      ctx.declare_unset(v.name, true);
      Error e = execute(ctx, node.first);
      ctx.undeclare(v.name, true);
      return e;
    }
    default: {
      ctx.declare_unset(v.name, false);
      Error e = execute(ctx, node.first);
      ctx.undeclare(v.name, false);
      return e;
    }
  }
}

}  // namespace airvm::exec
