#!/usr/bin/env bash
# The main job: set up and build everything, then check and format an AIR script with the
# `airvm` CLI (default examples/hello.air).
#   bash scripts/run.sh [FILE.air]
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:-examples/hello.air}"

bash scripts/setup.sh

airvm() { node js/dist/cli.js "$@"; }

echo "== airvm parse $file"
mkdir -p build
airvm parse "$file" >build/run.ast.json
echo "parses: AST JSON written to build/run.ast.json ($(wc -c <build/run.ast.json) bytes)"

echo "== airvm fmt --check $file"
if airvm fmt --check "$file"; then
  echo "already canonical"
fi

echo "== airvm fmt $file"
airvm fmt "$file"
