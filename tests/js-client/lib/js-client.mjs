// js-client 0.5.5's classes that its package entry does not export (its "exports" map lets
// only "." and "./keypair" through), reached by file next to its entry, as docs/js-client.md
// shows users. Same module instances as '@fluencelabs/js-client' itself uses.
const dist = new URL('../node_modules/@fluencelabs/js-client/dist/', import.meta.url);
const at = (path) => import(new URL(path, dist).href);

export const { FluencePeer, DEFAULT_CONFIG } = await at('jsPeer/FluencePeer.js');
export const { JsServiceHost } = await at('jsServiceHost/JsServiceHost.js');
export const { EphemeralNetwork, EphemeralConnection, defaultConfig } = await at('ephemeral/network.js');
export const { EphemeralNetworkClient } = await at('ephemeral/client.js');
export const { Particle, serializeToString, buildParticleMessage } = await at('particle/Particle.js');
export const { loadMarineDeps } = await at('marine/loader.js');
export const { KeyPair, fromBase64Sk } = await at('keypair/index.js');
export const { callAquaFunction } = await at('compilerSupport/callFunction.js');
export const { ResultCodes } = await at('jsServiceHost/interfaces.js');
