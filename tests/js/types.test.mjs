// The package's types in a consumer that has neither the DOM's declarations nor @types/node
// (tsconfig lib ["es2022"], types [], strict, skipLibCheck off): every public .d.ts must
// compile there, under Node's and under bundlers' module resolution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { root } from './helpers.mjs';
import { typecheckConsumer } from './consumer-types.mjs';

test('the public types compile in a consumer with lib es2022, no DOM and no @types/node', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'airvm-types-'));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(root, path.join(dir, 'node_modules', 'airvm'), 'dir');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const failures = typecheckConsumer(dir, pkg.exports);
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(failures, []);
});
