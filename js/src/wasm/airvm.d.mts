// Types for the Emscripten glue (build/wasm/airvm.mjs, copied to js/dist/wasm/ by
// scripts/build-wasm.sh). Internal to the package: users never see this module.

export interface RawOptions {
  sizeLimit?: number;
  strictNext?: boolean;
}

export interface RawParseResult {
  retCode: number;
  errorMessage: string;
  ast: string;
}

export interface RawFormatResult {
  retCode: number;
  errorMessage: string;
  text: string;
}

export interface RawInspectResult {
  retCode: number;
  errorMessage: string;
  text: string;
  verified: boolean;
  firstBad: string;
}

export interface RawDataResult {
  retCode: number;
  errorMessage: string;
  data: Uint8Array;
}

export interface RawCheckResult {
  retCode: number;
  errorMessage: string;
}

type Bytes = Uint8Array | ArrayBuffer;

export interface RawRunParams {
  initPeerId: string;
  currentPeerId: string;
  timestamp: number;
  ttl: number;
  keyFormat: number;
  secretKeyBytes: Uint8Array;
  particleId: string;
}

export interface RawOutcome {
  retCode: number;
  errorMessage: string;
  data: Uint8Array;
  nextPeerPks: string[];
  callRequests: string;
}

export interface RawModule {
  invoke(air: string | Bytes, prev: Bytes, current: Bytes, params: RawRunParams, callResults: string | Bytes): RawOutcome;
  parse(source: string | Bytes, options: RawOptions): RawParseResult;
  format(source: string | Bytes, options: RawOptions): RawFormatResult;
  ast(script: string | Bytes): string;
  inspectData(data: Bytes, particleId: string | undefined, json: boolean): RawInspectResult;
  rewriteData(data: Bytes): RawDataResult;
  checkData(prev: Bytes, current: Bytes, particleId: string): RawCheckResult;
  signCids(seed: Bytes, cids: string[], particleId: string): string;
  peerId(seed: Bytes): { peerId: string; publicKey: string };
}

export interface RawModuleArguments {
  instantiateWasm?(
    imports: WebAssembly.Imports,
    successCallback: (instance: WebAssembly.Instance, module?: WebAssembly.Module) => void,
  ): object;
  wasmBinary?: ArrayBuffer | Uint8Array;
  print?(text: string): void;
  printErr?(text: string): void;
  onAbort?(what: unknown): void;
}

declare function createAirvmModule(args?: RawModuleArguments): Promise<RawModule>;
export default createAirvmModule;
