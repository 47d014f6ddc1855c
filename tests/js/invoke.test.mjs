// vm.invoke and `airvm invoke`: outcomes, the JS shapes of @fluencelabs/avm, bad inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { load } from '../../js/dist/index.js';
import { cli } from './helpers.mjs';

const seed = (i) => {
  const s = new Uint8Array(32);
  s[0] = i + 1;
  s[31] = 7;
  return s;
};
const A = '12D3KooWMkm3xnUxCoQeixDBsKBExUXVHrbgVAhxvjwYqTRxuBWg';
const B = '12D3KooWE6qppT5nCqu6Ric8QZhPFL4MVtz5aBTZE4QBGY2H1fCy';
const params = (current, key) => ({
  initPeerId: A,
  currentPeerId: current,
  timestamp: 1700000000000,
  ttl: 60000,
  keyFormat: 0,
  secretKeyBytes: key,
  particleId: 'p-invoke',
});
const EMPTY = new Uint8Array(0);

test('invoke issues a call request, applies its result and forwards to the next peer', async () => {
  const vm = await load();
  const air = `(seq (call %init_peer_id% ("s" "f") [1 "two" %ttl%] x) (call "${B}" ("s" "g") [x]))`;
  const first = vm.invoke(air, EMPTY, EMPTY, params(A, seed(0)), []);
  assert.equal(first.retCode, 0, first.errorMessage);
  assert.deepEqual(first.nextPeerPks, []);
  assert.equal(first.callRequests.length, 1);
  const [id, request] = first.callRequests[0];
  assert.equal(id, 1);
  assert.equal(request.serviceId, 's');
  assert.equal(request.functionName, 'f');
  assert.deepEqual(request.arguments, [1, 'two', 60000]);
  assert.deepEqual(request.tetraplets[0], [{ peer_pk: A, service_id: '', function_name: '', json_path: '' }]);
  const second = vm.invoke(air, first.data, EMPTY, params(A, seed(0)), [[1, { retCode: 0, result: '{"v":42}' }]]);
  assert.equal(second.retCode, 0, second.errorMessage);
  assert.deepEqual(second.nextPeerPks, [B]);
  assert.deepEqual(second.callRequests, []);
  const doc = JSON.parse(Buffer.from(second.data).toString());
  assert.equal(doc.trace.length, 2);
  assert.ok(doc.trace[0].call.executed.scalar);
  assert.equal(doc.lcid, 1);
  // B picks it up and verifies A's signature on the way in.
  const atB = vm.invoke(air, EMPTY, second.data, params(B, seed(1)), []);
  assert.equal(atB.retCode, 0, atB.errorMessage);
  assert.deepEqual(atB.callRequests[0][1].arguments, [{ v: 42 }]);
  assert.equal(vm.inspectData(atB.data, { particleId: 'p-invoke' }).verified, true);
});

test('invoke returns errors as values: catchable at the top keeps new data, uncatchable keeps prev', async () => {
  const vm = await load();
  const fail = vm.invoke('(fail 7 "boom")', EMPTY, EMPTY, params(A, seed(0)), []);
  assert.equal(fail.retCode, 10006);
  assert.match(fail.errorMessage, /fail with '\{"error_code":7,"instruction":"fail 7 \\"boom\\"","message":"boom"/);
  assert.ok(fail.data.length > 0);
  const unknown = vm.invoke('(null)', EMPTY, EMPTY, params(A, seed(0)), [[9, { retCode: 0, result: '1' }]]);
  assert.equal(unknown.retCode, 30000);
  assert.match(unknown.errorMessage, /unprocessed call results: `\{9: CallServiceResult \{ ret_code: 0, result: "1" \}\}`/);
  const prev = vm.invoke('(ap 1 x)', EMPTY, EMPTY, params(A, seed(0)), []).data;
  const shadow = vm.invoke('(seq (ap 1 x) (ap 2 x))', prev, EMPTY, params(A, seed(0)), []);
  assert.equal(shadow.retCode, 20007);
  assert.deepEqual(Buffer.from(shadow.data), Buffer.from(prev));
  const parse = vm.invoke('(seq', prev, EMPTY, params(A, seed(0)), []);
  assert.equal(parse.retCode, 1);
  assert.match(parse.errorMessage, /^air can't be parsed:\n/);
  // A key the interpreter can't use is ret 6 (as the original); a key of the wrong length is
  // refused before the wasm, as a TypeError (issue 11: run parameters checked).
  const key = vm.invoke('(null)', EMPTY, EMPTY, { ...params(A, seed(0)), keyFormat: 1 }, []);
  assert.equal(key.retCode, 6);
  assert.throws(() => vm.invoke('(null)', EMPTY, EMPTY, params(A, new Uint8Array(31)), []), /secretKeyBytes must be 32 bytes/);
  const notJson = vm.invoke('(call %init_peer_id% ("s" "f") [] x)', EMPTY, EMPTY, params(A, seed(0)), []);
  const r = vm.invoke('(call %init_peer_id% ("s" "f") [] x)', notJson.data, EMPTY, params(A, seed(0)), [[1, { retCode: 0, result: 'not json' }]]);
  assert.equal(r.retCode, 10000);
  assert.match(r.errorMessage, /ret_code is 2147483647/);
});

test('a script nested 5,000 levels deep runs, and a fold over 100,000 values completes', async () => {
  const vm = await load();
  let air = '(null)';
  for (let i = 0; i < 5000; i++) air = `(seq ${air} (null))`;
  const deep = vm.invoke(air, EMPTY, EMPTY, params(A, seed(0)), []);
  assert.equal(deep.retCode, 0, deep.errorMessage);
  const fold = `(seq (call %init_peer_id% ("s" "list") [] xs) (fold xs i (seq (ap i v) (next i))))`;
  const first = vm.invoke(fold, EMPTY, EMPTY, params(A, seed(0)), []);
  const list = JSON.stringify(Array.from({ length: 100000 }, (_, k) => k));
  const done = vm.invoke(fold, first.data, EMPTY, params(A, seed(0)), [[1, { retCode: 0, result: list }]]);
  assert.equal(done.retCode, 0, done.errorMessage);
});

test('a stream that reaches 1,024 values stops with 20013, not a trap', async () => {
  const vm = await load();
  const air = `(seq (call %init_peer_id% ("s" "list") [] xs) (fold xs i (seq (ap i $s) (next i))))`;
  const first = vm.invoke(air, EMPTY, EMPTY, params(A, seed(0)), []);
  const list = JSON.stringify(Array.from({ length: 2000 }, (_, k) => k));
  const r = vm.invoke(air, first.data, EMPTY, params(A, seed(0)), [[1, { retCode: 0, result: list }]]);
  assert.equal(r.retCode, 20013);
  assert.equal(r.errorMessage, 'stream size goes over the allowed limit of 1024');
  assert.deepEqual(Buffer.from(r.data), Buffer.from(first.data));
});

test('airvm invoke runs files and prints the outcome as JSON', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airvm-invoke-'));
  const file = (name, text) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const air = file('s.air', `(seq (call %init_peer_id% ("s" "f") [] x) (call "${B}" ("s" "g") [x]))`);
  const p = file('params.json', JSON.stringify({
    init_peer_id: A, current_peer_id: A, timestamp: 1, ttl: 2, key_format: 0,
    secret_key_bytes: Array.from(seed(0)), particle_id: 'p-cli',
  }));
  const run = (...args) => spawnSync(process.execPath, [cli, 'invoke', ...args], { encoding: 'utf8' });
  const first = run('--air', air, '--params', p, '--prev', file('empty', ''));
  assert.equal(first.status, 0, first.stderr);
  const o1 = JSON.parse(first.stdout);
  assert.deepEqual(Object.keys(o1), ['ret_code', 'error_message', 'data', 'next_peer_pks', 'call_requests']);
  assert.equal(o1.ret_code, 0);
  assert.deepEqual(o1.call_requests, { 1: { service_id: 's', function_name: 'f', arguments: [], tetraplets: [] } });
  const prev = file('prev', o1.data);
  const results = file('results.json', JSON.stringify({ 1: { ret_code: 0, result: '"hi"' } }));
  const o2 = JSON.parse(run('--air', air, '--params', p, '--prev', prev, '--call-results', results).stdout);
  assert.equal(o2.ret_code, 0);
  assert.deepEqual(o2.next_peer_pks, [B]);
  assert.equal(JSON.parse(o2.data).trace.length, 2);
  assert.equal(run('--air', air).status, 2, '--params is required');
  assert.equal(run('--help').status, 0);
});

test('the CLI refuses bad scripts with exit 1 and a diagnostic: empty, over the size limit, too deep', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airvm-bad-'));
  const parse = (name, text) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return spawnSync(process.execPath, [cli, 'parse', '--compact', p], { encoding: 'utf8', maxBuffer: 1 << 28 });
  };
  const empty = parse('empty.air', '');
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /air can't be parsed/);
  const big = parse('big.air', '(null)' + ' '.repeat(50 * 2 ** 20));
  assert.equal(big.status, 1);
  assert.match(big.stderr, /limit/);
  const deep = parse('deep.air', '(seq '.repeat(100000) + '(null) (null)' + ')'.repeat(100000));
  assert.equal(deep.status, 1);
  assert.match(deep.stderr, /nest/);
});
