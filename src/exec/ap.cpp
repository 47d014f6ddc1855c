// (ap arg out) and (ap (key value) %map) (language.md 3.3.6-7, execution.md 2.5, 4.9).
#include "data/json_text.h"
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

namespace {

// What ap stores for its argument (language.md 4.6): a whole canon is stored with the canon's
// own tetraplet and a canon provenance.
Error ap_argument(Context& ctx, const air::Node& node, air::ValueId id, Resolved* out, bool* join) {
  if (Error e = resolve(ctx, node, id, out, join)) return e;
  if (*join) return nullptr;
  const air::Value& v = ctx.ast.values[id];
  if ((v.kind == air::ValueKind::CanonStream || v.kind == air::ValueKind::CanonStreamMap) && v.lens == air::kNone) {
    bool unset = false;
    const Binding* b = ctx.find_canon(v.name, &unset);
    out->tetraplets = {b->canon->tetraplet};
  }
  // Observed on the original (corpus runs): an error object put by ap carries the tetraplet
  // {the error's peer_id (else the current peer), "", "", ""}, even when the error came from a
  // call (language.md 4.6 says the error's tetraplet, else the literal one).
  if (v.kind == air::ValueKind::LastError || v.kind == air::ValueKind::Error) {
    const Json& object = (v.kind == air::ValueKind::LastError ? ctx.last_error : ctx.error).object;
    const Json* peer = object.find("peer_id");
    out->tetraplets = {Tetraplet{peer && peer->is_string() ? peer->as_string() : ctx.params.current_peer_id, "", "", ""}};
  }
  if (out->tetraplets.empty()) out->tetraplets = {literal_tetraplet(ctx)};
  return nullptr;
}

Error put(Context& ctx, const air::Node& node, const air::Value& target, Resolved value, bool is_map,
          const std::optional<data::State>& merged, trace::Source source) {
  Stream* stream = ctx.stream_for_write(target.name, target.span.begin, is_map);
  StreamValue sv{value.value, value.tetraplets[0], value.provenance, ctx.trace->result_len()};
  StreamSource where = StreamSource::New;
  uint32_t generation = 0;
  if (merged) {
    where = source == trace::Source::Current ? StreamSource::Current : StreamSource::Previous;
    generation = merged->gens[0];
  }
  if (Error e = add_to_stream(ctx, stream, std::move(sv), where, generation)) return e;
  data::State s;
  s.kind = data::StateKind::Ap;
  s.gens = {generation};
  ctx.trace->append(std::move(s));
  (void)node;
  return nullptr;
}

Error ap_map(Context& ctx, const air::Node& node) {
  Resolved value, key;
  bool join = false;
  if (Error e = ap_argument(ctx, node, node.b, &value, &join)) return e;
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  std::optional<data::State> merged;
  trace::Source source = trace::Source::Previous;
  trace::TraceError te;
  if (!ctx.trace->ap_merge(&merged, &source, &te)) return trace_error(ctx, node, te);
  // Quirk (execution.md 4.9): the merged state is consumed even when the key is not ready.
  if (Error e = resolve(ctx, node, node.a, &key, &join)) return e;
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  const air::Value& target = ctx.ast.values[node.c];
  const data::JsonKind k = key.value.kind();
  if (k != data::JsonKind::String && k != data::JsonKind::U64 && k != data::JsonKind::I64) {
    return ctx.catchable(node, 10012, "unsupported type for " + std::string(ctx.ast.name(target.name)) + " map's key");
  }
  std::vector<data::JsonMember> pair;
  pair.push_back({"key", key.value, 0});
  pair.push_back({"value", value.value, 0});
  Resolved kv{Json::object(std::move(pair)), value.tetraplets, value.provenance};
  return put(ctx, node, target, std::move(kv), true, merged, source);
}

}  // namespace

Error exec_ap(Context& ctx, const air::Node& node) {
  if (node.op == air::Op::ApMap) return ap_map(ctx, node);
  Resolved value;
  bool join = false;
  if (Error e = ap_argument(ctx, node, node.a, &value, &join)) return e;
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  const air::Value& target = ctx.ast.values[node.out];
  if (target.kind == air::ValueKind::Scalar) {
    if (Error e = ctx.check_writable(target.name, false)) return e;
    return ctx.set_scalar(target.name, std::move(value));
  }
  std::optional<data::State> merged;
  trace::Source source = trace::Source::Previous;
  trace::TraceError te;
  if (!ctx.trace->ap_merge(&merged, &source, &te)) return trace_error(ctx, node, te);
  return put(ctx, node, target, std::move(value), false, merged, source);
}

}  // namespace airvm::exec
