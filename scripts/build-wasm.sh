#!/usr/bin/env bash
# Builds the wasm module (build/wasm) with Emscripten through CMake and copies the .wasm and
# its ES-module glue into js/dist/wasm/, where the package loads them from.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's emscripten runs its JS tools with the system node and needs Debian's node
# modules (acorn) on NODE_PATH.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
jobs="$(nproc 2>/dev/null || echo 2)"

if [[ ! -f build/wasm/CMakeCache.txt ]]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build/wasm -j "$jobs"

mkdir -p js/dist/wasm
cp build/wasm/airvm.mjs build/wasm/airvm.wasm js/dist/wasm/
echo "wasm: js/dist/wasm/airvm.wasm ($(stat -c %s js/dist/wasm/airvm.wasm) bytes), glue $(stat -c %s js/dist/wasm/airvm.mjs) bytes"
