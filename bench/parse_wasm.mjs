#!/usr/bin/env node
// Wasm benchmark of the AIR front end in Node: the same inputs and statistics as
// bench/parse_native.cpp, measured (1) through the npm package and (2) through a benchmark-only
// build of the same core (bench/wasm_bench.cpp) that splits a call into its parts.
// Prints timings; asserts nothing.
//
//   node bench/parse_wasm.mjs [--iterations N] [--warmup N] [--cold N] [--json OUT.json] FILE.air...
//
// Needs: the package built (npm run build: js/dist/ and js/dist/wasm/), and for the breakdown
// build/bench/wasm/airvm_bench.{mjs,wasm} (bash bench/build_wasm_bench.sh); without the latter
// that part is skipped.
//
// (1) package  `await load()` once; per file the first call, then medians of
//       parse(bytes)        what a user pays: bytes in, parse + validate + to_json in wasm,
//                           the JSON text out to a JS string (the package's parse returns JSON)
//       parse(bytes).ast    the same plus JSON.parse of that text into objects
//       format(bytes)       parse + format, the AIR text out
//     and parse('(null)') as the fixed cost of a call.
// (2) breakdown (script bytes are a Uint8Array, as the package passes them)
//       in        copy the script into wasm memory (load(bytes) minus load(empty))
//       parse     parse + validate inside wasm, timed from JS (and from inside, time_parse)
//       to_json   in wasm only; out = returning that JSON as a JS string, minus to_json
//       format    in wasm only
// (3) cold      `--cold N` fresh Node processes per file: load() and the first parse call,
//               i.e. the "first invoke" cost (Node start-up itself not included). 0 skips it.
// Units: MB = 10^6 bytes, KB = 10^3 bytes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const benchModulePath = resolve(repo, 'build/bench/wasm/airvm_bench.mjs');
const benchWasmPath = resolve(repo, 'build/bench/wasm/airvm_bench.wasm');

// --- statistics ---------------------------------------------------------------------------------
function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  return {
    median_ms: n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2,
    min_ms: s[0],
    mean_ms: s.reduce((a, b) => a + b, 0) / n,
  };
}

let sink = 0; // keeps results observable

function measure(warmup, iterations, f) {
  const t0 = performance.now();
  sink += f() ? 1 : 0;
  const first = performance.now() - t0;
  for (let i = 0; i < warmup; i++) sink += f() ? 1 : 0;
  const ms = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    sink += f() ? 1 : 0;
    ms.push(performance.now() - start);
  }
  return { first_ms: first, ...stats(ms) };
}

const fmt = (x, d = 3) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));

// --- child mode: one cold load + first call, reported as JSON on stdout --------------------------
async function child(kind, file) {
  const bytes = readFileSync(file);
  if (kind === 'package') {
    const t0 = performance.now();
    const { load } = await import('airvm');
    const air = await load();
    const t1 = performance.now();
    const r = air.parse(bytes);
    const t2 = performance.now();
    if (!r.ok) throw new Error(r.errorMessage);
    const r2 = air.parse(bytes);
    const t3 = performance.now();
    sink += r2.json.length;
    console.log(JSON.stringify({ load_ms: t1 - t0, first_ms: t2 - t1, second_ms: t3 - t2 }));
  } else {
    const t0 = performance.now();
    const m = await loadBenchModule();
    const t1 = performance.now();
    const n = m.parse_bytes(bytes);
    const t2 = performance.now();
    if (n < 0) throw new Error(`${file} does not parse`);
    m.parse_bytes(bytes);
    const t3 = performance.now();
    console.log(JSON.stringify({ load_ms: t1 - t0, first_ms: t2 - t1, second_ms: t3 - t2 }));
  }
}

async function loadBenchModule() {
  const { default: create } = await import(pathToFileURL(benchModulePath).href);
  return create({ wasmBinary: readFileSync(benchWasmPath), print: () => {}, printErr: () => {} });
}

function cold(kind, file, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', kind, file], {
      encoding: 'utf8',
      cwd: repo,
    });
    if (r.status !== 0) throw new Error(`cold ${kind} run failed: ${r.stderr}`);
    out.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  const med = (k) => stats(out.map((o) => o[k])).median_ms;
  return { runs, load_ms: med('load_ms'), first_ms: med('first_ms'), second_ms: med('second_ms') };
}

// --- main ----------------------------------------------------------------------------------------
function parseArgs(argv) {
  const o = { iterations: 50, warmup: 10, cold: 5, json: undefined, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--iterations') o.iterations = Math.max(1, Number(next()));
    else if (a === '--warmup') o.warmup = Math.max(0, Number(next()));
    else if (a === '--cold') o.cold = Math.max(0, Number(next()));
    else if (a === '--json') o.json = next();
    else if (a.startsWith('-')) {
      console.error('usage: node bench/parse_wasm.mjs [--iterations N] [--warmup N] [--cold N] [--json OUT.json] FILE.air...');
      process.exit(2);
    } else o.files.push(a);
  }
  if (!o.files.length) {
    console.error('parse_wasm: no input files');
    process.exit(2);
  }
  return o;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const report = { runner: 'wasm', node: process.version, iterations: o.iterations, inputs: [] };
  console.log(`parse_wasm: Node ${process.version}, ${o.iterations} iterations after ${o.warmup} warm-up runs`);

  // (1) the package
  const t0 = performance.now();
  const { load } = await import('airvm');
  const air = await load();
  report.package_load_ms = performance.now() - t0;
  const empty = new TextEncoder().encode('(null)');
  report.package_null_call = measure(o.warmup, o.iterations * 10, () => air.parse(empty).ok);
  console.log(
    `package: load() ${fmt(report.package_load_ms, 1)} ms; parse('(null)') ` +
      `${fmt(report.package_null_call.median_ms * 1000, 1)} us per call`,
  );

  // (2) the breakdown module, when built
  let m;
  if (existsSync(benchModulePath) && existsSync(benchWasmPath)) {
    m = await loadBenchModule();
  } else {
    console.log(`breakdown: skipped (${benchModulePath} missing: bash bench/build_wasm_bench.sh)`);
  }

  for (const file of o.files) {
    const bytes = new Uint8Array(readFileSync(file));
    const name = basename(file);
    const n = bytes.length;
    const entry = { name, bytes: n };

    const probe = air.parse(bytes);
    if (!probe.ok) throw new Error(`${file} does not parse:\n${probe.errorMessage}`);
    entry.json_bytes = probe.json.length; // UTF-16 code units; the JSON is ASCII
    entry.package = {
      parse: measure(o.warmup, o.iterations, () => air.parse(bytes).ok),
      parse_object: measure(o.warmup, o.iterations, () => air.parse(bytes).ast !== undefined),
      format: measure(o.warmup, o.iterations, () => air.format(bytes).ok),
    };
    const p = entry.package;
    console.log(`${name}: ${n} bytes`);
    console.log(
      `  package parse→JSON    median ${fmt(p.parse.median_ms)} ms  min ${fmt(p.parse.min_ms)} ms  ` +
        `first ${fmt(p.parse.first_ms)} ms  ${fmt(n / 1e6 / (p.parse.median_ms / 1e3), 1)} MB/s  ` +
        `${fmt((p.parse.median_ms * 1e5) / n)} ms/100KB  (JSON ${entry.json_bytes} chars)`,
    );
    console.log(
      `  package parse→object  median ${fmt(p.parse_object.median_ms)} ms  min ${fmt(p.parse_object.min_ms)} ms`,
    );
    console.log(`  package format        median ${fmt(p.format.median_ms)} ms  min ${fmt(p.format.min_ms)} ms`);

    if (m) {
      const none = new Uint8Array(0);
      if (m.load(bytes) !== n || m.parse_loaded() < 0) throw new Error(`${file}: breakdown module disagrees`);
      const inFull = measure(o.warmup, o.iterations, () => m.load(bytes));
      const inEmpty = measure(o.warmup, o.iterations * 10, () => m.load(none) === 0);
      m.load(bytes);
      const parse = measure(o.warmup, o.iterations, () => m.parse_loaded() > 0);
      const inside = stats(m.time_parse(o.iterations));
      const parseBytes = measure(o.warmup, o.iterations, () => m.parse_bytes(bytes) > 0);
      const json = measure(o.warmup, o.iterations, () => m.json_loaded() > 0);
      const jsonOut = measure(o.warmup, o.iterations, () => m.json_string().length > 0);
      const format = measure(o.warmup, o.iterations, () => m.format_loaded() > 0);
      const mem = m.ast_memory();
      const b = {
        in_ms: inFull.median_ms - inEmpty.median_ms,
        call_ms: inEmpty.median_ms,
        parse,
        parse_inside: inside,
        parse_bytes: parseBytes,
        to_json: json,
        json_out_ms: jsonOut.median_ms - json.median_ms,
        format,
        ast_capacity: mem.capacity,
        ast_used: mem.used,
        node_size: mem.nodeSize,
        value_size: mem.valueSize,
      };
      entry.breakdown = b;
      entry.parse = parse; // the wasm parse time proper, for the summary table
      entry.mb_per_s = n / 1e6 / (parse.median_ms / 1e3);
      entry.ms_per_100kb = (parse.median_ms * 1e5) / n;
      console.log(
        `  wasm parse            median ${fmt(parse.median_ms)} ms  min ${fmt(parse.min_ms)} ms  ` +
          `first ${fmt(parse.first_ms)} ms  ${fmt(entry.mb_per_s, 1)} MB/s  ${fmt(entry.ms_per_100kb)} ms/100KB` +
          `  (inside wasm: median ${fmt(inside.median_ms)} ms)`,
      );
      console.log(
        `  transfer in           ${fmt(b.in_ms)} ms (${fmt(n / 1e6 / (b.in_ms / 1e3), 0)} MB/s; ` +
          `an empty call ${fmt(b.call_ms * 1000, 1)} us)   in + parse ${fmt(parseBytes.median_ms)} ms`,
      );
      console.log(
        `  wasm to_json          median ${fmt(json.median_ms)} ms; JSON out to JS ${fmt(b.json_out_ms)} ms   ` +
          `wasm format ${fmt(format.median_ms)} ms`,
      );
      console.log(
        `  AST memory (wasm32)   ${mem.capacity} bytes = ${fmt(mem.capacity / n, 2)}x the script ` +
          `(used ${fmt(mem.used / n, 2)}x; Node ${mem.nodeSize} B, Value ${mem.valueSize} B)`,
      );
    }

    if (o.cold > 0) {
      entry.cold_package = cold('package', file, o.cold);
      let line =
        `  cold (${o.cold} fresh processes, medians): package import+load() ${fmt(entry.cold_package.load_ms, 1)} ms, ` +
        `first parse→JSON ${fmt(entry.cold_package.first_ms)} ms, second ${fmt(entry.cold_package.second_ms)} ms`;
      if (m) {
        entry.cold_parse = cold('module', file, o.cold);
        line += `; parse only: first ${fmt(entry.cold_parse.first_ms)} ms, second ${fmt(entry.cold_parse.second_ms)} ms`;
      }
      console.log(line);
    }
    report.inputs.push(entry);
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(report, null, 1) + '\n');
  if (sink < 0) console.log(sink);
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  await child(argv[1], argv[2]);
} else {
  await main();
}
