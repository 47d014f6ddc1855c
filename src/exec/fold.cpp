// (fold iterable i body [last]) over arrays, canons and streams (language.md 3.3.9-10,
// execution.md 4.8).
#include "data/json_text.h"
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
    Resolved e;
    e.value = items[k];
    if (whole_canon) {
      e.tetraplets = {r.tetraplets[k]};
      bool unset = false;
      const Binding* b = ctx.find_canon(v.name, &unset);
      e.provenance = b->canon->values[k].provenance;
    } else {
      Tetraplet t = r.tetraplets.empty() ? literal_tetraplet(ctx) : r.tetraplets[0];
      t.json_path += ".$.[" + std::to_string(k) + "]";
      e.tetraplets = {t};
      e.provenance = r.provenance;
    }
    out->push_back(std::move(e));
  }
  return nullptr;
}

// Runs a fold body over a fixed list of values, the way `next` continues it.
Error run_iterations(Context& ctx, const air::Node& node, std::vector<Resolved> values, uint32_t stream_fold_id,
                     std::vector<uint32_t> positions = {}) {
  const air::NameId iterator = ctx.ast.values[node.c].name;
  Context::FoldFrame frame;
  frame.iterator = iterator;
  frame.body = node.first;
  frame.last = node.second;
  frame.values = std::move(values);
  frame.stream_fold_id = stream_fold_id;
  frame.positions = std::move(positions);
  ctx.folds.push_back(std::move(frame));
  ctx.open_scope();
  ctx.push_iterator(iterator, ctx.folds.back().values[0]);
  Error e = execute(ctx, node.first);
  ctx.pop_iterator(iterator);
  ctx.close_scope();
  ctx.folds.pop_back();
  return e;
}

Error fold_scalar(Context& ctx, const air::Node& node) {
  std::vector<Resolved> values;
  bool join = false;
  if (Error e = scalar_elements(ctx, node, &values, &join)) return e;
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  if (values.empty()) return nullptr;
  return run_iterations(ctx, node, std::move(values), 0);
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

Error fold_stream(Context& ctx, const air::Node& node) {
  const air::Value& v = ctx.ast.values[node.a];
  Stream* stream = ctx.find_stream(v.name, v.span.begin);
  if (!stream) {
    ctx.complete = false;
    return nullptr;
  }
  const uint32_t id = ctx.trace->new_fold_id();
  trace::TraceError te;
  if (!ctx.trace->fold_start(id, &te)) return trace_error(ctx, node, te);
  size_t cursor[3] = {0, 0, 0};
  bool observer = false;
  auto& fresh = stream->gens[2];
  for (bool first = true;; first = false) {
    std::vector<std::vector<StreamValue>> batch;
    for (int s = 0; s < 3; ++s) batch_of(stream->gens[s], cursor[s], &batch);
    if (!first && !fresh.empty() && fresh.rbegin()->second.empty()) fresh.erase(std::prev(fresh.end()));
    for (int s = 0; s < 3; ++s) cursor[s] = slots(stream->gens[s]);
    if (batch.empty()) break;
    fresh[static_cast<uint32_t>(slots(fresh))];  // a fresh, empty new generation
    for (auto& generation : batch) {
      std::vector<Resolved> values;
      std::vector<uint32_t> positions;
      for (StreamValue& sv : generation) {
        values.push_back(Resolved{sv.value, {sv.tetraplet}, sv.provenance});
        positions.push_back(sv.trace_pos);
      }
      if (!ctx.trace->iteration_start(id, positions[0], &te)) return trace_error(ctx, node, te);
      ctx.complete = true;
      Error e = run_iterations(ctx, node, std::move(values), id, std::move(positions));
      if (e && !e->catchable()) return e;
      // A catchable error ends this generation's chain only (execution.md 4.8.3 step 4); the
      // flag it left counts (a service error produced now does not clear it, 1.3.2).
      const bool chain_complete = ctx.complete;
      ctx.trace->generation_end(id);
      observer = observer || chain_complete;
    }
  }
  if (!fresh.empty() && fresh.rbegin()->second.empty()) fresh.erase(std::prev(fresh.end()));
  ctx.complete = observer;
  ctx.trace->fold_end(id);
  return nullptr;
}

}  // namespace

Error exec_fold(Context& ctx, const air::Node& node) {
  if (node.op == air::Op::FoldScalar) return fold_scalar(ctx, node);
  return fold_stream(ctx, node);
}

}  // namespace airvm::exec
