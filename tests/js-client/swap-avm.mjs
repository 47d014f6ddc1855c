// Setup file: swaps js-client's AVM for airvm at the one seam every peer goes through.
// js-client builds its marine host as `new MarineBackgroundRunner(marineJs, avmWasm, worker)`
// in createClient, EphemeralNetwork.up() and its test utilities (withPeer, withClient); here
// each of those becomes an AirvmMarineHost whose inner host is such a runner, so 'avm' is
// airvm and marine services (registerMarineService, Srv) still run on js-client's worker.
// The runner is made when the first marine service is created (`inner` as a function), with
// a worker of its own created then: the worker js-client made along with the arguments is
// ended at once (a worker created long before its runner starts may send its init message
// before anyone listens, which is how EphemeralNetwork.up() fails with 8 or more original
// peers).
//
// Proof that the swap took effect: each test file's counts (hosts built, airvm invokes and
// asts, invokes that reached the original AVM) are appended as a JSON line to
// $AIRVM_SWAP_REPORT when set; tests/js/js-client.test.mjs checks them.
import { appendFileSync } from 'node:fs';
import { afterAll, expect, vi } from 'vitest';

const avm = process.env.AIRVM_JS_CLIENT_AVM ?? 'airvm';
const counts = { avm, hosts: 0, airvmInvokes: 0, airvmAsts: 0, originalInvokes: 0, innerStarts: 0 };
globalThis.__airvmSwapCounts = counts;

vi.mock('./node_modules/@fluencelabs/js-client/dist/marine/worker/index.js', async (importOriginal) => {
  const actual = await importOriginal();
  const Runner = actual.MarineBackgroundRunner;
  const c = globalThis.__airvmSwapCounts;
  // The original runner, counting the AVM calls that reach it.
  class CountingRunner extends Runner {
    async start() {
      c.innerStarts++;
      return super.start();
    }
    async callService(serviceId, functionName, ...rest) {
      if (serviceId === 'avm' && functionName === 'invoke') c.originalInvokes++;
      return super.callService(serviceId, functionName, ...rest);
    }
  }
  if (c.avm === 'original') return { ...actual, MarineBackgroundRunner: CountingRunner };
  const { AirvmMarineHost } = await import('airvm/js-client');
  class CountingAirvmHost extends AirvmMarineHost {
    async callService(serviceId, functionName, ...rest) {
      if (serviceId === 'avm' && functionName === 'invoke') c.airvmInvokes++;
      if (serviceId === 'avm' && functionName === 'ast') c.airvmAsts++;
      return super.callService(serviceId, functionName, ...rest);
    }
  }
  // Called with `new` by js-client; a constructor returning an object gives that object.
  const { loadMarineDeps } = await import('./node_modules/@fluencelabs/js-client/dist/marine/loader.js');
  function MarineBackgroundRunner(marineJs, avmWasm, worker) {
    c.hosts++;
    void worker.terminate();
    return new CountingAirvmHost({ inner: async () => new CountingRunner(...(await loadMarineDeps('/'))) });
  }
  return { ...actual, MarineBackgroundRunner };
});

afterAll(() => {
  const report = process.env.AIRVM_SWAP_REPORT;
  if (report) appendFileSync(report, JSON.stringify({ file: expect.getState().testPath, ...counts }) + '\n');
});
