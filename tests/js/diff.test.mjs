// airvm's interpreter against the original AquaVM 0.54, scenario by scenario and step by step:
// every golden transcript the original wrote (tests/diff/golden, by tests/diff/gen-golden.mjs;
// tests/diff/corpus-golden, by tests/diff/gen-corpus.mjs) is replayed on airvm with exactly the
// recorded schedule, and the normalized outcomes are compared (tests/diff/runner.mjs).
//
// While airvm has no vm.invoke the comparisons are todo (they still run and fail as todo). A
// sample of scenarios is also replayed on the original itself, so CI notices if the oracle or the
// goldens drift. Environment: DIFF_ONLY=<substring> restricts the scenarios and corpus scripts;
// DIFF_VERBOSE=1 prints every difference instead of the first few per scenario; DIFF_STRICT=1
// also compares the diagnostic of a parse failure (ret 1) after its first line, which
// language.md 2.6 leaves implementation-specific.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';

import './helpers.mjs';
import { load } from '../../js/dist/index.js';
import { loadOriginal } from '../oracle/original.mjs';
import { scenarios } from '../diff/scenarios/index.mjs';
import { compareTranscripts, compareSteps, formatDifferences, replaySchedule, scenarioSetup, sha256 } from '../diff/runner.mjs';
import { corpusDir, corpusGoldenDir, goldenDir, listGoldens, readGolden } from '../diff/golden.mjs';
import { VARIANTS, readCorpusAir, replayCorpusRun } from '../diff/corpus.mjs';
import { rawObjectEntries, textOf } from '../oracle/data.mjs';

const vm = await load();
const needsInvoke = typeof vm.invoke === 'function' ? {} : { todo: 'airvm has no vm.invoke yet' };
const only = process.env.DIFF_ONLY ?? '';
const verbose = Boolean(process.env.DIFF_VERBOSE);
const perScenario = verbose ? Infinity : 4;
const compareOptions = { strictParseReports: Boolean(process.env.DIFF_STRICT) };

const goldens = new Map(listGoldens().map((f) => [f.replace(/\.json$/, ''), readGolden(path.join(goldenDir, f))]));
const selected = scenarios.filter((s) => s.name.includes(only));

// The oracle sample: one or two scenarios of every area, small enough to run in a few seconds.
const ORACLE_SAMPLE = [
  'E1-forward-execute-return',
  'E7-fold-two-producers',
  'E8-recursive-stream-one-peer',
  'E17-stream-map-canon-map',
  'lang-22-service-failure-object',
  'lang-35-global-shadowing-uncatchable',
  'call-args-literals',
  'fold-stream-map',
  'error-20017-argument-hash',
  'error-prep-8-other-particle',
  'results-reverse-order',
  'aqua-fanout-join-3',
];

function summarize(label, results) {
  const bad = results.filter((r) => r.diffs.length);
  const lines = [`${label}: ${results.length - bad.length} of ${results.length} agree with the original`];
  for (const r of bad) {
    lines.push(`✗ ${r.name}: ${r.diffs.length} difference${r.diffs.length > 1 ? 's' : ''}, first at step ${r.diffs[0].step ?? '-'}${r.diffs[0].label ? ` (${r.diffs[0].label})` : ''}`);
    lines.push(
      formatDifferences(r.diffs, { limit: perScenario, names: r.names, aName: 'original', bName: 'airvm' })
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n'),
    );
  }
  return { text: lines.join('\n'), bad };
}

async function replayScenarioGolden(golden, impl) {
  const got = await replaySchedule(golden.setup, golden.schedule, impl);
  return compareTranscripts(golden.transcript, got, compareOptions);
}

// ---------------------------------------------------------------------------------------------
// The comparison itself, checked on the original wrapped so that it reorders or alters outcomes

/** The data text with the entries of every CID store and of the signatures in reverse order. */
function reverseMaps(text) {
  const obj = (entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  return obj(
    rawObjectEntries(text).map(([k, v]) => {
      if (k === 'signatures') return [k, obj(rawObjectEntries(v).reverse())];
      if (k === 'cid_info') return [k, obj(rawObjectEntries(v).map(([sk, sv]) => [sk, obj(rawObjectEntries(sv).reverse())]).reverse())];
      return [k, v];
    }),
  );
}

function wrapped(impl, edit) {
  let n = 0;
  return {
    async invoke(...a) {
      const out = await impl.invoke(...a);
      return edit(out, n++);
    },
  };
}

test('runner: outcomes equal modulo map order; an altered outcome is reported at its step and field', async () => {
  const original = await loadOriginal();
  const golden = goldens.get('E7-fold-two-producers');
  const enc = new TextEncoder();
  const shuffled = wrapped(original, (out) => ({
    ...out,
    data: out.data.length ? enc.encode(reverseMaps(textOf(out.data))) : out.data,
    nextPeerPks: [...out.nextPeerPks].reverse(),
    callRequests: [...out.callRequests].reverse(),
    interpreterVersion: 'ignored',
  }));
  assert.deepEqual(await replayScenarioGolden(golden, shuffled), []);

  const retCode = await replayScenarioGolden(golden, wrapped(original, (out, i) => (i === 3 ? { ...out, retCode: 7 } : out)));
  assert.deepEqual(retCode.map((d) => [d.step, d.field, d.a, d.b]), [[3, 'retCode', 0, 7]]);

  const peers = await replayScenarioGolden(golden, wrapped(original, (out, i) => (i === 0 ? { ...out, nextPeerPks: out.nextPeerPks.slice(1) } : out)));
  assert.deepEqual(peers.map((d) => [d.step, d.field]), [[0, 'nextPeerPks']]);

  // Step 5 (C#1) returns its prev data instead of the new data: that step differs in the trace,
  // lcid and signature, and so does every later step built on it.
  const stale = await replayScenarioGolden(golden, wrapped(original, (out, i) => (i === 5 ? { ...out, data: new Uint8Array(0) } : out)));
  assert.equal(stale[0].step, 5);
  assert.equal(stale[0].field, 'data');
  assert.ok(stale.some((d) => d.step > 5), 'later steps consume the altered data');

  const trap = await replayScenarioGolden(golden, wrapped(original, (out, i) => (i === 2 ? { trap: true, message: 'boom' } : out)));
  assert.deepEqual(trap[0] && [trap[0].step, trap[0].field], [2, 'trap']);
});

// ---------------------------------------------------------------------------------------------
// Scenario goldens

test('diff goldens: one per scenario, each recorded from the scenario as it is now (no vm needed)', () => {
  assert.ok(scenarios.length >= 100, `only ${scenarios.length} scenarios`);
  const stale = [];
  for (const s of scenarios) {
    const g = goldens.get(s.name);
    if (!g) {
      stale.push(`${s.name}: no golden (run node tests/diff/gen-golden.mjs ${s.name})`);
      continue;
    }
    assert.deepEqual(g.setup, scenarioSetup(s), `${s.name}: the golden was recorded from another version of the scenario; regenerate it`);
    assert.equal(g.transcript.steps.length, g.schedule.length, `${s.name}: steps`);
    assert.ok(g.transcript.steps.every((st) => !st.trap), `${s.name}: the original trapped`);
  }
  const names = new Set(scenarios.map((s) => s.name));
  for (const name of goldens.keys()) if (!names.has(name)) stale.push(`${name}: golden without scenario`);
  assert.deepEqual(stale, []);
});

const groups = [...new Set(selected.map((s) => s.group))];
for (const group of groups) {
  const list = selected.filter((s) => s.group === group);
  test(`diff ${group}: airvm replays the original's schedule of ${list.length} scenarios with the same outcomes`, needsInvoke, async (t) => {
    const results = [];
    for (const s of list) {
      const golden = goldens.get(s.name);
      if (!golden) continue; // reported by the golden test
      results.push({ name: s.name, names: golden.setup.peers, diffs: await replayScenarioGolden(golden, vm) });
    }
    const { text, bad } = summarize(`scenarios/${group}`, results);
    for (const line of text.split('\n')) t.diagnostic(line);
    assert.equal(bad.length, 0, text);
  });
}

test('oracle: a sample of scenarios re-played on the original still equals its goldens', async (t) => {
  const original = await loadOriginal();
  const results = [];
  for (const name of ORACLE_SAMPLE.filter((n) => n.includes(only))) {
    const golden = goldens.get(name);
    assert.ok(golden, `${name}: no golden`);
    results.push({ name, names: golden.setup.peers, diffs: await replayScenarioGolden(golden, original) });
  }
  const { text, bad } = summarize('oracle sample', results);
  for (const line of text.split('\n')) t.diagnostic(line);
  assert.equal(bad.length, 0, text);
});

// ---------------------------------------------------------------------------------------------
// Corpus goldens

const corpusGoldens = listGoldens(corpusGoldenDir).filter((f) => f.includes(only));
const haveCorpus = existsSync(corpusDir);

test('corpus goldens: one per corpus script, recorded from the script as it is now', { skip: haveCorpus ? false : `no corpus at ${corpusDir}` }, async () => {
  const { readdirSync } = await import('node:fs');
  const scripts = readdirSync(corpusDir).filter((f) => f.endsWith('.air') && f.includes(only));
  assert.ok(only || scripts.length >= 700, `${scripts.length} corpus scripts`);
  const have = new Set(corpusGoldens.map((f) => f.replace(/\.json$/, '.air')));
  assert.deepEqual(scripts.filter((f) => !have.has(f)), [], 'scripts without golden: run node tests/diff/gen-corpus.mjs');
  for (const f of corpusGoldens) {
    const g = readGolden(path.join(corpusGoldenDir, f));
    assert.equal(g.airSha256, sha256(readCorpusAir(g.file)), `${f}: the script changed; regenerate`);
    assert.deepEqual(Object.keys(g.runs), VARIANTS, f);
  }
});

test(`corpus: airvm replays the original's runs of ${corpusGoldens.length} scripts with the same outcomes`, { ...needsInvoke, skip: haveCorpus ? false : `no corpus at ${corpusDir}` }, async (t) => {
  const results = [];
  for (const f of corpusGoldens) {
    const g = readGolden(path.join(corpusGoldenDir, f));
    const air = readCorpusAir(g.file);
    for (const variant of VARIANTS) {
      const run = g.runs[variant];
      const got = await replayCorpusRun(run, vm, air);
      const diffs = [];
      if (got.length !== run.steps.length) diffs.push({ step: null, field: 'steps.length', a: run.steps.length, b: got.length });
      for (let i = 0; i < Math.min(got.length, run.steps.length); i++) diffs.push(...compareSteps(i, run.steps[i], got[i], compareOptions));
      results.push({ name: `${g.file} (${variant})`, names: run.setup.peers, diffs });
    }
  }
  const { text, bad } = summarize('corpus', results);
  for (const line of text.split('\n').slice(0, verbose ? Infinity : 200)) t.diagnostic(line);
  assert.equal(bad.length, 0, `${bad.length} corpus runs disagree (the diagnostics list them)`);
});
