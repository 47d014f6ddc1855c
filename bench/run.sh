#!/usr/bin/env bash
# Builds and runs the parser benchmarks, then prints a summary table. Measures; asserts nothing.
#   bash bench/run.sh [--quick] [FILE.air ...]
# Inputs: the given files, or else the largest script of the corpus ($AIRVM_CORPUS, default
# /work/shared/corpus/aqua-air, skipped when absent) and the generated 10,000-call script
# (bench/gen_script.mjs -> build/bench/gen_10000.air).
# Builds: build/bench/native (cmake -DAIRVM_BENCH=ON: parse_native), the package
# (npm run build:wasm / build:ts, incremental; AIRVM_BENCH_NO_PKG_BUILD=1 skips it) and the
# breakdown module (bench/build_wasm_bench.sh -> build/bench/wasm).
# Results: build/bench/native.json, build/bench/wasm.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

iterations=50 warmup=10 cold=5
files=()
for arg in "$@"; do
  case "$arg" in
    --quick) iterations=10 warmup=3 cold=2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) files+=("$arg") ;;
  esac
done

log() { printf '== %s\n' "$*" >&2; }
mkdir -p build/bench

if ((${#files[@]} == 0)); then
  corpus="${AIRVM_CORPUS:-/work/shared/corpus/aqua-air}"
  if [[ -d "$corpus" ]]; then
    largest="$(ls -S "$corpus"/*.air 2>/dev/null | head -1 || true)"
    [[ -n "$largest" ]] && files+=("$largest")
  else
    log "corpus $corpus not found: only the generated script"
  fi
  files+=("$(node bench/gen_script.mjs)")
fi

log "native build (build/bench/native)"
if [[ ! -f build/bench/native/CMakeCache.txt ]]; then
  generator=()
  command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
  cmake -S . -B build/bench/native "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DAIRVM_BENCH=ON -DAIRVM_BUILD_TESTS=OFF -DAIRVM_BUILD_BENCH=OFF >/dev/null
fi
cmake --build build/bench/native --target parse_native -j "$(nproc 2>/dev/null || echo 2)" >/dev/null

if [[ "${AIRVM_BENCH_NO_PKG_BUILD:-}" != 1 ]]; then
  log "package build (npm run build:wasm, build:ts)"
  npm run --silent build:wasm >/dev/null
  if [[ ! -f js/dist/index.js || -n "$(find js/src -newer js/dist/index.js -print -quit)" ]]; then
    npm run --silent build:ts
  fi
fi
log "breakdown module (build/bench/wasm)"
bash bench/build_wasm_bench.sh

log "native"
./build/bench/native/parse_native --iterations "$iterations" --warmup "$warmup" \
  --json build/bench/native.json "${files[@]}"
log "wasm (Node $(node --version))"
node bench/parse_wasm.mjs --iterations "$iterations" --warmup "$warmup" --cold "$cold" \
  --json build/bench/wasm.json "${files[@]}"

node bench/report.mjs build/bench/native.json build/bench/wasm.json
