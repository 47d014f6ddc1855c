// (fold iterable i body [last]) over arrays, canons and streams (language.md 3.3.9-10,
// execution.md 4.8).
#include "data/json_text.h"
#include "exec/fold_state.h"
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

namespace {

// The elements of a fold over a scalar, a lens result, a canon or [] (language.md 4.7).
Error scalar_elements(Context& ctx, const air::Node& node, std::vector<Resolved>* out, bool* join) {
  const air::Value& v = ctx.ast.values[node.a];
  Resolved r;
  if (Error e = resolve(ctx, node, node.a, &r, join)) return e;
  if (*join) return nullptr;
  const bool whole_canon = (v.kind == air::ValueKind::CanonStream || v.kind == air::ValueKind::CanonStreamMap) &&
                           v.lens == air::kNone;
  if (whole_canon) {
    // The canon's own elements: a canon map's pairs in canon order, each its own tetraplet.
    bool unset = false;
    const Binding* b = ctx.find_canon(v.name, &unset);
    for (const CanonElement& e : b->canon->values) out->push_back(Resolved{e.value, {e.tetraplet}, e.provenance});
    return nullptr;
  }
  if (!r.value.is_array()) {
    std::string expr = v.lens == air::kNone ? std::string(ctx.ast.name(v.name)) : value_name(ctx, node.a);
    if (v.lens != air::kNone) expr = expr.substr(expr.find('.'));
    return ctx.catchable(node, 10005, "expression '" + expr + "' returned non-array value '" +
                                          data::to_json_text(r.value) + "' for fold iterable");
  }
  const auto& items = r.value.items();
  out->reserve(items.size());
  for (size_t k = 0; k < items.size(); ++k) {
    Tetraplet t = r.tetraplets.empty() ? literal_tetraplet(ctx) : r.tetraplets[0];
    t.json_path += ".$.[" + std::to_string(k) + "]";
    out->push_back(Resolved{items[k], {std::move(t)}, r.provenance});
  }
  return nullptr;
}

// Opens the fold's scope over a fixed list of values and binds the iterator to the first.
Step start_iterations(Context& ctx, Frame& f, const air::Node& node, std::vector<Resolved> values,
                      uint32_t stream_fold_id, std::vector<uint32_t> positions) {
  Context::FoldFrame frame;
  frame.iterator = ctx.ast.values[node.c].name;
  frame.body = node.first;
  frame.last = node.second;
  frame.values = std::move(values);
  frame.stream_fold_id = stream_fold_id;
  frame.positions = std::move(positions);
  ctx.folds.push_back(std::move(frame));
  f.fold = ctx.folds.size() - 1;
  ctx.open_scope();
  ctx.push_iterator(ctx.folds.back().iterator, ctx.folds.back().values[0]);
  return Step::run(node.first);
}

void end_iterations(Context& ctx) {
  ctx.pop_iterator(ctx.folds.back().iterator);
  ctx.close_scope();
  ctx.folds.pop_back();
}

Step fold_scalar(Context& ctx, Frame& f, const air::Node& node, Error child) {
  if (f.phase++ > 0) {
    end_iterations(ctx);
    return Step::done(std::move(child));
  }
  std::vector<Resolved> values;
  bool join = false;
  if (Error e = scalar_elements(ctx, node, &values, &join)) return Step::done(std::move(e));
  if (join) {
    ctx.complete = false;
    return Step::done();
  }
  if (values.empty()) return Step::done();
  return start_iterations(ctx, f, node, std::move(values), 0, {});
}

// Non-empty generations of one source after skipping `skip` of them (execution.md 4.8.2).
void batch_of(const std::map<uint32_t, std::vector<StreamValue>>& gens, size_t skip,
              std::vector<std::vector<StreamValue>>* batch) {
  size_t seen = 0;
  for (const auto& [g, values] : gens) {
    if (values.empty()) continue;
    if (seen++ < skip) continue;
    batch->push_back(values);
  }
}

size_t slots(const std::map<uint32_t, std::vector<StreamValue>>& gens) {
  return gens.empty() ? 0 : gens.rbegin()->first + 1;
}

void drop_empty_fresh(Stream* s) {
  auto& fresh = s->gens[2];
  if (!fresh.empty() && fresh.rbegin()->second.empty()) fresh.erase(std::prev(fresh.end()));
}

// The next batch of generations (empty: the fold is over), opening a fresh new generation.
bool next_batch(StreamFoldState& st, bool first) {
  st.batch.clear();
  st.generation = 0;
  for (int s = 0; s < 3; ++s) batch_of(st.stream->gens[s], st.cursor[s], &st.batch);
  if (!first) drop_empty_fresh(st.stream);
  for (int s = 0; s < 3; ++s) st.cursor[s] = slots(st.stream->gens[s]);
  // The first batch opens a fresh new generation only when it has values; later ones always
  // do, also the empty one that ends the loop: values added to the stream after the fold go
  // there (execution.md 4.8.2, as the original does).
  if (first && st.batch.empty()) return false;
  auto& fresh = st.stream->gens[2];
  fresh[static_cast<uint32_t>(slots(fresh))];
  return !st.batch.empty();
}

Step start_generation(Context& ctx, Frame& f, const air::Node& node) {
  StreamFoldState& st = *f.stream_fold;
  std::vector<Resolved> values;
  std::vector<uint32_t> positions;
  for (StreamValue& sv : st.batch[st.generation]) {
    values.push_back(Resolved{sv.value, {sv.tetraplet}, sv.provenance});
    positions.push_back(sv.trace_pos);
  }
  trace::TraceError te;
  if (!ctx.trace->iteration_start(st.id, positions[0], &te)) return Step::done(trace_error(ctx, node, te));
  ctx.complete = true;
  return start_iterations(ctx, f, node, std::move(values), st.id, std::move(positions));
}

Step finish_stream_fold(Context& ctx, Frame& f) {
  StreamFoldState& st = *f.stream_fold;
  ctx.complete = st.observer;
  ctx.trace->fold_end(st.id);
  return Step::done();
}

Step fold_stream(Context& ctx, Frame& f, const air::Node& node, Error child) {
  if (f.phase++ == 0) {
    const air::Value& v = ctx.ast.values[node.a];
    Stream* stream = ctx.find_stream(v.name, v.span.begin);
    if (!stream) {
      ctx.complete = false;
      return Step::done();
    }
    f.stream_fold = std::make_unique<StreamFoldState>();
    StreamFoldState& st = *f.stream_fold;
    st.stream = stream;
    st.id = ctx.trace->new_fold_id();
    trace::TraceError te;
    if (!ctx.trace->fold_start(st.id, &te)) return Step::done(trace_error(ctx, node, te));
    if (!next_batch(st, true)) return finish_stream_fold(ctx, f);
    return start_generation(ctx, f, node);
  }
  // A generation's chain returned.
  end_iterations(ctx);
  if (child && !child->catchable()) return Step::done(std::move(child));
  // A catchable error ends this generation's chain only (execution.md 4.8.3 step 4); the flag
  // it left counts (a service error produced now does not clear it, 1.3.2).
  StreamFoldState& st = *f.stream_fold;
  ctx.trace->generation_end(st.id);
  st.observer = st.observer || ctx.complete;
  if (++st.generation < st.batch.size() || next_batch(st, false)) return start_generation(ctx, f, node);
  return finish_stream_fold(ctx, f);
}

}  // namespace

Step step_fold(Context& ctx, Frame& f, Error child) {
  const air::Node& node = ctx.ast.nodes[f.node];
  if (node.op == air::Op::FoldScalar) return fold_scalar(ctx, f, node, std::move(child));
  return fold_stream(ctx, f, node, std::move(child));
}

}  // namespace airvm::exec
