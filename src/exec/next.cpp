// (next i): continues the fold of iterator i with its next value, nested inside this one.
#include "exec/instructions.h"

namespace airvm::exec {

namespace {

Context::FoldFrame* frame_of(Context& ctx, air::NameId iterator, size_t* index) {
  for (size_t k = ctx.folds.size(); k-- > 0;) {
    if (ctx.folds[k].iterator == iterator) {
      *index = k;
      return &ctx.folds[k];
    }
  }
  return nullptr;
}

}  // namespace

Error exec_next(Context& ctx, const air::Node& node) {
  const air::NameId iterator = ctx.ast.values[node.c].name;
  size_t k = 0;
  Context::FoldFrame* f = frame_of(ctx, iterator, &k);
  if (!f) {
    return ctx.uncatchable(20003, "fold state not found for this iterable '" + std::string(ctx.ast.name(iterator)) + "'");
  }
  const uint32_t fold_id = f->stream_fold_id;
  trace::TraceError te;
  if (fold_id) ctx.trace->iteration_end(fold_id);
  const size_t index = f->index;
  if (index + 1 < f->values.size()) {
    if (fold_id) {
      const uint32_t pos = f->positions[index + 1];
      if (!ctx.trace->iteration_start(fold_id, pos, &te)) return trace_error(ctx, node, te);
    }
    f->index = index + 1;
    ctx.set_iterator(iterator, f->values[index + 1]);
    const air::NodeId body = f->body;
    ctx.hide_scope();
    ctx.open_scope();
    Error e = execute(ctx, body);
    ctx.close_scope();
    ctx.unhide_scope();
    f = &ctx.folds[k];  // nested folds may have grown the vector
    f->index = index;
    ctx.set_iterator(iterator, f->values[index]);
    if (e) return e;
    if (fold_id && !ctx.trace->back_iterator(fold_id, &te)) return trace_error(ctx, node, te);
    return nullptr;
  }
  if (fold_id && !ctx.trace->back_iterator(fold_id, &te)) return trace_error(ctx, node, te);
  if (f->last != air::kNone) {
    ctx.complete = true;
    return execute(ctx, f->last);
  }
  if (fold_id && !f->exhausted_once) {
    f->exhausted_once = true;
    ctx.complete = false;  // the implicit never of a stream fold (execution.md 4.8.4)
  }
  return nullptr;
}

}  // namespace airvm::exec
