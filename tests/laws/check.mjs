// One law-test case: generate a script (gen.mjs), play it on a random multi-peer network
// (network.mjs), then check the laws of execution.md section 5 (laws.mjs) on data drawn from the
// run, for every peer of the script as P.
//
//   runCase(vm, seed, options) -> {seed, gcase, run, counts: {law: n}, skipped: {reason: n},
//                                   failures: [{law, peer, detail, inputs: [Datum], ...}]}
//   options: {gcase (a given case instead of a generated one), generator (gen.mjs options),
//             network (network.mjs simulate options), effort (sample scale), only (laws),
//             checkKnown (check the known violations' shapes too)}
//
// Known violations of the original (execution.md 5.4) are not checked: `knownViolation` says,
// per law and script shape, which ones are skipped and why (each was confirmed on the original
// AquaVM 0.54 with tests/laws/original.mjs).
import { Rng } from './rng.mjs';
import { generate } from './gen.mjs';
import { runParams, simulate } from './network.mjs';
import { DataFunction, Datum, EMPTY_DATUM, difference, madeProgress, maskedStates, monotonicityViolation } from './laws.mjs';

export const LAWS = ['closed', 'L1', 'L1-closed', 'L2', 'L3', 'L3-contained', 'L4', 'L5', 'L6', 'L6-run', 'defined'];

/**
 * Laws the original itself violates on some script shapes (execution.md 5.4), so they are not
 * checked there. Returns the reason (a 5.4 item) or null.
 */
export function knownViolation(law, features) {
  // 5.4-10 (cursor skip quirk, 4.8.2): a fold over a stream that the fold's own body feeds may
  // skip a generation that was still empty when the cursor moved; a later invocation (even
  // f(x, e)) iterates it and adds states, so P's outputs are not P-closed; what the skipped
  // iteration's replay then reads is laid out differently, windows restore past unread states
  // and they are dropped (5.4-5): monotonicity fails, the dropped CIDs no longer match their
  // authors' signatures (so f becomes undefined on later data: 8, signature mismatch), and
  // associativity and the commutative lattice part break with them. Confirmed on the original,
  // e.g. `(seq (ap "r" $s) (fold $s i (seq (call "C" ("s" "more_3") [i] x) (ap x $s)) (call "A"
  // ("s" "peer_A") [i])))`: A's output `ap(0) fold{…} val("r+") ap(1) val("r++") ap(2)` gives
  // 7 states under f_A(x, e). L1, L2 and L3 (which checks closedness first) still hold.
  if (features.recursiveStream && RECURSION_BREAKS.has(law)) return '5.4-10 recursive stream';
  // 5.4-8 (fold-over-stream completeness asymmetry): a service error delivered now inside an
  // iteration leaves the flag true, its replay clears it; what ran after the fold on the first
  // run is not reached on replay and dropped (5.4-5). Confirmed on the original with
  // `(seq (seq (ap "a" $s) (fold $s i (seq (call "A" ("s" "fail_3") [i]) (next i)))) (call "B"
  // ("s" "str_t1") []))`: A's output `ap(0) fold{…} failed(3,…) sent(A)` loses sent(A) under
  // f_A(x, e). Same consequences as above.
  if (features.failInStreamFold && RECURSION_BREAKS.has(law)) return '5.4-8 service failure in a stream fold';
  // Not listed in 5.4 as such (nearest: 5.4-5 with 5.4-6): a fold over a stream nested in the
  // body of a fold over a stream, over a stream that body writes. What the inner fold sees
  // depends on the outer fold's iteration order, which is per peer (4.5); a peer merging data
  // laid out in another order takes only the lores of values it has at that point and skips
  // the rest of the window (2.8.3), so even the network's own merges lose states. Confirmed on
  // the original, e.g. `(par (par (seq (call "A" ("s" "str_t7") ["x"]) (ap "v7" $s3)) (call "B"
  // ("s" "str_t8") [] $s3)) (fold $s3 i1 (par (ap "v5" $s2) (fold $s2 i3 (call "A" ("s" "str_t4")
  // [i3] $s1) (null))) (null)))`: B, iterating its own value first, merges A's data (which
  // iterated v7 first) and drops a call result of A's.
  if (features.orderDependentFold && RECURSION_BREAKS.has(law)) return 'order-dependent inner stream fold (5.4-5/5.4-6)';
  return null;
}

const RECURSION_BREAKS = new Set(['closed', 'L6', 'L6-run', 'defined', 'L4', 'L5']);

/** Per-case sample sizes (scaled by options.effort). */
const SAMPLES = { closed: 6, L1: 4, L2: 4, L3: 4, 'L3-contained': 4, L4: 8, L5: 4 };

export function runCase(vm, seed, options = {}) {
  const rng = new Rng(seed);
  const gcase = options.gcase ?? generate(rng, options.generator);
  const run = simulate(vm, gcase, rng.fork(), options.network);
  const result = { seed, gcase, run, counts: {}, skipped: {}, failures: [], invocations: run.invocations };
  if (!run.pool.length) return result;
  const checkRng = rng.fork();
  const effort = options.effort ?? 1;
  const only = options.only ? new Set([].concat(options.only)) : null;

  // the pool as Datum values (ancestors as Datum ids)
  const pool = [];
  for (const e of run.pool) {
    const anc = new Set([...e.anc].map((i) => pool[i].id));
    pool.push(new Datum(e.data, { peer: e.peer, label: e.label, anc }));
  }
  const byId = new Map(pool.map((d) => [d.id, d]));

  const fs = {};
  const fOf = (peer) => (fs[peer] ??= new DataFunction(vm, run.air, runParams(peer, gcase.init, run.particleId), peer));

  const count = (law) => (result.counts[law] = (result.counts[law] ?? 0) + 1);
  const skip = (why) => (result.skipped[why] = (result.skipped[why] ?? 0) + 1);
  const wanted = (law) => !only || only.has(law);
  const active = (law) => {
    if (!wanted(law)) return false;
    const why = options.checkKnown ? null : knownViolation(law, gcase.features);
    if (why) {
      skip(`${law}: ${why}`);
      return false;
    }
    return true;
  };
  const fail = (law, peer, detail, inputs, extra = {}) => {
    result.failures.push({ law, peer, detail, inputs, ...extra });
  };

  /** f_P(a, b), checking definedness and L6 (monotonicity) on the way. */
  function apply(peer, a, b, { compatible = true } = {}) {
    const f = fOf(peer);
    const fresh = !f.memo.has(`${a.id},${b.id}`);
    const r = f.apply(a, b);
    if (!fresh) return r;
    if (!r.datum) {
      if (compatible && active('defined')) {
        count('defined');
        fail('defined', peer, `ret ${r.outcome.retCode}: ${r.outcome.errorMessage.slice(0, 300)}`, [a, b]);
      }
      return r;
    }
    if (compatible && active('defined')) count('defined');
    if (active('L6')) {
      count('L6');
      const lost = monotonicityViolation(r.datum, a, b);
      if (lost) fail('L6', peer, lost, [a, b]);
    }
    return r;
  }

  const pickLate = () => pool[Math.max(0, pool.length - 1 - Math.floor(Math.abs(checkRng.float() - checkRng.float()) * pool.length))];
  const pick = () => (checkRng.chance(0.5) ? checkRng.pick(pool) : pickLate());
  const peers = gcase.peers;
  const n = (law) => Math.max(1, Math.round(SAMPLES[law] * effort));

  /** closed: f(x, e) ≐ x, lcid included. Returns whether x is P-closed. */
  function closed(peer, x, record = true) {
    const r = apply(peer, x, EMPTY_DATUM);
    if (!r.datum) return false;
    const d = difference(r.datum, x, { lcid: true });
    if (record && active('closed')) {
      count('closed');
      if (d) fail('closed', peer, d, [x]);
    }
    return d === null;
  }

  // L6 on the network's own invocations (the run data as the peers really merged them)
  if (active('L6-run')) {
    run.pool.forEach((e, i) => {
      const inputs = [e.prev, e.current].map((j) => (j === null ? EMPTY_DATUM : pool[j]));
      count('L6-run');
      const lost = monotonicityViolation(pool[i], inputs[0], inputs[1]);
      if (lost) fail('L6-run', e.peer, `network invocation ${e.label}: ${lost}`, inputs);
    });
  }

  // closed: the run's own outputs of every peer
  if (wanted('closed')) {
    for (const peer of peers) {
      const own = pool.filter((d) => d.info.peer === peer);
      for (const x of checkRng.shuffle(own).slice(0, n('closed'))) closed(peer, x);
    }
  }

  // L1: f(x, e) vs f(e, x)
  if (wanted('L1') || wanted('L1-closed')) {
    for (let i = 0; i < n('L1') * peers.length; i++) {
      const peer = checkRng.pick(peers);
      const x = pick();
      const u = apply(peer, x, EMPTY_DATUM);
      const v = apply(peer, EMPTY_DATUM, x);
      if (!u.datum || !v.datum) continue;
      const newU = u.outcome.callRequests.map(([id]) => id).sort((p, q) => p - q);
      const newV = v.outcome.callRequests.map(([id]) => id).sort((p, q) => p - q);
      const myId = runParams(peer, gcase.init, run.particleId).currentPeerId;
      // P's request ids recorded in x above lcid(x) would be ambiguous with the new ones of u
      const ambiguous = x.trace.some((st) => {
        const w = st.call?.sent_by?.PeerIdWithCallId;
        return w && w.peer_id === myId && w.call_id > x.lcid;
      });
      if (newU.length && ambiguous) {
        skip('L1: new requests and recorded ids above lcid(x)');
        continue;
      }
      if (active('L1')) {
        count('L1');
        const base = x.lcid;
        let d = null;
        if (newU.length !== newV.length) d = `f(x,e) issues ${newU.length} requests, f(e,x) ${newV.length}`;
        else if (u.datum.lcid !== base + newU.length) d = `lcid(f(x,e)) = ${u.datum.lcid}, expected lcid(x) + ${newU.length} = ${base + newU.length}`;
        else if (v.datum.lcid !== newV.length) d = `lcid(f(e,x)) = ${v.datum.lcid}, expected ${newV.length}`;
        else {
          const issued = new Set(newU);
          const mapCallId = (w) => (w.peer_id === myId && issued.has(w.call_id) ? w.call_id - base : w.call_id);
          d = difference(u.datum, v.datum, { mapCallId });
          if (!d) {
            // the requests themselves agree (id k of u is id k - lcid(x) of v)
            const reqV = new Map(v.outcome.callRequests);
            for (const [id, req] of u.outcome.callRequests) {
              const other = reqV.get(id - base);
              if (!other || JSON.stringify([req.serviceId, req.functionName, req.arguments, req.tetraplets]) !== JSON.stringify([other.serviceId, other.functionName, other.arguments, other.tetraplets])) {
                d = `request ${id} of f(x,e) is not request ${id - base} of f(e,x)`;
                break;
              }
            }
          }
        }
        if (d) fail('L1', peer, d, [x]);
      }
      if (active('L1-closed') && difference(u.datum, x, { lcid: true }) === null) {
        count('L1-closed');
        const d = difference(v.datum, x);
        if (d) fail('L1-closed', peer, d, [x]);
      }
    }
  }

  // L2: f(x, x) vs f(x, e)
  if (wanted('L2')) {
    for (let i = 0; i < n('L2') * peers.length; i++) {
      const peer = checkRng.pick(peers);
      const x = pick();
      const u = apply(peer, x, x);
      const w = apply(peer, x, EMPTY_DATUM);
      if (!u.datum || !w.datum || !active('L2')) continue;
      count('L2');
      const d = difference(u.datum, w.datum, { lcid: true });
      if (d) fail('L2', peer, d, [x]);
    }
  }

  // L3: absorption
  if (wanted('L3') || wanted('L3-contained')) {
    for (let i = 0; i < n('L3') * peers.length; i++) {
      const peer = checkRng.pick(peers);
      const a = pick();
      const b = pick();
      const r = apply(peer, a, b);
      if (!r.datum) continue;
      const c = r.datum;
      // c is an output of P: P-closed (5.1); the absorption laws build on that
      if (!closed(peer, c)) {
        skip('L3: f(a,b) not P-closed (reported under closed)');
        continue;
      }
      if (active('L3')) {
        for (const [which, d] of [['b', b], ['a', a]]) {
          const r2 = apply(peer, c, d);
          if (!r2.datum) continue;
          count('L3');
          const diff = difference(r2.datum, c, { lcid: true });
          if (diff) fail('L3', peer, `f(f(a,b), ${which}) ≠ f(a,b): ${diff}`, [a, b]);
        }
      }
      if (active('L3-contained')) {
        const anc = [...c.info.anc].map((id) => byId.get(id)).filter(Boolean);
        for (const d of checkRng.shuffle(anc).slice(0, 2)) {
          const r2 = apply(peer, c, d);
          if (!r2.datum) continue;
          count('L3-contained');
          const diff = difference(r2.datum, c, { lcid: true });
          if (diff) fail('L3-contained', peer, `f(f(a,b), d) ≠ f(a,b) for d contained in a or b: ${diff}`, [a, b, d]);
        }
      }
    }
  }
  // L3-contained on the run itself: re-delivering anything an output of P was built from
  if (active('L3-contained')) {
    for (let i = 0; i < n('L3-contained') * peers.length; i++) {
      const y = pick();
      const anc = [...y.info.anc].map((id) => byId.get(id)).filter(Boolean);
      if (!anc.length) continue;
      const d = checkRng.pick(anc);
      const peer = y.info.peer;
      if (!closed(peer, y, false)) continue; // reported under closed
      const r = apply(peer, y, d);
      if (!r.datum) continue;
      count('L3-contained');
      const diff = difference(r.datum, y, { lcid: true });
      if (diff) fail('L3-contained', peer, `re-delivery of ${d.info.label} to ${y.info.label}: ${diff}`, [y, d]);
    }
  }

  // L4: associativity without progress
  if (wanted('L4')) {
    for (let i = 0; i < n('L4') * peers.length; i++) {
      const peer = checkRng.pick(peers);
      const [a, b, c] = [pickLate(), pick(), pickLate()];
      const ab = apply(peer, a, b);
      const bc = apply(peer, b, c);
      if (!ab.datum || !bc.datum) continue;
      if (madeProgress(ab.outcome, ab.datum, a, b) || madeProgress(bc.outcome, bc.datum, b, c)) {
        skip('L4: progress in an inner invocation');
        continue;
      }
      const left = apply(peer, ab.datum, c);
      const right = apply(peer, a, bc.datum);
      if (!left.datum || !right.datum) continue; // reported under defined
      if (madeProgress(left.outcome, left.datum, ab.datum, c) || madeProgress(right.outcome, right.datum, a, bc.datum)) {
        skip('L4: progress in an outer invocation');
        continue;
      }
      if (!active('L4')) continue;
      count('L4');
      const d = difference(left.datum, right.datum, { lcid: true });
      if (d) fail('L4', peer, d, [a, b, c]);
    }
  }

  // L5: the lattice part commutes (no progress either way)
  if (wanted('L5')) {
    for (let i = 0; i < n('L5') * peers.length; i++) {
      const peer = checkRng.pick(peers);
      const a = pick();
      const b = pick();
      const ab = apply(peer, a, b);
      const ba = apply(peer, b, a);
      if (!ab.datum || !ba.datum) continue;
      if (madeProgress(ab.outcome, ab.datum, a, b) || madeProgress(ba.outcome, ba.datum, b, a)) {
        skip('L5: progress');
        continue;
      }
      if (!active('L5')) continue;
      count('L5');
      const x = maskedStates(ab.datum.trace);
      const y = maskedStates(ba.datum.trace);
      if (JSON.stringify(x) !== JSON.stringify(y)) {
        const onlyX = x.filter((s) => !y.includes(s));
        const onlyY = y.filter((s) => !x.includes(s));
        fail('L5', peer, `states of f(a,b) and f(b,a) differ (${x.length} vs ${y.length}; only in f(a,b): ${onlyX.slice(0, 3).join(' ')}; only in f(b,a): ${onlyY.slice(0, 3).join(' ')})`, [a, b]);
      }
    }
  }

  result.invocations += Object.values(fs).reduce((s, f) => s + f.invocations, 0);
  return result;
}
