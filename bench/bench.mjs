// Throughput of the wasm build through the npm package (build it first: bash scripts/setup.sh).
//   node bench/bench.mjs [FILE.air ...] [--iterations N]
// Without files it times a generated script: a balanced tree of seq/par/xor over 2^14 calls
// (the same shape as bench/bench_parse.cpp, so native and wasm numbers compare).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

import { load } from 'airvm';

function generate(depth) {
  const ops = ['seq', 'par', 'xor'];
  let counter = 0;
  const out = [];
  const walk = (d, indent) => {
    const pad = ' '.repeat(indent);
    if (d === 0) {
      out.push(`${pad}(call %init_peer_id% ("svc" "fn") ["arg" ${counter++} true :error:])\n`);
      return;
    }
    out.push(`${pad}(${ops[d % 3]}\n`);
    walk(d - 1, indent + 1);
    walk(d - 1, indent + 1);
    out.push(`${pad})\n`);
  };
  walk(depth, 0);
  return out.join('');
}

function time(iterations, f) {
  f(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) f();
  return (performance.now() - start) / iterations;
}

const args = process.argv.slice(2);
let iterations = 20;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--iterations') iterations = Math.max(1, Number(args[++i]));
  else files.push(args[i]);
}

const t0 = performance.now();
const air = await load();
console.log(`load(): ${(performance.now() - t0).toFixed(1)} ms`);

const inputs = files.length
  ? files.map((f) => [f, readFileSync(f)])
  : [['generated (2^14 calls)', Buffer.from(generate(14))]];

for (const [name, bytes] of inputs) {
  const probe = air.parse(bytes);
  if (!probe.ok) {
    console.error(probe.errorMessage);
    process.exit(1);
  }
  const mib = bytes.length / (1024 * 1024);
  const parseMs = time(iterations, () => air.parse(bytes));
  const parseObjMs = time(iterations, () => air.parse(bytes).ast);
  const formatMs = time(iterations, () => air.format(bytes));
  console.log(
    `${name.padEnd(28)} ${String(bytes.length).padStart(9)} bytes  ` +
      `parse→json ${parseMs.toFixed(2)} ms (${(mib / (parseMs / 1000)).toFixed(1)} MiB/s)  ` +
      `parse→object ${parseObjMs.toFixed(2)} ms  format ${formatMs.toFixed(2)} ms`,
  );
}
