#!/usr/bin/env bash
# Set up and build, then run every test suite:
#   1. native Catch2 tests through ctest (build/native)
#   2. package, CLI and headless-browser tests (node --test)
#   3. tests/corpus/check.sh, when present
#   4. a short libFuzzer smoke run (build/fuzz; AIRVM_FUZZ_SECONDS, default 30, 0 skips)
# Every suite runs even if an earlier one failed; the exit status is non-zero if any did.
# On success the output closes with node's test summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

failed=()
run() {
  local name="$1"
  shift
  echo "== $name"
  if ! "$@"; then
    echo "== $name: FAILED" >&2
    failed+=("$name")
  fi
}

jobs="$(nproc 2>/dev/null || echo 2)"

run "native tests (ctest)" ctest --test-dir build/native --output-on-failure -j "$jobs"

if [[ -f tests/corpus/check.sh ]]; then
  run "corpus check" bash tests/corpus/check.sh
fi

fuzz_seconds="${AIRVM_FUZZ_SECONDS:-30}"
fuzz_smoke() {
  if [[ ! -f build/fuzz/CMakeCache.txt ]]; then
    cmake -S . -B build/fuzz -DAIRVM_FUZZ=ON -DAIRVM_BUILD_TESTS=OFF -DAIRVM_BUILD_BENCH=OFF \
      -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build build/fuzz -j "$jobs" --target fuzz_parse >/dev/null
  mkdir -p build/fuzz/corpus build/fuzz/artifacts
  # New inputs go to build/fuzz/corpus; tests/fuzz/corpus is only read.
  ./build/fuzz/fuzz_parse -dict=tests/fuzz/air.dict -max_total_time="$fuzz_seconds" \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=build/fuzz/artifacts/ \
    build/fuzz/corpus tests/fuzz/corpus 2>build/fuzz/last-run.log || {
    tail -n 60 build/fuzz/last-run.log >&2
    return 1
  }
  grep -E '^(Done|stat::number_of_executed_units)' build/fuzz/last-run.log || true
}
if [[ "$fuzz_seconds" != 0 && -f tests/fuzz/fuzz_parse.cpp ]]; then
  run "fuzz smoke (${fuzz_seconds}s)" fuzz_smoke
fi

# Last, so that its summary closes the output.
run "package, CLI and browser tests (node --test)" \
  node --test tests/js/*.test.mjs tests/browser/*.test.mjs

if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
