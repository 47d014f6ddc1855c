// (canon peer $s #c), (canon peer %m #%c), (canon peer %m x) (execution.md 4.7, 4.9).
#include "data/cid.h"
#include "data/json_text.h"
#include "exec/instructions.h"
#include "exec/values.h"

namespace airvm::exec {

namespace {

// Binds the target of the canon to what was made or replayed.
Error bind_target(Context& ctx, const air::Node& node, CanonPtr canon) {
  const air::Value& target = ctx.ast.values[node.c];
  if (node.op == air::Op::CanonStreamMapScalar) {
    if (Error e = ctx.check_writable(target.name, false)) return e;
    Resolved r;
    r.value = canon->values.empty() ? Json::object({}) : canon->values[0].value;
    r.tetraplets = {canon->tetraplet};
    r.provenance = Provenance{data::ProvenanceKind::Canon, canon->result_cid};
    return ctx.set_scalar(target.name, std::move(r));
  }
  if (Error e = ctx.check_writable(target.name, true)) return e;
  return ctx.set_canon(target.name, std::move(canon));
}

// The canon result `cid` from the stores, checked against the canon's peer.
Error load_canon(Context& ctx, const Cid& cid, const std::string& peer, Canon* out) {
  auto r = ctx.stores.canon_results.find(cid);
  if (r == ctx.stores.canon_results.end()) return value_not_found(ctx, "canon result aggregate", cid);
  auto t = ctx.stores.tetraplets.find(r->second.tetraplet);
  if (t == ctx.stores.tetraplets.end()) return value_not_found(ctx, "tetraplet", r->second.tetraplet);
  Tetraplet expected{peer, "", "", ""};
  if (!same_tetraplet(t->second, expected)) {
    return ctx.uncatchable(20017, "canon tetraplet doesn't match expected parameters: expected " +
                                      debug_tetraplet(expected) + ", got " + debug_tetraplet(t->second) + " ");
  }
  out->tetraplet = t->second;
  out->result_cid = cid;
  for (const Cid& element_cid : r->second.values) {
    auto e = ctx.stores.canon_elements.find(element_cid);
    if (e == ctx.stores.canon_elements.end()) return value_not_found(ctx, "canon aggregate", element_cid);
    auto v = ctx.stores.values.find(e->second.value);
    if (v == ctx.stores.values.end()) return value_not_found(ctx, "value", e->second.value);
    auto et = ctx.stores.tetraplets.find(e->second.tetraplet);
    if (et == ctx.stores.tetraplets.end()) return value_not_found(ctx, "tetraplet", e->second.tetraplet);
    out->values.push_back({v->second, et->second, Provenance{e->second.provenance, e->second.provenance_cid}});
  }
  return nullptr;
}

Cid store_element(Context& ctx, const CanonElement& e) {
  data::CanonElement stored;
  stored.value = ctx.store_value(e.value);
  stored.tetraplet = ctx.store_tetraplet(e.tetraplet);
  stored.provenance = e.provenance.kind;
  stored.provenance_cid = e.provenance.cid;
  std::string text;
  data::append_canon_element(stored, &text);
  Cid cid = data::cid_of(text);
  ctx.stores.canon_elements.emplace(cid, std::move(stored));
  return cid;
}

// `(canon p %m x)`: the first value of every key, keys in their string form.
CanonElement first_value_per_key(const Stream* stream, const Tetraplet& canon_tetraplet) {
  std::vector<data::JsonMember> members;
  std::vector<std::string> seen;
  if (stream) {
    stream->for_each([&](const StreamValue& v) {
      const Json* key = v.value.find("key");
      const Json* value = v.value.find("value");
      if (!key || !value) return;
      std::string k = key->is_string() ? key->as_string() : data::to_json_text(*key);
      for (const std::string& s : seen) {
        if (s == k) return;
      }
      seen.push_back(k);
      members.push_back({k, *value, 0});
    });
  }
  return CanonElement{Json::object(std::move(members)), canon_tetraplet, Provenance{}};
}

// Makes the canon from the stream as it is now on this peer.
Error create(Context& ctx, const air::Node& node, const std::string& peer) {
  const air::Value& source = ctx.ast.values[node.b];
  const Stream* stream = ctx.find_stream(source.name, source.span.begin);
  auto canon = std::make_shared<Canon>();
  canon->tetraplet = Tetraplet{peer, "", "", ""};
  canon->is_map = node.op == air::Op::CanonMap;
  if (node.op == air::Op::CanonStreamMapScalar) {
    canon->values.push_back(first_value_per_key(stream, canon->tetraplet));
  } else if (stream) {
    stream->for_each([&](const StreamValue& v) { canon->values.push_back({v.value, v.tetraplet, v.provenance}); });
  }
  data::CanonResult result;
  result.tetraplet = ctx.store_tetraplet(canon->tetraplet);
  for (const CanonElement& e : canon->values) result.values.push_back(store_element(ctx, e));
  std::string text;
  data::append_canon_result(result, &text);
  canon->result_cid = data::cid_of(text);
  ctx.stores.canon_results.emplace(canon->result_cid, std::move(result));
  ctx.signed_cids.push_back(canon->result_cid);
  data::State s;
  s.kind = data::StateKind::Canon;
  s.canon = data::CanonKind::Executed;
  s.text = canon->result_cid;
  ctx.trace->append(std::move(s));
  return bind_target(ctx, node, std::move(canon));
}

// The canon's peer id: a string, or a join / catchable error.
Error resolve_peer(Context& ctx, const air::Node& node, std::string* peer, bool* join) {
  Resolved r;
  if (Error e = resolve(ctx, node, node.a, &r, join)) return e;
  if (*join) return nullptr;
  if (!r.value.is_string()) {
    return ctx.catchable(node, 10011, "call cannot resolve non-String triplet variable part `" + value_name(ctx, node.a) +
                                          "` with value '" + data::to_json_text(r.value) + "'");
  }
  *peer = r.value.as_string();
  return nullptr;
}

}  // namespace

Error exec_canon(Context& ctx, const air::Node& node) {
  std::optional<data::State> merged;
  trace::TraceError te;
  if (!ctx.trace->canon_merge(&merged, &te)) return trace_error(ctx, node, te);
  std::string peer;
  bool join = false;
  Error e = resolve_peer(ctx, node, &peer, &join);
  if (e) {
    e->call_error = true;
    return e;
  }
  if (join && merged) {
    Error missing = variable_not_found(ctx, node, ctx.ast.values[node.a].name);
    missing->call_error = true;
    return missing;
  }
  if (join) {
    ctx.complete = false;
    return nullptr;
  }
  if (merged && merged->canon == data::CanonKind::Executed) {
    auto canon = std::make_shared<Canon>();
    if (Error le = load_canon(ctx, merged->text, peer, canon.get())) return le;
    canon->is_map = node.op == air::Op::CanonMap;
    if (peer == ctx.params.current_peer_id) ctx.signed_cids.push_back(merged->text);
    ctx.trace->append(*merged);
    return bind_target(ctx, node, std::move(canon));
  }
  if (peer != ctx.params.current_peer_id) {
    if (!merged) ctx.next_peers.insert(peer);
    ctx.complete = false;
    data::State s;
    s.kind = data::StateKind::Canon;
    s.canon = data::CanonKind::SentBy;
    s.text = merged ? merged->text : ctx.params.current_peer_id;
    ctx.trace->append(std::move(s));
    return nullptr;
  }
  return create(ctx, node, peer);
}

}  // namespace airvm::exec
