// A Fluence relay on this machine for tests: a js-client FluencePeer (its AVM whatever
// marine host it is given) listening for libp2p websocket connections on 127.0.0.1 with the
// particle protocol /fluence/particle/2.0.0, as a Fluence node does for its clients. A
// ClientPeer connects to `multiaddr`; particles whose next peer is a connected client are
// sent back on that connection.
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { peerIdFromString } from '@libp2p/peer-id';
import { ping } from '@libp2p/ping';
import { webSockets } from '@libp2p/websockets';
import { all } from '@libp2p/websockets/filters';
import { decode, encode } from 'it-length-prefixed';
import map from 'it-map';
import { pipe } from 'it-pipe';
import { createLibp2p } from 'libp2p';
import { Subject } from 'rxjs';
import { fromString } from 'uint8arrays/from-string';
import { toString } from 'uint8arrays/to-string';
import {
  DEFAULT_CONFIG,
  FluencePeer,
  JsServiceHost,
  KeyPair,
  Particle,
  buildParticleMessage,
  serializeToString,
} from './js-client.mjs';

const PROTOCOL = '/fluence/particle/2.0.0';

class ListeningConnection {
  particleSource = new Subject();
  node = null;

  constructor(keyPair) {
    this.keyPair = keyPair;
  }

  async start() {
    this.node = await createLibp2p({
      peerId: this.keyPair.getLibp2pPeerId(),
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0/ws'] },
      transports: [webSockets({ filter: all })],
      streamMuxers: [yamux()],
      connectionEncryption: [noise()],
      connectionGater: { denyDialMultiaddr: () => Promise.resolve(false) },
      services: { identify: identify(), ping: ping() },
    });
    await this.node.handle(PROTOCOL, ({ stream }) => {
      void pipe(stream.source, decode, (source) => map(source, (buf) => toString(buf.subarray())), async (source) => {
        for await (const msg of source) await this.#receive(msg);
      }).catch(() => {});
    });
  }

  async #receive(msg) {
    const particle = Particle.fromString(msg);
    const initPeerId = peerIdFromString(particle.initPeerId);
    // As a node does: only particles signed by their init peer are let in.
    const ok = await KeyPair.verifyWithPublicKey(initPeerId.publicKey, buildParticleMessage(particle), particle.signature);
    if (ok) this.particleSource.next(particle);
  }

  async stop() {
    await this.node?.stop();
    this.node = null;
  }

  supportsRelay() {
    return false;
  }

  getRelayPeerId() {
    throw new Error('the relay has no relay');
  }

  async sendParticle(nextPeerIds, particle) {
    for (const id of nextPeerIds) {
      const stream = await this.node.dialProtocol(peerIdFromString(id), PROTOCOL);
      await pipe([fromString(serializeToString(particle))], encode, stream.sink);
    }
  }
}

/** Starts a relay whose AVM is served by `marine` (an IMarineHost). */
export async function startRelay({ marine, keyPair } = {}) {
  keyPair ??= await KeyPair.randomEd25519();
  const connection = new ListeningConnection(keyPair);
  const peer = new FluencePeer(DEFAULT_CONFIG, keyPair, marine, new JsServiceHost(), connection);
  await peer.start();
  const [address] = connection.node.getMultiaddrs();
  return {
    peer,
    peerId: keyPair.getPeerId(),
    /** e.g. /ip4/127.0.0.1/tcp/40123/ws/p2p/12D3KooW... */
    multiaddr: address.toString(),
    stop: () => peer.stop(),
  };
}
