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

export interface RawModule {
  parse(source: string | Uint8Array | ArrayBuffer, options: RawOptions): RawParseResult;
  format(source: string | Uint8Array | ArrayBuffer, options: RawOptions): RawFormatResult;
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
