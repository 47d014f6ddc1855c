// An in-process network of peers running one particle on an AquaVM implementation (the original
// by default) and recording every invocation.
//
// A scenario is a plain object:
//   {
//     name: 'two-peers',
//     air: '(seq (call "$A$" ("s" "f") [] x) (call "$B$" ("s" "g") [x] y))',
//     peers: ['A', 'B'],           // single capital letters: test identities 0, 1, ... (identity.mjs)
//     init: 'A',                   // the initiator; %init_peer_id%
//     particleId: 'p-two-peers',
//     services: { 's.f': 42, 's.g': (args, ctx) => args[0] + 1 },
//     steps: [...],                // optional explicit schedule (below)
//     maxInvocations: 500,         // optional cap (default 500)
//     timestamp, ttl,              // optional run parameters
//   }
//
// Placeholders: `$X$` (X a peer name) is replaced by that peer's id everywhere in the AIR text and
// in every string a service returns (so `"$A$"` in AIR is the string literal of A's id).
//
// A service entry is keyed "<service_id>.<function_name>" ("*" matches any call) and is one of
//   - a JSON value: the result (ret_code 0, result = its JSON text, placeholders replaced);
//   - {error: {ret_code: n, result: "text"}}: a failure, result text passed verbatim;
//   - {raw: "text"}: ret_code 0 with exactly this result text (for non-JSON results or number
//     spellings JavaScript cannot produce, e.g. 18446744073709551615);
//   - {ok: v}: the value v itself (to return an object that has an `error`/`raw`/`ok` key);
//   - a function (args, ctx) returning one of the forms above; args are the parsed arguments,
//     ctx = {peer, peerId, peers: {name: peerId}, request, callIndex} (callIndex counts the
//     calls of this service so far, over the whole run).
//
// Default schedule: the initiator is invoked with empty data; after each invocation that issued
// call requests the peer answers them (services) in a follow-up invocation with no current
// data, until no request is left; then the peer's latest data is sent to every peer named in
// the next_peer_pks of those invocations (the reference host's contract, execution.md 1.4).
// Deliveries are queued FIFO; each delivery is one invocation merging the incoming data with the
// receiver's prev data (its own last output). The run stops when the queue is empty or the
// invocation cap is hit.
//
// Explicit schedule: `steps: [{peer, data, results}]`, one invocation each, nothing automatic:
//   data:    a peer name (deliver that peer's latest data), or omitted/null (no current data);
//   results: 'pending' (answer every unanswered request of that peer with the services),
//            an explicit array [[id, {retCode, result}]], or omitted (none).
import { createHash } from 'node:crypto';
import { identityByName } from './identity.mjs';
import { loadOriginal } from './original.mjs';

export const DEFAULT_TIMESTAMP = 1700000000000;
export const DEFAULT_TTL = 600000;

const EMPTY = new Uint8Array(0);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

export function substitutePeers(text, peerIds) {
  return text.replace(/\$([A-Z])\$/g, (m, name) => {
    if (!(name in peerIds)) throw new Error(`placeholder ${m}: no peer ${name} in the scenario`);
    return peerIds[name];
  });
}

function substituteDeep(value, peerIds) {
  if (typeof value === 'string') return substitutePeers(value, peerIds);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, peerIds));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[substitutePeers(k, peerIds)] = substituteDeep(v, peerIds);
    return out;
  }
  return value;
}

/** Turns a service spec (see the header) into a {retCode, result} call result. */
export function serviceResult(spec, args, ctx) {
  if (typeof spec === 'function') return serviceResult(spec(args, ctx), args, ctx);
  if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
    const keys = Object.keys(spec);
    if (keys.length === 1 && keys[0] === 'error') {
      return { retCode: spec.error.ret_code, result: substitutePeers(String(spec.error.result), ctx.peers) };
    }
    if (keys.length === 1 && keys[0] === 'raw') return { retCode: 0, result: substitutePeers(spec.raw, ctx.peers) };
    if (keys.length === 1 && keys[0] === 'ok') return { retCode: 0, result: JSON.stringify(substituteDeep(spec.ok, ctx.peers)) };
  }
  if (spec === undefined) throw new Error('service returned undefined');
  return { retCode: 0, result: JSON.stringify(substituteDeep(spec, ctx.peers)) };
}

export function scenarioPeers(scenario) {
  const peers = {};
  for (const name of scenario.peers) peers[name] = identityByName(name);
  return peers;
}

/**
 * Plays a scenario; returns {name, particleId, air, peers, invocations, final, undelivered}.
 * Each invocation: {n, peer, reason, from, prev, current, prevStep, currentStep, callResults,
 * out, prevSha256, currentSha256}: prevStep/currentStep name the invocation whose output was
 * passed (null: zero bytes); `out` is the implementation's outcome (or {trap: true, message}).
 */
export async function playScenario(scenario, { vm } = {}) {
  vm ??= await loadOriginal();
  const peers = scenarioPeers(scenario);
  const peerIds = Object.fromEntries(Object.entries(peers).map(([n, p]) => [n, p.peerId]));
  const nameOfId = new Map(Object.entries(peerIds).map(([n, id]) => [id, n]));
  const air = substitutePeers(scenario.air, peerIds);
  const particleId = scenario.particleId ?? `p-${scenario.name}`;
  const cap = scenario.maxInvocations ?? 500;
  const callCounts = new Map();

  // prevStep: the invocation whose output is the peer's prev data (null: none yet).
  const state = Object.fromEntries(scenario.peers.map((n) => [n, { prev: EMPTY, prevStep: null, pending: new Map() }]));
  const invocations = [];
  const undelivered = [];
  let capReached = false;

  function runParams(name) {
    return {
      initPeerId: peerIds[scenario.init],
      currentPeerId: peerIds[name],
      timestamp: scenario.timestamp ?? DEFAULT_TIMESTAMP,
      ttl: scenario.ttl ?? DEFAULT_TTL,
      keyFormat: 0,
      secretKeyBytes: peers[name].seed,
      particleId,
    };
  }

  function answer(name, onlyIds) {
    const results = [];
    for (const [id, request] of state[name].pending) {
      if (onlyIds && !onlyIds.has(id)) continue;
      const key = `${request.serviceId}.${request.functionName}`;
      const spec = key in scenario.services ? scenario.services[key] : scenario.services['*'];
      if (spec === undefined) throw new Error(`${scenario.name}: no service for ${key} (peer ${name})`);
      const callIndex = callCounts.get(key) ?? 0;
      callCounts.set(key, callIndex + 1);
      const ctx = { peer: name, peerId: peerIds[name], peers: peerIds, request: { id, ...request }, callIndex };
      results.push([Number(id), serviceResult(spec, request.arguments, ctx)]);
    }
    // Ascending ids: the original's own order of requests is random, the answers need not be.
    results.sort((a, b) => a[0] - b[0]);
    for (const [id] of results) state[name].pending.delete(String(id));
    return results;
  }

  async function invoke(name, reason, from, current, currentStep, callResults) {
    if (invocations.length >= cap) throw new CapReached();
    const prev = state[name].prev;
    let out;
    if (vm.tryInvoke) out = await vm.tryInvoke(air, prev, current, runParams(name), callResults);
    else out = await vm.invoke(air, prev, current, runParams(name), callResults);
    const record = {
      n: invocations.length,
      peer: name,
      reason,
      from,
      prev,
      current,
      prevStep: state[name].prevStep,
      currentStep,
      prevSha256: sha256(prev),
      currentSha256: sha256(current),
      callResults,
      out,
    };
    invocations.push(record);
    if (!out.trap) {
      state[name].prev = out.data;
      state[name].prevStep = record.n;
      for (const [id, request] of out.callRequests) state[name].pending.set(String(id), request);
    }
    return record;
  }

  try {
    if (scenario.steps) {
      for (const step of scenario.steps) {
        const name = step.peer;
        const current = step.data ? state[step.data].prev : EMPTY;
        const currentStep = step.data ? state[step.data].prevStep : null;
        let results = [];
        if (step.results === 'pending') results = answer(name);
        else if (Array.isArray(step.results)) results = step.results;
        await invoke(name, step.results ? 'results' : step.data ? 'particle' : 'init', step.data ?? null, current, currentStep, results);
      }
    } else {
      const queue = [{ to: scenario.init, from: null, data: EMPTY, step: null }];
      while (queue.length) {
        const { to, from, data, step } = queue.shift();
        const targets = new Set();
        let rec = await invoke(to, from === null ? 'init' : 'particle', from, data, step, []);
        for (;;) {
          if (rec.out.trap) break;
          for (const pk of rec.out.nextPeerPks) targets.add(pk);
          if (rec.out.callRequests.length === 0) break;
          const ids = new Set(rec.out.callRequests.map(([id]) => String(id)));
          rec = await invoke(to, 'results', null, EMPTY, null, answer(to, ids));
        }
        for (const pk of [...targets].sort()) {
          const target = nameOfId.get(pk);
          if (target === undefined) undelivered.push({ from: to, to: pk });
          else queue.push({ to: target, from: to, data: state[to].prev, step: state[to].prevStep });
        }
      }
    }
  } catch (e) {
    if (!(e instanceof CapReached)) throw e;
    capReached = true;
  }

  return {
    name: scenario.name,
    particleId,
    air,
    peers,
    invocations,
    capReached,
    undelivered,
    final: Object.fromEntries(scenario.peers.map((n) => [n, state[n].prev])),
  };
}

class CapReached extends Error {}
