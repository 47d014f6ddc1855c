// (next i): continues the fold of iterator i with its next value, nested inside this one.
#include "exec/instructions.h"

namespace airvm::exec {

namespace {

bool find_fold(Context& ctx, air::NameId iterator, size_t* index) {
  for (size_t k = ctx.folds.size(); k-- > 0;) {
    if (ctx.folds[k].iterator == iterator) {
      *index = k;
      return true;
    }
  }
  return false;
}

}  // namespace

Step step_next(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  const air::NameId iterator = ctx.ast.values[node.c].name;
  trace::TraceError te;
  if (f.phase == 0) {
    if (!find_fold(ctx, iterator, &f.fold)) {
      return Step::done(ctx.uncatchable(20003, "fold state not found for this iterable '" +
                                                   std::string(ctx.ast.name(iterator)) + "'"));
    }
    Context::FoldFrame& fold = ctx.folds[f.fold];
    if (fold.stream_fold_id) ctx.trace->iteration_end(fold.stream_fold_id);
    const size_t index = fold.index;
    if (index + 1 < fold.values.size()) {
      if (fold.stream_fold_id && !ctx.trace->iteration_start(fold.stream_fold_id, fold.positions[index + 1], &te)) {
        return Step::done(trace_error(ctx, node, te));
      }
      fold.index = index + 1;
      ctx.set_iterator(iterator, fold.values[index + 1]);
      ctx.hide_scope();
      ctx.open_scope();
      f.phase = 1;
      return Step::run(fold.body);
    }
    if (fold.stream_fold_id && !ctx.trace->back_iterator(fold.stream_fold_id, &te)) {
      return Step::done(trace_error(ctx, node, te));
    }
    if (fold.last != air::kNone) {
      ctx.complete = true;
      f.phase = 2;
      return Step::run(fold.last);
    }
    if (fold.stream_fold_id && !fold.exhausted_once) {
      fold.exhausted_once = true;
      ctx.complete = false;  // the implicit never of a stream fold (execution.md 4.8.4)
    }
    return Step::done();
  }
  if (f.phase == 2) return Step::done(std::move(child));
  // The nested iteration returned: back to this one's value and scope.
  ctx.close_scope();
  ctx.unhide_scope();
  Context::FoldFrame& fold = ctx.folds[f.fold];
  fold.index -= 1;
  ctx.set_iterator(iterator, fold.values[fold.index]);
  if (child) return Step::done(std::move(child));
  if (fold.stream_fold_id && !ctx.trace->back_iterator(fold.stream_fold_id, &te)) {
    return Step::done(trace_error(ctx, node, te));
  }
  return Step::done();
}

}  // namespace airvm::exec
