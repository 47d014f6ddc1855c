#!/usr/bin/env bash
# Idempotent set-up on Debian 12 (as root, or with sudo): installs the missing system
# packages, the npm dev dependencies, then builds
#   build/native  static lib airvm_core, Catch2 tests airvm_tests, benchmark airvm_bench
#   build/wasm    the wasm module, copied with the compiled TypeScript into js/dist/
# Re-running only redoes what is out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '== %s\n' "$*"; }

SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "setup.sh: not root and no sudo; install packages by hand" >&2
  fi
fi

# --- system packages ---------------------------------------------------------------------
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

missing=()
for pkg in build-essential cmake emscripten rapidjson-dev catch2 clang libclang-rt-14-dev chromium; do
  installed "$pkg" || missing+=("$pkg")
done
# node and npm may come from another Debian package (e.g. a nodejs build that bundles npm and
# conflicts with Debian's npm): only ask apt for what is really absent.
if ! command -v node >/dev/null 2>&1 && ! installed nodejs; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1 && ! installed npm; then missing+=(npm); fi

if ((${#missing[@]})); then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
else
  log "system packages: all present"
fi

# --- npm dev dependencies ------------------------------------------------------------------
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.airvm-lock.sha256
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" ]]; then
  log "npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
else
  log "node_modules: up to date with package-lock.json"
fi

jobs="$(nproc 2>/dev/null || echo 2)"

# --- native build ----------------------------------------------------------------------------
log "native build (build/native)"
if [[ ! -f build/native/CMakeCache.txt ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build/native -j "$jobs"

# --- wasm build + TypeScript -> js/dist ------------------------------------------------------
log "wasm + package build (build/wasm -> js/dist)"
npm run --silent build:wasm
npm run --silent build:ts
log "setup done"
