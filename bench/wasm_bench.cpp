// Benchmark-only embind module (not part of the package): the same core, built with the same
// flags as emscripten.cmake by bench/build_wasm_bench.sh, but with entry points that split one
// package `parse` call into its parts so bench/parse_wasm.mjs can time them apart:
//
//   load(bytes)       copy a script from JS into wasm memory (embind std::string) -> its size
//   parse_loaded()    parse the loaded script, keep the AST -> node count, or -1 on errors
//   parse_bytes(b)    load + parse in one call (the package's parse minus to_json and its transfer)
//   json_loaded()     to_json of the kept AST, stays in wasm -> its length
//   json_string()     to_json of the kept AST, returned to JS as a string (TextDecoder)
//   format_loaded()   format of the kept AST, stays in wasm -> its length
//   ast_memory()      the kept AST's bytes: {capacity, used}, like bench/parse_native.cpp
//   time_parse(n)     n parses timed inside wasm (emscripten_get_now) -> [ms...]
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/val.h>

#include <optional>
#include <string>

#include "air/parse.h"

namespace {

using emscripten::val;

std::string g_source;
std::optional<airvm::air::Ast> g_ast;

int load(const std::string& bytes) {
  g_source = bytes;
  return static_cast<int>(g_source.size());
}

int parse_loaded() {
  auto r = airvm::air::parse(g_source);
  if (!r.ast) {
    g_ast.reset();
    return -1;
  }
  g_ast = std::move(r.ast);
  return static_cast<int>(g_ast->nodes.size());
}

int parse_bytes(const std::string& bytes) {
  auto r = airvm::air::parse(bytes);
  return r.ast ? static_cast<int>(r.ast->nodes.size()) : -1;
}

int json_loaded() { return g_ast ? static_cast<int>(airvm::air::to_json(*g_ast).size()) : -1; }

std::string json_string() { return g_ast ? airvm::air::to_json(*g_ast) : std::string(); }

int format_loaded() { return g_ast ? static_cast<int>(airvm::air::format(*g_ast).size()) : -1; }

template <class T>
double cap(const std::vector<T>& v) {
  return static_cast<double>(v.capacity() * sizeof(T));
}
template <class T>
double used(const std::vector<T>& v) {
  return static_cast<double>(v.size() * sizeof(T));
}

val ast_memory() {
  val out = val::object();
  if (!g_ast) return out;
  const auto& a = *g_ast;
  out.set("capacity", static_cast<double>(a.source.capacity() + 1) + cap(a.nodes) + cap(a.values) +
                          cap(a.lenses) + cap(a.accessors) + cap(a.names) + cap(a.comments));
  out.set("used", static_cast<double>(a.source.size() + 1) + used(a.nodes) + used(a.values) +
                      used(a.lenses) + used(a.accessors) + used(a.names) + used(a.comments));
  out.set("nodeSize", static_cast<int>(sizeof(airvm::air::Node)));
  out.set("valueSize", static_cast<int>(sizeof(airvm::air::Value)));
  return out;
}

val time_parse(int n) {
  val out = val::array();
  for (int i = 0; i < n; ++i) {
    double t0 = emscripten_get_now();
    auto r = airvm::air::parse(g_source);
    double t1 = emscripten_get_now();
    if (!r.ast) return val::null();
    out.call<void>("push", t1 - t0);
  }
  return out;
}

}  // namespace

EMSCRIPTEN_BINDINGS(airvm_bench) {
  emscripten::function("load", &load);
  emscripten::function("parse_loaded", &parse_loaded);
  emscripten::function("parse_bytes", &parse_bytes);
  emscripten::function("json_loaded", &json_loaded);
  emscripten::function("json_string", &json_string);
  emscripten::function("format_loaded", &format_loaded);
  emscripten::function("ast_memory", &ast_memory);
  emscripten::function("time_parse", &time_parse);
}
