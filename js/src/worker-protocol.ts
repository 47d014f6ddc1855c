// Messages between airvm/worker (worker.ts, the caller's thread) and the worker
// (worker-entry.ts). Internal to the package.
import type { LoadOptions } from './types.js';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

/** The caller's options as they cross: a URL object becomes its href, a Response its bytes. */
export type InitOptions = Omit<LoadOptions, 'wasm'> & { wasm?: string | ArrayBuffer | ArrayBufferView | object };

export type ToWorker =
  | { type: 'init'; options: InitOptions }
  | { type: 'call'; id: number; method: string; args: unknown[] };

export type FromWorker =
  | { type: 'ready'; methods: string[] }
  | { type: 'failed'; error: SerializedError }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return { name: 'Error', message: String(e) };
}

/** An Error of the same class (TypeError, RangeError...) and message as the one thrown there. */
export function deserializeError(e: SerializedError): Error {
  const Class =
    { TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError }[e.name as 'TypeError'] ?? Error;
  const error = new Class(e.message);
  if (Class === Error && e.name && e.name !== 'Error') error.name = e.name;
  return error;
}

/** An ArrayBuffer that holds exactly these bytes and nothing else, so it can be transferred
 * without taking anything from the caller (one copy, as structured cloning would make; a view
 * into a bigger buffer would otherwise clone the whole buffer). */
function ownBuffer(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
}

/**
 * The arguments as they are sent: byte arrays (top level, or a field of a top-level object such
 * as runParams.secretKeyBytes) copied into buffers of their own and transferred; everything else
 * is structured-cloned as it is, so the worker's checks see what the caller passed.
 */
export function packArgs(args: unknown[], transfer: ArrayBuffer[]): unknown[] {
  const pack = (v: unknown, depth: number): unknown => {
    if (v instanceof ArrayBuffer) {
      const copy = v.slice(0);
      transfer.push(copy);
      return copy;
    }
    if (v instanceof Uint8Array) {
      const copy = ownBuffer(v);
      transfer.push(copy.buffer as ArrayBuffer);
      return copy;
    }
    if (depth === 0 && v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = pack(x, 1);
      return out;
    }
    return v;
  };
  return args.map((a) => pack(a, 0));
}

/** The buffers of a result's byte arrays (top-level fields), when each is the whole of a plain
 * ArrayBuffer: the worker hands them over instead of copying them. */
export function resultTransfer(value: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (value === null || typeof value !== 'object') return out;
  for (const v of Object.values(value)) {
    if (
      v instanceof Uint8Array &&
      v.buffer instanceof ArrayBuffer &&
      v.byteOffset === 0 &&
      v.byteLength === v.buffer.byteLength &&
      !out.includes(v.buffer)
    ) {
      out.push(v.buffer);
    }
  }
  return out;
}
