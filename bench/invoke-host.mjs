// The two interpreters side by side for bench/invoke.mjs, and the little in-process host that
// drives them through a workload in lockstep.
//
// Each implementation plays its own copy of the particle: its steps read the data and the call
// requests that it produced itself (the original writes its maps in random order, so its bytes
// differ from airvm's even where the content agrees). Every step is invoked once untimed (this
// also records the outcome the next steps build on), then `warmup` more times untimed, then
// timed `runs` times with the same inputs; the median is reported. A step that takes long gets
// fewer timed runs (at least `minRuns`) so that it stays within about `budgetMs` per side.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { load } from '../js/dist/index.js';
import { identityByName } from '../tests/oracle/identity.mjs';
import { loadOriginal, OriginalTrap } from '../tests/oracle/original.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..');
export const EMPTY = new Uint8Array(0);
export const TIMESTAMP = 1700000000000;
export const TTL = 600000;

// A collection between timed runs keeps one run's garbage out of the next one's time.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

// ---------------------------------------------------------------------------------------------
// airvm: a fresh wasm instance per workload, so that the memory it reports is that workload's

let airvmModule;

/**
 * A fresh airvm instance and its WebAssembly.Memory. The package keeps the Emscripten module to
 * itself, so the instance is caught on its way out of WebAssembly.instantiate while load() runs.
 */
export async function loadAirvm() {
  airvmModule ??= await WebAssembly.compile(readFileSync(path.join(root, 'js/dist/wasm/airvm.wasm')));
  const instantiate = WebAssembly.instantiate;
  let instance;
  WebAssembly.instantiate = async function (...args) {
    const r = await instantiate.apply(this, args);
    instance = r instanceof WebAssembly.Instance ? r : r.instance;
    return r;
  };
  let vm;
  try {
    vm = await load({ wasm: airvmModule });
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  const memory = instance && Object.values(instance.exports).find((x) => x instanceof WebAssembly.Memory);
  return {
    name: 'airvm',
    invoke: (...a) => vm.invoke(...a),
    memoryBytes: memory ? () => memory.buffer.byteLength : null,
  };
}

/** The original (tests/oracle/original.mjs; one service per process, rebuilt after a trap). */
export async function loadOriginalImpl() {
  const avm = await loadOriginal();
  return { name: 'original', invoke: (...a) => avm.invoke(...a), memoryBytes: null };
}

// ---------------------------------------------------------------------------------------------
// Timing

export const timingDefaults = { warmup: 1, runs: 7, minRuns: 3, budgetMs: 3000 };

async function once(impl, args) {
  gc();
  const t0 = performance.now();
  let out = impl.invoke(...args);
  if (out && typeof out.then === 'function') out = await out;
  return { out, ms: performance.now() - t0 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs one invocation on `impl` as the timing options say: {out, ms (median), runs, first}. */
export async function timeInvocation(impl, args, timing) {
  const { warmup, runs, minRuns, budgetMs } = timing;
  let first;
  try {
    first = await once(impl, args);
  } catch (e) {
    // The original's trap (a Rust panic; the next invoke rebuilds the service), or airvm's wasm
    // aborting: either way this side stops here.
    const log = e instanceof OriginalTrap && e.log.length ? ` (${e.log[0].split('\n')[0].slice(0, 200)})` : '';
    return { trap: true, message: e instanceof OriginalTrap ? `${e.message}${log}` : `threw: ${e?.message ?? e}`, ms: NaN, runs: 0 };
  }
  const times = [];
  // Past the budget the untimed first run is all the warm-up a slow step gets.
  const warm = runs === 0 || first.ms * (1 + warmup) > budgetMs ? 0 : warmup;
  for (let i = 0; i < warm; i++) await once(impl, args);
  // runs = 0: the first run is the measurement (one shot, no warm-up).
  const n = runs === 0 ? 0 : Math.max(minRuns, Math.min(runs, Math.floor(budgetMs / Math.max(first.ms, 0.001))));
  for (let i = 0; i < n; i++) times.push((await once(impl, args)).ms);
  return { out: first.out, ms: n ? median(times) : first.ms, runs: n || 1, first: first.ms };
}

// ---------------------------------------------------------------------------------------------
// The host

/** The run parameters of test peer `name` (identity.mjs) in a particle. */
export function runParams(name, particle) {
  const id = identityByName(name);
  return {
    initPeerId: identityByName(particle.init).peerId,
    currentPeerId: id.peerId,
    timestamp: TIMESTAMP,
    ttl: TTL,
    keyFormat: 0,
    secretKeyBytes: id.seed,
    particleId: particle.particleId,
  };
}

/** One implementation's view of the particle: each peer's last data and unanswered requests. */
class Side {
  constructor(impl) {
    this.impl = impl;
    this.data = new Map(); // peer -> its latest data (its prev data next time)
    this.pending = new Map(); // peer -> Map(id -> request)
    this.stopped = null; // why this side no longer runs (a trap, an error outcome)
  }
  prevOf(peer) {
    return this.data.get(peer) ?? EMPTY;
  }
  pendingOf(peer) {
    if (!this.pending.has(peer)) this.pending.set(peer, new Map());
    return this.pending.get(peer);
  }
}

/**
 * Drives a particle on every implementation in lockstep. A workload calls `step(label, peer,
 * {from, results, prev, current})`:
 *   from:    a peer name: deliver that peer's latest data (the current data); omitted: none;
 *   results: 'pending' (answer every open request of `peer` with `services`) or omitted;
 *   prev / current: explicit bytes, a function (side) => bytes, instead of the defaults.
 * Each step is timed on each side (timeInvocation) and its row kept in `rows`.
 */
export class Net {
  constructor(impls, { air, init, particleId, services, timing }) {
    this.sides = impls.map((impl) => new Side(impl));
    this.particle = { air, init, particleId };
    this.services = services;
    this.timing = timing;
    this.rows = [];
  }

  answer(side, peer) {
    const open = side.pendingOf(peer);
    const results = [];
    for (const [id, r] of open) {
      const value = this.services(r.serviceId, r.functionName, r.arguments, { peer, id });
      results.push([id, typeof value === 'object' && value !== null && 'retCode' in value
        ? value : { retCode: 0, result: JSON.stringify(value) }]);
    }
    open.clear();
    return results;
  }

  async step(label, peer, { from, results, prev, current, air } = {}) {
    const row = { label, peer, sides: {} };
    for (const side of this.sides) {
      if (side.stopped) {
        row.sides[side.impl.name] = { skipped: side.stopped };
        continue;
      }
      const prevBytes = typeof prev === 'function' ? prev(side) : prev ?? side.prevOf(peer);
      const currentBytes = typeof current === 'function' ? current(side) : current ?? (from ? side.prevOf(from) : EMPTY);
      const callResults = results === 'pending' ? this.answer(side, peer) : results ?? [];
      const args = [air ?? this.particle.air, prevBytes, currentBytes, runParams(peer, this.particle), callResults];
      const t = await timeInvocation(side.impl, args, this.timing);
      const cell = { ms: t.ms, runs: t.runs, first: t.first };
      if (t.trap) {
        cell.trap = t.message;
        side.stopped = 'trapped before';
      } else {
        const out = t.out;
        cell.retCode = out.retCode;
        cell.errorMessage = out.errorMessage;
        cell.callRequests = out.callRequests.length;
        cell.nextPeerPks = [...out.nextPeerPks].sort();
        cell.dataBytes = out.data.length;
        side.data.set(peer, Uint8Array.from(out.data));
        const open = side.pendingOf(peer);
        for (const [id, r] of out.callRequests) open.set(id, r);
        if (out.retCode !== 0) side.stopped = `ret_code ${out.retCode} before`;
      }
      if (side.impl.memoryBytes) cell.memoryBytes = side.impl.memoryBytes();
      row.sides[side.impl.name] = cell;
    }
    row.disagreement = disagreement(row);
    this.rows.push(row);
    return row;
  }
}

/** How the sides' outcomes of a row differ in ret code, call requests or next peers (or null;
 * a trap is not a difference here, the report names it). */
function disagreement(row) {
  const cells = Object.entries(row.sides).filter(([, c]) => !c.skipped);
  if (cells.length < 2) return null;
  const [[an, a], [bn, b]] = cells;
  if (a.trap || b.trap) return null; // reported as a trap
  const diffs = [];
  if (a.retCode !== b.retCode) diffs.push(`ret_code ${an} ${a.retCode} vs ${bn} ${b.retCode}`);
  if (a.callRequests !== b.callRequests) diffs.push(`call requests ${an} ${a.callRequests} vs ${bn} ${b.callRequests}`);
  if (a.nextPeerPks.join() !== b.nextPeerPks.join()) diffs.push('next_peer_pks differ');
  return diffs.length ? diffs.join('; ') : null;
}

