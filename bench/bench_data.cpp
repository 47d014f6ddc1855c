// Native time to load and verify InterpreterData: read (JSON -> typed data), the CID-store
// check, signer grouping and signature verification, and writing it back.
//   airvm_bench_data [FILE.json ...] [--particle-id ID] [--iterations N]
// Without files it times the largest fixture the original wrote (tests/fixtures/data).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "data/interpreter_data.h"
#include "data/verify.h"

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

template <typename F>
double median_ms(int iterations, F f) {
  std::vector<double> times;
  for (int i = 0; i < iterations; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void bench(const char* name, const std::string& bytes, const std::string& particle_id, int iterations) {
  using namespace airvm::data;
  double read = median_ms(iterations, [&] {
    DataRead r = read_data(bytes);
    if (!r.ok) std::abort();
  });
  DataRead r = read_data(bytes);
  double stores = median_ms(iterations, [&] { verify_stores(r.data); });
  double signatures = median_ms(iterations, [&] {
    SignerGroups groups;
    group_signers(r.data, &groups);
    verify_signers(groups, particle_id);
  });
  double write = median_ms(iterations, [&] { write_data(r.data); });
  double prepare = median_ms(iterations, [&] {
    PreparedData p;
    DataCheck c = prepare_data("", bytes, particle_id, &p);
    if (!c.ok()) std::fprintf(stderr, "%s: %s\n", name, c.message.c_str());
  });
  std::printf("%s: %zu bytes, %zu states, %zu values\n", name, bytes.size(), r.data.trace.size(),
              r.data.stores.values.size());
  std::printf("  read %.2f ms, CID stores %.2f ms, signatures %.2f ms, write %.2f ms; load+verify %.2f ms (median of %d)\n",
              read, stores, signatures, write, prepare, iterations);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<const char*> files;
  std::string particle_id = "p-fanout-1000";
  int iterations = 20;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--iterations") && i + 1 < argc) {
      iterations = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--particle-id") && i + 1 < argc) {
      particle_id = argv[++i];
    } else {
      files.push_back(argv[i]);
    }
  }
  if (files.empty()) files.push_back(AIRVM_SOURCE_DIR "/tests/fixtures/data/fanout-1000/05-A.json");
  for (const char* f : files) bench(f, read_file(f), particle_id, iterations);
  return 0;
}
