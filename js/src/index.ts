// airvm: AquaVM, the interpreter of AIR (Fluence's choreography language), as a C++20 core
// compiled to WebAssembly, with a host loop (createPeer) and an in-process network.
//
//   import { createNetwork } from 'airvm';
//   const net = await createNetwork({ peers: 2 });
//   const steps = await net.run(`(call "${'$'}{peerB}" ("op" "noop") [])`);
export { load } from './load.js';
export { KeyPairFormat } from './params.js';
export { createPeer, DEFAULT_TTL } from './peer.js';
export type { CallContext, DefaultService, Outgoing, Particle, Peer, PeerEvent, PeerOptions, ServiceFunction, Services } from './peer.js';
export { createNetwork, DEFAULT_MAX_DELIVERIES } from './network.js';
export type { Network, NetworkOptions, RunOptions, Step } from './network.js';
export type {
  AirFailure,
  AirNode,
  AirSource,
  AirVm,
  AirVmAsync,
  JSONValue,
  SecurityTetraplet,
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
  WorkerLoadOptions,
  ResponseLike,
  UrlLike,
  WasmModuleLike,
} from './types.js';
export { prettyJson, prettyJsonLength } from './pretty-json.js';
