// invoke() timed on airvm (the package in js/dist, wasm) and on the original AquaVM 0.54
// (tests/oracle/original.mjs: @fluencelabs/avm under marine-js) side by side in one process.
//
//   node bench/invoke.mjs [options]
//     --workloads LIST        comma-separated: relay,fanout,trace,corpus,partree (default: all)
//     --depths A-B|LIST       par tree depths for airvm (default 12-18)
//     --original-max-depth N  run the original on the par tree up to d = N (default 15; the
//                             original needs ~40 s per invocation at d = 17 and traps at 18)
//     --no-original           airvm alone
//     --runs N                timed runs per step at most (default 7); the median is reported;
//                             0: one untimed-warm-up-free run per step is the measurement
//     --min-runs N            timed runs per step at least (default 3)
//     --warmup N              untimed runs after the first one (default 1)
//     --budget-ms MS          time per step and side that decides the runs between the two (3000)
//     --corpus-rounds N       results rounds after the corpus script's first invocation (1)
//     --corpus-dir DIR        (default ../shared/corpus/aqua-air)
//     --json FILE             also write every row as JSON
//     --no-warmup-phase       skip the untimed warm-up on small particles before the workloads
//
// Each implementation plays its own copy of each particle (invoke-host.mjs); airvm gets a fresh
// wasm instance per workload and its memory is the WebAssembly.Memory size after the workload
// (wasm memory only grows, so this is the peak). Times include each package's JS wrapper
// (argument encoding, decoding the outcome and the call requests).
import { writeFileSync } from 'node:fs';
import { loadAirvm, loadOriginalImpl, Net, timingDefaults } from './invoke-host.mjs';
import { PARTREE_DEPTHS, partreeWorkload, workloads } from './invoke-workloads.mjs';

// ---------------------------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
};
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  if (i + 1 >= args.length) usage(`${name} needs a value`);
  const [, value] = args.splice(i, 2);
  return value;
};
function usage(message) {
  console.error(`bench/invoke.mjs: ${message}\n(see the header of bench/invoke.mjs for the options)`);
  process.exit(2);
}
const number = (name, fallback) => {
  const v = option(name, undefined);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) usage(`${name}: not a number: ${v}`);
  return n;
};
function depthList(text) {
  const range = /^(\d+)-(\d+)$/.exec(text);
  if (range) {
    const out = [];
    for (let d = Number(range[1]); d <= Number(range[2]); d++) out.push(d);
    return out;
  }
  return text.split(',').map((x) => {
    const d = Number(x);
    if (!Number.isInteger(d) || d < 0 || d > 24) usage(`--depths: bad depth ${x}`);
    return d;
  });
}

const selected = option('--workloads', Object.keys(workloads).join(',')).split(',').filter(Boolean);
for (const w of selected) if (!(w in workloads)) usage(`unknown workload ${w}`);
const depths = depthList(option('--depths', `${PARTREE_DEPTHS[0]}-${PARTREE_DEPTHS.at(-1)}`));
const originalMaxDepth = number('--original-max-depth', 15);
const noOriginal = flag('--no-original');
const timing = {
  runs: number('--runs', timingDefaults.runs),
  minRuns: number('--min-runs', timingDefaults.minRuns),
  warmup: number('--warmup', timingDefaults.warmup),
  budgetMs: number('--budget-ms', timingDefaults.budgetMs),
};
timing.minRuns = timing.runs === 0 ? 0 : Math.max(1, Math.min(timing.minRuns, timing.runs));
const options = {
  corpusRounds: number('--corpus-rounds', 1),
  corpusDir: option('--corpus-dir', undefined),
};
const jsonFile = option('--json', undefined);
const warmupPhase = !flag('--no-warmup-phase');
if (args.length) usage(`unknown arguments: ${args.join(' ')}`);

// ---------------------------------------------------------------------------------------------
// Formatting

const ms = (x) => (x === undefined || Number.isNaN(x) ? '' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mib = (bytes) => (bytes === undefined ? '' : `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 24 ? 1 : 0)} MiB`);
const ratio = (o, a) => (o > 0 && a > 0 ? `${(o / a).toFixed(o / a >= 100 ? 0 : 1)}x` : '');
const pad = (s, n, right) => (right ? String(s).padStart(n) : String(s).padEnd(n));

function table(header, rows, rightFrom = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => pad(c ?? '', widths[i], i >= rightFrom)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const cellTime = (c) => {
  if (!c) return '';
  if (c.skipped) return c.skipped.startsWith('not run') ? '-' : 'skipped';
  if (c.trap) return 'TRAP';
  return ms(c.ms);
};
const outcome = (c) => {
  if (!c || c.skipped) return '';
  if (c.trap) return 'trap';
  return `${c.retCode}/${c.callRequests}`;
};

// ---------------------------------------------------------------------------------------------
// Running

const original = noOriginal ? null : await loadOriginalImpl();
const summary = []; // [workload, measure, airvm ms, original ms, ratio, goal, airvm memory]
const all = [];
const problems = [];

async function runWorkload(w, { withOriginal }) {
  const airvm = await loadAirvm();
  const impls = [airvm];
  if (withOriginal && original) impls.push(original);
  const particle = w.particle(options);
  const net = new Net(impls, { ...particle, services: w.services.bind(w), timing: { ...timing } });
  const t0 = performance.now();
  await w.run(net, options);
  const seconds = (performance.now() - t0) / 1000;
  const memory = airvm.memoryBytes ? airvm.memoryBytes() : undefined;
  if (!withOriginal && original) {
    for (const r of net.rows) r.sides.original = { skipped: `not run (d > ${originalMaxDepth})` };
  }

  console.log(`\n== ${w.title} (${seconds.toFixed(1)} s)`);
  table(
    ['step', 'airvm ms', 'original ms', 'ratio', 'airvm rc/requests', 'original rc/requests', 'runs a/o'],
    net.rows.map((r) => {
      const a = r.sides.airvm;
      const o = r.sides.original;
      return [r.label, cellTime(a), cellTime(o), r.disagreement ? 'differs' : ratio(o?.ms, a?.ms), outcome(a), outcome(o), `${a?.runs ?? ''}/${o?.runs ?? ''}`];
    }),
  );
  console.log(`airvm wasm memory after the workload: ${mib(memory)}`);

  for (const r of net.rows) {
    const a = r.sides.airvm;
    if (a.retCode !== undefined && a.retCode !== 0) problems.push(`${w.name} / ${r.label}: airvm ret_code ${a.retCode}: ${a.errorMessage}`);
    if (a.trap) problems.push(`${w.name} / ${r.label}: airvm threw: ${a.trap}`);
    const o = r.sides.original;
    if (o?.trap) problems.push(`${w.name} / ${r.label}: ${o.trap.split('\n')[0]}`);
    else if (r.disagreement) problems.push(`${w.name} / ${r.label}: outcomes differ: ${r.disagreement}`);
  }
  for (const s of w.summary(net.rows)) {
    const sum = (name) => {
      const cells = s.rows.map((r) => r.sides[name]);
      if (cells.some((c) => !c || c.skipped || c.trap)) return cells.some((c) => c?.trap) ? 'TRAP' : '-';
      return cells.reduce((t, c) => t + c.ms, 0);
    };
    const a = sum('airvm');
    const o = original ? sum('original') : '-';
    const goal = w.name.startsWith('partree') ? 50 : 10;
    const both = typeof a === 'number' && typeof o === 'number';
    const differs = s.rows.some((r) => r.disagreement);
    const met = both && !differs ? (o / a >= goal ? 'yes' : 'no') : '';
    summary.push([w.name, s.label, typeof a === 'number' ? ms(a) : a, typeof o === 'number' ? ms(o) : o,
      differs ? 'differs' : both ? ratio(o, a) : '', `${goal}x ${met}`, mib(memory)]);
  }
  all.push({ workload: w.name, title: w.title, seconds, memoryBytes: memory, rows: net.rows });
}

console.log(`airvm vs the original AquaVM 0.54, median of up to ${timing.runs} timed runs per step ` +
  `(at least ${timing.minRuns}, ${timing.warmup} warm-up, ~${timing.budgetMs} ms budget per step and side); node ${process.version}`);
// V8 runs wasm first as baseline code and optimizes hot functions in the background: warm both
// implementations up on small particles before anything is timed.
const started = performance.now();
if (warmupPhase) {
  const t0 = performance.now();
  const impls = [await loadAirvm(), ...(original ? [original] : [])];
  for (const w of [workloads.relay, workloads.fanout, partreeWorkload(10), workloads.relay, partreeWorkload(10)]) {
    const net = new Net(impls, { ...w.particle(options), services: w.services.bind(w), timing: { runs: 0, minRuns: 0, warmup: 0, budgetMs: 0 } });
    await w.run(net, options);
  }
  console.log(`(warm-up: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
for (const name of selected) {
  if (name === 'partree') {
    for (const d of depths) await runWorkload(partreeWorkload(d), { withOriginal: d <= originalMaxDepth });
  } else {
    await runWorkload(workloads[name], { withOriginal: true });
  }
}

console.log(`\n== summary (ms; ratio = original / airvm; total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
table(['workload', 'measure', 'airvm ms', 'original ms', 'ratio', 'goal met', 'airvm memory'], summary, 2);
if (problems.length) {
  console.log('\nnotes:');
  for (const p of problems) console.log(`  ${p}`);
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ timing, results: all }, null, 1));
