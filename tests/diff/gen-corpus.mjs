// Plays every script of ../shared/corpus/aqua-air on the original AquaVM 0.54 (tests/diff/corpus.mjs
// tells how) and writes tests/diff/corpus-golden/<script>.json plus _report.json (what ran, what
// trapped, what was slow; timings are informational and change between runs):
//
//   node tests/diff/gen-corpus.mjs [--check] [SUBSTRING ...]
//
// --check replays every recorded schedule on the original once more and reports any difference
// (the original is deterministic modulo map order).
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOriginal } from '../oracle/original.mjs';
import { VARIANTS, readCorpusAir, recordCorpusScript, replayCorpusRun } from './corpus.mjs';
import { corpusDir, corpusGoldenDir } from './golden.mjs';
import { stableStringify } from './runner.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const filters = args.filter((a) => a !== '--check');
if (!existsSync(corpusDir)) throw new Error(`no corpus at ${corpusDir}`);
const all = readdirSync(corpusDir).filter((f) => f.endsWith('.air')).sort();
const files = all.filter((f) => !filters.length || filters.some((s) => f.includes(s)));

/** One line per step of each run. */
export function corpusGoldenText(g) {
  const lines = ['{', `"file": ${JSON.stringify(g.file)},`, `"airSha256": ${JSON.stringify(g.airSha256)},`, `"airBytes": ${g.airBytes},`, '"runs": {'];
  const variants = Object.keys(g.runs);
  variants.forEach((v, vi) => {
    const run = g.runs[v];
    lines.push(` ${JSON.stringify(v)}: {`);
    lines.push(`  "setup": ${JSON.stringify(run.setup)},`);
    lines.push(`  "undelivered": ${JSON.stringify(run.undelivered)},`, `  "capReached": ${run.capReached},`);
    lines.push('  "schedule": [', ...run.schedule.map((s, i) => `   ${JSON.stringify(s)}${i < run.schedule.length - 1 ? ',' : ''}`), '  ],');
    lines.push('  "steps": [', ...run.steps.map((s, i) => `   ${JSON.stringify(s)}${i < run.steps.length - 1 ? ',' : ''}`), '  ]');
    lines.push(` }${vi < variants.length - 1 ? ',' : ''}`);
  });
  lines.push('}', '}', '');
  return lines.join('\n');
}

mkdirSync(corpusGoldenDir, { recursive: true });
const vm = await loadOriginal();
const report = { scripts: files.length, variants: VARIANTS, steps: 0, retCodes: {}, trapped: [], capReached: [], undelivered: 0, slow: [], unstable: [], totalMs: 0 };
let bytes = 0;
const t0 = Date.now();
for (const [n, file] of files.entries()) {
  const { golden, ms } = await recordCorpusScript(file, vm);
  for (const v of VARIANTS) {
    const run = golden.runs[v];
    report.totalMs += ms[v];
    report.steps += run.steps.length;
    if (ms[v] > 2000) report.slow.push({ file, variant: v, ms: ms[v], invocations: run.steps.length });
    if (run.capReached) report.capReached.push(`${file} (${v})`);
    report.undelivered += run.undelivered.length;
    for (const s of run.steps) {
      const key = s.trap ? 'trap' : String(s.retCode);
      report.retCodes[key] = (report.retCodes[key] ?? 0) + 1;
      if (s.trap) report.trapped.push({ file, variant: v, label: s.label, message: s.message });
    }
    if (check) {
      const again = await replayCorpusRun(run, vm, readCorpusAir(file));
      if (stableStringify(again) !== stableStringify(run.steps)) report.unstable.push(`${file} (${v})`);
    }
  }
  const text = corpusGoldenText(golden);
  bytes += text.length;
  writeFileSync(path.join(corpusGoldenDir, `${file.replace(/\.air$/, '')}.json`), text);
  if ((n + 1) % 50 === 0) console.log(`${n + 1}/${files.length} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
report.slow.sort((a, b) => b.ms - a.ms);
report.wallSeconds = Math.round((Date.now() - t0) / 1000);
report.goldenMB = Number((bytes / 1e6).toFixed(2));

if (!filters.length) {
  const names = new Set(files.map((f) => `${f.replace(/\.air$/, '')}.json`));
  for (const f of readdirSync(corpusGoldenDir)) {
    if (f.endsWith('.json') && !f.startsWith('_') && !names.has(f)) rmSync(path.join(corpusGoldenDir, f));
  }
  writeFileSync(path.join(corpusGoldenDir, '_report.json'), `${JSON.stringify(report, null, 1)}\n`);
}
console.log(JSON.stringify({ ...report, trapped: report.trapped.length, slow: report.slow.slice(0, 5) }, null, 1));
if (report.unstable.length) process.exitCode = 1;
