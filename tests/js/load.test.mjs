// load(): the warm-up that makes the first invoke as fast as later ones, and the error when
// what was fetched or given is not WebAssembly.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { load } from '../../js/dist/index.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'airvm-load-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('bytes, files and responses that are not wasm give an "airvm:" error saying what came', async () => {
  const html = '<!doctype html><html><body>app</body></html>';
  const file = path.join(tmp, 'airvm.wasm');
  writeFileSync(file, html);
  await assert.rejects(load({ wasm: pathToFileURL(file) }), /^Error: airvm: expected a WebAssembly module from file:.*airvm\.wasm, but it starts with "<!doctype html>/);
  await assert.rejects(load({ wasm: new Uint8Array([1, 2, 3, 4, 5]) }), /airvm: expected a WebAssembly module from the bytes given to load\(\), but it starts with bytes 01 02 03 04 05/);
  await assert.rejects(load({ wasm: new ArrayBuffer(0) }), /airvm: .* but it is empty/);
  for (const type of ['text/html', 'application/wasm']) {
    const response = new Response(html, { headers: { 'content-type': type } });
    await assert.rejects(load({ wasm: response }), /airvm: expected a WebAssembly module from the fetched response, but it starts with "<!doctype html>/, type);
  }
  await assert.rejects(load({ wasm: new Response('gone', { status: 404 }) }), /airvm: fetching .* failed: HTTP 404/);
});

test('load() pays V8\'s lazy wasm compilation: the first invoke costs about what later ones cost', async () => {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(new URL('../../js/dist/wasm/airvm.wasm', import.meta.url));
  const seed = new Uint8Array(32).fill(3);
  const firstInvoke = async (options) => {
    const vm = await load({ wasm: new Uint8Array(bytes), ...options });
    const { peerId } = vm.peerId(seed);
    const p = { initPeerId: peerId, currentPeerId: peerId, timestamp: Date.now(), ttl: 10000, keyFormat: 0, secretKeyBytes: seed, particleId: 'p' };
    const air = `(seq (seq (call %init_peer_id% ("s" "f") [1] x) (ap x $s)) (seq (canon %init_peer_id% $s #c) (call "12D3KooWQZuLHvzHeoeUnzsDSfE1MbjDpphq25Nk7hecw42NjgCr" ("op" "noop") [#c])))`;
    const E = new Uint8Array(0);
    const t0 = performance.now();
    const r1 = vm.invoke(air, E, E, p, []);
    vm.invoke(air, E, r1.data, p, [[1, { retCode: 0, result: '"a"' }]]);
    const first = performance.now() - t0;
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = vm.invoke(air, E, E, p, []);
      vm.invoke(air, E, r.data, p, [[1, { retCode: 0, result: '"a"' }]]);
      best = Math.min(best, performance.now() - t);
    }
    return { first, best };
  };
  // Each load from bytes compiles a new module, whose functions V8 compiles on first call.
  const lazy = await firstInvoke({ eager: false });
  const eager = await firstInvoke({});
  // Lazily the first pair takes tens of ms (compiling); eagerly it stays within a few ms of the
  // steady state (the margin absorbs a busy machine).
  assert.ok(eager.first < Math.max(10 * eager.best, 8) || eager.first < lazy.first / 3,
    `first invoke after an eager load: ${eager.first.toFixed(2)} ms (steady ${eager.best.toFixed(2)} ms, lazy first ${lazy.first.toFixed(2)} ms)`);
});
