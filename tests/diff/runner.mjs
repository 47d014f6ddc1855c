// Differential runs: one scenario played on an AquaVM implementation (the original AquaVM 0.54 or
// airvm) over an in-process network, reduced to a normalized transcript that two
// implementations can be compared on step by step.
//
// Two stages:
//   recordScenario(scenario, vm)  plays the scenario and *decides* the schedule while playing:
//                                 which peer runs, which outputs are its prev and current data,
//                                 which call results it gets. Meant for the original, whose
//                                 outputs (next peers, call requests) drive the automatic parts.
//   replaySchedule(setup, schedule, vm)
//                                 plays exactly that recorded schedule on any vm, whatever the
//                                 vm returns; so two vms given one schedule get identical inputs
//                                 until their outputs differ, and a divergence shows up at the
//                                 first step whose outputs differ.
//
// A scenario is the object of tests/oracle/network.mjs (name, description, air with `$A$`
// placeholders, peers, init, services, particleId, timestamp, ttl) with a richer schedule:
//
//   steps: [...]        explicit, one invocation each (nothing automatic):
//     {peer: 'B',
//      data:    'A'  (A's latest output) | 'A#2' (A's 2nd invocation's output, 1-based)
//               | 5 (the output of step 5, 0-based) | omitted/null (no current data),
//      prev:    the same forms, overriding the default (the peer's own latest output);
//               null = empty prev data,
//      results: 'pending' (answer every unanswered request of that peer with the services,
//               ascending ids) | an array whose items are ids (answer only these pending
//               requests) or explicit [id, {retCode, result}] pairs | omitted (none),
//      params:  {particleId, timestamp, ttl, init: 'B'} overrides for this invocation,
//      air:     another script for this invocation (placeholders replaced), e.g. to let a peer
//               write data that conflicts with the scenario's script}
//     data and prev may also be {raw: 'text'} (crafted bytes, placeholders replaced) or
//     {of: <reference>, edit: (text, peerIds) => text} (an edited copy of an earlier output);
//     both are recorded as raw text (prevRaw / currentRaw) in the schedule.
//   auto: {...}          the automatic network (the default when `steps` is absent): the init
//                        peer is invoked with empty data; a peer that issued call requests is
//                        re-invoked with answers until none is pending, then its latest data goes
//                        to every peer named in the next_peer_pks of those invocations (FIFO).
//     resultsPerRound: n  answer at most n pending requests per invocation (several rounds)
//     order: 'asc' | 'desc'  which pending requests are answered first (default 'asc')
//     maxRounds: n        stop answering a peer after n result rounds per delivery (default 50)
//   maxInvocations       cap (default 200)
//   literalAir: true     the AIR is used as it is (no `$A$` placeholders replaced)
//
// The recorded schedule: [{peer, prev, current, callResults, params?, label}], prev/current being
// step indices (null = empty), callResults the exact [[id, {retCode, result}]] passed.
//
// The transcript: {steps: [{peer, label, trap?, retCode, errorMessage, nextPeerPks (sorted),
// callRequests (sorted by id), data (decoded: trace, lcid, version, cid_info stores as raw item
// texts keyed by CID, signatures; interpreter_version dropped; null for zero bytes)}]}.
import { createHash } from 'node:crypto';
import { identityByName } from '../oracle/identity.mjs';
import { DEFAULT_TIMESTAMP, DEFAULT_TTL, serviceResult, substitutePeers } from '../oracle/network.mjs';
import { STORES, rawObjectEntries, textOf } from '../oracle/data.mjs';

export const EMPTY = new Uint8Array(0);
const utf8 = (text) => new TextEncoder().encode(text);
export const sha256 = (x) => createHash('sha256').update(x).digest('hex');

// ---------------------------------------------------------------------------------------------
// Canonical structures

/** A deep copy with every object's keys sorted (arrays keep their order). */
export function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical(value[k]);
    return out;
  }
  return value;
}

/** JSON text with sorted keys: equal texts mean equal structures modulo key order. */
export const stableStringify = (value) => JSON.stringify(canonical(value));

// The 30000 message lists the unconsumed results in the original's hash-map order; sort them.
const UNPROCESSED_RE = /^(after finishing execution of supplied AIR, there are some unprocessed call results: `\{)(.*)(\}`, probably a wrong call_id used)$/s;
const RESULT_ENTRY_RE = /(\d+): CallServiceResult \{ ret_code: (-?\d+), result: "((?:[^"\\]|\\.)*)" \}/g;

export function normalizeErrorMessage(message) {
  const m = UNPROCESSED_RE.exec(message);
  if (!m) return message;
  const entries = [...m[2].matchAll(RESULT_ENTRY_RE)].map((e) => [Number(e[1]), e[0]]);
  if (entries.map((e) => e[1]).join(', ') !== m[2]) return message; // not recognised
  entries.sort((a, b) => a[0] - b[0]);
  return m[1] + entries.map((e) => e[1]).join(', ') + m[3];
}

/**
 * The decoded data document: every top-level field except interpreter_version, the five CID
 * stores as {cid: raw item text} with sorted keys (the item text exactly as written), the
 * signatures with sorted keys. Zero bytes → null; bytes that are not a data document →
 * {unreadable: sha256, text: first 200 characters}.
 */
export function normalizeData(bytes) {
  if (!bytes || bytes.length === 0) return null;
  let text;
  let doc;
  try {
    text = textOf(bytes);
    doc = JSON.parse(text);
  } catch {
    return { unreadable: sha256(bytes), text: Buffer.from(bytes).toString('utf8').slice(0, 200) };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { unreadable: sha256(bytes), text: text.slice(0, 200) };
  const out = {};
  const top = new Map(rawObjectEntries(text));
  for (const key of Object.keys(doc).sort()) {
    if (key === 'interpreter_version') continue;
    if (key === 'cid_info' && doc.cid_info && typeof doc.cid_info === 'object') {
      const info = new Map(rawObjectEntries(top.get('cid_info')));
      const stores = {};
      for (const name of [...info.keys()].sort()) {
        if (STORES.includes(name)) {
          const items = rawObjectEntries(info.get(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          stores[name] = Object.fromEntries(items);
        } else stores[name] = canonical(JSON.parse(info.get(name)));
      }
      out.cid_info = stores;
    } else out[key] = canonical(doc[key]);
  }
  return out;
}

function normalizeRequest(r) {
  return canonical({ serviceId: r.serviceId, functionName: r.functionName, arguments: r.arguments, tetraplets: r.tetraplets });
}

/** One outcome as the transcript keeps it. */
export function normalizeOutcome(out) {
  if (out.trap) return { trap: true, message: String(out.message).split('\n')[0] };
  return {
    retCode: Number(out.retCode),
    errorMessage: normalizeErrorMessage(String(out.errorMessage ?? '')),
    nextPeerPks: [...out.nextPeerPks].map(String).sort(),
    callRequests: [...out.callRequests].map(([id, r]) => [Number(id), normalizeRequest(r)]).sort((a, b) => a[0] - b[0]),
    data: normalizeData(out.data),
  };
}

// ---------------------------------------------------------------------------------------------
// Setup: what both vms need besides the schedule

export function scenarioSetup(scenario) {
  const peers = {};
  for (const name of scenario.peers) peers[name] = identityByName(name).peerId;
  return {
    name: scenario.name,
    description: scenario.description ?? '',
    air: scenario.literalAir ? scenario.air : substitutePeers(scenario.air, peers),
    peers,
    init: scenario.init,
    particleId: scenario.particleId ?? `p-${scenario.name}`,
    timestamp: scenario.timestamp ?? DEFAULT_TIMESTAMP,
    ttl: scenario.ttl ?? DEFAULT_TTL,
  };
}

function runParams(setup, peer, overrides = {}) {
  const id = identityByName(peer);
  return {
    initPeerId: overrides.init ? setup.peers[overrides.init] ?? overrides.init : setup.peers[setup.init],
    currentPeerId: id.peerId,
    timestamp: overrides.timestamp ?? setup.timestamp,
    ttl: overrides.ttl ?? setup.ttl,
    keyFormat: 0,
    secretKeyBytes: id.seed,
    particleId: overrides.particleId ?? setup.particleId,
  };
}

async function invokeOn(vm, air, prev, current, params, callResults) {
  try {
    const out = vm.tryInvoke ? await vm.tryInvoke(air, prev, current, params, callResults) : await vm.invoke(air, prev, current, params, callResults);
    // Later steps read this data: keep a copy of our own, whatever buffer the vm returned.
    return out.trap ? out : { ...out, data: Uint8Array.from(out.data ?? []) };
  } catch (e) {
    // An implementation that throws (rather than returning an outcome) is recorded as a trap.
    return { trap: true, message: `threw: ${e && e.message ? e.message : String(e)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Replay

/** Plays a recorded schedule on `vm`; returns the normalized transcript (and raw outcomes). */
export async function replaySchedule(setup, schedule, vm, { keepRaw = false } = {}) {
  const bytesAfter = []; // the data each step leaves for later steps
  const steps = [];
  const raw = [];
  for (const [i, s] of schedule.entries()) {
    const prev = 'prevRaw' in s ? utf8(s.prevRaw) : s.prev === null ? EMPTY : bytesAfter[s.prev];
    const current = 'currentRaw' in s ? utf8(s.currentRaw) : s.current === null ? EMPTY : bytesAfter[s.current];
    if (prev === undefined || current === undefined) throw new Error(`${setup.name}: step ${i} refers to a later step`);
    const out = await invokeOn(vm, s.air ?? setup.air, prev, current, runParams(setup, s.peer, s.params), s.callResults);
    bytesAfter.push(out.trap ? prev : out.data);
    if (keepRaw) raw.push(out);
    steps.push({ peer: s.peer, label: s.label, ...normalizeOutcome(out) });
  }
  return keepRaw ? { steps, raw } : { steps };
}

// ---------------------------------------------------------------------------------------------
// Recording (deciding the schedule while playing)

class CapReached extends Error {}

/**
 * Plays `scenario` on `vm`, deciding the schedule from the scenario and from vm's outputs.
 * Returns {setup, schedule, transcript, undelivered, capReached}.
 */
export async function recordScenario(scenario, vm) {
  const setup = scenarioSetup(scenario);
  const nameOfId = new Map(Object.entries(setup.peers).map(([n, id]) => [id, n]));
  const cap = scenario.maxInvocations ?? 200;
  const schedule = [];
  const steps = [];
  const bytesAfter = [];
  const byPeer = Object.fromEntries(scenario.peers.map((n) => [n, { latest: null, count: 0, steps: [], pending: new Map() }]));
  const callCounts = new Map();
  const undelivered = [];
  let capReached = false;

  function ref(r, what) {
    if (r === undefined || r === null) return null;
    if (typeof r === 'number') {
      if (!(r >= 0 && r < schedule.length)) throw new Error(`${scenario.name}: ${what} refers to step ${r}, not played yet`);
      return r;
    }
    const m = /^([A-Z])(?:#(\d+))?$/.exec(r);
    if (!m || !byPeer[m[1]]) throw new Error(`${scenario.name}: bad ${what} reference ${JSON.stringify(r)}`);
    const p = byPeer[m[1]];
    if (m[2] === undefined) return p.latest;
    const k = Number(m[2]);
    if (!(k >= 1 && k <= p.steps.length)) throw new Error(`${scenario.name}: ${what} ${r}: ${m[1]} has run ${p.steps.length} times`);
    const idx = p.steps[k - 1];
    if (steps[idx].trap) throw new Error(`${scenario.name}: ${what} ${r} trapped`);
    return idx;
  }

  function answer(peer, ids) {
    const p = byPeer[peer];
    const results = [];
    for (const id of ids) {
      const request = p.pending.get(id);
      const key = `${request.serviceId}.${request.functionName}`;
      const spec = key in scenario.services ? scenario.services[key] : scenario.services['*'];
      if (spec === undefined) throw new Error(`${scenario.name}: no service for ${key} (peer ${peer})`);
      const callIndex = callCounts.get(key) ?? 0;
      callCounts.set(key, callIndex + 1);
      const ctx = { peer, peerId: setup.peers[peer], peers: setup.peers, request: { id, ...request }, callIndex };
      results.push([id, serviceResult(spec, request.arguments, ctx)]);
      p.pending.delete(id);
    }
    return results;
  }

  const pendingIds = (peer) => [...byPeer[peer].pending.keys()].sort((a, b) => a - b);

  async function invoke(step) {
    if (schedule.length >= cap) throw new CapReached();
    const prev = 'prevRaw' in step ? utf8(step.prevRaw) : step.prev === null ? EMPTY : bytesAfter[step.prev];
    const current = 'currentRaw' in step ? utf8(step.currentRaw) : step.current === null ? EMPTY : bytesAfter[step.current];
    const out = await invokeOn(vm, step.air ?? setup.air, prev, current, runParams(setup, step.peer, step.params), step.callResults);
    const p = byPeer[step.peer];
    p.count++;
    const label = `${step.peer}#${p.count}`;
    const entry = { label, peer: step.peer, prev: step.prev, current: step.current, callResults: step.callResults };
    for (const k of ['prevRaw', 'currentRaw', 'air', 'params']) if (step[k] !== undefined) entry[k] = step[k];
    if (step.from) entry.from = step.from;
    schedule.push(entry);
    steps.push({ peer: step.peer, label, ...normalizeOutcome(out) });
    bytesAfter.push(out.trap ? prev : out.data);
    p.steps.push(schedule.length - 1);
    if (!out.trap) {
      p.latest = schedule.length - 1;
      for (const [id, r] of out.callRequests) p.pending.set(Number(id), r);
    }
    return out;
  }

  try {
    if (scenario.steps) {
      for (const s of scenario.steps) {
        const peer = s.peer;
        if (!byPeer[peer]) throw new Error(`${scenario.name}: no peer ${peer}`);
        let callResults = [];
        if (s.results === 'pending') callResults = answer(peer, pendingIds(peer));
        else if (Array.isArray(s.results)) {
          const ids = s.results.filter((r) => typeof r === 'number');
          for (const id of ids) if (!byPeer[peer].pending.has(id)) throw new Error(`${scenario.name}: ${peer} has no pending request ${id}`);
          const answered = new Map(answer(peer, ids));
          callResults = s.results.map((r) => (typeof r === 'number' ? [r, answered.get(r)] : [Number(r[0]), { retCode: r[1].retCode, result: substitutePeers(String(r[1].result), setup.peers) }]));
        }
        const step = { peer, callResults, params: s.params, from: typeof s.data === 'string' ? s.data : undefined };
        if (s.air !== undefined) step.air = substitutePeers(s.air, setup.peers);
        if (s.prev && typeof s.prev === 'object') {
          step.prev = null;
          step.prevRaw = substitutePeers(s.prev.raw, setup.peers);
        } else step.prev = 'prev' in s ? ref(s.prev, 'prev') : byPeer[peer].latest;
        if (s.data && typeof s.data === 'object' && 'of' in s.data) {
          // an edited copy of an earlier output (crafted conflicts): recorded as raw text
          const from = ref(s.data.of, 'data.of');
          step.current = null;
          step.currentRaw = s.data.edit(from === null ? '' : textOf(bytesAfter[from]), setup.peers);
        } else if (s.data && typeof s.data === 'object') {
          step.current = null;
          step.currentRaw = substitutePeers(s.data.raw, setup.peers);
        } else step.current = ref(s.data, 'data');
        await invoke(step);
      }
    } else {
      const auto = scenario.auto ?? {};
      const perRound = auto.resultsPerRound ?? Infinity;
      const maxRounds = auto.maxRounds ?? 50;
      const queue = [{ to: scenario.init, from: null, data: null }];
      while (queue.length) {
        const { to, from, data } = queue.shift();
        const targets = new Set();
        let out = await invoke({ peer: to, prev: byPeer[to].latest, current: data, callResults: [], from: from ?? undefined });
        for (let round = 0; !out.trap; round++) {
          for (const pk of out.nextPeerPks) targets.add(pk);
          let ids = pendingIds(to);
          if (ids.length === 0 || round >= maxRounds) break;
          if (auto.order === 'desc') ids.reverse();
          ids = ids.slice(0, perRound);
          out = await invoke({ peer: to, prev: byPeer[to].latest, current: null, callResults: answer(to, ids) });
        }
        for (const pk of [...targets].sort()) {
          const target = nameOfId.get(pk);
          if (target === undefined) undelivered.push({ from: to, to: pk });
          else queue.push({ to: target, from: to, data: byPeer[to].latest });
        }
      }
    }
  } catch (e) {
    if (!(e instanceof CapReached)) throw e;
    capReached = true;
  }
  return { setup, schedule, transcript: { steps }, undelivered, capReached };
}

// ---------------------------------------------------------------------------------------------
// Comparison

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a, b) => stableStringify(a) === stableStringify(b);

function compareMaps(diffs, base, field, a, b) {
  a ??= {};
  b ??= {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!(k in b)) diffs.push({ ...base, field: `${field}[${k}]`, a: a[k], b: '(missing)' });
    else if (!(k in a)) diffs.push({ ...base, field: `${field}[${k}]`, a: '(missing)', b: b[k] });
    else if (!same(a[k], b[k])) diffs.push({ ...base, field: `${field}[${k}]`, a: a[k], b: b[k] });
  }
}

function compareData(diffs, base, a, b) {
  if (a === null || b === null || a.unreadable || b.unreadable) {
    if (!same(a, b)) diffs.push({ ...base, field: 'data', a, b });
    return;
  }
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const field = `data.${k}`;
    if (k === 'trace' && Array.isArray(a.trace) && Array.isArray(b.trace)) {
      if (a.trace.length !== b.trace.length) diffs.push({ ...base, field: 'data.trace.length', a: a.trace.length, b: b.trace.length });
      const n = Math.max(a.trace.length, b.trace.length);
      for (let i = 0; i < n; i++) {
        if (!same(a.trace[i], b.trace[i])) diffs.push({ ...base, field: `data.trace[${i}]`, a: a.trace[i] ?? '(missing)', b: b.trace[i] ?? '(missing)' });
      }
    } else if (k === 'cid_info' && isObject(a.cid_info) && isObject(b.cid_info)) {
      for (const store of new Set([...Object.keys(a.cid_info), ...Object.keys(b.cid_info)])) {
        const x = a.cid_info[store];
        const y = b.cid_info[store];
        if (isObject(x) && isObject(y)) compareMaps(diffs, base, `data.cid_info.${store}`, x, y);
        else if (!same(x, y)) diffs.push({ ...base, field: `data.cid_info.${store}`, a: x ?? '(missing)', b: y ?? '(missing)' });
      }
    } else if (k === 'signatures' && isObject(a.signatures) && isObject(b.signatures)) {
      compareMaps(diffs, base, 'data.signatures', a.signatures, b.signatures);
    } else if (!same(a[k], b[k])) diffs.push({ ...base, field, a: a[k] ?? '(missing)', b: b[k] ?? '(missing)' });
  }
}

// A parse failure's report after its first line ("air can't be parsed:") is implementation-specific
// (language.md 2.6): by default only that first line is compared for ret code 1.
const sameMessage = (x, y, strict) =>
  x.errorMessage === y.errorMessage || (!strict && x.retCode === 1 && y.retCode === 1 && x.errorMessage.split('\n')[0] === y.errorMessage.split('\n')[0]);

/**
 * Compares one step (normalized outcomes, or corpus digests: see compactStep).
 * Options: {strictParseReports} compares the whole message of ret code 1 too.
 */
export function compareSteps(i, x, y, { strictParseReports = false } = {}) {
  const diffs = [];
  const base = { step: i, peer: x.peer, label: x.label };
  if (x.peer !== y.peer) diffs.push({ ...base, field: 'peer', a: x.peer, b: y.peer });
  if (Boolean(x.trap) !== Boolean(y.trap)) {
    diffs.push({ ...base, field: 'trap', a: x.trap ? x.message : `no trap (ret ${x.retCode})`, b: y.trap ? y.message : `no trap (ret ${y.retCode})` });
    return diffs;
  }
  if (x.trap) return diffs; // both trapped: trap messages are not compared
  if (x.retCode !== y.retCode) diffs.push({ ...base, field: 'retCode', a: x.retCode, b: y.retCode });
  if (!sameMessage(x, y, strictParseReports)) diffs.push({ ...base, field: 'errorMessage', a: x.errorMessage, b: y.errorMessage });
  const pa = new Set(x.nextPeerPks);
  const pb = new Set(y.nextPeerPks);
  const onlyA = [...pa].filter((p) => !pb.has(p));
  const onlyB = [...pb].filter((p) => !pa.has(p));
  if (onlyA.length || onlyB.length) diffs.push({ ...base, field: 'nextPeerPks', a: x.nextPeerPks, b: y.nextPeerPks });
  if ('callRequests' in x || 'callRequests' in y) {
    compareMaps(diffs, base, 'callRequests', Object.fromEntries(x.callRequests ?? []), Object.fromEntries(y.callRequests ?? []));
  }
  if ('callRequestsSha256' in x && x.callRequestsSha256 !== y.callRequestsSha256 && !diffs.some((d) => d.field.startsWith('callRequests'))) {
    diffs.push({ ...base, field: 'callRequestsSha256', a: x.callRequestsSha256, b: y.callRequestsSha256 });
  }
  if ('data' in x && 'data' in y) compareData(diffs, base, x.data, y.data);
  if ('dataSha256' in x && x.dataSha256 !== y.dataSha256 && !(diffs.some((d) => d.field.startsWith('data')))) {
    diffs.push({ ...base, field: 'dataSha256', a: x.dataSha256, b: y.dataSha256 });
  }
  return diffs;
}

/**
 * Every difference between two transcripts: [{step, peer, label, field, a, b}], steps in order.
 * Map-like objects (CID stores, signatures, call requests, next peers) compare as sets.
 */
export function compareTranscripts(a, b, options = {}) {
  const diffs = [];
  const sa = a.steps;
  const sb = b.steps;
  if (sa.length !== sb.length) diffs.push({ step: null, field: 'steps.length', a: sa.length, b: sb.length });
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) diffs.push(...compareSteps(i, sa[i], sb[i], options));
  return diffs;
}

const short = (v, n = 160) => {
  const t = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return t === undefined ? String(v) : t.length > n ? `${t.slice(0, n)}…(${t.length} chars)` : t;
};

/** The first place where two JSON-like values differ: [path, a, b] (path '' for the values themselves). */
export function firstDifference(a, b, path = '') {
  if (same(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return [`${path}[${i}]`, a[i] ?? '(missing)', b[i] ?? '(missing)'];
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (isObject(a) && isObject(b)) {
    for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      if (!(k in a) || !(k in b)) return [`${path}.${k}`, k in a ? a[k] : '(missing)', k in b ? b[k] : '(missing)'];
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  if (typeof a === 'string' && typeof b === 'string' && a.length + b.length > 200) {
    let i = 0;
    while (a[i] === b[i]) i++;
    const from = Math.max(0, i - 40);
    return [`${path} (from character ${i})`, `…${a.slice(from, i + 80)}`, `…${b.slice(from, i + 80)}`];
  }
  return [path, a, b];
}

/** Compact text of a difference list (at most `limit` lines, then a count). */
export function formatDifferences(diffs, { limit = 12, names = {}, aName = 'golden', bName = 'airvm' } = {}) {
  const rename = (t) => Object.entries(names).reduce((s, [n, id]) => s.split(id).join(n), t);
  const lines = diffs.slice(0, limit).map((d) => {
    const [where, a, b] = firstDifference(d.a, d.b) ?? ['', d.a, d.b];
    return rename(`step ${d.step ?? '-'}${d.label ? ` (${d.label})` : ''} ${d.field}${where}: ${aName} ${short(a)} | ${bName} ${short(b)}`);
  });
  if (diffs.length > limit) lines.push(`… ${diffs.length - limit} more differences`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Compact trace text (execution.md 0.1 notation) for reading transcripts and checking examples

function storeValue(data, store, cid) {
  const t = data?.cid_info?.[store]?.[cid];
  if (t === undefined) return undefined;
  try {
    return JSON.parse(t);
  } catch {
    return undefined;
  }
}

function valueText(data, aggCid) {
  const agg = storeValue(data, 'service_result_store', aggCid);
  if (!agg) return `?${String(aggCid).slice(-6)}`;
  const t = data.cid_info.value_store?.[agg.value_cid];
  return t === undefined ? `?${String(agg.value_cid).slice(-6)}` : t;
}

function rawValue(data, cid) {
  const t = data.cid_info?.value_store?.[cid];
  return t === undefined ? `?${String(cid).slice(-6)}` : t;
}

/** The trace of a normalized data document in the compact notation of execution.md 0.1. */
export function traceText(data, names = {}) {
  if (!data || !Array.isArray(data.trace)) return [];
  const nameOf = new Map(Object.entries(names).map(([n, id]) => [id, n]));
  const peer = (id) => nameOf.get(id) ?? id;
  const renameAll = (t) => Object.entries(names).reduce((s, [n, id]) => s.split(id).join(n), t);
  return data.trace.map((st) => {
    try {
      if (st.par) return `par(${st.par[0]},${st.par[1]})`;
      if (st.ap) return `ap(${st.ap.gens.join(',')})`;
      if (st.fold) {
        const lores = st.fold.lore.map((l) => `${l.pos}:[${l.desc.map((d) => `${d.pos},${d.len}`).join('|')}]`);
        return `fold{${lores.join(', ')}}`;
      }
      if (st.call) {
        const c = st.call;
        if (c.sent_by) {
          if (c.sent_by.PeerId !== undefined) return `sent(${peer(c.sent_by.PeerId)})`;
          const w = c.sent_by.PeerIdWithCallId;
          return `sent(${peer(w.peer_id)}#${w.call_id})`;
        }
        if (c.failed) {
          const agg = storeValue(data, 'service_result_store', c.failed);
          const v = agg ? storeValue(data, 'value_store', agg.value_cid) : undefined;
          return v ? renameAll(`failed(${v.ret_code},${JSON.stringify(v.message)})`) : `failed(?)`;
        }
        const e = c.executed;
        if (e.scalar !== undefined) return renameAll(`val(${valueText(data, e.scalar)})`);
        if (e.stream !== undefined) return renameAll(`sval(${valueText(data, e.stream.cid)},${e.stream.generation})`);
        if (e.unused !== undefined) return renameAll(`unused(${rawValue(data, e.unused)})`);
      }
      if (st.canon) {
        if (st.canon.sent_by !== undefined) return `csent(${peer(st.canon.sent_by)})`;
        const res = storeValue(data, 'canon_result_store', st.canon.executed);
        if (!res) return 'canon[?]';
        const tet = storeValue(data, 'tetraplet_store', res.tetraplet);
        const vals = res.values.map((ec) => {
          const el = storeValue(data, 'canon_element_store', ec);
          return el ? rawValue(data, el.value) : '?';
        });
        return renameAll(`canon[${vals.join(',')}]@${tet ? peer(tet.peer_pk) : '?'}`);
      }
    } catch {
      /* fall through */
    }
    return JSON.stringify(st);
  });
}
