#!/usr/bin/env node
// Generates a large, valid AIR script for the parser benchmarks (bench/parse_native.cpp,
// bench/parse_wasm.mjs). Deterministic: the same options always give the same bytes.
//
//   node bench/gen_script.mjs [--calls 10000] [--vars 100] [--seed 1] [--shape balanced|chain]
//                             [--indent 0] [--out build/bench/gen_10000.air]
//
// The script is `--calls` call instructions joined by seq/par/xor (about 60/25/15 %):
//   * the first `--vars` calls define the scalars v0..v(vars-1), so every later use of a
//     variable is textually after its definition (what the validator checks);
//   * every later call reads those variables as peer, arguments and lens targets, e.g.
//       (call v17 ("tracingSrv" "tracingEvent") [v3 v42.$.peer_id "enter"] $stream-5)
//     and appends to one of `--vars` streams, writes a fresh scalar, or has no output.
// Shapes:
//   balanced  a balanced binary tree (depth ceil(log2(calls)), 14 for 10,000 calls)
//   chain     Aqua-compiler style: right-leaning seq chains of up to 100 calls, themselves
//             joined by a balanced tree (depth stays below ~120)
// Layout: one instruction per line, `--indent` spaces per nesting level. The default 0 keeps
// 10,000 calls at ~780 KB; `--indent 1` is the canonical layout of `format` and of the Aqua
// compiler, where indentation is most of the bytes (~80 % of the largest corpus script; the
// balanced 10,000-call script grows to ~1.1 MB).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { calls: 10000, vars: 100, seed: 1, shape: 'balanced', indent: 0, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--calls') o.calls = Number(next());
    else if (a === '--vars') o.vars = Number(next());
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--shape') o.shape = next();
    else if (a === '--indent') o.indent = Number(next());
    else if (a === '--out') o.out = next();
    else if (a === '-h' || a === '--help') {
      console.log('usage: node bench/gen_script.mjs [--calls N] [--vars N] [--seed N] [--shape balanced|chain] [--indent N] [--out FILE]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.calls) || o.calls < 1) throw new Error('--calls must be a positive integer');
  if (!Number.isInteger(o.vars) || o.vars < 1 || o.vars > o.calls) throw new Error('--vars must be in 1..calls');
  if (!['balanced', 'chain'].includes(o.shape)) throw new Error('--shape must be balanced or chain');
  if (!Number.isInteger(o.indent) || o.indent < 0) throw new Error('--indent must be a non-negative integer');
  const suffix = (o.shape === 'chain' ? '_chain' : '') + (o.indent ? `_indent${o.indent}` : '');
  o.out ??= resolve(repo, 'build/bench', `gen_${o.calls}${suffix}.air`);
  return o;
}

// mulberry32: small, fast, good enough for picking shapes and names.
function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
}

// Service/function pairs seen in Aqua-compiled scripts.
const SERVICES = [
  ['getDataSrv', 'worker_settings'],
  ['tracingSrv', 'tracingEvent'],
  ['op', 'noop'],
  ['op', 'identity'],
  ['peer', 'timestamp_sec'],
  ['spell', 'get_string'],
  ['spell', 'set_string'],
  ['json', 'obj'],
  ['srv', 'list'],
  ['decider', 'update_deals'],
  ['chain_connector', 'poll_deal_changes'],
  ['worker', 'get_worker_id'],
];
const FIELDS = ['peer_id', 'success', 'error', 'value', 'deal_id', 'worker_id', 'str', 'timestamp'];
const LITERALS = ['"enter"', '"exit"', '"main"', '"deals"', '"Fetching deals..."', '42', 'true', '[]'];

function generate(o) {
  const r = rng(o.seed);
  const v = (k) => `v${k}`;
  let scalarOut = 0;

  function operand() {
    const x = r.next();
    const name = v(r.int(o.vars));
    if (x < 0.45) return name;
    if (x < 0.75) return `${name}.$.${r.pick(FIELDS)}`;
    if (x < 0.82) return `${name}.$.[${r.int(4)}].${r.pick(FIELDS)}`;
    if (x < 0.85) return `${name}.$.[${v(r.int(o.vars))}]`;
    return r.pick(LITERALS);
  }

  function call(i) {
    const [svc, fn] = r.pick(SERVICES);
    if (i < o.vars) {
      // Definitions: only the init peer and literals, output v<i>.
      return `(call %init_peer_id% ("${svc}" "${fn}") ["${fn}-${i}"] ${v(i)})`;
    }
    const peer = r.next() < 0.3 ? '%init_peer_id%' : v(r.int(o.vars));
    const nargs = 1 + r.int(4);
    const args = [];
    for (let k = 0; k < nargs; k++) args.push(operand());
    const x = r.next();
    let out = '';
    if (x < 0.5) out = ` $stream-${r.int(o.vars)}`;
    else if (x < 0.8) out = ` result-${scalarOut++}`;
    return `(call ${peer} ("${svc}" "${fn}") [${args.join(' ')}]${out})`;
  }

  const calls = Array.from({ length: o.calls }, (_, i) => call(i));
  const op = () => {
    const x = r.next();
    return x < 0.6 ? 'seq' : x < 0.85 ? 'par' : 'xor';
  };

  // Trees are emitted iteratively into lines; `maxDepth` is tracked for the report.
  const lines = [];
  let maxDepth = 0;
  const pad = (d) => ' '.repeat(d * o.indent);

  // A balanced tree over leaves [lo, hi) whose leaf i is emitted by leaf(i, depth).
  function balanced(lo, hi, depth, leaf) {
    if (hi - lo === 1) return leaf(lo, depth);
    const mid = lo + Math.ceil((hi - lo) / 2);
    lines.push(`${pad(depth)}(${op()}`);
    balanced(lo, mid, depth + 1, leaf);
    balanced(mid, hi, depth + 1, leaf);
    lines.push(`${pad(depth)})`);
  }
  const callLeaf = (i, depth) => {
    maxDepth = Math.max(maxDepth, depth + 1);
    lines.push(pad(depth) + calls[i]);
  };

  if (o.shape === 'balanced') {
    balanced(0, o.calls, 0, callLeaf);
  } else {
    // Right-leaning seq chains of up to 100 calls under a balanced tree of chains.
    const CHAIN = 100;
    const chains = Math.ceil(o.calls / CHAIN);
    balanced(0, chains, 0, (c, depth) => {
      const lo = c * CHAIN;
      const hi = Math.min(o.calls, lo + CHAIN);
      chain(lo, hi - lo, depth);
    });
  }

  function chain(lo, n, depth) {
    // (seq
    //  c0
    //  (seq
    //   c1
    //   ...
    //    c(n-1)
    //  )
    // )
    for (let k = 0; k < n - 1; k++) {
      lines.push(`${pad(depth + k)}(seq`);
      lines.push(pad(depth + k + 1) + calls[lo + k]);
    }
    lines.push(pad(depth + n - 1) + calls[lo + n - 1]);
    maxDepth = Math.max(maxDepth, depth + n);
    for (let k = n - 2; k >= 0; k--) lines.push(`${pad(depth + k)})`);
  }

  return { text: lines.join('\n') + '\n', maxDepth, scalarOut };
}

const o = parseArgs(process.argv.slice(2));
const { text, maxDepth, scalarOut } = generate(o);
mkdirSync(dirname(o.out), { recursive: true });
writeFileSync(o.out, text);
console.error(
  `gen_script: ${o.out}: ${text.length} bytes (${(text.length / 1024).toFixed(0)} KiB), ` +
    `${o.calls} calls over ${o.vars} variables, shape ${o.shape}, nesting depth ${maxDepth} (calls included), ` +
    `${scalarOut} fresh result scalars, seed ${o.seed}`,
);
console.log(o.out);
