// An in-process network of host-loop peers: run(script, { from }) starts a particle on one peer
// and delivers every particle a peer sends to the peer it names, one delivery at a time in the
// order they were sent, until nothing is in flight. The step log has one entry per invoke.
import { load } from './load.js';
import { createPeer, DEFAULT_TTL } from './peer.js';
import type { Outgoing, Peer, PeerEvent, PeerOptions, Services } from './peer.js';
import type { AirVm, AirVmAsync, CallRequest, CallResultsArray } from './types.js';

/** One invoke on one peer. */
export interface Step {
  /** The peer id of the peer that ran. */
  peer: string;
  retCode: number;
  errorMessage: string;
  callRequests: Array<[number, CallRequest]>;
  /** The results this invoke was given (those of the previous invoke's requests). */
  callResults: CallResultsArray;
  nextPeerPks: string[];
  /** How long the invoke took, ms. */
  ms: number;
}

export interface NetworkOptions {
  /** How many peers (random keys), or each peer's options. */
  peers: number | PeerOptions[];
  /** Services of every peer that has none of its own. */
  services?: Services;
  /** One interpreter for every peer without its own (load() when absent). */
  vm?: AirVm | AirVmAsync;
  /** Most deliveries one run makes before it gives up (default 100,000). */
  maxDeliveries?: number;
  /** Told everything every peer does, and of particles sent to a peer not in the network. */
  onEvent?: (event: PeerEvent | { type: 'undeliverable'; peerId: string; particleId: string }) => void;
}

export interface RunOptions {
  /** Index of the init peer (default 0). */
  from?: number;
  id?: string;
  ttl?: number;
}

export interface Network {
  readonly peers: Peer[];
  /** Starts a particle on peer `from` and resolves to the step log once the network is quiet. */
  run(script: string, options?: RunOptions): Promise<Step[]>;
}

export const DEFAULT_MAX_DELIVERIES = 100_000;

export async function createNetwork(options: NetworkOptions): Promise<Network> {
  const { peers: spec, services, maxDeliveries = DEFAULT_MAX_DELIVERIES, onEvent } = options ?? ({} as NetworkOptions);
  const list = typeof spec === 'number' ? Array.from({ length: spec }, () => ({}) as PeerOptions) : spec;
  if (!Array.isArray(list) || list.length === 0 || (typeof spec === 'number' && !Number.isSafeInteger(spec))) {
    throw new TypeError('airvm: createNetwork needs peers: a positive number or an array of peer options');
  }
  const vm = options.vm ?? (await load());
  // Steps of the run under way; invokes of one run are recorded in the order they finish.
  let steps: Step[] | undefined;
  const record = (event: PeerEvent): void => {
    if (event.type === 'invoke' && steps) {
      const { peerId: peer, retCode, errorMessage, callRequests, callResults, nextPeerPks, ms } = event;
      steps.push({ peer, retCode, errorMessage, callRequests, callResults, nextPeerPks, ms });
    }
    onEvent?.(event);
  };
  const peers = await Promise.all(
    list.map((o) =>
      createPeer({
        ...o,
        vm: o.vm ?? vm,
        services: o.services ?? services,
        onEvent: (e) => {
          record(e);
          o.onEvent?.(e);
        },
      }),
    ),
  );
  const byId = new Map(peers.map((p) => [p.peerId, p]));
  const order = new Map(peers.map((p, i) => [p.peerId, i]));
  let running: Promise<unknown> = Promise.resolve();

  async function play(script: string, o: RunOptions): Promise<Step[]> {
    const from = o.from ?? 0;
    const init = peers[from];
    if (!Number.isInteger(from) || !init) throw new RangeError(`airvm: no peer ${String(from)} (the network has ${peers.length})`);
    const particle = init.createParticle(script, { ttl: o.ttl ?? DEFAULT_TTL, ...(o.id ? { id: o.id } : {}) });
    const log: Step[] = [];
    steps = log;
    const queue: Outgoing[] = [{ peerId: init.peerId, particle }];
    let delivered = 0;
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (++delivered > maxDeliveries) {
          throw new Error(`airvm: the network is not quiet after ${maxDeliveries} deliveries (particle ${particle.id})`);
        }
        const peer = byId.get(next.peerId);
        if (!peer) {
          onEvent?.({ type: 'undeliverable', peerId: next.peerId, particleId: next.particle.id });
          continue;
        }
        // In the order of the network's peers, whatever order the interpreter named them in
        // (the original writes next peers in hash order): step logs are the same on every run.
        const sent = await peer.receive(next.particle);
        queue.push(...sent.sort((x, y) => (order.get(x.peerId) ?? Infinity) - (order.get(y.peerId) ?? Infinity)));
      }
    } finally {
      steps = undefined;
    }
    return log;
  }

  return {
    peers,
    run(script: string, o: RunOptions = {}): Promise<Step[]> {
      // Runs take turns: each has its own step log.
      const result = running.then(() => play(script, o));
      running = result.catch(() => undefined);
      return result;
    },
  };
}
