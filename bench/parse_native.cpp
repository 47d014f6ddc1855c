// Native benchmark of the AIR front end: parse, format and to_json on whole scripts, plus the
// AST's memory footprint and the heap traffic of one parse. Prints timings; asserts nothing.
//
//   parse_native [--iterations N] [--warmup N] [--json OUT.json] [--parse-only] FILE.air...
//
// --parse-only runs just the parse loop (for perf record / valgrind --tool=callgrind).
// For each file: one cold parse (the first call in the process for the first file only),
// `--warmup` untimed parses, then `--iterations` parses timed one by one (median and min).
// format() and to_json() are timed the same way on the parsed AST.
// Units: MB = 10^6 bytes, KB = 10^3 bytes (so "ms/100KB" is per 100,000 bytes of script).
//
// The AST's memory is what a parsed Ast keeps alive: capacity * element size of each of its
// vectors plus the capacity of its `source` copy ("cap"), and the same with sizes ("used").
// Heap traffic counts every operator new during one parse (global replacement below);
// "peak" is the highest live total above the level before the parse, from malloc_usable_size.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <string>
#include <vector>

#include "air/parse.h"

// --- heap accounting ---------------------------------------------------------------------------
namespace {
bool g_track = false;
size_t g_allocs = 0;
size_t g_bytes = 0;   // requested by operator new
size_t g_live = 0;    // usable bytes live, while tracking
size_t g_peak = 0;

void* tracked_alloc(size_t n) {
  void* p = std::malloc(n ? n : 1);
  if (!p) throw std::bad_alloc();
  if (g_track) {
    ++g_allocs;
    g_bytes += n;
    g_live += malloc_usable_size(p);
    g_peak = std::max(g_peak, g_live);
  }
  return p;
}

void tracked_free(void* p) {
  if (!p) return;
  if (g_track) {
    size_t n = malloc_usable_size(p);
    g_live = g_live > n ? g_live - n : 0;
  }
  std::free(p);
}
}  // namespace

void* operator new(size_t n) { return tracked_alloc(n); }
void* operator new[](size_t n) { return tracked_alloc(n); }
void operator delete(void* p) noexcept { tracked_free(p); }
void operator delete[](void* p) noexcept { tracked_free(p); }
void operator delete(void* p, size_t) noexcept { tracked_free(p); }
void operator delete[](void* p, size_t) noexcept { tracked_free(p); }

namespace {

using airvm::air::Ast;
using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "parse_native: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string base_name(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Keeps results observable so the optimizer cannot drop the work.
volatile size_t g_sink = 0;

struct Stats {
  double first_ms = 0;
  double median_ms = 0;
  double min_ms = 0;
  double mean_ms = 0;
};

template <class F>
Stats measure(int warmup, int iterations, F&& f) {
  Stats s;
  auto t0 = Clock::now();
  f();
  s.first_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  for (int i = 0; i < warmup; ++i) f();
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    auto start = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  size_t n = ms.size();
  s.median_ms = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  s.min_ms = ms.front();
  double sum = 0;
  for (double m : ms) sum += m;
  s.mean_ms = sum / static_cast<double>(n);
  return s;
}

template <class T>
size_t cap_bytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}
template <class T>
size_t used_bytes(const std::vector<T>& v) {
  return v.size() * sizeof(T);
}

struct Memory {
  size_t source = 0, nodes = 0, values = 0, lenses = 0, accessors = 0, names = 0, comments = 0;
  size_t total() const { return source + nodes + values + lenses + accessors + names + comments; }
};

Memory ast_capacity(const Ast& a) {
  return Memory{a.source.capacity() + 1, cap_bytes(a.nodes), cap_bytes(a.values), cap_bytes(a.lenses),
                cap_bytes(a.accessors), cap_bytes(a.names), cap_bytes(a.comments)};
}

Memory ast_used(const Ast& a) {
  return Memory{a.source.size() + 1, used_bytes(a.nodes), used_bytes(a.values), used_bytes(a.lenses),
                used_bytes(a.accessors), used_bytes(a.names), used_bytes(a.comments)};
}

std::string memory_json(const Memory& m) {
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "{\"total\":%zu,\"source\":%zu,\"nodes\":%zu,\"values\":%zu,\"lenses\":%zu,"
                "\"accessors\":%zu,\"names\":%zu,\"comments\":%zu}",
                m.total(), m.source, m.nodes, m.values, m.lenses, m.accessors, m.names, m.comments);
  return buf;
}

std::string stats_json(const Stats& s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"first_ms\":%.4f,\"median_ms\":%.4f,\"min_ms\":%.4f,\"mean_ms\":%.4f}",
                s.first_ms, s.median_ms, s.min_ms, s.mean_ms);
  return buf;
}

bool g_parse_only = false;

std::string bench_file(const std::string& path, int warmup, int iterations) {
  const std::string source = read_file(path);
  const std::string name = base_name(path);
  const double bytes = static_cast<double>(source.size());

  // Timed first, so the cold number of the first file really is the first parse in the process.
  Stats parse = measure(warmup, iterations, [&] {
    auto r = airvm::air::parse(source);
    g_sink = g_sink + (r.ast ? r.ast->nodes.size() : 0);
  });

  if (g_parse_only) {
    std::printf("%s: %zu bytes  parse median %.3f ms  min %.3f ms  first %.3f ms\n", name.c_str(),
                source.size(), parse.median_ms, parse.min_ms, parse.first_ms);
    return "{\"name\":\"" + name + "\",\"bytes\":" + std::to_string(source.size()) +
           ",\"parse\":" + stats_json(parse) + "}";
  }

  auto result = airvm::air::parse(source);
  if (!result.ast) {
    std::fprintf(stderr, "parse_native: %s does not parse:\n%s", path.c_str(),
                 airvm::air::render_diagnostics(source, result.errors).c_str());
    std::exit(1);
  }
  const Ast& ast = *result.ast;

  size_t format_bytes = 0, json_bytes = 0;
  Stats format = measure(warmup, iterations, [&] {
    std::string s = airvm::air::format(ast);
    format_bytes = s.size();
    g_sink = g_sink + s.size();
  });
  Stats json = measure(warmup, iterations, [&] {
    std::string s = airvm::air::to_json(ast);
    json_bytes = s.size();
    g_sink = g_sink + s.size();
  });

  // Heap traffic of one parse (AST kept alive until after the peak is read).
  g_allocs = g_bytes = g_live = g_peak = 0;
  g_track = true;
  size_t allocs = 0, alloc_bytes = 0, peak = 0, retained = 0;
  {
    auto r = airvm::air::parse(source);
    allocs = g_allocs, alloc_bytes = g_bytes, peak = g_peak, retained = g_live;
    g_track = false;
  }
  g_track = false;

  Memory cap = ast_capacity(ast), used = ast_used(ast);
  const double mb_s = bytes / 1e6 / (parse.median_ms / 1e3);
  const double per100k = parse.median_ms * 1e5 / bytes;

  std::printf("%s: %zu bytes, %zu nodes, %zu values, %zu lenses, %zu accessors, %zu names, "
              "%zu comments, depth %u\n",
              name.c_str(), source.size(), ast.nodes.size(), ast.values.size(), ast.lenses.size(),
              ast.accessors.size(), ast.names.size(), ast.comments.size(), ast.max_depth);
  std::printf("  parse    median %8.3f ms  min %8.3f ms  first %8.3f ms  %7.1f MB/s  %6.3f ms/100KB\n",
              parse.median_ms, parse.min_ms, parse.first_ms, mb_s, per100k);
  std::printf("  format   median %8.3f ms  min %8.3f ms  (%zu bytes out)\n", format.median_ms,
              format.min_ms, format_bytes);
  std::printf("  to_json  median %8.3f ms  min %8.3f ms  (%zu bytes out, %.1fx the script)\n",
              json.median_ms, json.min_ms, json_bytes, static_cast<double>(json_bytes) / bytes);
  std::printf("  AST memory %zu bytes = %.2fx the script (used %zu = %.2fx); source copy %zu, "
              "nodes %zu, values %zu, lenses %zu, accessors %zu, names %zu, comments %zu\n",
              cap.total(), static_cast<double>(cap.total()) / bytes, used.total(),
              static_cast<double>(used.total()) / bytes, cap.source, cap.nodes, cap.values, cap.lenses,
              cap.accessors, cap.names, cap.comments);
  std::printf("  heap per parse: %zu allocations, %zu bytes requested, peak live %zu bytes "
              "(%.2fx the script), retained %zu\n",
              allocs, alloc_bytes, peak, static_cast<double>(peak) / bytes, retained);

  char buf[512];
  std::snprintf(buf, sizeof buf,
                "{\"name\":\"%s\",\"bytes\":%zu,\"nodes\":%zu,\"values\":%zu,\"lenses\":%zu,"
                "\"accessors\":%zu,\"names\":%zu,\"comments\":%zu,\"max_depth\":%u,"
                "\"mb_per_s\":%.2f,\"ms_per_100kb\":%.4f,\"format_bytes\":%zu,\"json_bytes\":%zu,",
                name.c_str(), source.size(), ast.nodes.size(), ast.values.size(), ast.lenses.size(),
                ast.accessors.size(), ast.names.size(), ast.comments.size(), ast.max_depth, mb_s, per100k,
                format_bytes, json_bytes);
  std::string out = buf;
  out += "\"parse\":" + stats_json(parse) + ",\"format\":" + stats_json(format) +
         ",\"to_json\":" + stats_json(json) + ",\"ast_capacity\":" + memory_json(cap) +
         ",\"ast_used\":" + memory_json(used);
  std::snprintf(buf, sizeof buf, ",\"heap\":{\"allocs\":%zu,\"bytes\":%zu,\"peak\":%zu,\"retained\":%zu}}",
                allocs, alloc_bytes, peak, retained);
  out += buf;
  return out;
}

[[noreturn]] void usage() {
  std::fprintf(stderr, "usage: parse_native [--iterations N] [--warmup N] [--json OUT.json] [--parse-only] FILE.air...\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 50, warmup = 5;
  std::string json_path;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage();
      return argv[++i];
    };
    if (a == "--iterations") {
      iterations = std::atoi(value().c_str());
    } else if (a == "--warmup") {
      warmup = std::atoi(value().c_str());
    } else if (a == "--json") {
      json_path = value();
    } else if (a == "--parse-only") {
      g_parse_only = true;
    } else if (a == "-h" || a == "--help" || (!a.empty() && a[0] == '-')) {
      usage();
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) usage();
  iterations = std::max(iterations, 1);
  warmup = std::max(warmup, 0);

  std::printf("parse_native: %d iterations after %d warm-up runs\n", iterations, warmup);
  std::string json = "{\"runner\":\"native\",\"iterations\":" + std::to_string(iterations) + ",\"inputs\":[";
  for (size_t i = 0; i < files.size(); ++i) {
    if (i) json += ',';
    json += bench_file(files[i], warmup, iterations);
  }
  json += "]}\n";
  if (!json_path.empty()) {
    std::ofstream out(json_path, std::ios::binary);
    out << json;
    if (!out) {
      std::fprintf(stderr, "parse_native: cannot write %s\n", json_path.c_str());
      return 2;
    }
  }
  return 0;
}
