// Instantiates the wasm module in Node and in browsers and wraps the raw embind functions in
// the typed API of types.ts. The Emscripten module object never leaves this file.
import createAirvmModule from './wasm/airvm.mjs';
import type { RawModule, RawOptions } from './wasm/airvm.mjs';
import { checkRunParameters } from './params.js';
import { importNodeBuiltin, isNode } from './node-builtin.js';
import { inspectReport } from './inspect.js';
import type { RawInspectReport } from './inspect.js';
import { warmUp } from './warmup.js';
import type {
  AirNode,
  AirSource,
  AirVm,
  CheckResult,
  DataBytes,
  FormatResult,
  InspectOptions,
  InspectResult,
  CallRequestsArray,
  CallResultsArray,
  InterpreterResult,
  JSONValue,
  RewriteResult,
  RunParameters,
  LoadOptions,
  UrlLike,
  ParseOptions,
  ParseResult,
  WasmSource,
} from './types.js';

const defaultWasmUrl = (): URL => new URL('./wasm/airvm.wasm', import.meta.url);


type Instantiated = { instance: WebAssembly.Instance; module?: WebAssembly.Module };

async function readFileUrl(url: URL): Promise<Uint8Array> {
  const [{ readFile }, { fileURLToPath }] = await Promise.all([
    importNodeBuiltin<typeof import('node:fs/promises')>('fs/promises'),
    importNodeBuiltin<typeof import('node:url')>('url'),
  ]);
  return readFile(fileURLToPath(url));
}

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d]; // "\0asm"

// What a non-wasm body starts with, for the error message (an HTML page, a JSON error...).
function describeStart(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 40);
  const printable = Array.from(head).every((b) => b === 9 || b === 10 || b === 13 || (b >= 0x20 && b < 0x7f));
  if (head.length === 0) return 'it is empty';
  if (printable) return `it starts with ${JSON.stringify(String.fromCharCode(...head).trim().slice(0, 30))}`;
  return `it starts with bytes ${Array.from(head.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ')}`;
}

function instantiateBytes(
  bytes: ArrayBuffer | Uint8Array,
  imports: WebAssembly.Imports,
  from = 'the bytes given to load()',
): Promise<Instantiated> {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (view.length < 4 || WASM_MAGIC.some((b, i) => view[i] !== b)) {
    const hint = /^https?:/.test(from)
      ? ' (the server answered with another file, e.g. its index.html: serve airvm.wasm there, or pass load({ wasm }))'
      : '';
    return Promise.reject(new Error(`airvm: expected a WebAssembly module from ${from}, but ${describeStart(view)}${hint}`));
  }
  return WebAssembly.instantiate(bytes as BufferSource, imports) as Promise<WebAssembly.WebAssemblyInstantiatedSource>;
}

async function instantiateResponse(
  response: Response,
  imports: WebAssembly.Imports,
): Promise<Instantiated> {
  const from = response.url || 'the fetched response';
  if (!response.ok) {
    throw new Error(`airvm: fetching ${from} failed: HTTP ${response.status}`);
  }
  const type = response.headers?.get('content-type') ?? '';
  if (typeof WebAssembly.instantiateStreaming === 'function' && /^application\/wasm\b/i.test(type)) {
    try {
      return await WebAssembly.instantiateStreaming(response.clone(), imports);
    } catch {
      // Not wasm after all (or another streaming failure): the bytes path says what it got.
    }
  }
  return instantiateBytes(await response.arrayBuffer(), imports, from);
}

const isUrlLike = (v: unknown): v is UrlLike =>
  (typeof URL === 'function' && v instanceof URL) ||
  (typeof v === 'object' && v !== null && typeof (v as { href?: unknown }).href === 'string' && !('arrayBuffer' in v));

async function instantiate(source: WasmSource, imports: WebAssembly.Imports): Promise<Instantiated> {
  if (source instanceof WebAssembly.Module) {
    return { instance: await WebAssembly.instantiate(source, imports), module: source };
  }
  if (source instanceof ArrayBuffer) {
    return instantiateBytes(source, imports);
  }
  if (ArrayBuffer.isView(source)) {
    const bytes = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    return instantiateBytes(bytes, imports);
  }
  if (typeof source === 'string' || isUrlLike(source)) {
    const url = new URL(typeof source === 'string' ? source : source.href, import.meta.url);
    if (url.protocol === 'file:' && isNode()) {
      return instantiateBytes(await readFileUrl(url), imports, url.href);
    }
    return instantiateResponse(await fetch(url), imports);
  }
  // Response or a promise of one.
  return instantiateResponse((await source) as Response, imports);
}

async function createModule(wasm: WasmSource): Promise<RawModule> {
  let fail: (reason: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const created = createAirvmModule({
    instantiateWasm(imports, successCallback) {
      instantiate(wasm, imports).then((r) => successCallback(r.instance, r.module), fail);
      return {}; // asynchronous instantiation
    },
    print: () => {},
    printErr: () => {},
    onAbort: (what) => fail(new Error(`airvm: wasm aborted: ${String(what)}`)),
  });
  return Promise.race([created, failed]);
}

function checkOptions(options: ParseOptions | undefined): RawOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') throw new TypeError('airvm: options must be an object');
  const out: RawOptions = {};
  if (options.sizeLimit !== undefined) {
    const n = options.sizeLimit;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      throw new TypeError('airvm: sizeLimit must be a non-negative integer number of bytes');
    }
    out.sizeLimit = n;
  }
  if (options.strictNext !== undefined) {
    if (typeof options.strictNext !== 'boolean') {
      throw new TypeError('airvm: strictNext must be a boolean');
    }
    out.strictNext = options.strictNext;
  }
  return out;
}

const encoder = new TextEncoder();

// Bytes go to C++ unchanged. Strings are encoded here (TextEncoder: a lone surrogate becomes
// U+FFFD) rather than by embind, whose encoder mishandles lone surrogates.
function toBytes(source: AirSource): Uint8Array | ArrayBuffer {
  if (typeof source === 'string') return encoder.encode(source);
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source;
  throw new TypeError('airvm: source must be a string, Uint8Array or ArrayBuffer');
}

function dataBytes(data: DataBytes, what: string): Uint8Array | ArrayBuffer {
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) return data;
  throw new TypeError(`airvm: ${what} must be a Uint8Array or ArrayBuffer`);
}

function seedBytes(key: Uint8Array): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new TypeError('airvm: the secret key must be a 32-byte Uint8Array (an Ed25519 seed)');
  }
  return key;
}

function inspect(raw: RawModule, data: DataBytes, options: InspectOptions = {}): InspectResult {
  const bytes = dataBytes(data, 'data');
  const particleId = options.particleId;
  if (particleId !== undefined && typeof particleId !== 'string') {
    throw new TypeError('airvm: particleId must be a string');
  }
  const r = raw.inspectData(bytes, particleId, true);
  const out: InspectResult = {
    retCode: r.retCode,
    errorMessage: r.errorMessage,
    verified: r.verified,
    firstBad: r.firstBad,
  };
  if (r.retCode !== 0) return out;
  out.json = inspectReport(JSON.parse(r.text) as RawInspectReport);
  if (options.text) out.text = raw.inspectData(bytes, particleId, false).text;
  return out;
}

// call_results bytes as @fluencelabs/avm's serializeAvmArgs builds them (data-format.md 1.2).
function callResultsJson(results: CallResultsArray): string {
  if (!Array.isArray(results)) throw new TypeError('airvm: callResults must be an array of [id, {retCode, result}]');
  const out: Record<string, { ret_code: number; result: string }> = {};
  for (const [id, r] of results) out[String(id)] = { ret_code: r.retCode, result: r.result };
  return JSON.stringify(out);
}

// call_requests text to the array of @fluencelabs/avm's deserializeAvmResult.
function callRequestsArray(text: string): CallRequestsArray {
  const raw = JSON.parse(text || '{}') as Record<
    string,
    { service_id: string; function_name: string; arguments: string; tetraplets: string }
  >;
  return Object.entries(raw).map(([id, r]) => [
    Number(id),
    {
      serviceId: r.service_id,
      functionName: r.function_name,
      arguments: JSON.parse(r.arguments) as JSONValue[],
      tetraplets: JSON.parse(r.tetraplets),
    },
  ]);
}

function invoke(
  raw: RawModule,
  air: string,
  prevData: Uint8Array,
  data: Uint8Array,
  p: RunParameters,
  callResults: CallResultsArray,
): InterpreterResult {
  if (typeof air !== 'string') throw new TypeError('airvm: air must be a string');
  const r = raw.invoke(
    encoder.encode(air),
    dataBytes(prevData, 'prevData'),
    dataBytes(data, 'data'),
    checkRunParameters(p),
    callResultsJson(callResults),
  );
  return {
    retCode: r.retCode,
    errorMessage: r.errorMessage,
    data: r.data,
    nextPeerPks: r.nextPeerPks,
    callRequests: callRequestsArray(r.callRequests),
  };
}

function wrap(raw: RawModule): AirVm {
  return {
    invoke(air, prevData, data, runParams, callResults) {
      return invoke(raw, air, prevData, data, runParams, callResults);
    },
    parse(source: AirSource, options?: ParseOptions): ParseResult {
      const r = raw.parse(toBytes(source), checkOptions(options));
      if (r.retCode !== 0) return { ok: false, retCode: r.retCode, errorMessage: r.errorMessage };
      const json = r.ast;
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
    },
    format(source: AirSource, options?: ParseOptions): FormatResult {
      const r = raw.format(toBytes(source), checkOptions(options));
      if (r.retCode !== 0) return { ok: false, retCode: r.retCode, errorMessage: r.errorMessage };
      return { ok: true, retCode: 0, text: r.text };
    },
    ast(air: string): string {
      if (typeof air !== 'string') throw new TypeError('airvm: air must be a string');
      return raw.ast(encoder.encode(air));
    },
    inspectData(data: DataBytes, options?: InspectOptions): InspectResult {
      return inspect(raw, data, options);
    },
    rewriteData(data: DataBytes): RewriteResult {
      return raw.rewriteData(dataBytes(data, 'data'));
    },
    checkData(prevData: DataBytes, currentData: DataBytes, particleId: string): CheckResult {
      if (typeof particleId !== 'string') throw new TypeError('airvm: particleId must be a string');
      return raw.checkData(dataBytes(prevData, 'prevData'), dataBytes(currentData, 'currentData'), particleId);
    },
    signCids(secretKey: Uint8Array, cids: string[], particleId: string): string {
      if (!Array.isArray(cids) || cids.some((c) => typeof c !== 'string')) {
        throw new TypeError('airvm: cids must be an array of strings');
      }
      return raw.signCids(seedBytes(secretKey), cids, String(particleId));
    },
    peerId(secretKey: Uint8Array): { peerId: string; publicKey: string } {
      return raw.peerId(seedBytes(secretKey));
    },
  };
}

let defaultInstance: Promise<AirVm> | undefined;

/**
 * Loads the wasm module and returns the API. Without `options.wasm` the module ships with the
 * package and is loaded once per process/page (later calls share the instance). Unless
 * `options.eager` is false, a warm-up particle runs before the promise resolves, so the first
 * invoke is as fast as later ones (V8 compiles wasm functions on their first call).
 */
export function load(options: LoadOptions = {}): Promise<AirVm> {
  const eager = options.eager !== false;
  const ready = (vm: Promise<AirVm>): Promise<AirVm> => (eager ? vm.then(warmUp) : vm);
  if (options.wasm === undefined) {
    defaultInstance ??= createModule(defaultWasmUrl()).then(wrap);
    // A failed load is not cached, so a later call may retry.
    defaultInstance.catch(() => {
      defaultInstance = undefined;
    });
    return ready(defaultInstance);
  }
  return ready(createModule(options.wasm).then(wrap));
}
