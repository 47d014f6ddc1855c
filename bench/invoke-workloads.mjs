// The workloads of bench/invoke.mjs. Each is {name, title, run(net, options)}: `run` drives a
// Net (invoke-host.mjs) through the invocations of one particle; the rows it times make the
// report, a workload's `summary(rows)` picks the totals it compares.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { identityByName } from '../tests/oracle/identity.mjs';
import { EMPTY } from './invoke-host.mjs';

export const corpusDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../shared/corpus/aqua-air');

const id = (name) => identityByName(name).peerId;

/** Invocations of `peer` until neither side has a request of `peer` open: the data from `from`
 * first (when given), then one results round after another. */
async function visit(net, peer, { from, prefix = peer, maxRounds = 20 } = {}) {
  const rows = [await net.step(from ? `${prefix}: data from ${from}` : `${prefix}: init`, peer, { from })];
  for (let round = 1; round <= maxRounds; round++) {
    const open = net.sides.some((s) => !s.stopped && s.pendingOf(peer).size > 0);
    if (!open) break;
    rows.push(await net.step(`${prefix}: results round ${round}`, peer, { results: 'pending' }));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// (1) relay: A -> R -> B -> R -> A, the shape Aqua compiles `on target via relay` to

const RELAY_AIR = `
(xor
 (seq
  (seq
   (seq
    (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
    (call %init_peer_id% ("getDataSrv" "target") [] target))
   (call %init_peer_id% ("getDataSrv" "names") [] names))
  (xor
   (seq
    (seq
     (call -relay- ("op" "noop") [])
     (xor
      (seq
       (seq
        (call target ("peer" "identify") [] info)
        (seq
         (fold names n
          (par
           (seq
            (call target ("greeter" "greet") [n info.$.name] g)
            (ap g $greetings))
           (next n)))
         (canon target $greetings #greetings)))
       (call target ("store" "put") [#greetings] stored))
      (seq
       (seq
        (call -relay- ("op" "noop") [])
        (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 1]))
       (fail :error:))))
    (seq
     (call -relay- ("op" "noop") [])
     (xor
      (call %init_peer_id% ("callbackSrv" "response") [#greetings stored])
      (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 2]))))
   (seq
    (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 3])
    (fail :error:))))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 4]))`;

const relay = {
  name: 'relay',
  title: '3-peer relay particle A -> R -> B -> R -> A',
  particle: () => ({ air: RELAY_AIR, init: 'A', particleId: 'p-bench-relay' }),
  services(serviceId, fn, args) {
    if (serviceId === 'getDataSrv') {
      if (fn === '-relay-') return id('R');
      if (fn === 'target') return id('B');
      if (fn === 'names') return ['alice', 'bob', 'carol', 'dave', 'eve'];
    }
    if (serviceId === 'peer' && fn === 'identify') {
      return { name: 'B', external_addresses: ['/ip4/10.0.0.2/tcp/7777'], node_version: '0.0.0' };
    }
    if (serviceId === 'greeter') return `hello ${args[0]}, from ${args[1]}`;
    if (serviceId === 'store') return { ok: true, count: args[0].length };
    return {};
  },
  async run(net) {
    await visit(net, 'A', { prefix: 'A' });
    await visit(net, 'R', { from: 'A', prefix: 'R (A->B)' });
    await visit(net, 'B', { from: 'R', prefix: 'B' });
    await visit(net, 'R', { from: 'B', prefix: 'R (B->A)' });
    await visit(net, 'A', { from: 'R', prefix: 'A (back)' });
  },
  summary(rows) {
    const hops = [...new Set(rows.map((r) => r.label.split(':')[0]))];
    return [
      ...hops.map((h) => {
        const own = rows.filter((r) => r.label.split(':')[0] === h);
        return { label: `hop ${h}: ${own.length} invocations`, rows: own };
      }),
      { label: `all ${rows.length} invocations`, rows },
    ];
  },
};

// ---------------------------------------------------------------------------------------------
// (2) fan-out: fold/par over 1,000 items on one peer, results into a stream, canon join
// (10 chunks of 100: one fold over ~700 or more elements overflows the original's stack)

const chunks = (n, size) => {
  const out = [];
  for (let c = 0; c * size < n; c++) {
    out.push(Array.from({ length: Math.min(size, n - c * size) }, (_, i) => `item-${c * size + i}`));
  }
  return out;
};

const FANOUT_AIR = `
(seq
 (seq
  (call %init_peer_id% ("data" "items") [] chunks)
  (fold chunks chunk
   (par
    (fold chunk i
     (par
      (seq
       (call %init_peer_id% ("worker" "work") [i] r)
       (ap r $results))
      (next i)))
    (next chunk))))
 (seq
  (call %init_peer_id% ("op" "barrier") [] gate)
  (seq
   (canon %init_peer_id% $results #results)
   (call %init_peer_id% ("data" "total") [#results.length] total))))`;

const fanout = {
  name: 'fanout',
  title: 'fold/par fan-out over 1,000 items with a canon join (one peer)',
  particle: () => ({ air: FANOUT_AIR, init: 'A', particleId: 'p-bench-fanout' }),
  services(serviceId, fn, args, { id }) {
    if (serviceId === 'data' && fn === 'items') return chunks(1000, 100);
    if (serviceId === 'worker') return { item: args[0], value: id * 7, ok: id % 3 !== 0 };
    if (serviceId === 'data' && fn === 'total') return args[0];
    return true;
  },
  async run(net) {
    await net.step('init: the items request', 'A');
    await net.step('items -> 1,000 work requests', 'A', { results: 'pending' });
    await net.step('apply 1,000 results', 'A', { results: 'pending' });
    await net.step('canon join of 1,000', 'A', { results: 'pending' });
    await net.step('last result', 'A', { results: 'pending' });
  },
  summary: (rows) => [
    { label: 'apply 1,000 results', rows: rows.filter((r) => r.label.startsWith('apply')) },
    { label: 'canon join', rows: rows.filter((r) => r.label.startsWith('canon')) },
  ],
};

// ---------------------------------------------------------------------------------------------
// (3) a trace of 10,000 states, replayed: 5,000 calls under par (50 chunks of 100; 5,000 call
// and 5,050 par states; a stream could hold only 1,024 values), then the final data as prev data

const TRACE_AIR = `
(seq
 (seq
  (call %init_peer_id% ("data" "items") [] chunks)
  (fold chunks chunk
   (par
    (fold chunk i
     (par
      (call %init_peer_id% ("worker" "work") [i] r)
      (next i)))
    (next chunk))))
 (call %init_peer_id% ("data" "done") [] done))`;

const trace = {
  name: 'trace',
  title: 'replay of a 10,000-state trace (5,000 calls under par)',
  particle: () => ({ air: TRACE_AIR, init: 'A', particleId: 'p-bench-trace' }),
  services(serviceId, fn, args, { id }) {
    if (serviceId === 'data' && fn === 'items') return chunks(5000, 100);
    if (serviceId === 'worker') return { item: args[0], n: id };
    return args[0] ?? null;
  },
  async run(net) {
    const quick = { ...net.timing, warmup: 0, runs: 1, minRuns: 1 };
    const timing = net.timing;
    net.timing = quick; // building the trace is not what this workload times
    await net.step('(build) init', 'A');
    await net.step('(build) items -> 5,000 requests', 'A', { results: 'pending' });
    await net.step('(build) apply 5,000 results', 'A', { results: 'pending' });
    await net.step('(build) last result', 'A', { results: 'pending' });
    net.timing = timing;
    const final = (side) => side.prevOf('A');
    await net.step('replay: prev = 10k-state data, current empty', 'A', { prev: final, current: EMPTY });
    await net.step('replay: prev = current = 10k-state data', 'A', { prev: final, current: final });
    await net.step('receive: prev empty, current = 10k-state data (peer B)', 'B', { prev: EMPTY, current: final });
  },
  summary: (rows) => rows.filter((r) => !r.label.startsWith('(build)')).map((r) => ({ label: r.label, rows: [r] })),
};

// ---------------------------------------------------------------------------------------------
// (4) the largest corpus script (by size) as the init peer: its first invocation, results rounds

export function largestCorpusScript(dir = corpusDir) {
  let best = null;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.air')) continue;
    const size = statSync(path.join(dir, f)).size;
    if (!best || size > best.size) best = { file: f, size };
  }
  return best;
}

const corpus = {
  name: 'corpus',
  title: 'the largest corpus script as the init peer',
  particle(options) {
    const { file, size } = largestCorpusScript(options.corpusDir);
    this.title = `largest corpus script ${file} (${(size / 1e6).toFixed(2)} MB) as the init peer`;
    return { air: readFileSync(path.join(options.corpusDir ?? corpusDir, file), 'utf8'), init: 'A', particleId: 'p-bench-corpus' };
  },
  // As tests/diff/corpus.mjs answers (run "ok"): getDataSrv gives the relay's id, any other
  // service its first argument (or the relay's id without arguments).
  services(serviceId, fn, args) {
    if (serviceId === 'getDataSrv') return id('R');
    return args.length ? args[0] : id('R');
  },
  async run(net, options) {
    await net.step('first invocation', 'A');
    for (let round = 1; round <= (options.corpusRounds ?? 1); round++) {
      await net.step(`results round ${round}`, 'A', { results: 'pending' });
    }
  },
  summary: (rows) => rows.map((r) => ({ label: r.label, rows: [r] })),
};

// ---------------------------------------------------------------------------------------------
// (5) a balanced par tree of 2^d local calls

export function parTreeAir(d) {
  const leaf = '(call %init_peer_id% ("s" "f") [])';
  const memo = [leaf];
  for (let k = 1; k <= d; k++) memo.push(`(par ${memo[k - 1]} ${memo[k - 1]})`);
  return memo[d];
}

const partree = (d) => ({
  name: `partree-${d}`,
  title: `balanced par tree of 2^${d} = ${(2 ** d).toLocaleString('en-US')} local calls`,
  depth: d,
  particle: () => ({ air: parTreeAir(d), init: 'A', particleId: `p-bench-partree-${d}` }),
  services: (serviceId, fn, args, { id }) => id,
  async run(net) {
    await net.step(`issue ${(2 ** d).toLocaleString('en-US')} requests`, 'A');
    await net.step(`apply ${(2 ** d).toLocaleString('en-US')} results`, 'A', { results: 'pending' });
  },
  summary: (rows) => rows.map((r) => ({ label: `d=${d}: ${r.label}`, rows: [r] })),
});

export const PARTREE_DEPTHS = [12, 13, 14, 15, 16, 17, 18];
export const workloads = { relay, fanout, trace, corpus, partree };
export { partree as partreeWorkload };
