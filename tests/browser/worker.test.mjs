// The packed package (npm pack) in headless Chromium: a page on 127.0.0.1 maps 'airvm' and
// 'airvm/worker' to the tarball's files through an import map built from its package.json
// exports, loads airvm/worker (a module Web Worker that fetches the wasm itself) and plays a
// particle across three peers with createNetwork, each peer's interpreter being the worker.
// The page's thread stays free while the worker runs a long particle; TypeErrors cross with
// their message; a worker script that fails and a wasm URL answered with HTML reject load().
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import { launchChromium, packPackage, runPage, serve, tempDir } from './helpers.mjs';

let server;
let browser;
let pkgDir;
let dir;

const PAGE_SCRIPT = `
import { load } from 'airvm/worker';
import { createNetwork, KeyPairFormat } from 'airvm';
const out = {};
try {
  let t = performance.now();
  const vm = await load();
  out.loadMs = performance.now() - t;
  out.methods = Object.keys(vm).sort();

  // A asks B, B asks C, C answers A: three peers, every interpreter the worker.
  const services = {
    greeter: { greet: ([name], ctx) => 'hello ' + name + ' from ' + ctx.peerId.slice(-4) },
    op: { identity: ([x]) => x, noop: () => null },
  };
  const net = await createNetwork({ peers: 3, vm, services });
  const ids = net.peers.map((p) => p.peerId);
  const [a, b, c] = ids;
  const script = \`(seq
 (seq
  (call "\${b}" ("greeter" "greet") ["a"] g1)
  (call "\${c}" ("greeter" "greet") [g1] g2))
 (call %init_peer_id% ("op" "identity") [g2] answer))\`;
  t = performance.now();
  const steps = await net.run(script, { from: 0 });
  out.runMs = performance.now() - t;
  out.suffixes = ids.map((id) => id.slice(-4));
  out.steps = steps.map((s) => ({
    peer: ids.indexOf(s.peer), retCode: s.retCode, errorMessage: s.errorMessage,
    requests: s.callRequests.map(([, r]) => [r.serviceId, r.functionName, r.arguments]),
    next: s.nextPeerPks.map((p) => ids.indexOf(p)),
  }));

  // The page's thread stays free while the worker runs a fold over 50,000 values.
  const seed = new Uint8Array(32).fill(9);
  const { peerId } = await vm.peerId(seed);
  const params = { initPeerId: peerId, currentPeerId: peerId, timestamp: Date.now(), ttl: 60000, keyFormat: KeyPairFormat.Ed25519, secretKeyBytes: seed, particleId: 'long' };
  const fold = '(seq (call %init_peer_id% ("s" "list") [] xs) (fold xs i (seq (ap i v) (next i))))';
  const empty = new Uint8Array(0);
  const first = await vm.invoke(fold, empty, empty, params, []);
  const list = JSON.stringify(Array.from({ length: 50000 }, (_, i) => i));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  t = performance.now();
  const long = await vm.invoke(fold, empty, first.data, params, [[1, { retCode: 0, result: list }]]);
  out.long = { ms: performance.now() - t, ticks, retCode: long.retCode, bytes: long.data.length, firstBytes: first.data.length };
  clearInterval(timer);

  try {
    await vm.invoke(fold, empty, empty, { ...params, timestamp: 1.5 }, []);
  } catch (e) {
    out.typeError = [e.constructor.name, e.message];
  }
  await vm.terminate();
  try {
    await vm.format('(null)');
  } catch (e) {
    out.afterTerminate = e.message;
  }
  try {
    await load({ workerUrl: '/no-such-worker.js' });
  } catch (e) {
    out.badWorker = e.message;
  }
  try {
    await load({ wasm: '/app/airvm.wasm' });
  } catch (e) {
    out.htmlWasm = e.message;
  }
} catch (e) {
  out.error = String((e && e.stack) || e);
}
window.__airvm = out;
`;

before(async () => {
  dir = tempDir('airvm-browser-pack-');
  const tgz = packPackage(dir);
  execFileSync('tar', ['-xzf', tgz, '-C', dir]);
  pkgDir = path.join(dir, 'package');
  const { exports } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  const target = (entry) => '/node_modules/airvm/' + exports[entry].default.replace(/^\.\//, '');
  const importMap = { imports: { airvm: target('.'), 'airvm/worker': target('./worker') } };
  const page = `<!doctype html>
<meta charset="utf-8">
<title>airvm worker</title>
<script type="importmap">${JSON.stringify(importMap)}</script>
<script type="module">${PAGE_SCRIPT}</script>`;
  server = await serve({ pages: { '/': page }, mounts: { '/node_modules/airvm/': pkgDir } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the packed package runs a three-peer particle through airvm/worker in Chromium', { timeout: 90_000 }, async () => {
  const { result: r, errors } = await runPage(browser, server.url);
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(r.methods, ['checkData', 'format', 'inspectData', 'invoke', 'parse', 'peerId', 'rewriteData', 'signCids', 'terminate', ...(r.methods.includes('ast') ? ['ast'] : [])].sort());
  // A invokes and forwards to B; B invokes, greets, invokes again and forwards to C; C likewise
  // back to A; A calls identity and finishes.
  assert.deepEqual(r.steps.map((s) => s.peer), [0, 1, 1, 2, 2, 0, 0]);
  assert.ok(r.steps.every((s) => s.retCode === 0), JSON.stringify(r.steps));
  const [, sfxB, sfxC] = r.suffixes;
  assert.deepEqual(r.steps[1].requests, [['greeter', 'greet', ['a']]]);
  assert.deepEqual(r.steps[3].requests, [['greeter', 'greet', [`hello a from ${sfxB}`]]]);
  assert.deepEqual(r.steps[5].requests, [['op', 'identity', [`hello hello a from ${sfxB} from ${sfxC}`]]]);
  assert.deepEqual(r.steps[0].next, [1]);
  assert.deepEqual(r.steps[2].next, [2]);
  assert.deepEqual(r.steps[4].next, [0]);
  assert.deepEqual(r.steps.at(-1).requests, []);

  assert.equal(r.long.retCode, 0);
  assert.ok(r.long.bytes > 100_000, `the long particle's data: ${r.long.bytes} bytes`);
  // A 5 ms timer keeps ticking on the page while the worker computes (one that blocked the
  // page would tick at most once).
  assert.ok(r.long.ticks >= Math.min(5, Math.floor(r.long.ms / 20)), `${r.long.ticks} ticks in ${r.long.ms.toFixed(0)} ms`);

  assert.equal(r.typeError[0], 'TypeError');
  assert.match(r.typeError[1], /^airvm: runParams\.timestamp must be an integer/);
  assert.equal(r.afterTerminate, 'airvm: the worker was terminated');
  assert.match(r.badWorker, /^airvm: the worker failed: /);
  assert.match(r.htmlWasm, /^airvm: expected a WebAssembly module from http:\/\/127\.0\.0\.1:\d+\/app\/airvm\.wasm, but it starts with "<!doctype html>.*index\.html/);
  // The worker fetched the tarball's wasm; the only failed request is the missing worker script.
  assert.ok(server.requests.includes('/node_modules/airvm/js/dist/wasm/airvm.wasm'), server.requests.join(' '));
  assert.ok(server.requests.includes('/node_modules/airvm/js/dist/worker-entry.js'), server.requests.join(' '));
  assert.deepEqual(errors.filter((e) => !e.includes('no-such-worker')), []);
  console.log(`worker load ${r.loadMs.toFixed(0)} ms, three-peer run ${r.runMs.toFixed(1)} ms (7 invokes), 50,000-value fold ${r.long.ms.toFixed(0)} ms with ${r.long.ticks} page ticks`);
});
