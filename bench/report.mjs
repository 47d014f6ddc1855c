#!/usr/bin/env node
// Summary table of bench/run.sh: reads the --json outputs of parse_native and parse_wasm.mjs.
//   node bench/report.mjs build/bench/native.json build/bench/wasm.json
import { existsSync, readFileSync } from 'node:fs';

const [nativePath, wasmPath] = process.argv.slice(2);
const read = (p) => (p && existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : { inputs: [] });
const native = read(nativePath);
const wasm = read(wasmPath);

const f = (x, d = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(d) : '-');
const per100k = (ms, bytes) => (ms * 1e5) / bytes;

function table(title, header, rows) {
  const cells = [header, ...rows].map((r) => r.map(String));
  const width = header.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(width[i]) : c.padStart(width[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(cells[0]));
  console.log(width.map((w) => '-'.repeat(w)).join('  '));
  for (const r of cells.slice(1)) console.log(line(r));
}

const names = [...new Set([...native.inputs, ...wasm.inputs].map((i) => i.name))];
const byName = (list, name) => list.find((i) => i.name === name) ?? {};
const short = (n) => (n.length > 34 ? `${n.slice(0, 31)}...` : n);

table(
  'parse (median ms; ms/100KB = per 10^5 bytes of script)',
  ['input', 'KB', 'native', 'ms/100KB', 'wasm', 'ms/100KB', 'pkg parse→JSON', 'ms/100KB', 'AST mem'],
  names.map((name) => {
    const n = byName(native.inputs, name);
    const w = byName(wasm.inputs, name);
    const bytes = n.bytes ?? w.bytes;
    const pkg = w.package?.parse?.median_ms;
    const mem = n.ast_capacity ? n.ast_capacity.total / n.bytes : w.breakdown ? w.breakdown.ast_capacity / w.bytes : NaN;
    return [
      short(name),
      f(bytes / 1e3, 0),
      f(n.parse?.median_ms),
      f(n.ms_per_100kb, 3),
      f(w.parse?.median_ms),
      f(w.ms_per_100kb, 3),
      f(pkg),
      f(pkg === undefined ? NaN : per100k(pkg, bytes), 3),
      `${f(mem)}x`,
    ];
  }),
);

table(
  'where a package parse call goes, and cold first calls (median ms)',
  ['input', 'in', 'parse', 'to_json', 'JSON out', 'nat. to_json', 'format w/n', 'cold import+load', 'cold 1st pkg', 'cold 1st parse'],
  names.map((name) => {
    const n = byName(native.inputs, name);
    const w = byName(wasm.inputs, name);
    const b = w.breakdown ?? {};
    return [
      short(name),
      f(b.in_ms),
      f(b.parse?.median_ms),
      f(b.to_json?.median_ms),
      f(b.json_out_ms),
      f(n.to_json?.median_ms),
      `${f(b.format?.median_ms)}/${f(n.format?.median_ms)}`,
      f(w.cold_package?.load_ms, 1),
      f(w.cold_package?.first_ms, 1),
      f(w.cold_parse?.first_ms, 1),
    ];
  }),
);
console.log(
  '\nin = bytes JS->wasm (embind std::string); JSON out = to_json text wasm->JS string; ' +
    'cold = fresh Node process: import + load(), then the first call (package parse→JSON, or parse alone).',
);
