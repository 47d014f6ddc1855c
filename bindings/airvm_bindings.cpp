// The only Emscripten-aware code of airvm: embind entry points over src/air/parse.h and the
// data layer (src/data: inspect, rewrite, preparation checks, signing).
//
// Sources arrive as std::string. embind fills a std::string from a JS string (UTF-8 encoded)
// or, byte for byte, from a Uint8Array/ArrayBuffer; the JS package passes bytes so that the C++
// parser, not the JS decoder, judges invalid UTF-8 and NUL bytes.
//
// Results are plain JS objects built with emscripten::val (no RTTI, no class bindings):
//   parse(source, options)  -> { retCode, errorMessage, ast }   ast: to_json text, "" on error
//   format(source, options) -> { retCode, errorMessage, text }  text: canonical AIR, "" on error
// retCode is 0 on success and 1 when the script can't be parsed; errorMessage is
// render_diagnostics' text ("air can't be parsed:\n...") or "". The data functions are
// described where they are defined below.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "air/parse.h"
#include "air/serde_ast.h"
#include "data/crypto.h"
#include "data/inspect.h"
#include "data/interpreter_data.h"
#include "data/peer_id.h"
#include "data/signing.h"
#include "data/verify.h"
#include "invoke/invoke.h"

namespace {

using emscripten::val;

// Reads {sizeLimit?: number, strictNext?: boolean}; anything else keeps the defaults.
// The JS layer validates the values; here a bad sizeLimit simply keeps the default.
airvm::air::ParseOptions read_options(const val& options) {
  airvm::air::ParseOptions out;
  if (options.isUndefined() || options.isNull()) return out;
  val size_limit = options["sizeLimit"];
  if (size_limit.isNumber()) {
    double d = size_limit.as<double>();
    if (d >= 0 && std::isfinite(d)) {
      // Clamp to size_t (the wasm build is 32-bit).
      constexpr double kMax = static_cast<double>(static_cast<size_t>(-1));
      out.size_limit = d >= kMax ? static_cast<size_t>(-1) : static_cast<size_t>(d);
    }
  }
  val strict_next = options["strictNext"];
  if (!strict_next.isUndefined() && !strict_next.isNull()) out.strict_next = strict_next.as<bool>();
  return out;
}

val make_result(int ret_code, const std::string& error_message, const char* payload_key,
                const std::string& payload) {
  val result = val::object();
  result.set("retCode", ret_code);
  result.set("errorMessage", error_message);
  result.set(payload_key, payload);
  return result;
}

val parse_air(const std::string& source, val options) {
  auto parsed = airvm::air::parse(source, read_options(options));
  if (!parsed.ast) {
    return make_result(1, airvm::air::render_diagnostics(source, parsed.errors), "ast", std::string());
  }
  return make_result(0, std::string(), "ast", airvm::air::to_json(*parsed.ast));
}

val format_air(const std::string& source, val options) {
  auto parsed = airvm::air::parse(source, read_options(options));
  if (!parsed.ast) {
    return make_result(1, airvm::air::render_diagnostics(source, parsed.errors), "text", std::string());
  }
  return make_result(0, std::string(), "text", airvm::air::format(*parsed.ast));
}

//   ast(script) -> string: AquaVM's own `ast` export, byte for byte (src/air/serde_ast.h): the
//   AST as the original's serde_json writes it, or its parse report ("error: ...").
std::string ast(const std::string& script) { return airvm::air::ast_text(script); }

// Bytes out as a fresh Uint8Array (a copy: the view into wasm memory dies with `bytes`).
val to_uint8array(const std::string& bytes) {
  val view(emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data())));
  return val::global("Uint8Array").new_(view);
}

// A 32-byte Ed25519 seed, or false when the bytes are not 32 long.
bool read_seed(const std::string& bytes, airvm::data::Bytes32* seed) {
  if (bytes.size() != seed->size()) return false;
  for (size_t i = 0; i < seed->size(); ++i) (*seed)[i] = static_cast<uint8_t>(bytes[i]);
  return true;
}

//   inspectData(bytes, particleId | undefined, json) -> { retCode, errorMessage, text, verified, firstBad }
val inspect_data(const std::string& bytes, val particle_id, bool json) {
  airvm::data::InspectOptions options;
  options.json = json;
  if (particle_id.isString()) options.particle_id = particle_id.as<std::string>();
  airvm::data::InspectResult r = airvm::data::inspect_data(bytes, options);
  val result = make_result(r.ret_code, r.error_message, "text", r.text);
  result.set("verified", r.verified);
  result.set("firstBad", r.first_bad);
  return result;
}

//   rewriteData(bytes) -> { retCode, errorMessage, data }: read and written back.
val rewrite_data(const std::string& bytes) {
  airvm::data::DataRead read = airvm::data::read_data(bytes);
  val result = val::object();
  result.set("retCode", read.ret_code);
  result.set("errorMessage", read.message);
  result.set("data", to_uint8array(read.ok ? airvm::data::write_data(read.data) : std::string()));
  return result;
}

//   checkData(prev, current, particleId) -> { retCode, errorMessage }: preparation steps 1-5.
val check_data(const std::string& prev, const std::string& current, const std::string& particle_id) {
  airvm::data::PreparedData prepared;
  airvm::data::DataCheck c = airvm::data::prepare_data(prev, current, particle_id, &prepared);
  val result = val::object();
  result.set("retCode", c.ret_code);
  result.set("errorMessage", c.message);
  return result;
}

//   signCids(seed, cids: string[], particleId) -> signature-store text, or "" for a bad seed.
std::string sign_cids(const std::string& seed_bytes, val cids, const std::string& particle_id) {
  airvm::data::Bytes32 seed;
  if (!read_seed(seed_bytes, &seed)) return std::string();
  std::vector<std::string> owned;
  const unsigned n = cids["length"].as<unsigned>();
  owned.reserve(n);
  for (unsigned i = 0; i < n; ++i) owned.push_back(cids[i].as<std::string>());
  std::vector<std::string_view> views(owned.begin(), owned.end());
  auto keys = airvm::data::ed25519_from_seed(seed);
  return airvm::data::signature_text(airvm::data::sign_cids(keys, views, particle_id));
}

//   peerId(seed) -> { peerId, publicKey } ("" for a bad seed).
val peer_id(const std::string& seed_bytes) {
  airvm::data::Bytes32 seed;
  val result = val::object();
  bool ok = read_seed(seed_bytes, &seed);
  auto keys = airvm::data::ed25519_from_seed(seed);
  result.set("peerId", ok ? airvm::data::peer_id_of(keys.public_key) : std::string());
  result.set("publicKey", ok ? airvm::data::public_key_text(keys.public_key) : std::string());
  return result;
}

//   invoke(air, prev, current, params, callResults) -> { retCode, errorMessage, data, nextPeerPks,
//   callRequests }: params is {initPeerId, currentPeerId, timestamp, ttl, keyFormat,
//   secretKeyBytes (Uint8Array), particleId}; callResults and callRequests are the JSON texts of
//   data-format.md 1.3 and 1.4; data is a Uint8Array.
val invoke(const std::string& air, const std::string& prev, const std::string& current, val params,
           const std::string& call_results) {
  airvm::RunParameters p;
  p.init_peer_id = params["initPeerId"].as<std::string>();
  p.current_peer_id = params["currentPeerId"].as<std::string>();
  p.timestamp = static_cast<uint64_t>(params["timestamp"].as<double>());
  p.ttl = static_cast<uint32_t>(params["ttl"].as<double>());
  p.key_format = static_cast<uint8_t>(params["keyFormat"].as<unsigned>());
  p.secret_key_bytes = params["secretKeyBytes"].as<std::string>();
  p.particle_id = params["particleId"].as<std::string>();
  airvm::InterpreterOutcome o = airvm::invoke(air, prev, current, p, call_results);
  val result = val::object();
  result.set("retCode", static_cast<double>(o.ret_code));
  result.set("errorMessage", o.error_message);
  result.set("data", to_uint8array(o.data));
  val peers = val::array();
  for (size_t i = 0; i < o.next_peer_pks.size(); ++i) peers.set(i, o.next_peer_pks[i]);
  result.set("nextPeerPks", peers);
  result.set("callRequests", o.call_requests);
  return result;
}

}  // namespace

EMSCRIPTEN_BINDINGS(airvm) {
  emscripten::function("invoke", &invoke);
  emscripten::function("parse", &parse_air);
  emscripten::function("format", &format_air);
  emscripten::function("ast", &ast);
  emscripten::function("inspectData", &inspect_data);
  emscripten::function("rewriteData", &rewrite_data);
  emscripten::function("checkData", &check_data);
  emscripten::function("signCids", &sign_cids);
  emscripten::function("peerId", &peer_id);
}
