// airvm/worker in Node: the interpreter in a worker_threads Worker behind the async API. Every
// method answers as the in-thread AirVm does; checks' TypeErrors cross with their message; bytes
// cross without detaching the caller's arrays; a worker that crashes or is terminated rejects
// its pending and later calls with an "airvm:" error; an idle worker does not keep Node alive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { root } from './helpers.mjs';
import { load as loadSync, createNetwork } from '../../js/dist/index.js';
import { load } from '../../js/dist/worker.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'airvm-worker-'));
const entryUrl = pathToFileURL(path.join(root, 'js', 'dist', 'worker-entry.js')).href;
const EMPTY = new Uint8Array(0);
const seed = (n) => new Uint8Array(32).fill(n);

let vm;
let sync;
before(async () => {
  [vm, sync] = await Promise.all([load(), loadSync()]);
});
after(async () => {
  await vm?.terminate();
  rmSync(tmp, { recursive: true, force: true });
});

function params(vmSync, s, particleId = 'p-worker') {
  const { peerId } = vmSync.peerId(s);
  return { initPeerId: peerId, currentPeerId: peerId, timestamp: 1_700_000_000_000, ttl: 60_000, keyFormat: 0, secretKeyBytes: s, particleId };
}

test('the async API has every method of AirVm, and terminate', () => {
  const want = Object.keys(sync).filter((k) => typeof sync[k] === 'function');
  for (const k of want) assert.equal(typeof vm[k], 'function', k);
  assert.equal(typeof vm.terminate, 'function');
});

test('every method answers as the in-thread AirVm does', async () => {
  const p = params(sync, seed(1));
  const air = `(seq (seq (call %init_peer_id% ("s" "f") [1 "two"] x) (ap x $s)) (seq (canon %init_peer_id% $s #c) (call "12D3KooWQZuLHvzHeoeUnzsDSfE1MbjDpphq25Nk7hecw42NjgCr" ("op" "noop") [#c])))`;
  const a1 = await vm.invoke(air, EMPTY, EMPTY, p, []);
  const s1 = sync.invoke(air, EMPTY, EMPTY, p, []);
  assert.deepEqual(a1, s1);
  assert.ok(a1.data instanceof Uint8Array);
  const results = [[1, { retCode: 0, result: '"hi"' }]];
  const a2 = await vm.invoke(air, EMPTY, a1.data, p, results);
  assert.deepEqual(a2, sync.invoke(air, EMPTY, s1.data, p, results));
  assert.equal(a2.nextPeerPks.length, 1);

  const parsed = await vm.parse('(seq (null) (null))', { sizeLimit: 1 << 20 });
  assert.equal(parsed.ok, true);
  assert.equal(parsed.json, sync.parse('(seq (null) (null))').json);
  assert.equal(parsed.ast.instruction, 'seq');
  assert.deepEqual(await vm.parse('(seq (null)'), sync.parse('(seq (null)'));
  assert.deepEqual(await vm.parse(new TextEncoder().encode('(null)\xff')), sync.parse(new TextEncoder().encode('(null)\xff')));
  assert.deepEqual(await vm.format('(seq (null) (null))'), sync.format('(seq (null) (null))'));

  const data = a2.data;
  assert.deepEqual(await vm.inspectData(data, { particleId: 'p-worker', text: true }), sync.inspectData(data, { particleId: 'p-worker', text: true }));
  assert.deepEqual(await vm.rewriteData(data), sync.rewriteData(data));
  assert.deepEqual(await vm.checkData(a1.data, data, 'p-worker'), sync.checkData(a1.data, data, 'p-worker'));
  assert.deepEqual(await vm.checkData(EMPTY, data, 'another particle'), sync.checkData(EMPTY, data, 'another particle'));
  assert.equal(await vm.signCids(seed(2), ['bagaaihra2y55tkbgv6i4d7vdoglfuzhbd3ra6e7ennpvfrmzaejwmbntusdq'], 'p'),
    sync.signCids(seed(2), ['bagaaihra2y55tkbgv6i4d7vdoglfuzhbd3ra6e7ennpvfrmzaejwmbntusdq'], 'p'));
  assert.deepEqual(await vm.peerId(seed(3)), sync.peerId(seed(3)));
  if (typeof sync.ast === 'function') assert.deepEqual(await vm.ast('(null)'), sync.ast('(null)'));
});

test('errors thrown by the checks reject with the same class and message', async () => {
  const p = params(sync, seed(1));
  const cases = [
    () => ['invoke', ['(null)', EMPTY, EMPTY, { ...p, ttl: 1.5 }, []]],
    () => ['invoke', ['(null)', EMPTY, EMPTY, { ...p, currentPeerId: undefined }, []]],
    () => ['invoke', ['(null)', 'not bytes', EMPTY, p, []]],
    () => ['invoke', [42, EMPTY, EMPTY, p, []]],
    () => ['parse', [42]],
    () => ['parse', ['(null)', { sizeLimit: -1 }]],
    () => ['peerId', [new Uint8Array(31)]],
    () => ['checkData', [EMPTY, EMPTY, 7]],
  ];
  for (const make of cases) {
    const [method, args] = make();
    let want;
    try {
      sync[method](...args);
    } catch (e) {
      want = e;
    }
    assert.ok(want instanceof TypeError, `${method}: the in-thread call throws a TypeError`);
    await assert.rejects(vm[method](...args), (e) => {
      assert.equal(e.constructor, want.constructor, `${method}: ${e.message}`);
      assert.equal(e.message, want.message);
      return true;
    });
  }
  // Something that can't cross at all (a function) is a TypeError too, and the worker lives on.
  await assert.rejects(vm.parse(() => {}), /^TypeError: airvm: the arguments of parse can't be sent to the worker/);
  assert.equal((await vm.format('(null)')).ok, true);
});

test('bytes cross without taking the caller\'s arrays; views into bigger buffers send their bytes only', async () => {
  const p = params(sync, seed(1));
  const first = await vm.invoke('(call %init_peer_id% ("s" "f") [] x)', EMPTY, EMPTY, p, []);
  const big = new Uint8Array(1 << 20);
  big.set(first.data, 1000);
  const view = big.subarray(1000, 1000 + first.data.length);
  const r = await vm.rewriteData(view);
  assert.equal(r.retCode, 0, r.errorMessage);
  assert.equal(view.length, first.data.length, 'the caller\'s view is not detached');
  assert.equal(big.byteLength, 1 << 20);
  assert.deepEqual(r, sync.rewriteData(first.data));
  // Node Buffers and ArrayBuffers are bytes too.
  assert.deepEqual(await vm.rewriteData(Buffer.from(first.data)), r);
  assert.deepEqual(await vm.rewriteData(first.data.slice().buffer), r);
  const key = Buffer.from(seed(5));
  assert.deepEqual(await vm.peerId(key), sync.peerId(seed(5)));
  assert.equal(key.length, 32);
});

test('calls in flight all resolve, in order, each with its own answer', async () => {
  const scripts = Array.from({ length: 50 }, (_, i) => `(call %init_peer_id% ("s" "f${i}") [${i}] x)`);
  const p = params(sync, seed(4));
  const outs = await Promise.all(scripts.map((s) => vm.invoke(s, EMPTY, EMPTY, p, [])));
  outs.forEach((o, i) => assert.equal(o.callRequests[0][1].functionName, `f${i}`));
});

test('createNetwork runs a three-peer particle with the worker as every peer\'s interpreter', async () => {
  const services = { op: { identity: ([x]) => x, array: (args) => args, noop: () => null } };
  const net = await createNetwork({ peers: 3, vm, services });
  const [a, b, c] = net.peers.map((x) => x.peerId);
  const script = `(seq (seq (call "${b}" ("op" "identity") ["from b"] x) (call "${c}" ("op" "array") [x "c"] y)) (call %init_peer_id% ("op" "noop") [y]))`;
  const steps = await net.run(script, { from: 0 });
  // Each peer invokes, calls its service, and invokes again with the result.
  assert.deepEqual(steps.map((s) => s.peer), [a, b, b, c, c, a, a]);
  assert.ok(steps.every((s) => s.retCode === 0), JSON.stringify(steps.map((s) => s.errorMessage)));
  assert.deepEqual(steps.at(-1).callRequests, []);
});

function crashingWorker() {
  const file = path.join(tmp, 'crashing-worker.mjs');
  // The entry first: a worker_threads port hands the messages it buffered to the first listener.
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';
await import(${JSON.stringify(entryUrl)});
parentPort.on('message', (m) => {
  if (m.type !== 'call') return;
  if (m.method === 'format' && m.args[0] === 'exit') process.exit(3);
  if (m.method === 'format' && m.args[0] === 'throw') throw new Error('boom');
});
`);
  return pathToFileURL(file);
}

test('a worker that exits or throws rejects pending and later calls with an "airvm:" error', async () => {
  const workerUrl = crashingWorker();
  for (const [how, message] of [['exit', /^Error: airvm: the worker exited \(code 3\)/], ['throw', /^Error: airvm: the worker crashed: boom/]]) {
    const w = await load({ workerUrl });
    assert.equal((await w.format('(null)')).ok, true);
    await Promise.all([w.format(how), w.parse('(null)'), w.peerId(seed(1))].map((p) => assert.rejects(p, message, how)));
    await assert.rejects(w.format('(null)'), message, `${how}: a later call`);
    await w.terminate();
  }
});

test('terminate() rejects pending and later calls; load() failures reject with the worker\'s error', async () => {
  const w = await load();
  const pending = assert.rejects(w.invoke('(null)', EMPTY, EMPTY, params(sync, seed(1)), []), /^Error: airvm: the worker was terminated/);
  await w.terminate();
  await pending;
  await assert.rejects(w.parse('(null)'), /airvm: the worker was terminated/);
  await w.terminate(); // twice is fine

  const notWasm = path.join(tmp, 'not.wasm');
  writeFileSync(notWasm, '<!doctype html><title>app</title>');
  await assert.rejects(load({ wasm: pathToFileURL(notWasm) }), /^Error: airvm: expected a WebAssembly module from file:.*not\.wasm, but it starts with "<!doctype html>/);
  await assert.rejects(load({ workerUrl: pathToFileURL(path.join(tmp, 'missing.mjs')) }), /^Error: airvm: the worker crashed: .*missing\.mjs/);
  // Bytes and a compiled module are fine sources in the worker too.
  const bytes = readFileSync(path.join(root, 'js', 'dist', 'wasm', 'airvm.wasm'));
  for (const wasm of [bytes, await WebAssembly.compile(bytes)]) {
    const w2 = await load({ wasm });
    assert.equal((await w2.format('(null)')).text, '(null)\n');
    await w2.terminate();
  }
});

test('an idle worker does not keep Node running', () => {
  const script = `import { load } from ${JSON.stringify(pathToFileURL(path.join(root, 'js', 'dist', 'worker.js')).href)};
const vm = await load();
const r = await vm.format('(seq (null) (null))');
console.log(JSON.stringify(r.text));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), JSON.stringify('(seq\n (null)\n (null)\n)\n'));
});
