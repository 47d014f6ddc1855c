// Plays every differential scenario (tests/diff/scenarios) on the original AquaVM 0.54 and writes
// its golden transcript to tests/diff/golden/<scenario>.json:
//
//   node tests/diff/gen-golden.mjs            all scenarios (stale goldens are removed)
//   node tests/diff/gen-golden.mjs NAME ...   only scenarios whose name contains one of NAME
//
// Each scenario is recorded (the schedule decided while playing), then the recorded schedule is
// replayed on the original once more: the two transcripts must be equal (the original is
// deterministic modulo map order, which normalization removes), else the scenario is reported and
// not written. The scenarios' `expect` entries (what the spec says) are checked against the
// original; disagreements go to tests/diff/golden/_spec-check.md. Exit code 1 if a replay differs.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadOriginal } from '../oracle/original.mjs';
import { scenarios } from './scenarios/index.mjs';
import { compareTranscripts, formatDifferences, recordScenario, replaySchedule } from './runner.mjs';
import { checkExpectations } from './expect.mjs';
import { goldenDir, goldenOf, goldenText } from './golden.mjs';

const filters = process.argv.slice(2);
const selected = scenarios.filter((s) => !filters.length || filters.some((f) => s.name.includes(f)));
if (!selected.length) throw new Error(`no scenario matches ${filters.join(' ')}`);

mkdirSync(goldenDir, { recursive: true });
const vm = await loadOriginal();
const specProblems = [];
let unstable = 0;
let bytes = 0;
const t0 = Date.now();
for (const scenario of selected) {
  const t = Date.now();
  const recorded = await recordScenario(scenario, vm);
  const again = await replaySchedule(recorded.setup, recorded.schedule, vm);
  const diffs = compareTranscripts(recorded.transcript, again);
  if (diffs.length) {
    unstable++;
    console.error(`${scenario.name}: the replay on the original differs from the recording:\n${formatDifferences(diffs, { names: recorded.setup.peers, aName: 'recorded', bName: 'replayed' })}`);
    continue;
  }
  const problems = checkExpectations(scenario, recorded);
  if (problems.length) specProblems.push({ scenario, problems });
  const text = goldenText(goldenOf(scenario, recorded));
  bytes += text.length;
  writeFileSync(path.join(goldenDir, `${scenario.name}.json`), text);
  const traps = recorded.transcript.steps.filter((s) => s.trap).length;
  console.log(`${scenario.name}: ${recorded.schedule.length} steps${traps ? `, ${traps} traps` : ''}${recorded.capReached ? ', cap reached' : ''}, ${Date.now() - t} ms${problems.length ? `, ${problems.length} spec disagreements` : ''}`);
}

if (!filters.length) {
  const names = new Set(selected.map((s) => `${s.name}.json`));
  for (const f of readdirSync(goldenDir)) {
    if (f.endsWith('.json') && !f.startsWith('_') && !names.has(f)) {
      rmSync(path.join(goldenDir, f));
      console.log(`removed stale ${f}`);
    }
  }
  const lines = [
    '# Where the original AquaVM 0.54 disagrees with the spec',
    '',
    'Written by `node tests/diff/gen-golden.mjs` from the `expect` entries of the scenarios (what',
    'execution.md / language.md say a step yields) compared with what the original returned. The',
    'goldens hold the original\'s behaviour; this list is for the spec\'s maintainers.',
    '',
  ];
  for (const { scenario, problems } of specProblems) {
    lines.push(`## ${scenario.name}`, '', scenario.description, '', ...problems.map((p) => `- ${p.replace(/\n/g, '\n  ')}`), '');
  }
  if (!specProblems.length) lines.push('(none)', '');
  writeFileSync(path.join(goldenDir, '_spec-check.md'), lines.join('\n'));
}

console.log(`${selected.length - unstable} goldens written (${(bytes / 1e6).toFixed(2)} MB) in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${specProblems.length} scenarios disagree with the spec's expectations${unstable ? `; ${unstable} NOT deterministic` : ''}`);
if (unstable) process.exitCode = 1;
