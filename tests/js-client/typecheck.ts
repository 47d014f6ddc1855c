// Compiled (not run) by tests/js/js-client.test.mjs: AirvmMarineHost is a js-client 0.5.5
// IMarineHost, and what ClientPeer takes as its marine host, in a strict TypeScript project.
import { ClientPeer, KeyPair } from '@fluencelabs/js-client';
import type { IMarineHost } from './node_modules/@fluencelabs/js-client/dist/marine/interfaces.js';
import { AirvmMarineHost, type MarineHost } from 'airvm/js-client';

export const host: IMarineHost = new AirvmMarineHost();
export const wrapping: IMarineHost = new AirvmMarineHost({ inner: host });
export const lazily: IMarineHost = new AirvmMarineHost({ inner: async () => host });
export const restated: MarineHost = host;

type RelayAddress = ConstructorParameters<typeof ClientPeer>[1]['relayAddress'];

export async function client(relayAddress: RelayAddress): Promise<ClientPeer> {
  const keyPair = await KeyPair.randomEd25519();
  return new ClientPeer(
    { defaultTtlMs: 7000, debug: { printParticleId: false } },
    { peerId: keyPair.getLibp2pPeerId(), relayAddress, maxInboundStreams: 1024, maxOutboundStreams: 1024 },
    keyPair,
    new AirvmMarineHost(),
  );
}
