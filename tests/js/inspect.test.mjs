// `airvm inspect` and the package's data functions, on documents the original wrote
// (tests/fixtures/data) and on broken ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { load } from '../../js/dist/index.js';
import { cli, root } from './helpers.mjs';

const fixture = (scenario, file) => path.join(root, 'tests', 'fixtures', 'data', scenario, file);
const threeSigners = fixture('three-signers', '08-A.json');
const threeSignersId = JSON.parse(readFileSync(fixture('three-signers', 'meta.json'), 'utf8')).particleId;

function airvm(args, input) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('inspect prints every state with its position, kind and value, the stores and the signers', () => {
  const r = airvm(['inspect', '--particle-id', threeSignersId, threeSigners]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^data 0\.14\.0 written by interpreter 0\.54\.0, lcid \d+\n/);
  assert.match(r.stdout, /\n  0  call scalar = \[1,2,3\]  from 12D3KooW\S+ s\.f\n/);
  assert.match(r.stdout, /call stream gen \d+ = /);
  assert.match(r.stdout, /canon \[/);
  assert.match(r.stdout, /stores: value_store \d+, tetraplet_store \d+, canon_element_store \d+, canon_result_store \d+, service_result_store \d+/);
  assert.equal((r.stdout.match(/: valid over \d+ CIDs/g) ?? []).length, 3);
  assert.match(r.stdout, /verified: every store CID recomputes/);
});

test('inspect indents the states of par and fold sub-traces', () => {
  const r = airvm(['inspect', fixture('par-three', readdirLast('par-three'))]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\n  0  par \[\d+, \d+\]\n    1  /);
});

function readdirLast(scenario) {
  const meta = JSON.parse(readFileSync(fixture(scenario, 'meta.json'), 'utf8'));
  return meta.steps.filter((s) => s.file).at(-1).file;
}

test('inspect --json gives the machine form', () => {
  const r = airvm(['inspect', '--json', '--particle-id', threeSignersId, threeSigners]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ['version', 'interpreter_version', 'trace', 'lcid', 'stores', 'signatures', 'cids_ok', 'first_bad']);
  const doc = JSON.parse(readFileSync(threeSigners, 'utf8'));
  assert.deepEqual(j.trace, doc.trace);
  assert.equal(j.lcid, doc.lcid);
  for (const [name, store] of Object.entries(doc.cid_info)) assert.equal(j.stores[name], Object.keys(store).length, name);
  assert.equal(j.signatures.length, 3);
  for (const s of j.signatures) {
    assert.match(s.peer_id, /^12D3KooW/);
    assert.equal(s.valid, true);
    assert.ok(doc.signatures[s.public_key]);
  }
  assert.equal(j.cids_ok, true);
  assert.equal(j.first_bad, null);
});

test('inspect --verify exits 0 on good data and 1 naming the first bad entry', () => {
  assert.equal(airvm(['inspect', '--verify', '--particle-id', threeSignersId, threeSigners]).code, 0);
  const wrongId = airvm(['inspect', '--verify', '--particle-id', 'another-particle', threeSigners]);
  assert.equal(wrongId.code, 1);
  assert.match(wrongId.stderr, /signature of 12D3KooW\S+ \(\S+\) is invalid/);
  // A value changed: its CID no longer matches.
  const doc = JSON.parse(readFileSync(threeSigners, 'utf8'));
  const [cid] = Object.keys(doc.cid_info.value_store);
  doc.cid_info.value_store[cid] = 'changed';
  const bad = airvm(['inspect', '--verify', '--particle-id', threeSignersId, '-'], JSON.stringify(doc));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`Value mismatch in the "serde_json::value::Value" store for CID "${cid}"`));
  assert.equal(airvm(['inspect', '--verify', threeSigners]).code, 2, '--verify needs --particle-id');
});

test('inspect refuses unreadable data with exit 1 and the first bad byte or field', () => {
  const truncated = airvm(['inspect', '-'], readFileSync(threeSigners, 'utf8').slice(0, 40));
  assert.equal(truncated.code, 1);
  assert.match(truncated.stderr, /ret_code 2\): Error\("EOF while parsing a string", line: 1, column: 40\)/);
  const noTrace = airvm(['inspect', '-'], '{"version":"0.14.0","interpreter_version":"0.54.0"}');
  assert.equal(noTrace.code, 1);
  assert.match(noTrace.stderr, /ret_code 3\): Error\("missing field `trace`"/);
  assert.equal(airvm(['inspect', '--help']).code, 0);
});

test('the package reads, rewrites, checks and signs data', async () => {
  const vm = await load();
  const bytes = readFileSync(threeSigners);
  const rewritten = vm.rewriteData(bytes);
  assert.equal(rewritten.retCode, 0);
  assert.deepEqual(JSON.parse(Buffer.from(rewritten.data).toString()), JSON.parse(bytes.toString()));
  assert.equal(vm.checkData(new Uint8Array(0), bytes, threeSignersId).retCode, 0);
  assert.equal(vm.checkData(new Uint8Array(0), bytes, 'x').retCode, 8);
  const seedA = new Uint8Array(32);
  seedA[0] = 1;
  seedA[31] = 7;
  assert.deepEqual(vm.peerId(seedA), {
    peerId: '12D3KooWMkm3xnUxCoQeixDBsKBExUXVHrbgVAhxvjwYqTRxuBWg',
    publicKey: '1CwPtDeuF1u9AK4hmEiRuBgSeoXZ3TUdUy9aXTUH51Enk',
  });
  // data-format.md 2.1: A's signature over no CIDs for particle-1.
  assert.equal(vm.signCids(seedA, [], 'particle-1'),
    '1yuPTcPrE2ekfpXAM1TinaAaSQ3Htfz2BC8ppikHjhrnMDSV9sN4kjGbvZZxgYaCwySwHC92JzjNcWXY5ohFebr1');
  assert.throws(() => vm.signCids(new Uint8Array(31), [], 'p'), /32-byte/);
  const report = vm.inspectData(bytes, { particleId: threeSignersId, text: true });
  assert.equal(report.verified, true);
  assert.match(report.text, /^data 0\.14\.0/);
});

test('hostile data: 100,000 nesting levels and 100 MB documents end in a ret code, not a trap', async () => {
  const vm = await load();
  const deep = new TextEncoder().encode('{"trace":' + '['.repeat(100000));
  const r = vm.checkData(new Uint8Array(0), deep, 'p');
  assert.equal(r.retCode, 2);
  assert.match(r.errorMessage, /recursion limit exceeded/);
  // A 100 MB value whose CID is wrong: read, hashed, refused with 7.
  const big = `{"version":"0.14.0","interpreter_version":"0.54.0","trace":[],"cid_info":{"value_store":{"bagaaihra2y55tkbgv6i4d7vdoglfuzhbd3ra6e7ennpvfrmzaejwmbntusdq":"${'x'.repeat(100 * 2 ** 20)}"},"tetraplet_store":{},"canon_element_store":{},"canon_result_store":{},"service_result_store":{}},"signatures":{}}`;
  const c = vm.checkData(new Uint8Array(0), new TextEncoder().encode(big), 'p');
  assert.equal(c.retCode, 7);
  assert.match(c.errorMessage, /^Value mismatch in the "serde_json::value::Value" store/);
});

test('inspectData gives the report in camelCase (the CLI prints the C++ side\'s snake_case)', async () => {
  const vm = await load();
  const r = vm.inspectData(readFileSync(threeSigners), { particleId: threeSignersId });
  assert.equal(r.retCode, 0, r.errorMessage);
  assert.deepEqual(Object.keys(r.json), ['version', 'interpreterVersion', 'trace', 'lcid', 'stores', 'signatures', 'cidsOk', 'firstBad']);
  assert.equal(r.json.interpreterVersion, '0.54.0');
  assert.equal(r.json.cidsOk, true);
  assert.equal(r.json.firstBad, null);
  for (const s of r.json.signatures) assert.deepEqual(Object.keys(s), ['publicKey', 'peerId', 'valid', 'cids']);
  const cliJson = JSON.parse(airvm(['inspect', '--json', '--particle-id', threeSignersId, threeSigners]).stdout);
  assert.equal(cliJson.signatures[0].public_key, r.json.signatures[0].publicKey);
  assert.equal(cliJson.first_bad, null);
});
