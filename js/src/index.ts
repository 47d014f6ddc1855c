// airvm: parse and format AIR scripts with the C++ front end compiled to WebAssembly.
//
//   import { load } from 'airvm';
//   const air = await load();
//   const r = air.parse('(null)');
//   if (r.ok) console.log(r.ast.instruction); else console.error(r.errorMessage);
export { load } from './load.js';
export type {
  AirFailure,
  AirNode,
  AirSource,
  AirVm,
  CallRequest,
  CallRequestsArray,
  CallResultsArray,
  CallServiceResult,
  InterpreterResult,
  RunParameters,
  CheckResult,
  DataBytes,
  InspectOptions,
  InspectReport,
  InspectResult,
  InspectSigner,
  RewriteResult,
  FormatResult,
  FormatSuccess,
  LoadOptions,
  ParseOptions,
  ParseResult,
  ParseSuccess,
  Span,
  WasmSource,
} from './types.js';
export { prettyJson, prettyJsonLength } from './pretty-json.js';
