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

/** A loaded airvm instance. Calls are synchronous; one instance may be used for any number
 * of calls. */
export interface AirVm {
  parse(source: AirSource, options?: ParseOptions): ParseResult;
  format(source: AirSource, options?: ParseOptions): FormatResult;
}

/** Where the .wasm comes from. Default: `./wasm/airvm.wasm` next to the package's
 * index.js (read with fs in Node, fetched in browsers). */
export type WasmSource =
  | URL
  | string
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module
  | Response
  | PromiseLike<Response>;

export interface LoadOptions {
  wasm?: WasmSource;
}
