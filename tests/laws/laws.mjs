// The algebraic laws of the data function (execution.md section 5) as executable checks.
//
// f(a, b) := data of invoke_P(S, prev = a, current = b, call_results = {}) for a fixed script S,
// peer P and run parameters (5.1); undefined on a preparation or uncatchable error. Data are
// compared with trace equivalence ≐ (5.1): traces equal state by state (par sizes, call results,
// CIDs, generations, lores, canon CIDs, senders) and the CID stores agree on every CID the trace
// references (transitively: aggregates -> values and tetraplets, canon results -> elements ->
// values, tetraplets, provenance); ignored are byte layout and key order, unreferenced store
// entries, signatures and interpreter_version; lcid is compared only where a law says so.
//
// The laws checked (names used in reports and counts):
//   closed      5.1: every output x of P is P-closed, f(x, e) ≐ x (lcid included)
//   L1          f(x, e) ≐ f(e, x) up to lcid and the ids of requests P issues now (the L1
//               caveat); lcid(f(e, x)) = number of requests issued, lcid(f(x, e)) = lcid(x) + that
//   L1-closed   x P-closed  =>  f(e, x) ≐ x (lcid aside)
//   L2          f(x, x) ≐ f(x, e), lcid and request ids included (so for P-closed x: f(x, x) ≐ x)
//   L3          c = f(a, b): f(c, b) ≐ c and f(c, a) ≐ c, lcid included
//   L3-contained  c as above (or an output of P in the run) and d contained in it (an input it was
//               computed from, transitively): f(c, d) ≐ c
//   L4          f(f(a, b), c) ≐ f(a, f(b, c)) when P makes no progress in the four invocations
//   L5          f(a, b) and f(b, a) hold the same states up to what L5 lets differ (senders of
//               sent/csent, generations, par sizes and lore positions, order), when neither makes
//               progress: the call and canon lattices of 5.3 are commutative
//   L6          monotonicity: every executed/failed call and executed canon of a and b is in
//               f(a, b) (CID multisets), and f(a, b) has at least as many states of each kind
//   defined     f is defined on compatible inputs (every two data of one run; outputs of
//               invocations without progress stay compatible)
//
// "P makes no progress" in f(a, b) (the L4 condition) is established conservatively: no call
// requests, no next peers, and for every state kind (par, fold, call, ap, canon, executed or
// failed call, executed canon) the output has no more states than the larger input. By L6 every
// input state is kept, so an invocation passing this test added nothing.
import { normalizeData } from '../diff/runner.mjs';
import { EMPTY, undefinedOutcome } from './network.mjs';

// ---------------------------------------------------------------------------------------------
// Data values

let nextId = 0;

/** A data value with a stable identity (for memoizing f) and its decoded form, built lazily. */
export class Datum {
  constructor(bytes, info = {}) {
    this.id = nextId++;
    this.bytes = bytes;
    this.info = info; // {peer, label, anc: Set of Datum ids, from: text}
    this._decoded = undefined;
  }

  get decoded() {
    if (this._decoded === undefined) this._decoded = this.bytes.length ? normalizeData(this.bytes) : null;
    return this._decoded;
  }

  get trace() {
    return this.decoded?.trace ?? [];
  }

  get lcid() {
    return this.decoded?.lcid ?? 0;
  }

  get text() {
    return new TextDecoder().decode(this.bytes);
  }
}

export const EMPTY_DATUM = new Datum(EMPTY, { label: 'e' });

// ---------------------------------------------------------------------------------------------
// Trace equivalence

const STORE_OF = { scalar: 'service_result_store', stream: 'service_result_store', failed: 'service_result_store', canon: 'canon_result_store' };

/** [store, cid] pairs the trace states reference directly. */
function traceRefs(trace) {
  const refs = [];
  for (const st of trace) {
    if (st.call?.executed) {
      const e = st.call.executed;
      if (e.scalar !== undefined) refs.push([STORE_OF.scalar, e.scalar]);
      else if (e.stream !== undefined) refs.push([STORE_OF.stream, e.stream.cid]);
    } else if (st.call?.failed !== undefined) refs.push([STORE_OF.failed, st.call.failed]);
    else if (st.canon?.executed !== undefined) refs.push([STORE_OF.canon, st.canon.executed]);
  }
  return refs;
}

/** The store items an item references. */
function itemRefs(store, item) {
  const out = [];
  if (!item || typeof item !== 'object') return out;
  if (store === 'service_result_store') {
    out.push(['value_store', item.value_cid], ['tetraplet_store', item.tetraplet_cid]);
  } else if (store === 'canon_result_store') {
    out.push(['tetraplet_store', item.tetraplet]);
    for (const c of item.values ?? []) out.push(['canon_element_store', c]);
  } else if (store === 'canon_element_store') {
    out.push(['value_store', item.value], ['tetraplet_store', item.tetraplet]);
    const p = item.provenance;
    if (p?.cid !== undefined) out.push([p.type === 'canon' ? 'canon_result_store' : 'service_result_store', p.cid]);
  }
  return out;
}

/** {`${store}:${cid}` -> raw text} of every item reachable from the trace (null text: missing). */
function referencedItems(decoded) {
  const stores = decoded.cid_info ?? {};
  const seen = new Map();
  const stack = traceRefs(decoded.trace ?? []);
  while (stack.length) {
    const [store, cid] = stack.pop();
    const key = `${store}:${cid}`;
    if (seen.has(key)) continue;
    const text = stores[store]?.[cid];
    seen.set(key, text ?? null);
    if (text === undefined || store === 'value_store' || store === 'tetraplet_store') continue;
    let item;
    try {
      item = JSON.parse(text);
    } catch {
      continue;
    }
    stack.push(...itemRefs(store, item));
  }
  return seen;
}

const json = (v) => JSON.stringify(v);

function sameItemText(x, y) {
  if (x === y) return true;
  if (x === null || y === null) return false;
  try {
    return json(sortKeys(JSON.parse(x))) === json(sortKeys(JSON.parse(y)));
  } catch {
    return false;
  }
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/**
 * x ≐ y? Returns null when equivalent, else a short description of the first difference.
 * Options: {lcid: compare lcid too, mapCallId(i, callIdOfX) -> expected call id in y (for L1)}.
 */
export function difference(x, y, { lcid = false, mapCallId = null } = {}) {
  const dx = x.decoded;
  const dy = y.decoded;
  if (dx === null || dy === null) return dx === dy ? null : `one side is empty data (${dx === null ? 'left' : 'right'})`;
  if (dx.version !== dy.version) return `version ${dx.version} vs ${dy.version}`;
  if (lcid && dx.lcid !== dy.lcid) return `lcid ${dx.lcid} vs ${dy.lcid}`;
  const tx = dx.trace;
  const ty = dy.trace;
  if (tx.length !== ty.length) return `trace length ${tx.length} vs ${ty.length} (first different state ${firstDiff(tx, ty, mapCallId)})`;
  const d = firstDiff(tx, ty, mapCallId);
  if (d !== null) return `trace[${d}] ${json(tx[d])} vs ${json(ty[d])}`;
  const ix = referencedItems(dx);
  const iy = referencedItems(dy);
  for (const [key, text] of ix) {
    if (text === null) return `${key} referenced but missing on the left`;
    if (!iy.has(key)) return `${key} missing on the right`;
    if (!sameItemText(text, iy.get(key))) return `${key} differs: ${text} vs ${iy.get(key)}`;
  }
  for (const [key, text] of iy) if (text === null) return `${key} referenced but missing on the right`;
  return null;
}

function firstDiff(tx, ty, mapCallId) {
  const n = Math.min(tx.length, ty.length);
  for (let i = 0; i < n; i++) {
    let a = tx[i];
    const w = a.call?.sent_by?.PeerIdWithCallId;
    if (w && mapCallId) a = { call: { sent_by: { PeerIdWithCallId: { ...w, call_id: mapCallId(w) } } } };
    if (json(sortKeys(a)) !== json(sortKeys(ty[i]))) return i;
  }
  return tx.length === ty.length ? null : n;
}

// ---------------------------------------------------------------------------------------------
// State counts, CID multisets, progress

/** Counts of state kinds and multisets of final results of a trace. */
export function census(trace) {
  const c = { par: 0, fold: 0, call: 0, ap: 0, canon: 0, callDone: 0, canonDone: 0 };
  const calls = new Map(); // executed/failed CIDs (a multiset)
  const canons = new Map();
  const add = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const st of trace) {
    if (st.par) c.par++;
    else if (st.fold) c.fold++;
    else if (st.ap) c.ap++;
    else if (st.call) {
      c.call++;
      const e = st.call.executed;
      if (e) {
        c.callDone++;
        add(calls, e.scalar !== undefined ? `s:${e.scalar}` : e.stream !== undefined ? `s:${e.stream.cid}` : `u:${e.unused}`);
      } else if (st.call.failed !== undefined) {
        c.callDone++;
        add(calls, `f:${st.call.failed}`);
      }
    } else if (st.canon) {
      c.canon++;
      if (st.canon.executed !== undefined) {
        c.canonDone++;
        add(canons, st.canon.executed);
      }
    }
  }
  return { counts: c, calls, canons };
}

const censusCache = new WeakMap();
export function censusOf(datum) {
  if (!censusCache.has(datum)) censusCache.set(datum, census(datum.trace));
  return censusCache.get(datum);
}

/** L6 for out = f(a, b): null or what was lost. */
export function monotonicityViolation(out, a, b) {
  const co = censusOf(out);
  for (const [side, x] of [['prev', a], ['current', b]]) {
    const cx = censusOf(x);
    for (const [k, n] of Object.entries(cx.counts)) if (co.counts[k] < n) return `${side} has ${n} ${k} states, the output ${co.counts[k]}`;
    for (const [field, what] of [['calls', 'call result'], ['canons', 'canon result']]) {
      for (const [cid, n] of cx[field]) {
        const m = co[field].get(cid) ?? 0;
        if (m < n) return `${side} holds ${what} ${cid} ${n} time(s), the output ${m}`;
      }
    }
  }
  return null;
}

/** Did P make progress in out = f(a, b)? (conservative: true whenever unsure) */
export function madeProgress(outcome, out, a, b) {
  if (outcome.callRequests.length || outcome.nextPeerPks.length) return true;
  const co = censusOf(out).counts;
  const ca = censusOf(a).counts;
  const cb = censusOf(b).counts;
  for (const k of Object.keys(co)) if (co[k] > Math.max(ca[k], cb[k])) return true;
  return false;
}

/** The multiset of states with what L5 lets differ masked (senders, generations, sizes, positions). */
export function maskedStates(trace) {
  const out = trace.map((st) => {
    if (st.par) return 'par';
    if (st.fold) return `fold/${st.fold.lore.length}`;
    if (st.ap) return 'ap';
    if (st.call) {
      const c = st.call;
      if (c.sent_by) return 'sent';
      if (c.failed !== undefined) return `failed:${c.failed}`;
      const e = c.executed;
      if (e.scalar !== undefined) return `scalar:${e.scalar}`;
      if (e.stream !== undefined) return `stream:${e.stream.cid}`;
      return `unused:${e.unused}`;
    }
    if (st.canon) return st.canon.sent_by !== undefined ? 'csent' : `canon:${st.canon.executed}`;
    return json(st);
  });
  return out.sort();
}

// ---------------------------------------------------------------------------------------------
// The data function of one peer, memoized

export class DataFunction {
  constructor(vm, air, params, peer) {
    this.vm = vm;
    this.air = air;
    this.params = params;
    this.peer = peer;
    this.memo = new Map();
    this.invocations = 0;
  }

  /** {outcome, datum} of f(a, b); datum undefined when f is undefined there. */
  apply(a, b) {
    const key = `${a.id},${b.id}`;
    let r = this.memo.get(key);
    if (r) return r;
    this.invocations++;
    const out = this.vm.invoke(this.air, a.bytes, b.bytes, this.params, []);
    const outcome = { retCode: out.retCode, errorMessage: out.errorMessage, nextPeerPks: [...out.nextPeerPks], callRequests: [...out.callRequests].map(([id, r2]) => [Number(id), r2]) };
    const datum = undefinedOutcome(out) ? undefined : new Datum(Uint8Array.from(out.data), { label: `f_${this.peer}(${a.info.label}, ${b.info.label})`, anc: new Set([a.id, b.id, ...(a.info.anc ?? []), ...(b.info.anc ?? [])]) });
    r = { outcome, datum, prev: a, current: b };
    this.memo.set(key, r);
    return r;
  }
}
