// Variables with fold scopes, streams with lexical `new` scopes, stores and error objects.
#include "exec/context.h"

#include <algorithm>

#include "air/text.h"
#include "data/cid.h"
#include "data/json_text.h"

namespace airvm::exec {

Json no_error_object() {
  std::vector<data::JsonMember> m;
  m.push_back({"error_code", Json::u64(0), 0});
  m.push_back({"message", Json::string(""), 0});
  return Json::object(std::move(m));
}

Context::Context(const air::Ast& a, const RunParams& p, data::Stores s, trace::TraceHandler* t, uint32_t l,
                 std::map<uint32_t, CallResult> results)
    : ast(a), params(p), stores(std::move(s)), trace(t), lcid(l), call_results(std::move(results)) {
  last_error.object = no_error_object();
  error.object = no_error_object();
  scopes_.push_back({0, true});
}

Cid Context::store_value(const Json& value) {
  Cid cid = data::cid_of(data::to_json_text(value));
  stores.values.emplace(cid, value);
  return cid;
}

Cid Context::store_tetraplet(const Tetraplet& t) {
  // Most calls of a run share a few tetraplets: each is hashed once.
  std::string text;
  data::append_tetraplet(t, &text);
  auto known = tetraplet_cids_.find(text);
  if (known != tetraplet_cids_.end()) return known->second;
  Cid cid = data::cid_of(text);
  stores.tetraplets.emplace(cid, t);
  tetraplet_cids_.emplace(std::move(text), cid);
  return cid;
}

Cid Context::store_service_result(const Cid& value_cid, const Cid& argument_hash, const Cid& tetraplet_cid) {
  data::ServiceResult r{value_cid, argument_hash, tetraplet_cid};
  std::string text;
  data::append_service_result(r, &text);
  Cid cid = data::cid_of(text);
  stores.service_results.emplace(cid, std::move(r));
  return cid;
}

// ---- scopes ------------------------------------------------------------------------------------

bool Context::visible(const Binding& b) const {
  for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
    if (it->id == b.scope_id) return it->visible;
  }
  return false;
}

void Context::open_scope() { scopes_.push_back({next_scope_id_++, true}); }

void Context::close_scope() {
  uint64_t id = scopes_.back().id;
  scopes_.pop_back();
  for (auto* space : {&scalars_, &canons_}) {
    for (auto& [name, nb] : *space) {
      while (!nb.stack.empty() && nb.stack.back().scope_id == id && !nb.stack.back().iterator) nb.stack.pop_back();
    }
  }
}

void Context::hide_scope() { scopes_.back().visible = false; }
void Context::unhide_scope() { scopes_.back().visible = true; }

const Binding* Context::find_scalar(air::NameId name, bool* unset) const {
  *unset = false;
  auto it = scalars_.find(name);
  if (it == scalars_.end() || it->second.stack.empty()) return nullptr;
  const Binding& b = it->second.stack.back();
  if (b.iterator) return &b;
  if (!visible(b)) return nullptr;
  if (b.unset) {
    *unset = true;
    return nullptr;
  }
  return &b;
}

const Binding* Context::find_canon(air::NameId name, bool* unset) const {
  *unset = false;
  auto it = canons_.find(name);
  if (it == canons_.end() || it->second.stack.empty()) return nullptr;
  const Binding& b = it->second.stack.back();
  if (!visible(b)) return nullptr;
  if (b.unset) {
    *unset = true;
    return nullptr;
  }
  return &b;
}

bool Context::is_iterator(air::NameId name) const {
  auto it = scalars_.find(name);
  return it != scalars_.end() && !it->second.stack.empty() && it->second.stack.back().iterator;
}

Error Context::check_writable(air::NameId name, bool canon) {
  if (!canon && is_iterator(name)) {
    return uncatchable(20004, "variable with name '" + std::string(ast.name(name)) +
                                  "' can't be shadowed, shadowing isn't supported for iterables");
  }
  auto& space = canon ? canons_ : scalars_;
  auto it = space.find(name);
  if (it == space.end() || it->second.stack.empty()) return nullptr;
  const Binding& top = it->second.stack.back();
  if (!top.unset && scopes_.size() == 1 && top.scope_id == scopes_.back().id) {
    return uncatchable(20007, "trying to shadow variable '" + std::string(ast.name(name)) +
                                  "', but shadowing is allowed only inside fold blocks");
  }
  return nullptr;
}

Error set_binding(Context& ctx, std::unordered_map<air::NameId, Context::NameBindings>& space, air::NameId name,
                  Binding b) {
  auto& stack = space[name].stack;
  const uint64_t scope = ctx.scopes_.back().id;
  b.scope_id = scope;
  b.depth = static_cast<uint32_t>(ctx.scopes_.size() - 1);
  if (!stack.empty()) {
    Binding& top = stack.back();
    if (top.unset) {  // a `new` declaration: written once in place
      b.scope_id = top.scope_id;
      b.depth = top.depth;
      top = std::move(b);
      return nullptr;
    }
    if (top.scope_id == scope) {
      if (ctx.scopes_.size() == 1) {
        return ctx.uncatchable(20007, "trying to shadow variable '" + std::string(ctx.ast.name(name)) +
                                          "', but shadowing is allowed only inside fold blocks");
      }
      top = std::move(b);
      return nullptr;
    }
  }
  stack.push_back(std::move(b));
  return nullptr;
}

Error Context::set_scalar(air::NameId name, Resolved value) {
  Binding b;
  b.value = std::move(value);
  return set_binding(*this, scalars_, name, std::move(b));
}

Error Context::set_canon(air::NameId name, CanonPtr canon) {
  Binding b;
  b.canon = std::move(canon);
  return set_binding(*this, canons_, name, std::move(b));
}

void Context::push_iterator(air::NameId name, Resolved value) {
  Binding b;
  b.iterator = true;
  b.value = std::move(value);
  b.scope_id = scopes_.back().id;
  scalars_[name].stack.push_back(std::move(b));
}

void Context::set_iterator(air::NameId name, Resolved value) {
  auto& stack = scalars_[name].stack;
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    if (it->iterator) {
      it->value = std::move(value);
      return;
    }
  }
}

void Context::pop_iterator(air::NameId name) {
  auto& stack = scalars_[name].stack;
  for (auto it = stack.end(); it != stack.begin();) {
    --it;
    if (it->iterator) {
      stack.erase(it);
      return;
    }
  }
}

void Context::declare_unset(air::NameId name, bool canon) {
  Binding b;
  b.unset = true;
  b.scope_id = scopes_.back().id;
  b.depth = static_cast<uint32_t>(scopes_.size() - 1);
  (canon ? canons_ : scalars_)[name].stack.push_back(std::move(b));
}

void Context::undeclare(air::NameId name, bool canon) {
  auto& stack = (canon ? canons_ : scalars_)[name].stack;
  if (!stack.empty()) stack.pop_back();
}

// ---- streams ---------------------------------------------------------------------------------

Stream* Context::find_stream(air::NameId name, uint32_t pos) {
  auto r = restricted_.find(name);
  if (r != restricted_.end()) {
    for (auto it = r->second.rbegin(); it != r->second.rend(); ++it) {
      if (it->span.begin < pos && pos < it->span.end) return it->stream.get();
    }
  }
  auto g = global_.find(name);
  return g == global_.end() ? nullptr : g->second;
}

Stream* Context::stream_for_write(air::NameId name, uint32_t pos, bool is_map) {
  if (Stream* s = find_stream(name, pos)) return s;
  all_global_.push_back(std::make_unique<Stream>());
  Stream* s = all_global_.back().get();
  s->is_map = is_map;
  global_[name] = s;
  return s;
}

void Context::push_restricted_stream(air::NameId name, air::Span span, bool is_map) {
  auto s = std::make_unique<Stream>();
  s->is_map = is_map;
  restricted_[name].push_back({span, std::move(s)});
}

std::unique_ptr<Stream> Context::pop_restricted_stream(air::NameId name) {
  auto& v = restricted_[name];
  std::unique_ptr<Stream> s = std::move(v.back().stream);
  v.pop_back();
  return s;
}

// ---- errors ---------------------------------------------------------------------------------

Error Context::uncatchable(int code, std::string message) {
  auto e = std::make_unique<ExecError>();
  e->code = code;
  e->message = std::move(message);
  return e;
}

std::string Context::instruction_text(const air::Node& node) const {
  std::string out;
  // Instructions with children are named by their head only, as the original prints them.
  auto head = [&](const char* name, std::initializer_list<air::ValueId> operands) {
    out = name;
    for (air::ValueId v : operands) {
      out += ' ';
      air::append_value(ast, v, &out);
    }
    return out;
  };
  switch (node.op) {
    case air::Op::Seq: return head("seq", {});
    case air::Op::Par: return head("par", {});
    case air::Op::Xor: return head("xor", {});
    case air::Op::Match: return head("match", {node.a, node.b});
    case air::Op::MisMatch: return head("mismatch", {node.a, node.b});
    case air::Op::FoldScalar:
    case air::Op::FoldStream:
    case air::Op::FoldStreamMap: return head("fold", {node.a, node.c});
    case air::Op::New: return head("new", {node.c});
    default: break;
  }
  air::append_instruction(ast, node, &out);
  // The original prints the instruction without its parentheses.
  if (out.size() >= 2 && out.front() == '(' && out.back() == ')') out = out.substr(1, out.size() - 2);
  // ... and a call without an output with the space before the (empty) output.
  if (node.op == air::Op::Call && node.out == air::kNone) out += ' ';
  return out;
}

Error Context::catchable(const air::Node& node, int code, std::string message) {
  auto e = std::make_unique<ExecError>();
  e->code = code;
  e->message = std::move(message);
  e->instruction = instruction_text(node);
  e->peer_id = params.current_peer_id;
  return e;
}

namespace {

Json error_object(const ExecError& e, bool with_peer) {
  std::vector<data::JsonMember> m;
  m.push_back({"error_code", Json::u64(static_cast<uint64_t>(e.code)), 0});
  m.push_back({"instruction", Json::string(e.instruction), 0});
  m.push_back({"message", Json::string(e.message), 0});
  if (with_peer && e.peer_id) m.push_back({"peer_id", Json::string(*e.peer_id), 0});
  return Json::object(std::move(m));
}

}  // namespace

void Context::record_error(const ExecError& e) {
  if (!e.catchable()) return;
  const bool match_error = e.code == 10001 || e.code == 10002;
  if (e.thrown) {
    // fail always overwrites %last_error% (language.md 5.6), with the thrown value's tetraplet.
    last_error.object = *e.thrown;
    last_error.tetraplet = e.tetraplet;
    last_error.can_set = false;
  } else if (!match_error && last_error.can_set) {
    last_error.object = error_object(e, true);
    last_error.tetraplet = e.tetraplet;
    last_error.can_set = false;
  }
  if (error.can_set && !e.original) {  // a re-throw keeps the object being handled
    error.object = error_object(e, e.call_error);
    // Observed on the original: the :error: of a fail reads with the literal tetraplet.
    error.tetraplet = e.thrown ? std::nullopt : e.tetraplet;
  }
  error.can_set = false;
}

}  // namespace airvm::exec
