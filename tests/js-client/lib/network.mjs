// An ephemeral js-client network whose peers' marine hosts are chosen per peer, and clients
// on it. EphemeralNetwork.up() builds every peer with js-client's MarineBackgroundRunner
// itself; this up() builds them the same way (FluencePeer + EphemeralConnection, every peer
// connected to every other) with the host marineFor(index, peerId) returns.
import { compileFromString } from '@fluencelabs/aqua-api';
import {
  DEFAULT_CONFIG,
  EphemeralConnection,
  EphemeralNetwork,
  FluencePeer,
  JsServiceHost,
  KeyPair,
  callAquaFunction,
  fromBase64Sk,
} from './js-client.mjs';

export class HostedEphemeralNetwork extends EphemeralNetwork {
  constructor(config, marineFor) {
    super(config);
    this.marineFor = marineFor;
  }

  async up() {
    const peers = await Promise.all(
      this.config.peers.map(async ({ peerId, sk }, i) => {
        const keyPair = await fromBase64Sk(sk);
        if (keyPair.getPeerId() !== peerId) throw new Error(`peer ${i}: ${peerId} is not the id of its key`);
        const connection = new EphemeralConnection(peerId);
        const peer = new FluencePeer(DEFAULT_CONFIG, keyPair, this.marineFor(i, peerId), new JsServiceHost(), connection);
        peer.ephemeralConnection = connection;
        return peer;
      }),
    );
    peers.forEach((peer, i) => {
      for (const other of peers.slice(0, i)) peer.ephemeralConnection.connectToOther(other.ephemeralConnection);
    });
    await Promise.all(peers.map((peer) => peer.start()));
    for (const peer of peers) this.peers.set(peer.getPeerId(), peer);
  }

  /** A started client peer whose relay is the network's peer `relayPeerId`. */
  async client(marine, relayPeerId = this.config.peers[0].peerId) {
    const keyPair = await KeyPair.randomEd25519();
    const connection = this.getRelayConnection(keyPair.getPeerId(), relayPeerId);
    const client = new FluencePeer(DEFAULT_CONFIG, keyPair, marine, new JsServiceHost(), connection);
    await client.start();
    return client;
  }
}

/** Compiles Aqua source; resolves to { name: (peer, args, ttl?) => Promise<result> }. */
export async function compileAqua(code) {
  const { errors, functions } = await compileFromString({ code });
  if (errors.length > 0) throw new Error(`Aqua compilation failed:\n${errors.join('\n')}`);
  return Object.fromEntries(
    Object.entries(functions).map(([name, { script }]) => [
      name,
      (peer, args, ttl = 20000) => callAquaFunction({ script, config: { ttl }, peer, args, fireAndForget: false }),
    ]),
  );
}

/** Wraps a marine host class so that its instances count the particles their AVM ran. */
export function counting(HostClass) {
  return class extends HostClass {
    invokes = 0;
    async callService(serviceId, functionName, ...rest) {
      if (serviceId === 'avm' && functionName === 'invoke') this.invokes++;
      return super.callService(serviceId, functionName, ...rest);
    }
  };
}
