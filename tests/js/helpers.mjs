// Shared paths for the package tests. The package must be built first (npm run build, or
// scripts/setup.sh); the tests use it through its public entry points only.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cli = path.join(root, 'js', 'dist', 'cli.js');
export const examplesDir = path.join(root, 'examples');
export const fixturesDir = path.join(root, 'tests', 'js', 'fixtures');

for (const f of ['js/dist/index.js', 'js/dist/cli.js', 'js/dist/wasm/airvm.wasm', 'js/dist/wasm/airvm.mjs']) {
  if (!existsSync(path.join(root, f))) {
    throw new Error(`${f} is missing: build the package first (npm run build or bash scripts/setup.sh)`);
  }
}
