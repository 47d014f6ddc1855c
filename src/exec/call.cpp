// (call peer (service function) [args] out): execution.md 3, language.md 3.3.1.
#include "data/cid.h"
#include "data/json_text.h"
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

namespace {

void append_tetraplet_json(const Tetraplet& t, std::string* out) { data::append_tetraplet(t, out); }

// Everything a call resolves before it looks at the trace.
struct Prepared {
  Tetraplet tetraplet;               // {peer, service, function, ""}
  bool triplet_resolved = false;
  bool args_ready = true;
  std::vector<Resolved> args;
  std::string arguments;             // JSON text of the argument array
  // CID of `arguments`, computed when first needed (a call that only issues a request or is
  // forwarded needs none).
  mutable Cid argument_hash;
  const Cid& hash() const {
    if (argument_hash.empty()) argument_hash = data::cid_of(arguments);
    return argument_hash;
  }
  enum class Output { None, Scalar, Stream } output = Output::None;
};

Error resolve_triplet_part(Context& ctx, const air::Node& node, air::ValueId id, std::string* out, bool* join) {
  // The usual forms, literals and %init_peer_id%, need no value built.
  const air::Value& literal = ctx.ast.values[id];
  if (literal.kind == air::ValueKind::Literal) {
    *join = false;
    out->assign(ctx.ast.text(literal.text));
    return nullptr;
  }
  if (literal.kind == air::ValueKind::InitPeerId) {
    *join = false;
    *out = ctx.params.init_peer_id;
    return nullptr;
  }
  Resolved r;
  if (Error e = resolve(ctx, node, id, &r, join)) return e;
  if (*join) return nullptr;
  if (!r.value.is_string()) {
    std::string name = value_name(ctx, id);
    const air::Value& v = ctx.ast.values[id];
    if (v.name != air::kNone) name = std::string(ctx.ast.name(v.name));
    return ctx.catchable(node, 10011, "call cannot resolve non-String triplet variable part `" + name + "` with value '" +
                                          data::to_json_text(r.value) + "'");
  }
  *out = r.value.as_string();
  return nullptr;
}

Error prepare(Context& ctx, const air::Node& node, Prepared* p, bool* join) {
  std::string* parts[3] = {&p->tetraplet.peer_pk, &p->tetraplet.service_id, &p->tetraplet.function_name};
  const air::ValueId ids[3] = {node.a, node.b, node.c};
  for (int i = 0; i < 3; ++i) {
    if (Error e = resolve_triplet_part(ctx, node, ids[i], parts[i], join)) return e;
    if (*join) return nullptr;
  }
  p->triplet_resolved = true;
  if (node.out != air::kNone) {
    const air::Value& out = ctx.ast.values[node.out];
    p->output = out.kind == air::ValueKind::Stream ? Prepared::Output::Stream : Prepared::Output::Scalar;
    if (p->output == Prepared::Output::Scalar) {
      if (Error e = ctx.check_writable(out.name, false)) return e;
    }
  }
  p->arguments = "[";
  for (uint32_t i = 0; i < node.args_count; ++i) {
    Resolved r;
    bool arg_join = false;
    if (Error e = resolve(ctx, node, node.args_begin + i, &r, &arg_join)) return e;
    if (arg_join) {
      p->args_ready = false;
      continue;
    }
    if (i) p->arguments += ',';
    data::append_json(r.value, &p->arguments);
    p->args.push_back(std::move(r));
  }
  p->arguments += ']';
  return nullptr;
}

// A replayed executed/failed aggregate: loaded, checked against the call (execution.md 3.6).
Error load_result(Context& ctx, const Prepared& p, const Cid& cid, Json* value, const Tetraplet** tetraplet) {
  auto r = ctx.stores.service_results.find(cid);
  if (r == ctx.stores.service_results.end()) return value_not_found(ctx, "service result aggregate", cid);
  auto v = ctx.stores.values.find(r->second.value_cid);
  if (v == ctx.stores.values.end()) return value_not_found(ctx, "value", r->second.value_cid);
  auto t = ctx.stores.tetraplets.find(r->second.tetraplet_cid);
  if (t == ctx.stores.tetraplets.end()) return value_not_found(ctx, "tetraplet", r->second.tetraplet_cid);
  if (p.args_ready && r->second.argument_hash != p.hash()) {
    return ctx.uncatchable(20017, "call argument_hash doesn't match expected parameters: expected " + p.hash() +
                                      ", got " + r->second.argument_hash + " ");
  }
  if (!same_tetraplet(t->second, p.tetraplet)) {
    return ctx.uncatchable(20017, "call tetraplet doesn't match expected parameters: expected " +
                                      debug_tetraplet(p.tetraplet) + ", got " + debug_tetraplet(t->second) + " ");
  }
  *value = v->second;
  *tetraplet = &t->second;
  if (t->second.peer_pk == ctx.params.current_peer_id) ctx.signed_cids.push_back(cid);
  return nullptr;
}

Error service_error(Context& ctx, const air::Node& node, const Prepared& p, int64_t ret_code, const std::string& message) {
  Error e = ctx.catchable(node, 10000, "Local service error, ret_code is " + std::to_string(ret_code) +
                                           ", error message is '" + message + "'");
  e->peer_id = p.tetraplet.peer_pk;
  e->tetraplet = p.tetraplet;
  e->call_error = true;
  return e;
}

// Binds a value the call produced or replayed and appends its state.
Error bind_output(Context& ctx, const air::Node& node, const Prepared& p, const Json& value, const Cid& agg,
                  data::State state, StreamSource source, uint32_t generation) {
  Resolved r{value, {p.tetraplet}, Provenance{data::ProvenanceKind::ServiceResult, agg}};
  const air::Value& out = ctx.ast.values[node.out];
  if (p.output == Prepared::Output::Scalar) {
    if (Error e = ctx.set_scalar(out.name, std::move(r))) return e;
  } else if (p.output == Prepared::Output::Stream) {
    Stream* s = ctx.stream_for_write(out.name, out.span.begin, false);
    StreamValue sv{value, p.tetraplet, r.provenance, ctx.trace->result_len()};
    if (Error e = add_to_stream(ctx, s, std::move(sv), source, generation)) return e;
  }
  ctx.trace->append(std::move(state));
  return nullptr;
}

Error replay_executed(Context& ctx, const air::Node& node, const Prepared& p, const data::State& st,
                      trace::Source source) {
  using data::CallKind;
  const bool fits = (p.output == Prepared::Output::Scalar && st.call == CallKind::Scalar) ||
                    (p.output == Prepared::Output::Stream && st.call == CallKind::Stream) ||
                    (p.output == Prepared::Output::None && st.call == CallKind::Unused);
  if (!fits) {
    std::string inner = trace::describe_state(st);
    // "Call(Executed(X))" -> "X"
    inner = inner.substr(std::string("Call(Executed(").size(), inner.size() - std::string("Call(Executed(").size() - 2);
    return ctx.uncatchable(20006, "call result value " + inner + " doesn't match with corresponding instruction");
  }
  if (st.call == CallKind::Unused) {
    ctx.trace->append(st);
    return nullptr;
  }
  Json value;
  const Tetraplet* t = nullptr;
  if (Error e = load_result(ctx, p, st.text, &value, &t)) return e;
  StreamSource where = source == trace::Source::Current ? StreamSource::Current : StreamSource::Previous;
  return bind_output(ctx, node, p, value, st.text, st, where, st.generation);
}

Error replay_failed(Context& ctx, const air::Node& node, const Prepared& p, const data::State& st) {
  Json value;
  const Tetraplet* t = nullptr;
  if (Error e = load_result(ctx, p, st.text, &value, &t)) return e;
  const Json* rc = value.find("ret_code");
  const Json* message = value.find("message");
  if (!rc || !message || !message->is_string() || (rc->kind() != data::JsonKind::U64 && rc->kind() != data::JsonKind::I64)) {
    return ctx.uncatchable(20012, "failed to deserialize to CallServiceFailed: " + data::to_json_text(value));
  }
  ctx.complete = false;
  ctx.trace->append(st);
  int64_t code = rc->kind() == data::JsonKind::U64 ? static_cast<int64_t>(rc->as_u64()) : rc->as_i64();
  return service_error(ctx, node, p, code, message->as_string());
}

// Records a failure {"message","ret_code"} created now (execution.md 3.4 steps 1, 2).
void record_failure(Context& ctx, const Prepared& p, int64_t ret_code, const std::string& message, bool sign) {
  std::vector<data::JsonMember> m;
  m.push_back({"message", Json::string(message), 0});
  m.push_back({"ret_code", Json::integer(ret_code), 0});
  Cid value = ctx.store_value(Json::object(std::move(m)));
  Cid agg = ctx.store_service_result(value, p.hash(), ctx.store_tetraplet(p.tetraplet));
  // The failure made for a result that is not JSON is not signed (data-format.md 9 item 5).
  if (sign) ctx.signed_cids.push_back(agg);
  data::State s;
  s.kind = data::StateKind::Call;
  s.call = data::CallKind::Failed;
  s.text = agg;
  ctx.trace->append(std::move(s));
}

Error apply_result(Context& ctx, const air::Node& node, const Prepared& p, const CallResult& r) {
  if (r.ret_code != 0) {
    record_failure(ctx, p, r.ret_code, r.result, true);
    return service_error(ctx, node, p, r.ret_code, r.result);
  }
  data::JsonRead parsed = data::read_json(r.result);
  if (!parsed.ok) {
    std::string text = "call_service result 'ret_code: 0, result: '" + r.result +
                       "'' can't be serialized or deserialized with an error: " + parsed.error.display();
    record_failure(ctx, p, 2147483647, text, false);
    return service_error(ctx, node, p, 2147483647, text);
  }
  data::State s;
  s.kind = data::StateKind::Call;
  if (p.output == Prepared::Output::None) {
    s.call = data::CallKind::Unused;
    s.text = data::cid_of(data::to_json_text(parsed.value));
    ctx.trace->append(std::move(s));
    return nullptr;
  }
  Cid value = ctx.store_value(parsed.value);
  Cid agg = ctx.store_service_result(value, p.hash(), ctx.store_tetraplet(p.tetraplet));
  ctx.signed_cids.push_back(agg);
  s.call = p.output == Prepared::Output::Scalar ? data::CallKind::Scalar : data::CallKind::Stream;
  s.text = agg;
  return bind_output(ctx, node, p, parsed.value, agg, std::move(s), StreamSource::New, 0);
}

std::string tetraplets_json(const std::vector<Resolved>& args) {
  std::string out = "[";
  for (size_t i = 0; i < args.size(); ++i) {
    if (i) out += ',';
    out += '[';
    for (size_t k = 0; k < args[i].tetraplets.size(); ++k) {
      if (k) out += ',';
      append_tetraplet_json(args[i].tetraplets[k], &out);
    }
    out += ']';
  }
  return out + "]";
}

// [CALL-7]: a local call request (or a wait for the arguments).
Error request(Context& ctx, const Prepared& p, const std::optional<data::State>& replaced) {
  ctx.complete = false;
  if (!p.args_ready) {
    if (replaced) ctx.trace->append(*replaced);
    return nullptr;
  }
  const uint32_t id = ++ctx.lcid;
  ctx.call_requests[id] = CallRequest{p.tetraplet.service_id, p.tetraplet.function_name, p.arguments, tetraplets_json(p.args)};
  data::State s;
  s.kind = data::StateKind::Call;
  s.call = data::CallKind::SentByWithCallId;
  s.text = ctx.params.current_peer_id;
  s.call_id = id;
  ctx.trace->append(std::move(s));
  return nullptr;
}

}  // namespace

Error exec_call(Context& ctx, const air::Node& node) {
  Prepared p;
  bool join = false;
  if (Error e = prepare(ctx, node, &p, &join)) {
    // Errors of a call with a resolved triplet name its target (language.md 5.4).
    if (e->catchable()) {
      e->call_error = true;
      if (p.triplet_resolved) {
        e->peer_id = p.tetraplet.peer_pk;
        e->tetraplet = p.tetraplet;
      }
    }
    return e;
  }
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  std::optional<data::State> merged;
  trace::Source source = trace::Source::Previous;
  trace::TraceError te;
  if (!ctx.trace->call_merge(&merged, &source, &te)) return trace_error(ctx, node, te);
  const bool local = p.tetraplet.peer_pk == ctx.params.current_peer_id;
  if (!merged) {
    if (local) return request(ctx, p, merged);
    ctx.next_peers.insert(p.tetraplet.peer_pk);
    ctx.complete = false;
    data::State s;
    s.kind = data::StateKind::Call;
    s.call = data::CallKind::SentBy;
    s.text = ctx.params.current_peer_id;
    ctx.trace->append(std::move(s));
    return nullptr;
  }
  switch (merged->call) {
    case data::CallKind::Scalar:
    case data::CallKind::Stream:
    case data::CallKind::Unused: return replay_executed(ctx, node, p, *merged, source);
    case data::CallKind::Failed: return replay_failed(ctx, node, p, *merged);
    case data::CallKind::SentByWithCallId:
      if (merged->text == ctx.params.current_peer_id) {
        auto r = ctx.call_results.find(merged->call_id);
        if (r != ctx.call_results.end()) {
          CallResult result = std::move(r->second);
          ctx.call_results.erase(r);
          if (!p.args_ready) return ctx.uncatchable(20000, "the arguments of a call whose result arrived can't be resolved");
          return apply_result(ctx, node, p, result);
        }
        ctx.trace->append(*merged);
        ctx.complete = false;
        return nullptr;
      }
      [[fallthrough]];
    case data::CallKind::SentBy:
      if (local) return request(ctx, p, merged);
      ctx.trace->append(*merged);
      ctx.complete = false;
      return nullptr;
  }
  return nullptr;
}

}  // namespace airvm::exec
