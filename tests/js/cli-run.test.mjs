// `airvm run`, `airvm peer-id`, `airvm --version`, `airvm invoke --data-out`, and usage errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { load } from '../../js/dist/index.js';
import { cli, examplesDir, root } from './helpers.mjs';

const airvm = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
const seed = (i) => new Uint8Array(32).fill(i + 1);
const temporary = [];
const tempDir = (prefix) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
after(() => temporary.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('airvm run plays the greeting across A, C, B and back with the example services', async () => {
  const r = airvm('run', path.join(examplesDir, 'network', 'greeting.air'), '--services', path.join(examplesDir, 'network', 'services.mjs'));
  assert.equal(r.status, 0, r.stderr);
  const vm = await load();
  const [A, B, C] = [0, 1, 2].map((i) => vm.peerId(seed(i)).peerId);
  assert.match(r.stdout, new RegExp(`^peers     A ${A}\\n          B ${B}\\n          C ${C}\\n`));
  assert.match(r.stdout, /step 10  A  ret 0\n  result    callbackSrv\.response\("Hello, world! \(from B\)"\) -> "Hello, world! \(from B\)"\n10 steps, 0 failed\n$/);
  assert.deepEqual([...r.stdout.matchAll(/^step \d+  (\w)/gm)].map((m) => m[1]).join(''), 'AACCBBCCAA');

  const j = airvm('run', '--json', path.join(examplesDir, 'network', 'greeting.air'), '--services', path.join(examplesDir, 'network', 'services.mjs'));
  assert.equal(j.status, 0, j.stderr);
  const log = JSON.parse(j.stdout);
  assert.deepEqual(log.peers, { A, B, C });
  assert.equal(log.steps.length, 10);
  assert.deepEqual(log.steps[1].nextPeerPks, [C]);
  assert.deepEqual(log.steps[9].callResults[0][1], { retCode: 0, result: '"Hello, world! (from B)"' });
});

test('airvm run: the built-in services, --from, --peers, a failing step exits 1', () => {
  const fanout = airvm('run', path.join(examplesDir, 'network', 'fanout.air'));
  assert.equal(fanout.status, 0, fanout.stderr);
  assert.match(fanout.stdout, /calls     op\.array\("@B", "@C", "@D"\)/);
  assert.match(fanout.stdout, /result    counter\.next\(\) -> 1/);

  const dir = tempDir('airvm-run-');
  const failing = path.join(dir, 'fail.air');
  writeFileSync(failing, '; "@Z" in a comment names no peer\n(seq (call "@B" ("fail" "fail") ["no luck"]) (call %init_peer_id% ("op" "noop") []))\n');
  const r = airvm('run', failing, '--from', 'B', '--peers', '3');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^peers     A \S+\n          B \S+\n          C \S+\n/);
  assert.match(r.stdout, /^step 1  B  ret 0\n  calls     fail\.fail\("no luck"\)\nstep 2  B  ret 10000  Local service error, ret_code is 1, error message is '"Service call failed\. fnName=\\"fail\\" serviceId=\\"fail\\" error: no luck"'/m);
  assert.match(r.stdout, /2 steps, 1 failed\n$/);

  const services = path.join(dir, 'services.mjs');
  writeFileSync(services, 'export default { calc: { add: ([a, b]) => a + b, slow: async ([x]) => { await new Promise((r) => setTimeout(r, 5)); return x * 2; } } };\n');
  const sum = path.join(dir, 'sum.air');
  writeFileSync(sum, '(seq (call "@B" ("calc" "add") [1 2] x) (call %init_peer_id% ("calc" "slow") [x] y))\n');
  const s = airvm('run', sum, '--services', services, '--json');
  assert.equal(s.status, 0, s.stderr);
  assert.deepEqual(JSON.parse(s.stdout).steps.at(-1).callResults[0][1], { retCode: 0, result: '6' });
});

test('airvm peer-id, --version', async () => {
  const vm = await load();
  const hex = Buffer.from(seed(0)).toString('hex');
  const r = airvm('peer-id', hex);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, `${vm.peerId(seed(0)).peerId}\n`);
  const n = airvm('peer-id', '--new');
  assert.equal(n.status, 0, n.stderr);
  const [newHex, newId] = n.stdout.trim().split(' ');
  assert.match(newHex, /^[0-9a-f]{64}$/);
  assert.equal(newId, vm.peerId(new Uint8Array(Buffer.from(newHex, 'hex'))).peerId);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const v = airvm('--version');
  assert.equal(v.status, 0);
  assert.equal(v.stdout, `airvm ${pkg.version}\n`);
});

test('airvm invoke --data-out writes the raw data for the next --prev; numeric params checked', async () => {
  const vm = await load();
  const dir = tempDir('airvm-dataout-');
  const { peerId } = vm.peerId(seed(0));
  const params = { init_peer_id: peerId, current_peer_id: peerId, timestamp: 1700000000000, ttl: 60000, key_format: 0, secret_key_bytes: Array.from(seed(0)), particle_id: 'p-cli' };
  const file = (name, text) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const air = file('a.air', '(call %init_peer_id% ("s" "f") [] x)');
  const first = airvm('invoke', '--air', air, '--params', file('p.json', JSON.stringify(params)), '--data-out', path.join(dir, 'd1'));
  assert.equal(first.status, 0, first.stderr);
  const out = JSON.parse(first.stdout);
  assert.equal(readFileSync(path.join(dir, 'd1'), 'utf8'), out.data);
  const second = airvm('invoke', '--air', air, '--params', path.join(dir, 'p.json'), '--prev', path.join(dir, 'd1'), '--call-results', file('r.json', '{"1": {"ret_code": 0, "result": "42"}}'), '--data-out', path.join(dir, 'd2'));
  assert.equal(JSON.parse(second.stdout).ret_code, 0, second.stdout);
  assert.match(readFileSync(path.join(dir, 'd2'), 'utf8'), /"value_store"/);

  for (const [patch, message] of [
    [{ ttl: 2 ** 32 + 5 }, /--params: ttl must be an integer from 0 to 2\^32-1/],
    [{ timestamp: 1.5 }, /--params: timestamp must be an integer/],
    [{ key_format: 9 }, /--params: key_format must be a known key format/],
    [{ secret_key_bytes: [1, 2, 3] }, /--params: secret_key_bytes must be 32 bytes/],
    [{ current_peer_id: undefined }, /--params: current_peer_id must be a string/],
  ]) {
    const r = airvm('invoke', '--air', air, '--params', file('bad.json', JSON.stringify({ ...params, ...patch })));
    assert.equal(r.status, 2, JSON.stringify(patch));
    assert.match(r.stderr, message);
  }
});

test('a usage error prints that subcommand\'s usage', () => {
  for (const [args, usage] of [
    [['run'], /^airvm: no SCRIPT given\n\nUsage: airvm run SCRIPT\.air/],
    [['run', 'x.air', '--peers', '0'], /^airvm: --peers needs an integer from 1 to 676, got 0\n\nUsage: airvm run/],
    [['peer-id', 'zz'], /^airvm: SEED_HEX must be 64 hex digits.*\n\nUsage: airvm peer-id/],
    [['invoke', '--air'], /^airvm: --air needs a FILE\n\nUsage: airvm invoke/],
    [['parse', '--bogus', 'x'], /^airvm: unknown option '--bogus' for parse\n\nUsage: airvm parse/],
    [['fmt'], /^airvm: no FILE given.*\n\nUsage: airvm fmt/],
    [['inspect', '--verify', 'x'], /^airvm: --verify needs --particle-id ID\n\nUsage: airvm inspect/],
    [['frobnicate'], /^airvm: unknown command 'frobnicate'\n\nUsage: airvm <command>/],
  ]) {
    const r = airvm(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, usage, args.join(' '));
  }
  const missing = airvm('run', '/nonexistent/x.air');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /ENOENT/);
});
