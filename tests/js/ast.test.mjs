// vm.ast against the original AquaVM 0.54's `ast` export (what @fluencelabs/js-client calls as
// internals.parseAst): the original's outputs for every hand-written form, every differential
// scenario and every corpus script are in tests/fixtures/ast/golden.json (npm run oracle:ast);
// airvm must give the same text byte for byte wherever the original gives an AST. Where the
// original reports a parse error, airvm's report must have the original's frame, and the same
// bytes for the errors both label alike (`exact`); where the original traps, airvm returns an
// AST (a deliberate difference). A few scripts are also compared with the original live.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { load } from '../../js/dist/index.js';
import { loadOriginal } from '../oracle/original.mjs';
import { astGoldenFile, astInputs, sha256 } from '../oracle/gen-ast.mjs';

const vm = await load();
const golden = JSON.parse(readFileSync(astGoldenFile, 'utf8'));
const inputs = astInputs();
const keyOf = (e) => `${e.set}/${e.name}`;
const recorded = new Map(golden.entries.map((e) => [keyOf(e), e]));

// The frame of a codespan-reporting report: header, locus, an empty gutter line, the labelled
// lines, and an empty line at the end.
const REPORT = /^error: \n *┌─ script\.air:\d+:\d+\n *│ *\n[^]*\n\n$/;

test('the golden covers every hand-written script, scenario and corpus script as they are now', () => {
  const missing = [];
  const stale = [];
  for (const input of inputs) {
    const e = recorded.get(keyOf(input));
    if (!e) missing.push(keyOf(input));
    else if (input.set === 'hand' ? e.air !== input.air : e.airSha256 !== sha256(input.air)) stale.push(keyOf(input));
  }
  const hint = 'run npm run oracle:ast';
  assert.deepEqual(missing, [], `scripts without a golden entry (${hint})`);
  assert.deepEqual(stale, [], `scripts changed since the golden was recorded (${hint})`);
  assert.ok(inputs.filter((i) => i.set === 'scenario').length >= 270, 'the differential scenarios are there');
});

test('vm.ast gives the original\'s text for every script (AST byte for byte, reports in its frame)', (t) => {
  const counts = { ast: 0, error: 0, exactError: 0, trap: 0 };
  const wrong = [];
  for (const input of inputs) {
    const e = recorded.get(keyOf(input));
    if (!e) continue; // reported by the test above
    const out = vm.ast(input.air);
    assert.equal(typeof out, 'string');
    const label = keyOf(input);
    if (e.kind === 'ast') {
      const same = e.text !== undefined ? out === e.text : out.length === e.length && sha256(out) === e.sha256;
      if (same) counts.ast++;
      else wrong.push({ label, expected: e.text ?? `${e.length} chars, sha256 ${e.sha256}`, actual: out.slice(0, 2000) });
    } else if (e.kind === 'error') {
      if (!REPORT.test(out)) wrong.push({ label, expected: 'a report in the original\'s frame', actual: out.slice(0, 2000) });
      else if (e.exact && out !== e.text) wrong.push({ label, expected: e.text, actual: out });
      else counts[out === e.text ? 'exactError' : 'error']++;
    } else {
      // The original panics on these (a non-ASCII lens field); airvm parses them.
      assert.doesNotThrow(() => JSON.parse(out), label);
      counts.trap++;
    }
  }
  t.diagnostic(`${counts.ast} ASTs identical to the original's; ${counts.exactError} error reports identical, ` +
    `${counts.error} in the original's frame with airvm's own labels; ${counts.trap} scripts the original traps on`);
  assert.deepEqual(wrong, []);
  assert.equal(counts.ast, golden.entries.filter((e) => e.kind === 'ast' && inputs.some((i) => keyOf(i) === keyOf(e))).length);
});

test('vm.ast checks its argument', () => {
  assert.throws(() => vm.ast(new Uint8Array([40, 41])), TypeError);
  assert.throws(() => vm.ast(undefined), TypeError);
  assert.equal(vm.ast('(null)'), '{"Null":null}');
  assert.equal(JSON.parse(vm.ast('(seq (null) (never))')).Seq[1].Never, null);
});

test('vm.ast and the running original agree on a sample of scripts', async () => {
  const original = await loadOriginal();
  const hand = inputs.filter((i) => i.set === 'hand');
  const pick = (names) => names.map((n) => {
    const found = hand.find((i) => i.name === n);
    assert.ok(found, n);
    return found;
  });
  const sample = [
    ...pick([
      'form: call special arguments', 'form: call float arguments', 'form: call integer arguments',
      'form: call variable-with-lens arguments', 'form: ap variables', 'form: ap map integer keys',
      'form: canon peer forms', 'form: match everything', 'form: fail literal', 'form: fail canon with lens',
      'form: fold canon map with lens', 'form: fold stream map with last instruction', 'form: new canon map',
      'form: tabs and crlf', 'form: multibyte before positions', 'form: literal with control characters',
      'form: aqua pattern', 'broken: undefined variable', 'broken: undefined name in nested instructions',
    ]),
    ...inputs.filter((i) => i.set === 'scenario').slice(0, 3),
    ...inputs.filter((i) => i.set === 'corpus').slice(0, 2),
  ];
  for (const { name, air } of sample) assert.equal(vm.ast(air), await original.ast(air), name);
});
