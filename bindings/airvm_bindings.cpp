// The only Emscripten-aware code of airvm: embind entry points over src/air/parse.h.
//
// Sources arrive as std::string. embind fills a std::string from a JS string (UTF-8 encoded)
// or, byte for byte, from a Uint8Array/ArrayBuffer; the JS package passes bytes so that the C++
// parser, not the JS decoder, judges invalid UTF-8 and NUL bytes.
//
// Results are plain JS objects built with emscripten::val (no RTTI, no class bindings):
//   parse(source, options)  -> { retCode, errorMessage, ast }   ast: to_json text, "" on error
//   format(source, options) -> { retCode, errorMessage, text }  text: canonical AIR, "" on error
// retCode is 0 on success and 1 when the script can't be parsed; errorMessage is
// render_diagnostics' text ("air can't be parsed:\n...") or "".
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <cstddef>
#include <string>

#include "air/parse.h"

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

}  // namespace

EMSCRIPTEN_BINDINGS(airvm) {
  emscripten::function("parse", &parse_air);
  emscripten::function("format", &format_air);
}
