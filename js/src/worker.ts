// airvm/worker: the interpreter in a worker (a Web Worker in browsers, a worker_threads Worker
// in Node) behind AirVm's API made asynchronous, so the caller's thread stays free.
//
//   import { load } from 'airvm/worker';
//   const vm = await load();                  // an AirVmAsync
//   const out = await vm.invoke(air, prev, data, runParams, callResults);
//   await vm.terminate();
//
// Byte arrays cross without a second copy: each argument's bytes are copied once into a buffer
// of their own, which is transferred (the caller's arrays stay usable); results' byte arrays are
// transferred back. Errors thrown there (the TypeErrors of the checks) reject with the same
// class and message; a worker that crashes rejects every pending call with an "airvm:" error.
import type { AirNode, AirVmAsync, ResponseLike, UrlLike, WorkerLoadOptions } from './types.js';
import { importNodeBuiltin, isNode } from './node-builtin.js';
import { deserializeError, packArgs } from './worker-protocol.js';
import type { FromWorker, InitOptions, ToWorker } from './worker-protocol.js';

export type { AirVmAsync, WorkerLoadOptions } from './types.js';

/** What worker.ts needs of a Web Worker or a worker_threads Worker. */
interface Channel {
  post(message: ToWorker, transfer: ArrayBuffer[]): void;
  /** Called with each message, and once with an Error when the worker fails or exits. */
  listen(onMessage: (m: FromWorker) => void, onFailure: (e: Error) => void): void;
  /** Keeps the Node process alive while calls are pending (no-op in browsers). */
  ref(on: boolean): void;
  terminate(): Promise<void>;
}


function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  const ev = e as { message?: unknown; filename?: unknown; lineno?: unknown };
  if (ev && typeof ev.message === 'string' && ev.message) {
    return ev.filename ? `${ev.message} (${String(ev.filename)}:${String(ev.lineno)})` : ev.message;
  }
  return 'the worker script failed to load or threw (see the console)';
}

function browserChannel(url: URL | undefined): Channel {
  // The literal `new Worker(new URL('./worker-entry.js', import.meta.url), { type: 'module' })` is
  // what bundlers (Vite, webpack 5, Parcel) recognise to bundle the worker and its wasm.
  const worker = url
    ? new Worker(url, { type: 'module' })
    : new Worker(new URL('./worker-entry.js', import.meta.url), { type: 'module' });
  return {
    post: (m, transfer) => worker.postMessage(m, transfer),
    listen(onMessage, onFailure) {
      worker.addEventListener('message', (e) => onMessage(e.data as FromWorker));
      worker.addEventListener('error', (e) => {
        e.preventDefault?.();
        onFailure(new Error(`airvm: the worker failed: ${describe(e)}`));
      });
      worker.addEventListener('messageerror', () => onFailure(new Error('airvm: a message from the worker could not be read')));
    },
    ref: () => {},
    terminate: async () => worker.terminate(),
  };
}

interface NodeWorker {
  postMessage(m: unknown, transfer?: ArrayBuffer[]): void;
  on(event: 'message', f: (m: FromWorker) => void): void;
  on(event: 'error', f: (e: Error) => void): void;
  on(event: 'exit', f: (code: number) => void): void;
  on(event: 'messageerror', f: (e: Error) => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

async function nodeChannel(url: URL | undefined): Promise<Channel> {
  // A variable file name: bundlers building for browsers do not take it for an asset.
  const entry = './worker-entry.js';
  const { Worker: NodeWorkerClass } = await importNodeBuiltin<{
    Worker: new (url: URL, options: { execArgv?: string[] }) => NodeWorker;
  }>('worker_threads');
  // Workers inherit the process's flags; --input-type (node --input-type=module -e ...) makes a
  // worker started from a file fail at once, so it stays behind.
  const parentArgv = (globalThis as { process?: { execArgv?: string[] } }).process?.execArgv ?? [];
  const execArgv = parentArgv.filter((a, i) => !a.startsWith('--input-type') && parentArgv[i - 1] !== '--input-type');
  const worker = new NodeWorkerClass(url ?? new URL(entry, import.meta.url), { execArgv });
  let terminating = false;
  return {
    post: (m, transfer) => worker.postMessage(m, transfer),
    listen(onMessage, onFailure) {
      worker.on('message', onMessage);
      worker.on('error', (e) => onFailure(new Error(`airvm: the worker crashed: ${describe(e)}`)));
      worker.on('messageerror', () => onFailure(new Error('airvm: a message from the worker could not be read')));
      worker.on('exit', (code) => {
        if (!terminating) onFailure(new Error(`airvm: the worker exited (code ${code})`));
      });
    },
    ref: (on) => (on ? worker.ref() : worker.unref()),
    async terminate() {
      terminating = true;
      await worker.terminate();
    },
  };
}

const isResponseLike = (v: unknown): v is ResponseLike =>
  typeof v === 'object' && v !== null && typeof (v as ResponseLike).arrayBuffer === 'function' && 'ok' in v;
const isUrlLike = (v: unknown): v is UrlLike =>
  typeof v === 'object' && v !== null && typeof (v as UrlLike).href === 'string' && !('arrayBuffer' in v);

// load()'s `wasm` in a form that crosses to the worker; relative URLs resolve here, against this
// module, as load() resolves them against its own.
async function initOptions(options: WorkerLoadOptions, transfer: ArrayBuffer[]): Promise<InitOptions> {
  const { workerUrl: _workerUrl, wasm, ...rest } = options;
  if (wasm === undefined) return rest;
  if (typeof wasm === 'string') return { ...rest, wasm: new URL(wasm, import.meta.url).href };
  if (isUrlLike(wasm)) return { ...rest, wasm: wasm.href };
  if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) {
    const [bytes] = packArgs([wasm instanceof ArrayBuffer ? wasm : new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength)], transfer);
    return { ...rest, wasm: bytes as Uint8Array };
  }
  const awaited: unknown = 'then' in wasm && typeof (wasm as PromiseLike<unknown>).then === 'function' ? await wasm : wasm;
  if (isResponseLike(awaited)) {
    if (!awaited.ok) throw new Error(`airvm: fetching ${awaited.url || 'the wasm'} failed: HTTP ${awaited.status}`);
    const bytes = await awaited.arrayBuffer();
    transfer.push(bytes);
    return { ...rest, wasm: bytes };
  }
  return { ...rest, wasm: awaited as object }; // a WebAssembly.Module: structured-cloneable
}

function parseResult(value: { ok: boolean; retCode: number; json?: string; errorMessage?: string }): unknown {
  if (!value.ok) return value;
  const json = value.json as string;
  let ast: AirNode | undefined;
  return {
    ok: true,
    retCode: 0,
    json,
    get ast(): AirNode {
      ast ??= JSON.parse(json) as AirNode;
      return ast;
    },
  };
}

/**
 * Starts a worker, loads the interpreter there (with load()'s options, and `workerUrl` to start
 * another script than the package's worker-entry.js) and resolves to its asynchronous API.
 * Each call of load() starts a worker of its own; terminate() stops it. In Node the worker does
 * not keep the process alive while no call is pending.
 */
export async function load(options: WorkerLoadOptions = {}): Promise<AirVmAsync> {
  if (options === null || typeof options !== 'object') throw new TypeError('airvm: options must be an object');
  const transfer: ArrayBuffer[] = [];
  const init = await initOptions(options, transfer);
  const url = options.workerUrl === undefined
    ? undefined
    : new URL(typeof options.workerUrl === 'string' ? options.workerUrl : options.workerUrl.href, import.meta.url);
  const channel = isNode() ? await nodeChannel(url) : browserChannel(url);

  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; method: string }>();
  let nextId = 1;
  let dead: Error | undefined;
  let onReady: ((methods: string[]) => void) | undefined;
  let onLoadFailed: ((e: Error) => void) | undefined;

  const fail = (e: Error): void => {
    if (dead) return;
    dead = e;
    onLoadFailed?.(e);
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    channel.ref(false);
    void channel.terminate().catch(() => {});
  };

  channel.listen((m) => {
    if (m.type === 'ready') onReady?.(m.methods);
    else if (m.type === 'failed') onLoadFailed?.(deserializeError(m.error));
    else {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (pending.size === 0) channel.ref(false);
      if (m.type === 'result') p.resolve(p.method === 'parse' ? parseResult(m.value as never) : m.value);
      else p.reject(deserializeError(m.error));
    }
  }, fail);

  const methods = await new Promise<string[]>((resolve, reject) => {
    onReady = resolve;
    onLoadFailed = reject;
    channel.post({ type: 'init', options: init }, transfer);
  }).catch(async (e: unknown) => {
    dead ??= e as Error;
    await channel.terminate().catch(() => {});
    throw e;
  });
  onLoadFailed = undefined;
  channel.ref(false);

  const call = (method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (dead) {
        reject(new Error(`${dead.message.startsWith('airvm:') ? dead.message : `airvm: ${dead.message}`}`));
        return;
      }
      const id = nextId++;
      const sent: ArrayBuffer[] = [];
      let packed: unknown[];
      try {
        packed = packArgs(args, sent);
        if (pending.size === 0) channel.ref(true);
        pending.set(id, { resolve, reject, method });
        channel.post({ type: 'call', id, method, args: packed }, sent);
      } catch (e) {
        pending.delete(id);
        if (pending.size === 0) channel.ref(false);
        reject(new TypeError(`airvm: the arguments of ${method} can't be sent to the worker: ${describe(e)}`));
      }
    });

  const api: Record<string, unknown> = {};
  for (const method of methods) api[method] = (...args: unknown[]) => call(method, args);
  api.terminate = async (): Promise<void> => {
    if (!dead) {
      dead = new Error('airvm: the worker was terminated');
      for (const p of pending.values()) p.reject(dead);
      pending.clear();
    }
    channel.ref(false);
    await channel.terminate().catch(() => {});
  };
  return api as unknown as AirVmAsync;
}
