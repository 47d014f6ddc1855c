// Property tests of the algebraic laws of the data function (execution.md section 5) on airvm,
// over randomly generated scripts played on randomly scheduled multi-peer networks
// (tests/laws: gen.mjs generates the scripts, network.mjs plays them, laws.mjs and check.mjs
// state and check the laws; see check.mjs for the list and for the known violations of the
// original, execution.md 5.4, that are not checked).
//
// Environment:
//   AIRVM_LAWS_SEED=n     base seed (default 1); case i uses seed n + i, so a failing case is
//                         re-run alone with AIRVM_LAWS_SEED=<its seed> AIRVM_LAWS_CASES=1
//   AIRVM_LAWS_CASES=n    number of cases (default 150)
//   AIRVM_LAWS_EFFORT=x   samples per law and case, scaled (default 1)
//   AIRVM_LAWS_BUDGET_MS  stop starting new cases after this long (default 75000; 0 = no limit)
//   AIRVM_LAWS_SHRINK=0   report failures as found, without shrinking the script first
//   AIRVM_LAWS_VERBOSE=1  print the per-law counts and the shapes covered
//   AIRVM_LAWS_KNOWN=1    also check the shapes of the original's known violations (they fail)
// A failure prints the seed, the (shrunk) script, the peer and the law's inputs (traces and data).
// To see whether the original AquaVM 0.54 fails the same way: node tests/laws/original.mjs SEED.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import './helpers.mjs';
import { load } from '../../js/dist/index.js';
import { LAWS, runCase } from '../laws/check.mjs';
import { shrink } from '../laws/shrink.mjs';
import { describeFailure } from '../laws/report.mjs';

const env = process.env;
const baseSeed = Number(env.AIRVM_LAWS_SEED ?? 1);
const caseCount = Number(env.AIRVM_LAWS_CASES ?? 150);
const effort = Number(env.AIRVM_LAWS_EFFORT ?? 1);
const budgetMs = Number(env.AIRVM_LAWS_BUDGET_MS ?? 75000);
const shrinking = env.AIRVM_LAWS_SHRINK !== '0';
const verbose = Boolean(env.AIRVM_LAWS_VERBOSE);
const checkKnown = Boolean(env.AIRVM_LAWS_KNOWN);

const vm = await load();

// Run every case once; the tests below read the results.
const started = Date.now();
const counts = Object.fromEntries(LAWS.map((l) => [l, 0]));
const skipped = {};
const failures = Object.fromEntries(LAWS.map((l) => [l, []])); // [{result, failure}]
const shapes = {};
let casesRun = 0;
let invocations = 0;
let networkInvocations = 0;
let multiPeerRuns = 0;
for (let i = 0; i < caseCount; i++) {
  if (budgetMs && Date.now() - started > budgetMs) break;
  const result = runCase(vm, baseSeed + i, { effort, checkKnown });
  casesRun++;
  invocations += result.invocations;
  networkInvocations += result.run.invocations;
  if (new Set(result.run.pool.map((e) => e.peer)).size > 1) multiPeerRuns++;
  for (const [k, v] of Object.entries(result.gcase.features)) if (v) shapes[k] = (shapes[k] ?? 0) + 1;
  for (const [k, v] of Object.entries(result.counts)) counts[k] += v;
  for (const [k, v] of Object.entries(result.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
  const seen = new Set();
  for (const f of result.failures) {
    if (seen.has(f.law)) continue; // one failure per law and case is enough to report
    seen.add(f.law);
    failures[f.law].push({ result, failure: f });
  }
}
const elapsed = Date.now() - started;
const total = Object.values(counts).reduce((s, n) => s + n, 0);

function summary() {
  return [
    `${casesRun} cases (seeds ${baseSeed}..${baseSeed + casesRun - 1}), ${total} law checks in ${(elapsed / 1000).toFixed(1)} s`,
    `(${networkInvocations} network invocations, ${invocations} in all; ${multiPeerRuns} runs with more than one peer)`,
    `checks per law: ${JSON.stringify(counts)}`,
    `skipped: ${JSON.stringify(skipped)}`,
    `shapes (cases): ${JSON.stringify(shapes)}`,
  ].join('\n');
}
if (verbose) console.log(summary());

function report(law) {
  const list = failures[law];
  if (!list.length) return;
  const { result, failure } = list[0];
  let text;
  if (shrinking) {
    const small = shrink(vm, result, law, { timeMs: 20000, runOptions: { effort, checkKnown } });
    text = `${describeFailure(small.result, small.failure)}\n(shrunk from the case of seed ${result.seed}; the network of the shrunk case is seeded ${small.result.seed})`;
  } else text = describeFailure(result, failure);
  const seeds = list.map((x) => x.result.seed);
  assert.fail(`${law}: ${list.length} failing case(s), seeds ${seeds.slice(0, 10).join(', ')}${seeds.length > 10 ? ', …' : ''}\n${text}\nIs it a known violation of the original? node tests/laws/original.mjs ${seeds[0]} --law ${law} --show`);
}

test('law tests ran thousands of checks over multi-peer runs', () => {
  assert.ok(casesRun >= Math.min(caseCount, 20), `only ${casesRun} cases ran within the time budget`);
  if (caseCount >= 100 && casesRun >= 100) assert.ok(total >= 2000, `only ${total} checks:\n${summary()}`);
  assert.ok(multiPeerRuns >= casesRun / 2, `only ${multiPeerRuns} of ${casesRun} runs involved several peers`);
});

const DESCRIPTIONS = {
  closed: 'every output x of P is P-closed: f(x, e) ≐ x (5.1)',
  L1: 'L1: f(x, e) ≐ f(e, x) up to lcid and new request ids',
  'L1-closed': 'L1: for P-closed x, f(e, x) ≐ x',
  L2: 'L2: f(x, x) ≐ f(x, e)',
  L3: 'L3: f(f(a, b), b) ≐ f(a, b) and f(f(a, b), a) ≐ f(a, b)',
  'L3-contained': 'L3: f(c, d) ≐ c for d contained in c (re-delivery is harmless)',
  L4: 'L4: f(f(a, b), c) ≐ f(a, f(b, c)) without progress',
  L5: 'L5: f(a, b) and f(b, a) differ only where L5 allows (no progress)',
  L6: 'L6: monotonicity of f on run data',
  'L6-run': "L6: monotonicity of the network's own merges",
  defined: 'f is defined on compatible inputs',
};

for (const law of LAWS) {
  test(DESCRIPTIONS[law], () => {
    if (casesRun >= 50) assert.ok(counts[law] > 0, `no ${law} check ran`);
    report(law);
  });
}
