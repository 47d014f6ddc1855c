// Native throughput of parse, format and to_json.
//   airvm_bench [FILE.air ...] [--iterations N]
// Without files it times a generated script (a balanced tree of 2^14 calls, ~1.2 MB).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "air/parse.h"

namespace {

// A balanced tree of seq/par/xor with 2^depth calls as leaves, in canonical layout.
void generate(int depth, int indent, uint32_t* counter, std::string* out) {
  out->append(static_cast<size_t>(indent), ' ');
  if (depth == 0) {
    *out += "(call %init_peer_id% (\"svc\" \"fn\") [\"arg\" ";
    *out += std::to_string((*counter)++);
    *out += " true :error:])\n";
    return;
  }
  static const char* const kOps[] = {"seq", "par", "xor"};
  *out += '(';
  *out += kOps[depth % 3];
  *out += '\n';
  generate(depth - 1, indent + 1, counter, out);
  generate(depth - 1, indent + 1, counter, out);
  out->append(static_cast<size_t>(indent), ' ');
  *out += ")\n";
}

std::string generated_script(int depth) {
  std::string out;
  uint32_t counter = 0;
  generate(depth, 0, &counter, &out);
  return out;
}

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path);
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

template <class F>
double seconds_per_run(int iterations, F&& f) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) f();
  std::chrono::duration<double> d = std::chrono::steady_clock::now() - start;
  return d.count() / iterations;
}

void bench(const std::string& name, const std::string& source, int iterations) {
  auto probe = airvm::air::parse(source);
  if (!probe.ast) {
    std::fprintf(stderr, "%s", airvm::air::render_diagnostics(source, probe.errors).c_str());
    std::exit(1);
  }
  const double mib = static_cast<double>(source.size()) / (1024.0 * 1024.0);
  double parse_s = seconds_per_run(iterations, [&] { (void)airvm::air::parse(source); });
  double format_s = seconds_per_run(iterations, [&] { (void)airvm::air::format(*probe.ast); });
  double json_s = seconds_per_run(iterations, [&] { (void)airvm::air::to_json(*probe.ast); });
  std::printf("%-28s %9zu bytes  parse %8.3f ms (%7.1f MiB/s)  format %8.3f ms  to_json %8.3f ms\n",
              name.c_str(), source.size(), parse_s * 1e3, mib / parse_s, format_s * 1e3,
              json_s * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
  int iterations = 20;
  std::vector<const char*> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc) {
      iterations = std::atoi(argv[++i]);
    } else {
      files.push_back(argv[i]);
    }
  }
  if (iterations < 1) iterations = 1;
  if (files.empty()) {
    bench("generated (2^14 calls)", generated_script(14), iterations);
  }
  for (const char* f : files) bench(f, read_file(f), iterations);
  return 0;
}
