// airvm as the AVM of @fluencelabs/js-client 0.5.5: an IMarineHost (js-client's
// dist/marine/interfaces.d.ts) whose 'avm' service is airvm. Every other marine service is
// served by an optional inner host (e.g. js-client's MarineBackgroundRunner).
//
// js-client talks to its AVM through the marine host with marine-js's JSON shapes:
//   callService('avm', 'invoke', serializeAvmArgs(...))  -> the raw InterpreterOutcome record
//   callService('avm', 'ast', [air])                      -> AquaVM's AST JSON text or "error..."
// This module takes those shapes and returns what marine-js returns, so js-client's
// deserializeAvmResult reads airvm's outcome as it reads the original's. Nothing here imports
// js-client: its types are restated structurally below.
import { load } from './load.js';
import type { AirVm, CallResultsArray, JSONValue, LoadOptions, RunParameters } from './types.js';

export type JSONObject = { [key: string]: JSONValue };
export type JSONArray = JSONValue[];

/** js-client 0.5.5's IMarineHost, restated (start/stop come from its IStartable). */
export interface MarineHost {
  start(): Promise<void>;
  stop(): Promise<void>;
  createService(serviceModule: ArrayBuffer | SharedArrayBuffer, serviceId: string): Promise<void>;
  removeService(serviceId: string): Promise<void>;
  hasService(serviceId: string): Promise<boolean>;
  // marine-js's CallParameters; airvm's 'avm' does not read them.
  callService(serviceId: string, functionName: string, args: JSONArray | JSONObject, callParams?: any): Promise<JSONValue>;
}

/** A marine host, or a function making one when it is first needed. */
export type InnerMarineHost = MarineHost | (() => MarineHost | Promise<MarineHost>);

export interface AirvmMarineHostOptions {
  /** Serves every service but 'avm' (e.g. js-client's MarineBackgroundRunner); without it,
   * 'avm' is the only service. A host is started by start() and stopped by stop(). A function
   * is called on the first createService, and the host it makes started then, so a peer that
   * never registers a marine service never makes one (nor its worker): give
   * `async () => new MarineBackgroundRunner(...(await loadMarineDeps(cdn)))`, whose worker
   * is then created right before it starts (a runner whose worker was created long before it
   * starts may miss the worker's init message and time out). */
  inner?: InnerMarineHost;
  /** The airvm instance (default: `load(loadOptions)`, one instance shared per process). */
  vm?: AirVm | Promise<AirVm>;
  /** Options for `load()` when `vm` is not given (e.g. `{ wasm }` when a bundler serves it). */
  loadOptions?: LoadOptions;
}

/** The record AquaVM's `invoke` returns through marine-js (keys in serde_json's order). */
export interface RawInterpreterOutcome {
  call_requests: number[];
  data: number[];
  error_message: string;
  next_peer_pks: string[];
  ret_code: number;
  [key: string]: JSONValue;
}

const AVM = 'avm';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Errors are worded as marine-js words them for the original, so logs read the same.
function argError(fn: string, what: string): Error {
  return new Error(`arguments from json deserialization error in module "avm", function "${fn}": ${what}`);
}

const INVOKE_SIGNATURE =
  '[("air", String), ("prev_data", ByteArray), ("data", ByteArray), ("params", Record(7)), ("call_results", ByteArray)]';
const AST_SIGNATURE = '[("script", String)]';
const PARAMS_SIGNATURE =
  '[("init_peer_id", String), ("current_peer_id", String), ("timestamp", U64), ("ttl", U32), ("key_format", U8), ("secret_key_bytes", ByteArray), ("particle_id", String)]';
const PARAM_NAMES = ['air', 'prev_data', 'data', 'params', 'call_results'] as const;
const RUN_PARAM_NAMES = [
  'init_peer_id',
  'current_peer_id',
  'timestamp',
  'ttl',
  'key_format',
  'secret_key_bytes',
  'particle_id',
] as const;

// serde's names for JSON values in its messages.
function shown(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'sequence';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``;
  if (typeof v === 'boolean') return `boolean \`${v}\``;
  return typeof v;
}

// A value of the wrong JSON type ("invalid type") or out of range ("invalid value").
function serdeArgError(fn: string, kind: 'type' | 'value', v: unknown, expected: string): Error {
  const serde = `invalid ${kind}: ${shown(v)}, expected ${expected}`;
  return argError(fn, `error Error(${JSON.stringify(serde)}, line: 0, column: 0) occurred while deserializing function arguments`);
}

// A marine positional (array) or named (object) argument list, as marine-js accepts both.
function positional(fn: string, args: unknown, names: readonly string[], signature: string): unknown[] {
  if (args === null || args === undefined) {
    throw argError(fn, `the called function has the following signature: ${signature}, but no arguments is provided`);
  }
  if (Array.isArray(args)) {
    if (args.length !== names.length) {
      throw argError(fn, `function requires ${names.length} arguments, ${args.length} provided`);
    }
    return args;
  }
  if (typeof args === 'object') {
    const obj = args as Record<string, unknown>;
    const given = Object.keys(obj).filter((k) => obj[k] !== undefined);
    if (given.length > names.length) {
      throw argError(fn, `function requires ${names.length} arguments, ${given.length} provided`);
    }
    return names.map((name) => {
      if (obj[name] === undefined) throw argError(fn, `missing argument with name ${name}`);
      return obj[name];
    });
  }
  throw argError(
    fn,
    `called function has the following signature: '${signature}', and it isn't suitable for an argument '${JSON.stringify(args)}' provided`,
  );
}

function string(fn: string, v: unknown): string {
  if (typeof v !== 'string') throw serdeArgError(fn, 'type', v, 'a string');
  return v;
}

// A marine ByteArray: a JSON array of u8 (a Uint8Array is taken too).
function bytes(fn: string, v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (!Array.isArray(v)) throw serdeArgError(fn, 'type', v, 'a sequence');
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const b = v[i] as unknown;
    if (typeof b !== 'number' || !Number.isInteger(b)) throw serdeArgError(fn, 'type', b, 'u8');
    if (b < 0 || b > 255) throw serdeArgError(fn, 'value', b, 'u8');
    out[i] = b;
  }
  return out;
}

// u8, u32, or a u64 that a JS number holds exactly (airvm takes timestamps up to 2^53-1; the
// original takes any u64 that reaches it).
function unsigned(fn: string, v: unknown, bits: 8 | 32 | 64): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw serdeArgError(fn, 'type', v, `u${bits}`);
  const max = bits === 8 ? 0xff : bits === 32 ? 0xffff_ffff : Number.MAX_SAFE_INTEGER;
  if (v < 0 || v > max) throw serdeArgError(fn, 'value', v, bits === 64 ? 'u64 (up to 2^53-1 in airvm)' : `u${bits}`);
  return v;
}

interface InvokeCall {
  air: string;
  prevData: Uint8Array;
  data: Uint8Array;
  params: RunParameters;
  callResults: CallResultsArray;
  /** Not the format/key airvm takes: the outcome's ret code 6 is rewritten as the original's. */
  keyNote?: string;
}

const KEY_LENGTH = 32;
// The original's words for a secret key of the wrong length (ret code 6).
const ED25519_LENGTH_MESSAGE =
  'malformed keypair format: Ed25519(signature::Error { source: Some(SecretKey must be 32 bytes in length) })';
const INVALID_TYPE_BYTE = 'malformed keypair format: InvalidTypeByte';

function invokeCall(args: unknown): InvokeCall {
  const fn = 'invoke';
  const [air, prev, data, params, results] = positional(fn, args, PARAM_NAMES, INVOKE_SIGNATURE);
  const call: Omit<InvokeCall, 'params' | 'callResults'> = {
    air: string(fn, air),
    prevData: bytes(fn, prev),
    data: bytes(fn, data),
  };
  const p = positional(fn, params, RUN_PARAM_NAMES, PARAMS_SIGNATURE);
  const [initPeerId, currentPeerId, timestamp, ttl, keyFormat, secretKey, particleId] = p;
  const runParams: RunParameters = {
    initPeerId: string(fn, initPeerId),
    currentPeerId: string(fn, currentPeerId),
    timestamp: unsigned(fn, timestamp, 64),
    ttl: unsigned(fn, ttl, 32),
    keyFormat: unsigned(fn, keyFormat, 8),
    secretKeyBytes: bytes(fn, secretKey),
    particleId: string(fn, particleId),
  };
  let keyNote: string | undefined;
  // The original takes any u8 key format and key length and answers ret code 6 for the ones
  // it can't use; airvm's API refuses them with a TypeError. Key format 1 makes airvm answer
  // ret code 6 at the same point of preparation, with the original's words for a bad format.
  if (runParams.keyFormat !== 0 || runParams.secretKeyBytes.length !== KEY_LENGTH) {
    if (runParams.keyFormat === 0) keyNote = ED25519_LENGTH_MESSAGE;
    runParams.keyFormat = 1;
    if (runParams.secretKeyBytes.length !== KEY_LENGTH) runParams.secretKeyBytes = new Uint8Array(KEY_LENGTH);
  }
  // call_results are bytes (JSON text), read by the interpreter itself, which reports bad
  // ones with ret code 4; airvm's API takes them parsed, so parse what parses and let the
  // interpreter judge the rest.
  const resultBytes = bytes(fn, results);
  return { ...call, params: runParams, callResults: callResultsOf(resultBytes), ...(keyNote ? { keyNote } : {}) };
}

// A marker object: call_results that are not a well-formed {id: {ret_code, result}} map
// keep their text, for the interpreter's ret code 4 (see invokeWithRawResults).
type RawResults = CallResultsArray & { rawText?: string };

const I32_MIN = -0x8000_0000;
const I32_MAX = 0x7fff_ffff;

// What serde_json (AquaVM's reader of call_results) says about text that is not a map of
// u32 ids (in quotes) to {ret_code: i32, result: string}; '' when it reads.
function callResultsProblem(text: string): string {
  if (text.trim() === '') return 'EOF while parsing a value';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'expected value';
  }
  const kind = (v: unknown): string =>
    v === null ? 'null' : Array.isArray(v) ? 'sequence' : typeof v === 'object' ? 'map' : typeof v === 'string' ? `string ${JSON.stringify(v)}` : typeof v === 'number' ? (Number.isInteger(v) ? `integer \`${v}\`` : `floating point \`${v}\``) : `boolean \`${String(v)}\``;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return `invalid type: ${kind(parsed)}, expected a map`;
  }
  for (const [id, r] of Object.entries(parsed as Record<string, unknown>)) {
    if (!/^\+?[0-9]+$/.test(id) || Number(id) > 0xffff_ffff) return 'invalid value: expected key to be a number in quotes';
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      return `invalid type: ${kind(r)}, expected struct CallServiceResult`;
    }
    const rec = r as { ret_code?: unknown; result?: unknown };
    if (!('ret_code' in rec)) return 'missing field `ret_code`';
    if (typeof rec.ret_code !== 'number' || !Number.isInteger(rec.ret_code)) {
      return `invalid type: ${kind(rec.ret_code)}, expected i32`;
    }
    if (rec.ret_code < I32_MIN || rec.ret_code > I32_MAX) return `invalid value: ${kind(rec.ret_code)}, expected i32`;
    if (!('result' in rec)) return 'missing field `result`';
    if (typeof rec.result !== 'string') return `invalid type: ${kind(rec.result)}, expected a string`;
  }
  return '';
}

function callResultsOf(b: Uint8Array): CallResultsArray {
  const text = decoder.decode(b);
  if (callResultsProblem(text) === '') {
    const parsed = JSON.parse(text) as Record<string, { ret_code: number; result: string }>;
    return Object.entries(parsed).map(([id, r]) => [Number(id), { retCode: r.ret_code, result: r.result }]);
  }
  const raw: RawResults = [];
  raw.rawText = text;
  return raw;
}

function rawOutcome(
  retCode: number,
  errorMessage: string,
  data: Uint8Array,
  nextPeerPks: string[],
  callRequests: string,
): RawInterpreterOutcome {
  return {
    call_requests: Array.from(encoder.encode(callRequests)),
    data: Array.from(data),
    error_message: errorMessage,
    next_peer_pks: nextPeerPks,
    ret_code: retCode,
  };
}

/**
 * An IMarineHost for @fluencelabs/js-client 0.5.5 whose 'avm' service is airvm:
 * `new ClientPeer(peerConfig, relayConfig, keyPair, new AirvmMarineHost())`, or
 * `new AirvmMarineHost({ inner })` to keep js-client's marine services
 * (registerMarineService, Srv) on a MarineBackgroundRunner.
 */
export class AirvmMarineHost implements MarineHost {
  #innerSource: InnerMarineHost | undefined;
  #inner: MarineHost | undefined;
  #vmSource: AirVm | Promise<AirVm> | undefined;
  #loadOptions: LoadOptions | undefined;
  #vm: AirVm | undefined;
  #loading: Promise<AirVm> | undefined;
  #innerStarted: Promise<void> | undefined;

  constructor(options: AirvmMarineHostOptions = {}) {
    this.#innerSource = options.inner;
    if (typeof options.inner !== 'function') this.#inner = options.inner;
    this.#vmSource = options.vm;
    this.#loadOptions = options.loadOptions;
  }

  /** The inner host, once there is one (made by the `inner` function when it is one). */
  get inner(): MarineHost | undefined {
    return this.#inner;
  }

  /** Loads airvm and starts an inner host given as a host (not one given as a function). */
  async start(): Promise<void> {
    const vm = this.#airvm();
    if (this.#innerSource !== undefined && typeof this.#innerSource !== 'function') await this.#startInner();
    await vm;
  }

  /** Stops the inner host if it was started. airvm holds no worker and nothing to stop. */
  async stop(): Promise<void> {
    const started = this.#innerStarted;
    this.#innerStarted = undefined;
    if (started === undefined) return;
    try {
      await started;
    } catch {
      return; // it never started
    }
    await this.#inner?.stop();
  }

  async createService(serviceModule: ArrayBuffer | SharedArrayBuffer, serviceId: string): Promise<void> {
    if (serviceId === AVM) throw new Error(`Service with name ${AVM} already registered`);
    await this.#startInner(serviceId);
    await this.#inner!.createService(serviceModule, serviceId);
  }

  async removeService(serviceId: string): Promise<void> {
    if (serviceId === AVM) throw new Error(`Cannot remove '${AVM}' service`);
    const inner = await this.#startedInner();
    if (inner) await inner.removeService(serviceId);
  }

  async hasService(serviceId: string): Promise<boolean> {
    if (serviceId === AVM) return true;
    const inner = await this.#startedInner();
    return inner ? inner.hasService(serviceId) : false;
  }

  async callService(
    serviceId: string,
    functionName: string,
    args: JSONArray | JSONObject,
    callParams?: any,
  ): Promise<JSONValue> {
    if (serviceId !== AVM) {
      const inner = await this.#startedInner();
      if (!inner) throw new Error(`service with id=${serviceId} not found`);
      return inner.callService(serviceId, functionName, args, callParams);
    }
    const vm = await this.#airvm();
    switch (functionName) {
      case 'invoke':
        return this.#invoke(vm, args);
      case 'ast':
        return this.#ast(vm, args);
      default:
        throw new Error(`function with name \`${functionName}\` is missing`);
    }
  }

  #invoke(vm: AirVm, args: unknown): RawInterpreterOutcome {
    const call = invokeCall(args);
    const raw = (call.callResults as RawResults).rawText;
    let out;
    if (raw !== undefined) {
      // call_results that are not a well-formed map: the interpreter reports them (ret code
      // 4). The typed API takes results parsed, so give it what the interpreter would read.
      out = invokeWithRawResults(vm, call, raw);
    } else {
      out = vm.invoke(call.air, call.prevData, call.data, call.params, call.callResults);
    }
    let message = out.errorMessage;
    if (call.keyNote && out.retCode === 6 && message === INVALID_TYPE_BYTE) message = call.keyNote;
    return rawOutcome(out.retCode, message, out.data, out.nextPeerPks, callRequestsText(out.callRequests));
  }

  #ast(vm: AirVm, args: unknown): string {
    const [air] = positional('ast', args, ['script'], AST_SIGNATURE);
    const script = string('ast', air);
    return vm.ast(script);
  }

  #startInner(serviceId = AVM): Promise<void> {
    const source = this.#innerSource;
    if (source === undefined) {
      return Promise.reject(
        new Error(`airvm: no inner marine host for service '${serviceId}' (AirvmMarineHost without { inner } serves only '${AVM}')`),
      );
    }
    if (this.#innerStarted === undefined) {
      const started = (async () => {
        const inner = typeof source === 'function' ? await source() : source;
        this.#inner = inner;
        await inner.start();
      })();
      this.#innerStarted = started;
      // A failed start is not kept: a later createService tries again.
      started.catch(() => {
        if (this.#innerStarted === started) this.#innerStarted = undefined;
      });
    }
    return this.#innerStarted;
  }

  // The inner host if it has been started (awaiting a start in progress), else undefined.
  async #startedInner(): Promise<MarineHost | undefined> {
    if (this.#innerStarted === undefined) return undefined;
    try {
      await this.#innerStarted;
    } catch {
      return undefined;
    }
    return this.#inner;
  }

  #airvm(): AirVm | Promise<AirVm> {
    if (this.#vm) return this.#vm;
    if (this.#loading === undefined) {
      const loading = Promise.resolve(this.#vmSource ?? load(this.#loadOptions ?? {}));
      this.#loading = loading;
      loading.then(
        (vm) => {
          this.#vm = vm;
        },
        () => {
          if (this.#loading === loading) this.#loading = undefined;
        },
      );
    }
    return this.#loading;
  }
}

// call_requests as the original writes them: {"id": {service_id, function_name, arguments,
// tetraplets}} with arguments and tetraplets as JSON text.
function callRequestsText(requests: ReturnType<AirVm['invoke']>['callRequests']): string {
  const out: Record<string, { service_id: string; function_name: string; arguments: string; tetraplets: string }> = {};
  for (const [id, r] of requests) {
    out[String(id)] = {
      service_id: r.serviceId,
      function_name: r.functionName,
      arguments: JSON.stringify(r.arguments),
      tetraplets: JSON.stringify(r.tetraplets),
    };
  }
  return JSON.stringify(out);
}

// The interpreter reads call_results text itself and answers ret code 4 for text it can't
// read as {id: {ret_code, result}}. airvm's typed API takes results already parsed, so that
// outcome is built here as the original builds it: after the errors the original finds
// first (AIR, data, version, the current data's CIDs and signatures), ret code 4 with
// serde's reason (its line and column are not reproduced) and the text as a byte list,
// prev data kept.
const FOUND_BEFORE_CALL_RESULTS = new Set([1, 2, 3, 5, 7, 8]);

function invokeWithRawResults(vm: AirVm, call: InvokeCall, text: string): ReturnType<AirVm['invoke']> {
  const first = vm.invoke(call.air, call.prevData, call.data, call.params, []);
  if (FOUND_BEFORE_CALL_RESULTS.has(first.retCode)) return first;
  const reason = callResultsProblem(text);
  return {
    retCode: 4,
    errorMessage: `error occurred while deserialize call results: Error(${JSON.stringify(reason)}).\nCall results: [${Array.from(encoder.encode(text)).join(', ')}]`,
    data: call.prevData,
    nextPeerPks: [],
    callRequests: [],
  };
}
