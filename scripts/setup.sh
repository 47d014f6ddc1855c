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

# >>> third-party crypto sources (cmake/third_party.cmake builds them) >>>>>>>>>>>>>>>>>>>>>>>>
# BLAKE3's reference C code comes with Debian's librust-blake3-dev; libsodium 1.0.18's source
# through `apt-get source` (needs dpkg-dev and a deb-src entry), unpacked into
# build/third_party/ (gitignored, never committed). Each step is skipped when already done.
tp_dir=build/third_party
tp_missing=()
for pkg in librust-blake3-dev dpkg-dev; do
  installed "$pkg" || tp_missing+=("$pkg")
done
if ((${#tp_missing[@]})); then
  log "installing: ${tp_missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${tp_missing[@]}" </dev/null
fi

have_deb_src() {
  grep -rqsE '^[[:space:]]*(Types:.*deb-src|deb-src[[:space:]])' \
    /etc/apt/sources.list /etc/apt/sources.list.d/
}
# A deb-src copy of Debian's own entries: deb822 (debian.sources, Debian 12's default) or,
# on older-style machines, the deb lines of sources.list.
add_deb_src() {
  local deb822=/etc/apt/sources.list.d/debian.sources
  if [[ -f "$deb822" ]]; then
    sed -E 's/^Types:.*/Types: deb-src/' "$deb822" |
      "${SUDO[@]}" tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
  elif [[ -f /etc/apt/sources.list ]]; then
    sed -nE 's/^[[:space:]]*deb[[:space:]]/deb-src /p' /etc/apt/sources.list |
      "${SUDO[@]}" tee /etc/apt/sources.list.d/debian-src.list >/dev/null
  else
    echo "setup.sh: no Debian apt sources found to copy as deb-src" >&2
    return 1
  fi
}

if compgen -G "$tp_dir/libsodium-1.0.18/src/libsodium/crypto_sign" >/dev/null; then
  log "libsodium source: present in $tp_dir"
else
  if ! have_deb_src; then
    log "adding a deb-src entry for Debian's mirror"
    add_deb_src
  fi
  "${SUDO[@]}" apt-get update -qq
  log "apt-get source libsodium -> $tp_dir"
  mkdir -p "$tp_dir"
  rm -rf "$tp_dir/libsodium-1.0.18"  # an unpacking cut short; dpkg-source wants it gone
  (cd "$tp_dir" && apt-get source -qq libsodium </dev/null)
  if ! compgen -G "$tp_dir/libsodium-1.0.18/src/libsodium/crypto_sign" >/dev/null; then
    echo "setup.sh: apt-get source libsodium did not give libsodium 1.0.18 in $tp_dir" >&2
    exit 1
  fi
fi
# <<< third-party crypto sources <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<

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

# >>> js-client test project (tests/js-client, run by tests/js/js-client.test.mjs) >>>>>>>>>>>>>>
# @fluencelabs/js-client 0.5.5, vitest and aqua-api in a project of their own, installed like
# the root's (npm ci when the lockfile changed), then prepare.mjs: js-client's test fixtures
# (from @fluencelabs/js-peer 0.9.1's tarball, integrity-checked) and node_modules/airvm.
jc_dir=tests/js-client
jc_hash="$(sha256sum "$jc_dir/package-lock.json" | cut -d' ' -f1)"
jc_stamp="$jc_dir/node_modules/.airvm-lock.sha256"
if [[ ! -f "$jc_stamp" || "$(cat "$jc_stamp")" != "$jc_hash" ]]; then
  log "npm ci in $jc_dir"
  (cd "$jc_dir" && npm ci --no-audit --no-fund)
  echo "$jc_hash" >"$jc_stamp"
else
  log "$jc_dir/node_modules: up to date with its package-lock.json"
fi
node "$jc_dir/prepare.mjs"
# <<< js-client test project <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<

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
