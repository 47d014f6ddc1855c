// Preparation (data, AIR, call results, key), execution (the walk) and farewell (outcome).
#include "invoke/invoke.h"

#include <cstdio>

#include "data/interpreter_data.h"
#include "data/json_text.h"
#include "data/peer_id.h"
#include "data/signing.h"
#include "data/verify.h"
#include "exec/instructions.h"

namespace airvm {

namespace {

using exec::CallResult;

InterpreterOutcome failed_outcome(int64_t code, std::string message, std::string_view prev) {
  InterpreterOutcome out;
  out.ret_code = code;
  out.error_message = std::move(message);
  out.data = std::string(prev);
  out.call_requests = "{}";
  return out;
}

// Rust's Debug of a string.
std::string debug_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A call-result id: a u32 in canonical decimal (data-format.md 1.3); "" or the reason.
std::string parse_id(const std::string& key, uint32_t* id) {
  if (key.empty() || !(key[0] == '-' || (key[0] >= '0' && key[0] <= '9'))) return "expected key to be a number in quotes";
  if (key[0] == '-') return "invalid value: integer `" + key + "`, expected u32";
  if (key.size() > 1 && key[0] == '0') return "invalid number";
  uint64_t n = 0;
  for (char c : key) {
    if (c < '0' || c > '9') return "invalid number";
    n = n * 10 + static_cast<uint64_t>(c - '0');
    if (n > UINT32_MAX) return "invalid value: integer `" + key + "`, expected u32";
  }
  *id = static_cast<uint32_t>(n);
  return "";
}

// call_results bytes -> results by id, or the serde-style error (preparation error 4).
bool read_call_results(std::string_view bytes, std::map<uint32_t, CallResult>* out, std::string* error) {
  data::JsonRead json = data::read_json(bytes);
  auto fail_at = [&](size_t offset, std::string message) {
    *error = data::json_error_at(bytes, offset, false, std::move(message)).debug();
    return false;
  };
  if (!json.ok) {
    *error = json.error.debug();
    return false;
  }
  const data::Json& v = json.value;
  if (!v.is_object()) {
    return fail_at(v.is_array() ? v.source_begin() : v.source_end(),
                   std::string("invalid type: ") + (v.is_array() ? "sequence" : data::json_kind_name(v)) + ", expected a map");
  }
  for (const data::JsonMember& m : v.members()) {
    uint32_t id = 0;
    std::string why = parse_id(m.key, &id);
    if (!why.empty()) return fail_at(m.key_end, why);
    const data::Json& r = m.value;
    if (!r.is_object()) return fail_at(r.source_end(), "invalid type: map expected, expected struct CallServiceResult");
    const data::Json* rc = r.find("ret_code");
    const data::Json* result = r.find("result");
    if (!rc) return fail_at(r.source_end(), "missing field `ret_code`");
    if (!result) return fail_at(r.source_end(), "missing field `result`");
    int64_t code = 0;
    if (rc->kind() == data::JsonKind::U64 && rc->as_u64() <= INT32_MAX) {
      code = static_cast<int64_t>(rc->as_u64());
    } else if (rc->kind() == data::JsonKind::I64 && rc->as_i64() >= INT32_MIN) {
      code = rc->as_i64();
    } else {
      std::string text = data::to_json_text(*rc);
      return fail_at(rc->source_end(), rc->is_number() && rc->kind() != data::JsonKind::F64
                                           ? "invalid value: integer `" + text + "`, expected i32"
                                           : "invalid type: " + text + ", expected i32");
    }
    if (!result->is_string()) return fail_at(result->source_end(), "invalid type: " + data::to_json_text(*result) + ", expected a string");
    (*out)[id] = CallResult{static_cast<int32_t>(code), result->as_string()};  // a repeated id: the last wins
  }
  return true;
}

// Preparation step 8 (data-format.md 5.1).
bool decode_key(const RunParameters& params, data::Ed25519KeyPair* keys, std::string* error) {
  if (params.key_format != 0) {
    *error = "malformed keypair format: InvalidTypeByte";
    return false;
  }
  if (params.secret_key_bytes.size() != 32) {
    *error = "malformed keypair format: Ed25519(signature::Error { source: Some(SecretKey must be 32 bytes in length) })";
    return false;
  }
  data::Bytes32 seed;
  for (size_t i = 0; i < 32; ++i) seed[i] = static_cast<uint8_t>(params.secret_key_bytes[i]);
  // A host invokes with the same key again and again: derive its key pair once.
  static data::Bytes32 last_seed{};
  static data::Ed25519KeyPair last_keys;
  static bool have_last = false;
  if (!have_last || seed != last_seed) {
    last_keys = data::ed25519_from_seed(seed);
    last_seed = seed;
    have_last = true;
  }
  *keys = last_keys;
  return true;
}

data::Stores merged_stores(data::InterpreterData& prev, data::InterpreterData& current) {
  data::Stores s = std::move(prev.stores);
  auto merge = [](auto& into, auto& from) {
    for (auto& [cid, item] : from) into.insert_or_assign(cid, std::move(item));
  };
  merge(s.values, current.stores.values);
  merge(s.tetraplets, current.stores.tetraplets);
  merge(s.canon_elements, current.stores.canon_elements);
  merge(s.canon_results, current.stores.canon_results);
  merge(s.service_results, current.stores.service_results);
  return s;
}

std::string call_requests_json(const std::map<uint32_t, exec::CallRequest>& requests) {
  std::string out = "{";
  bool first = true;
  for (const auto& [id, r] : requests) {
    if (!first) out += ',';
    first = false;
    out += "\"" + std::to_string(id) + "\":{\"service_id\":";
    data::append_json_string(r.service_id, &out);
    out += ",\"function_name\":";
    data::append_json_string(r.function_name, &out);
    out += ",\"arguments\":";
    data::append_json_string(r.arguments, &out);
    out += ",\"tetraplets\":";
    data::append_json_string(r.tetraplets, &out);
    out += '}';
  }
  return out + "}";
}

std::string unprocessed_message(const std::map<uint32_t, CallResult>& left) {
  std::string list = "{";
  bool first = true;
  for (const auto& [id, r] : left) {
    if (!first) list += ", ";
    first = false;
    list += std::to_string(id) + ": CallServiceResult { ret_code: " + std::to_string(r.ret_code) +
            ", result: " + debug_string(r.result) + " }";
  }
  return "after finishing execution of supplied AIR, there are some unprocessed call results: `" + list +
         "}`, probably a wrong call_id used";
}

}  // namespace

InterpreterOutcome invoke(std::string_view air, std::string_view prev_data, std::string_view current_data,
                          const RunParameters& params, std::string_view call_results, const InvokeOptions& options) {
  // ---- preparation (data-format.md 7.1) ----
  data::PreparedData prepared;
  data::DataCheck check = data::prepare_data(prev_data, current_data, params.particle_id, &prepared);
  if (!check.ok()) return failed_outcome(check.ret_code, std::move(check.message), prev_data);
  air::ParseResult parsed = air::parse(air, options.parse);
  if (!parsed.ast) return failed_outcome(1, air::render_diagnostics(air, parsed.errors), prev_data);
  std::map<uint32_t, CallResult> results;
  std::string error;
  if (!read_call_results(call_results, &results, &error)) {
    return failed_outcome(4, "error occurred while deserialize call results: " + error +
                                 ".\nCall results: " + data::rust_byte_list(call_results),
                          prev_data);
  }
  data::Ed25519KeyPair keys;
  if (!decode_key(params, &keys, &error)) return failed_outcome(6, std::move(error), prev_data);
  if (options.check_peer_id && data::peer_id_of(keys.public_key) != params.current_peer_id) {
    return failed_outcome(6, "current_peer_id \"" + params.current_peer_id + "\" is not the peer id of the given key",
                          prev_data);
  }

  // ---- execution ----
  trace::TraceHandler trace(prepared.prev.trace, prepared.current.trace);
  exec::RunParams run{params.init_peer_id, params.current_peer_id, params.timestamp, params.ttl, params.particle_id};
  exec::Context ctx(*parsed.ast, run, merged_stores(prepared.prev, prepared.current), &trace, prepared.prev.lcid,
                    std::move(results));
  exec::Error e = exec::execute(ctx, 0);
  if (e && !e->catchable()) return failed_outcome(e->code, std::move(e->message), prev_data);

  // ---- farewell (execution.md 1.5) ----
  for (const auto& stream : ctx.global_streams()) {
    if (exec::Error c = exec::compact_stream(ctx, *stream)) return failed_outcome(c->code, c->message, prev_data);
  }
  data::InterpreterData out;
  out.trace = std::move(trace.result());
  out.lcid = ctx.lcid;
  out.stores = std::move(ctx.stores);
  out.signatures = std::move(prepared.signatures);
  std::vector<std::string_view> cids(ctx.signed_cids.begin(), ctx.signed_cids.end());
  data::SignatureEntry mine;
  mine.key_text = data::public_key_text(keys.public_key);
  data::Bytes64 signature = data::sign_cids(keys, cids, params.particle_id);
  mine.public_key = keys.public_key;
  mine.signature.assign(reinterpret_cast<const char*>(signature.data()), signature.size());
  mine.signature_text = data::signature_text(signature);
  out.signatures[mine.key_text] = std::move(mine);

  InterpreterOutcome outcome;
  outcome.data = data::write_data(out);
  outcome.next_peer_pks.assign(ctx.next_peers.begin(), ctx.next_peers.end());
  outcome.call_requests = call_requests_json(ctx.call_requests);
  if (e) {
    outcome.ret_code = e->code;
    outcome.error_message = e->message;
  } else if (!ctx.call_results.empty()) {
    outcome.ret_code = 30000;
    outcome.error_message = unprocessed_message(ctx.call_results);
  }
  return outcome;
}

}  // namespace airvm
