// Public types of the airvm package.

/** Options shared by parse and format. */
export interface ParseOptions {
  /** Largest script accepted, in bytes (default 16 MiB, as AquaVM 0.62). */
  sizeLimit?: number;
  /** Reject instructions after `next` inside a fold, as AquaVM 0.62 does. */
  strictNext?: boolean;
}

/** An AIR script: text, or its UTF-8 bytes (bytes are handed to the parser unchanged, so
 * invalid UTF-8 and NUL bytes are diagnosed by the parser with their byte offset). */
export type AirSource = string | Uint8Array | ArrayBuffer;

/** Byte offsets into the script's UTF-8 text, [begin, end). */
export interface Span {
  begin: number;
  end: number;
}

/** One node of the AST's JSON view: `instruction` names it, positions appear only under
 * `span`, other keys depend on the instruction (see the C++ `to_json`). */
export interface AirNode {
  instruction: string;
  span: Span;
  [key: string]: unknown;
}

/** The script could not be parsed (retCode 1); errorMessage starts with
 * "air can't be parsed:" and lists every error with line:column and a caret. */
export interface AirFailure {
  ok: false;
  retCode: number;
  errorMessage: string;
}

export interface ParseSuccess {
  ok: true;
  retCode: 0;
  /** The AST as JSON text, exactly as the C++ side produced it (integers keep all digits). */
  json: string;
  /** The AST as an object (JSON.parse of `json`, computed on first access). Integers beyond
   * 2^53 lose precision here; use `json` when that matters. */
  readonly ast: AirNode;
}

export type ParseResult = ParseSuccess | AirFailure;

export interface FormatSuccess {
  ok: true;
  retCode: 0;
  /** The canonical form: one-space indent per level, ends with a newline. */
  text: string;
}

export type FormatResult = FormatSuccess | AirFailure;

/** Data bytes (an InterpreterData JSON document; zero bytes are the empty data). */
export type DataBytes = Uint8Array | ArrayBuffer;

export interface InspectOptions {
  /** Check every signature over this particle id (without it signatures are not checked). */
  particleId?: string;
  /** Also render the human-readable report into `text`. */
  text?: boolean;
}

/** One signer of a data document: its key, its peer id and the CIDs the trace attributes to it. */
export interface InspectSigner {
  publicKey: string;
  peerId: string;
  /** null when no particle id was given. */
  valid: boolean | null;
  cids: string[];
}

export interface InspectReport {
  version: string;
  interpreterVersion: string;
  /** The executed states in trace order, as the data writes them (the data's own keys). */
  trace: Record<string, unknown>[];
  lcid: number;
  /** Entry count per store, by the store's name in the data. */
  stores: Record<string, number>;
  signatures: InspectSigner[];
  /** Every store entry re-hashes to its CID and every reference resolves. */
  cidsOk: boolean;
  firstBad: string | null;
}

export interface InspectResult {
  /** 0, or the data's read error (2 or 3, as AquaVM's DataDeFailed / DataDeFailedWithVersions). */
  retCode: number;
  errorMessage: string;
  /** Every CID recomputes and every signature verifies over `particleId`. */
  verified: boolean;
  /** What is wrong first, when not verified. */
  firstBad: string;
  /** The report (undefined when the data can't be read). */
  json?: InspectReport;
  /** The human-readable report, with `text: true`. */
  text?: string;
}

export interface RewriteResult {
  retCode: number;
  errorMessage: string;
  /** The data written back as AquaVM 0.54 writes it (empty on error). */
  data: Uint8Array;
}

export interface CheckResult {
  /** 0, or the preparation error AquaVM returns for these inputs (2, 3, 5, 7 or 8). */
  retCode: number;
  errorMessage: string;
}

/** Run parameters, as @fluencelabs/avm names them. */
export interface RunParameters {
  initPeerId: string;
  currentPeerId: string;
  /** Particle creation time, ms since the epoch (the value of %timestamp%). */
  timestamp: number;
  /** Particle TTL, ms (the value of %ttl%). */
  ttl: number;
  /** 0 = Ed25519 (the only format the wasm accepts). */
  keyFormat: number;
  /** The 32-byte Ed25519 seed. */
  secretKeyBytes: Uint8Array;
  particleId: string;
}

/** A host's answer to call request `id`: retCode 0 and `result` the JSON text of the value,
 * or a non-zero retCode and `result` the error text. */
export interface CallServiceResult {
  retCode: number;
  result: string;
}
export type CallResultsArray = Array<[number, CallServiceResult]>;

/** A JSON value, as call arguments and service results are. */
export type JSONValue = string | number | boolean | null | JSONValue[] | { [key: string]: JSONValue };

/** Where a value came from: the peer, service and function of the call that produced it and
 * the lens applied to it (AquaVM 0.54's field names). */
export interface SecurityTetraplet {
  peer_pk: string;
  service_id: string;
  function_name: string;
  json_path: string;
}

export interface CallRequest {
  serviceId: string;
  functionName: string;
  arguments: JSONValue[];
  /** One list per argument. */
  tetraplets: SecurityTetraplet[][];
}
export type CallRequestsArray = Array<[number, CallRequest]>;

export interface InterpreterResult {
  retCode: number;
  errorMessage: string;
  data: Uint8Array;
  nextPeerPks: string[];
  callRequests: CallRequestsArray;
}

/** A loaded airvm instance. Calls are synchronous; one instance may be used for any number
 * of calls. */
export interface AirVm {
  /** Runs a particle: merges prevData with data, executes air, returns the new data, the
   * peers to send it to and the service calls to make (AquaVM's invoke). */
  invoke(
    air: string,
    prevData: Uint8Array,
    data: Uint8Array,
    runParams: RunParameters,
    callResults: CallResultsArray,
  ): InterpreterResult;
  parse(source: AirSource, options?: ParseOptions): ParseResult;
  format(source: AirSource, options?: ParseOptions): FormatResult;
  /** AquaVM's own `ast` export (what @fluencelabs/js-client's internals.parseAst calls): the
   * AST as JSON text, byte for byte as the original 0.54 writes it (`(null)` gives
   * `{"Null":null}`), or, when the script can't be parsed, a report laid out as the original's
   * (a text starting with "error: "; its labels are airvm's where the parsers word an error
   * differently). */
  ast(air: string): string;
  /** Reads data and reports its trace, stores and signers. */
  inspectData(data: DataBytes, options?: InspectOptions): InspectResult;
  /** Reads data and writes it back in the original's layout (map keys sorted). */
  rewriteData(data: DataBytes): RewriteResult;
  /** The checks AquaVM runs on prev and current data before executing (versions, CID stores,
   * signatures and their merge). */
  checkData(prevData: DataBytes, currentData: DataBytes, particleId: string): CheckResult;
  /** The signature-store value a peer with this 32-byte Ed25519 seed writes over these CIDs. */
  signCids(secretKey: Uint8Array, cids: string[], particleId: string): string;
  /** The peer id (12D3KooW...) and signature-store key of a 32-byte Ed25519 seed. */
  peerId(secretKey: Uint8Array): { peerId: string; publicKey: string };
}

/** An AirVm whose every method returns a Promise (airvm/worker's load() gives one): the same
 * names, arguments and results, computed in a worker (a Web Worker in browsers, a
 * worker_threads Worker in Node). */
export type AirVmAsync = {
  [K in keyof AirVm]: AirVm[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
} & {
  /** Stops the worker; calls still pending and later calls reject with an "airvm:" error. */
  terminate(): Promise<void>;
};

/** A WHATWG URL object (only `href` is read). */
export interface UrlLike {
  readonly href: string;
}

/** A fetch() Response, or anything with its members that load() reads. */
export interface ResponseLike {
  readonly ok: boolean;
  readonly status: number;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
  clone(): ResponseLike;
}

/** A compiled WebAssembly.Module (typed structurally, so that the package's types need neither
 * the DOM's nor Node's declarations). */
export type WasmModuleLike = object;

/** Where the .wasm comes from. Default: `./wasm/airvm.wasm` next to the package's
 * load.js (read with fs in Node, fetched in browsers). A string is a URL, resolved against
 * load.js's URL. */
export type WasmSource =
  | UrlLike
  | string
  | ArrayBuffer
  | ArrayBufferView
  | WasmModuleLike
  | ResponseLike
  | PromiseLike<ResponseLike>;

export interface LoadOptions {
  wasm?: WasmSource;
  /** Run a small warm-up particle before resolving (default true), so that V8's lazy
   * compilation of wasm functions is paid in load() (~50 ms) and not by the first invoke
   * (~40-70 ms before, ~1 ms after). A short-lived Node script that never invokes may pass
   * false: the warm-up also starts V8's optimising compiles, which Node finishes before it
   * exits (~0.3 s). */
  eager?: boolean;
}

/** airvm/worker's load() options: load()'s, and the worker script to start. */
export interface WorkerLoadOptions extends LoadOptions {
  /** Default: the package's worker-entry.js next to worker.js (bundlers that understand
   * `new Worker(new URL(..., import.meta.url))` bundle it). A relative URL resolves against
   * worker.js. */
  workerUrl?: string | UrlLike;
}
