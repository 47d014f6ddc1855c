// airvm as the AVM of @fluencelabs/js-client 0.5.5 (airvm/js-client's AirvmMarineHost).
// Everything runs in tests/js-client, js-client's own npm project (installed by
// scripts/setup.sh): vitest 0.34.6 runs js-client's offline tests (shipped compiled in its
// package) with every MarineBackgroundRunner js-client builds wrapped in AirvmMarineHost
// (tests/js-client/swap-avm.mjs), and ours (tests/js-client/test/: the host against the
// original, mixed and 20-peer networks, docs/js-client.md's code). Then the same js-client
// tests on the original AVM, to compare (AIRVM_JS_CLIENT_ORIGINAL=0 skips that run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { root } from './helpers.mjs';

const dir = path.join(root, 'tests', 'js-client');
const JS_CLIENT_SPECS = 'node_modules/@fluencelabs/js-client/dist';
// js-client 0.5.5's tests that need no relay of the public network: all but
// clientPeer/__test__/client.spec.js, less ephemeral.spec's one test, which js-client skips.
const JS_CLIENT_OFFLINE_TESTS = 138;

function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// Runs vitest in tests/js-client; resolves to its JSON report and the swap counts per file.
async function vitest(avm, filters = []) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'airvm-js-client-'));
  try {
    const json = path.join(tmp, 'report.json');
    const swaps = path.join(tmp, 'swaps.jsonl');
    const vitestBin = path.join(dir, 'node_modules', 'vitest', 'vitest.mjs');
    const { code, out } = await run(
      process.execPath,
      [vitestBin, 'run', '--threads', 'false', '--reporter', 'default', '--reporter', 'json', '--outputFile', json, ...filters],
      { AIRVM_JS_CLIENT_AVM: avm, AIRVM_SWAP_REPORT: swaps, CI: 'true', FORCE_COLOR: '0' },
    );
    const report = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : undefined;
    const counts = existsSync(swaps)
      ? readFileSync(swaps, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l))
      : [];
    return { code, out, report, counts };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const rel = (file) => path.relative(dir, file);
const isJsClientSpec = (file) => rel(file).startsWith(JS_CLIENT_SPECS);

// Every test by status, for the files `which` selects: "file > full name #n" (the n-th test
// of that name: js-client's tests have names that repeat).
function byStatus(report, which) {
  const out = { passed: new Set(), failed: new Set(), skipped: new Set() };
  for (const file of report.testResults) {
    if (!which(file.name)) continue;
    const seen = new Map();
    for (const t of file.assertionResults) {
      const name = `${rel(file.name)} > ${t.fullName}`;
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      (out[t.status] ?? out.skipped).add(`${name} #${n}`);
    }
  }
  return out;
}

const installed = existsSync(path.join(dir, 'node_modules', '@fluencelabs', 'js-client', 'package.json'));
const skip = installed ? false : 'tests/js-client has no node_modules: run bash scripts/setup.sh';

let airvmRun;

test('js-client test project: fixtures and the airvm link in place', { skip }, async () => {
  const { code, out } = await run(process.execPath, ['prepare.mjs']);
  assert.equal(code, 0, out);
  const mod = await import('airvm/js-client');
  assert.equal(typeof mod.AirvmMarineHost, 'function');
});

test('AirvmMarineHost type-checks as js-client\'s IMarineHost', { skip }, async () => {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const { code, out } = await run(process.execPath, [tsc, '-p', 'tsconfig.json']);
  assert.equal(code, 0, out);
});

test('js-client 0.5.5 with airvm as its AVM: its offline tests and ours', { skip, timeout: 240_000 }, async (t) => {
  airvmRun = await vitest('airvm');
  const { code, out, report, counts } = airvmRun;
  assert.ok(report, `vitest wrote no report:\n${out.slice(-4000)}`);
  const js = byStatus(report, isJsClientSpec);
  const ours = byStatus(report, (f) => !isJsClientSpec(f));
  t.diagnostic(
    `js-client's tests on airvm: ${js.passed.size} passed, ${js.failed.size} failed, ${js.skipped.size} skipped; ` +
      `ours: ${ours.passed.size} passed, ${ours.failed.size} failed`,
  );
  assert.deepEqual([...js.failed, ...ours.failed], [], out.slice(-6000));
  assert.equal(code, 0, out.slice(-6000));
  assert.equal(js.passed.size, JS_CLIENT_OFFLINE_TESTS);
  assert.ok(ours.passed.size >= 50, `only ${ours.passed.size} of our tests ran`);

  // The swap took effect: js-client's tests ran their particles on airvm, none on the original.
  const specs = counts.filter((c) => isJsClientSpec(c.file));
  const sum = (k) => specs.reduce((n, c) => n + c[k], 0);
  t.diagnostic(
    `swap: ${sum('hosts')} marine hosts built by js-client were AirvmMarineHosts; airvm ran ${sum('airvmInvokes')} invokes and ` +
      `${sum('airvmAsts')} asts; the original ran ${sum('originalInvokes')}; ${sum('innerStarts')} inner runners started for marine services`,
  );
  assert.ok(specs.length >= 10, `swap counts from ${specs.length} files`);
  assert.ok(specs.every((c) => c.avm === 'airvm'));
  assert.ok(sum('hosts') > 0);
  assert.ok(sum('airvmInvokes') > 100, `${sum('airvmInvokes')} invokes`);
  assert.ok(sum('airvmAsts') > 0);
  assert.equal(sum('originalInvokes'), 0);
});

const compare = process.env.AIRVM_JS_CLIENT_ORIGINAL !== '0';

test(
  'js-client 0.5.5 on the original AVM: every test it passes passes on airvm',
  { skip: skip || (compare ? false : 'AIRVM_JS_CLIENT_ORIGINAL=0'), timeout: 180_000 },
  async (t) => {
    assert.ok(airvmRun?.report, 'the airvm run did not complete');
    const { out, report, counts } = await vitest('original', [JS_CLIENT_SPECS]);
    assert.ok(report, `vitest wrote no report:\n${out.slice(-4000)}`);
    const original = byStatus(report, isJsClientSpec);
    const airvm = byStatus(airvmRun.report, isJsClientSpec);
    t.diagnostic(
      `js-client's tests on the original: ${original.passed.size} passed, ${original.failed.size} failed, ` +
        `${original.skipped.size} skipped (on airvm: ${airvm.passed.size} passed)` +
        (original.failed.size ? `; failed on the original: ${[...original.failed].join('; ')}` : ''),
    );
    assert.ok(counts.some((c) => c.originalInvokes > 0), 'the original run ran no particle on the original');
    assert.ok(counts.every((c) => c.airvmInvokes === 0));
    assert.deepEqual([...original.passed].filter((n) => !airvm.passed.has(n)), []);
    assert.deepEqual(new Set([...original.passed, ...original.failed, ...original.skipped]), new Set([...airvm.passed, ...airvm.failed, ...airvm.skipped]));
  },
);
