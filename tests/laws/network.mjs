// A randomized multi-peer run of one generated script (tests/laws/gen.mjs) on an AquaVM
// implementation, producing the pool of data values the law checks draw their inputs from.
//
// The network: the init peer is invoked with empty data. After every invocation the peer's new
// call requests join its pending set and its next_peer_pks join its target set. A host sends its
// latest data to its targets once nothing is pending (the reference host, execution.md 1.4) and,
// now and then, also in between (allowed by 1.4). Each step the scheduler picks at random one of:
//   - deliver one in-flight message (any of them: random delivery order), merging it with the
//     receiver's prev data; sometimes the message stays in flight and arrives again later
//     (duplicates); sometimes a few pending results of the receiver come along;
//   - answer a random non-empty subset of one peer's pending requests (results in rounds), with
//     no current data;
//   - re-deliver to a peer an old output of another peer (a stale duplicate).
// The run ends when nothing is in flight and nothing is pending, or at the invocation cap.
//
// Every output (with its producing peer and the outputs it was computed from, transitively: its
// "ancestors") goes into the pool. Invocations that fail with a preparation or uncatchable error
// keep the peer's data as it was and add nothing.
import { identityByName } from '../oracle/identity.mjs';
import { serviceAnswer } from './gen.mjs';

export const EMPTY = new Uint8Array(0);
export const TIMESTAMP = 1700000000000;
export const TTL = 600000;

const idCache = new Map();
export function peerIdentity(name) {
  if (!idCache.has(name)) idCache.set(name, identityByName(name));
  return idCache.get(name);
}

export function substitute(text, peerIds) {
  return text.replace(/\$([A-Z])\$/g, (m, n) => {
    if (!(n in peerIds)) throw new Error(`no peer ${n}`);
    return peerIds[n];
  });
}

export function runParams(peer, init, particleId) {
  const id = peerIdentity(peer);
  return {
    initPeerId: peerIdentity(init).peerId,
    currentPeerId: id.peerId,
    timestamp: TIMESTAMP,
    ttl: TTL,
    keyFormat: 0,
    secretKeyBytes: id.seed,
    particleId,
  };
}

/** A data function f_P of one script: (prev, current, callResults?) -> outcome. */
export function dataFunction(vm, air, peer, init, particleId) {
  const params = runParams(peer, init, particleId);
  return (prev, current, callResults = []) => {
    const out = vm.invoke(air, prev, current, params, callResults);
    return { ...out, data: Uint8Array.from(out.data ?? []) };
  };
}

/** ret codes for which the data function is undefined (execution.md 5.1): preparation and uncatchable errors. */
export const undefinedOutcome = (out) => (out.retCode > 0 && out.retCode < 10000) || (out.retCode >= 20000 && out.retCode < 30000);

/**
 * Plays `gcase` ({air with placeholders, peers, init}) on `vm` with random scheduling.
 * Returns {air (real ids), peerIds, particleId, pool: [{id, peer, data, anc: Set, label, prev, current}]
 * (prev, current: the pool ids of the invocation's inputs, null for empty data),
 * invocations, retCodes: {code: count}, capReached, tooBig (stopped early: data above maxDataBytes)}.
 */
export function simulate(vm, gcase, rng, { maxInvocations = 60, maxDataBytes = 40000, particleId = 'laws-particle' } = {}) {
  const peerIds = Object.fromEntries(gcase.peers.map((n) => [n, peerIdentity(n).peerId]));
  const nameOf = new Map(Object.entries(peerIds).map(([n, id]) => [id, n]));
  const air = substitute(gcase.air, peerIds);
  const fs = Object.fromEntries(gcase.peers.map((n) => [n, dataFunction(vm, air, n, gcase.init, particleId)]));
  const state = Object.fromEntries(gcase.peers.map((n) => [n, { latest: null, pending: new Map(), targets: new Set(), count: 0 }]));
  const pool = [];
  const inFlight = []; // {to, entry}
  const retCodes = {};
  let invocations = 0;
  let tooBig = false;

  const dataOf = (entry) => (entry ? entry.data : EMPTY);

  function answer(peer, ids) {
    const p = state[peer];
    return ids.map((id) => {
      const req = p.pending.get(id);
      p.pending.delete(id);
      return [id, serviceAnswer(req.functionName, req.arguments, peer, peerIds)];
    });
  }

  function send(peer) {
    const p = state[peer];
    for (const pk of [...p.targets].sort()) {
      const to = nameOf.get(pk);
      if (to !== undefined && p.latest) inFlight.push({ to, entry: p.latest });
    }
  }

  function invoke(peer, current, results) {
    const p = state[peer];
    invocations++;
    const out = fs[peer](dataOf(p.latest), dataOf(current), results);
    retCodes[out.retCode] = (retCodes[out.retCode] ?? 0) + 1;
    if (undefinedOutcome(out)) return;
    p.count++;
    const anc = new Set();
    for (const e of [p.latest, current]) {
      if (!e) continue;
      anc.add(e.id);
      for (const a of e.anc) anc.add(a);
    }
    const entry = { id: pool.length, peer, data: out.data, anc, label: `${peer}#${p.count}`, prev: p.latest?.id ?? null, current: current?.id ?? null };
    if (out.data.length > maxDataBytes) tooBig = true;
    pool.push(entry);
    p.latest = entry;
    for (const [id, r] of out.callRequests) p.pending.set(Number(id), r);
    for (const pk of out.nextPeerPks) p.targets.add(pk);
    if (p.pending.size === 0) {
      send(peer);
      p.targets.clear();
    } else if (p.targets.size && rng.chance(0.2)) send(peer); // intermediate data
  }

  invoke(gcase.init, null, []);
  while (invocations < maxInvocations && !tooBig) {
    const withPending = gcase.peers.filter((n) => state[n].pending.size);
    if (!inFlight.length && !withPending.length) break;
    const action = rng.weighted([
      [inFlight.length ? 5 : 0, 'deliver'],
      [withPending.length ? 4 : 0, 'answer'],
      [pool.length > 2 ? 0.4 : 0, 'stale'],
    ]);
    if (action === 'deliver') {
      const i = rng.int(0, inFlight.length - 1);
      const msg = inFlight[i];
      if (!rng.chance(0.15)) inFlight.splice(i, 1); // else it will arrive again
      const p = state[msg.to];
      let results = [];
      if (p.pending.size && rng.chance(0.2)) results = answer(msg.to, rng.subset([...p.pending.keys()], 0.5));
      invoke(msg.to, msg.entry, results);
    } else if (action === 'answer') {
      const peer = rng.pick(withPending);
      const ids = [...state[peer].pending.keys()];
      let chosen = rng.subset(ids, 0.6);
      if (!chosen.length) chosen = [rng.pick(ids)];
      invoke(peer, null, answer(peer, rng.shuffle(chosen)));
    } else {
      const entry = rng.pick(pool);
      const to = rng.pick(gcase.peers.filter((n) => n !== entry.peer));
      if (to) invoke(to, entry, []);
    }
  }
  const capReached = invocations >= maxInvocations;
  return { air, peerIds, particleId, pool, invocations, retCodes, capReached, tooBig };
}
