#!/usr/bin/env node
// Records what the original AquaVM 0.54's `ast` export returns (tests/oracle/original.mjs, the
// function @fluencelabs/js-client calls as internals.parseAst) for
//   - every hand-written script of ast-scripts.mjs (every form, the broken ones, the traps),
//   - every differential scenario's script (tests/diff/golden/<scenario>.json, setup.air),
//   - every corpus script (../shared/corpus/aqua-air, when it is there),
// into tests/fixtures/ast/golden.json, which tests/js/ast.test.mjs replays on airvm.
//
//   npm run oracle:ast            (node tests/oracle/gen-ast.mjs)
//
// Entry: {set: "hand"|"scenario"|"corpus", name, kind: "ast"|"error"|"trap", ...}. Hand-written
// entries keep the script (`air`) and the original's whole text (`text`); scenario and corpus
// entries keep the SHA-256 of the script (`airSha256`, so a changed script is noticed) and of the
// original's text with its length (`sha256`, `length`; the corpus's ASTs alone are 11 MB),
// plus `text` when the original reported an error. A trap (the original's lambda lexer panics on
// a non-ASCII lens field) keeps the first line of marine-js's error in `message`; an error
// keeps `exact` when ast-scripts.mjs lists it among the reports airvm matches byte for byte.
//
// Regenerating writes the same file, except where the original reports several undefined names:
// it lists them in a random order (they are kept in a HashMap), so that text may change.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir, goldenDir, listGoldens, readGolden } from '../diff/golden.mjs';
import { AST_SCRIPTS, EXACT_ERRORS } from './ast-scripts.mjs';
import { loadOriginal, OriginalTrap } from './original.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const astGoldenFile = path.join(root, 'tests', 'fixtures', 'ast', 'golden.json');

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The scripts recorded: [{set, name, air}], hand-written first, then scenarios, then corpus. */
export function astInputs({ corpus = existsSync(corpusDir) } = {}) {
  const inputs = AST_SCRIPTS.map(({ name, air }) => ({ set: 'hand', name, air }));
  for (const f of listGoldens(goldenDir)) {
    inputs.push({ set: 'scenario', name: f.replace(/\.json$/, ''), air: readGolden(path.join(goldenDir, f)).setup.air });
  }
  if (corpus) {
    for (const f of readdirSync(corpusDir).filter((n) => n.endsWith('.air')).sort()) {
      inputs.push({ set: 'corpus', name: f, air: readFileSync(path.join(corpusDir, f), 'utf8') });
    }
  }
  return inputs;
}

async function record(original, input) {
  const entry = { set: input.set, name: input.name };
  if (input.set === 'hand') entry.air = input.air;
  else entry.airSha256 = sha256(input.air);
  let text;
  try {
    text = await original.ast(input.air);
  } catch (e) {
    if (!(e instanceof OriginalTrap)) throw e;
    return { ...entry, kind: 'trap', message: e.message.split('\n')[0] };
  }
  if (typeof text !== 'string') throw new Error(`${input.name}: the original's ast returned ${typeof text}`);
  const kind = text.startsWith('error') ? 'error' : 'ast';
  if (kind === 'ast') JSON.parse(text); // it is JSON, or the recording is wrong
  Object.assign(entry, { kind });
  if (input.set === 'hand' || kind === 'error') entry.text = text;
  else Object.assign(entry, { sha256: sha256(text), length: text.length });
  if (kind === 'error' && EXACT_ERRORS.has(input.name)) entry.exact = true;
  return entry;
}

async function main() {
  const original = await loadOriginal();
  const inputs = astInputs();
  const entries = [];
  for (const input of inputs) entries.push(await record(original, input));

  // The hand-written forms must all be valid AIR for the original; the broken ones must not be.
  for (const e of entries.filter((x) => x.set === 'hand')) {
    const want = e.name.startsWith('form:') ? 'ast' : e.name.startsWith('broken:') ? 'error' : 'trap';
    if (e.kind !== want) throw new Error(`${e.name}: the original gave ${e.kind}, expected ${want}: ${e.text ?? e.message}`);
  }
  for (const name of EXACT_ERRORS) {
    if (!entries.some((e) => e.name === name)) throw new Error(`EXACT_ERRORS names no script: ${name}`);
  }

  const count = (set, kind) => entries.filter((e) => e.set === set && (!kind || e.kind === kind)).length;
  const doc = {
    original: '@fluencelabs/avm 0.54.0 under @fluencelabs/marine-js 0.13.0',
    generator: 'tests/oracle/gen-ast.mjs (npm run oracle:ast)',
    counts: Object.fromEntries(['hand', 'scenario', 'corpus'].map((s) => [s, {
      scripts: count(s), ast: count(s, 'ast'), error: count(s, 'error'), trap: count(s, 'trap'),
    }])),
  };
  const head = JSON.stringify(doc, null, 2).replace(/\n}$/, '');
  const text = `${head},\n  "entries": [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]\n}\n`;
  mkdirSync(path.dirname(astGoldenFile), { recursive: true });
  writeFileSync(astGoldenFile, text);
  console.log(`${path.relative(root, astGoldenFile)}: ${entries.length} scripts`, doc.counts);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
