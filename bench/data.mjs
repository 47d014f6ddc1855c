// Time to load and verify InterpreterData in the wasm, through the package: checkData (read,
// version gate, CID stores, signatures), inspectData and rewriteData.
//   node bench/data.mjs [FILE.json] [--particle-id ID] [--iterations N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from '../js/dist/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const iterations = Number(option('--iterations', 20));
const particleId = option('--particle-id', 'p-fanout-1000');
const file = args[0] ?? path.join(root, 'tests/fixtures/data/fanout-1000/05-A.json');
const bytes = readFileSync(file);

const vm = await load();
const median = (f) => {
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
};
const empty = new Uint8Array(0);
const r = vm.checkData(empty, bytes, particleId);
if (r.retCode !== 0) throw new Error(r.errorMessage);
const check = median(() => vm.checkData(empty, bytes, particleId));
const rewrite = median(() => vm.rewriteData(bytes));
const inspect = median(() => vm.inspectData(bytes, { particleId }));
console.log(`${path.relative(root, file)}: ${bytes.length} bytes`);
console.log(`  wasm: load+verify (checkData) ${check.toFixed(2)} ms, rewrite ${rewrite.toFixed(2)} ms, inspect --json ${inspect.toFixed(2)} ms (median of ${iterations})`);
