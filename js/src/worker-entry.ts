// The worker's side of airvm/worker: loads the interpreter and answers calls, one at a time,
// in a Web Worker (browsers) or a worker_threads Worker (Node). worker.ts starts it.
import { load } from './load.js';
import type { AirVm } from './types.js';
import { importNodeBuiltin, isNode } from './node-builtin.js';
import { resultTransfer, serializeError } from './worker-protocol.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

interface Port {
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
}


let vm: Promise<AirVm> | undefined;

// A parse result's `ast` is a getter (JSON.parse on first access): send the JSON text only, and
// let the caller's side rebuild the getter.
function plain(method: string, value: unknown): unknown {
  if (method === 'parse' && value !== null && typeof value === 'object' && (value as { ok?: unknown }).ok === true) {
    const { retCode, json } = value as { retCode: number; json: string };
    return { ok: true, retCode, json };
  }
  return value;
}

async function handle(port: Port, message: ToWorker): Promise<void> {
  if (message.type === 'init') {
    vm = load(message.options as Parameters<typeof load>[0]);
    try {
      const api = await vm;
      const methods = Object.keys(api).filter((k) => typeof (api as unknown as Record<string, unknown>)[k] === 'function');
      port.postMessage({ type: 'ready', methods });
    } catch (e) {
      port.postMessage({ type: 'failed', error: serializeError(e) });
    }
    return;
  }
  const { id, method, args } = message;
  try {
    if (!vm) throw new Error('airvm: the worker was not initialised');
    const api = (await vm) as unknown as Record<string, unknown>;
    const fn = api[method];
    if (typeof fn !== 'function' || !Object.prototype.hasOwnProperty.call(api, method)) {
      throw new TypeError(`airvm: no method ${JSON.stringify(method)}`);
    }
    const value = plain(method, (fn as (...a: unknown[]) => unknown).apply(api, args));
    port.postMessage({ type: 'result', id, value }, resultTransfer(value));
  } catch (e) {
    port.postMessage({ type: 'error', id, error: serializeError(e) });
  }
}

// No top-level await: bundlers build workers as classic scripts by default (Vite: iife).
if (isNode()) {
  void importNodeBuiltin<{
    parentPort: (Port & { on(event: 'message', listener: (m: ToWorker) => void): void }) | null;
  }>('worker_threads').then(({ parentPort }) => {
    if (!parentPort) throw new Error('airvm: worker-entry.js runs as a worker (airvm/worker starts it)');
    const port = parentPort;
    port.on('message', (m) => void handle(port, m));
  });
} else {
  // Listening at once: a Web Worker drops messages that arrive before a listener exists.
  const scope = globalThis as unknown as Port & {
    addEventListener(type: 'message', listener: (e: { data: ToWorker }) => void): void;
  };
  scope.addEventListener('message', (e) => void handle(scope, e.data));
}
