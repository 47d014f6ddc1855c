#!/usr/bin/env bash
# Builds the benchmark-only wasm module (bench/wasm_bench.cpp + src/air/*.cpp) into
# build/bench/wasm/airvm_bench.{mjs,wasm}, for bench/parse_wasm.mjs's breakdown of a parse call.
# The compile and link flags copy emscripten.cmake's (keep them in sync by hand), so the core
# runs as it does in the package; only the embind entry points differ.
#   AIRVM_BENCH_MALLOC=dlmalloc bash bench/build_wasm_bench.sh   # compare allocators
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

malloc="${AIRVM_BENCH_MALLOC:-emmalloc}"
out=build/bench/wasm
mkdir -p "$out/obj"

compile=(-std=c++20 -O3 -flto -fno-exceptions -fno-rtti -DEMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0 -DNDEBUG -Isrc)
link=(-O3 -flto -fno-exceptions -fno-rtti -lembind
  -sFILESYSTEM=0 "-sMALLOC=$malloc" -sASSERTIONS=0
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createAirvmBench -sENVIRONMENT=web
  -sDYNAMIC_EXECUTION=0 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=4MB -sTOTAL_STACK=1MB
  -sTEXTDECODER=2 -sDISABLE_EXCEPTION_CATCHING=1)

# Recompile an object only when its source or any header is newer (the core is small).
objs=()
newest_header="$(ls -t src/air/*.h | head -1)"
for src in src/air/*.cpp bench/wasm_bench.cpp; do
  obj="$out/obj/$(basename "${src%.cpp}").o"
  if [[ ! -f "$obj" || "$src" -nt "$obj" || "$newest_header" -nt "$obj" || "$0" -nt "$obj" ]]; then
    em++ "${compile[@]}" -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done
stamp="$out/malloc.txt"
if [[ ! -f "$out/airvm_bench.wasm" || "$(cat "$stamp" 2>/dev/null)" != "$malloc" ]] ||
   [[ -n "$(find "${objs[@]}" -newer "$out/airvm_bench.wasm" 2>/dev/null)" ]]; then
  em++ "${link[@]}" "${objs[@]}" -o "$out/airvm_bench.mjs"
  echo "$malloc" >"$stamp"
fi
echo "wasm bench module: $out/airvm_bench.wasm ($(stat -c %s "$out/airvm_bench.wasm") bytes, MALLOC=$malloc)" >&2
