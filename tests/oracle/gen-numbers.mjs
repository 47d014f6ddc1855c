#!/usr/bin/env node
// Asks the original how it reads and writes thousands of JSON numbers (data-format.md 3.3):
// a service returns arrays of number texts, and the value the original stores for each array
// is its canonical text, under the CID the original computed. Writes
//   tests/fixtures/numbers/numbers.json  [{input, stored, cid}, ...]
// The numbers come from a seeded generator, so the inputs are the same on every run.
//
//   node tests/oracle/gen-numbers.mjs [count]
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { identityByName } from './identity.mjs';
import { loadOriginal } from './original.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'tests', 'fixtures', 'numbers', 'numbers.json');
const count = Number(process.argv[2] ?? 6000);
const perCall = 100;

// xorshift32: deterministic and good enough to spread digits and exponents.
let state = 0x2545f491;
const next = () => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state;
};
const below = (n) => next() % n;
const digits = (n, leadingNonZero = true) => {
  let s = leadingNonZero ? String(1 + below(9)) : String(below(10));
  for (let i = 1; i < n; i++) s += String(below(10));
  return s;
};

// One number text of a random shape: integers of up to 30 digits, fractions, exponents from
// far below the subnormals to past the overflow, and the shapes serde truncates.
function randomNumber() {
  const sign = below(4) === 0 ? '-' : '';
  switch (below(6)) {
    case 0: return sign + (below(8) === 0 ? '0' : digits(1 + below(30)));
    case 1: return sign + digits(1 + below(6)) + '.' + digits(1 + below(20), false);
    case 2: return sign + digits(1) + '.' + digits(1 + below(18), false) + 'e' + (below(2) ? '-' : '') + below(330);
    case 3: return sign + '0.' + '0'.repeat(below(12)) + digits(1 + below(19));
    case 4: return sign + digits(17 + below(8)) + (below(2) ? '.' + digits(1 + below(10), false) : '') + 'e' + (below(2) ? '-' : '+') + below(320);
    default: return sign + digits(1 + below(3)) + 'E' + (below(3) ? '-' : '') + below(40);
  }
}

// The decimal magnitude of a number text, roughly: numbers past 1e308 are refused by the
// original (and make the whole array a failure), so they are left to the unit tests.
function magnitude(text) {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  const intDigits = m[1].replace(/^0+/, '').length;
  return intDigits + Number(m[3] ?? 0);
}
function randomFiniteNumber() {
  for (;;) {
    const t = randomNumber();
    if (magnitude(t) < 308) return t;
  }
}

const A = identityByName('A');
const runParams = {
  initPeerId: A.peerId,
  currentPeerId: A.peerId,
  timestamp: 1700000000000,
  ttl: 600000,
  keyFormat: 0,
  secretKeyBytes: A.seed,
  particleId: 'p-numbers',
};
const air = `(call "${A.peerId}" ("s" "numbers") [] x)`;

const original = await loadOriginal();
const cases = [];
let refused = 0;
for (let done = 0; done < count; done += perCall) {
  const texts = Array.from({ length: perCall }, randomFiniteNumber);
  // Numbers the original refuses (out of range) would fail the whole array: try each alone.
  const first = await original.invoke(air, new Uint8Array(0), new Uint8Array(0), runParams, []);
  const request = first.callRequests[0][0];
  const input = `[${texts.join(',')}]`;
  const r = await original.invoke(air, first.data, new Uint8Array(0), runParams, [[request, { retCode: 0, result: input }]]);
  const doc = JSON.parse(new TextDecoder().decode(r.data));
  const text = new TextDecoder().decode(r.data);
  // The stored value is the only array in value_store; take its raw text (JSON.parse would
  // lose the spelling).
  const store = doc.cid_info.value_store;
  const entries = Object.keys(store).filter((cid) => Array.isArray(store[cid]) && store[cid].length === perCall);
  if (entries.length !== 1) {
    refused++;
    cases.push({ input, stored: null, cid: null });
    continue;
  }
  const cid = entries[0];
  const keyAt = text.indexOf(`"${cid}":`);
  const start = keyAt + cid.length + 3;
  let depth = 0;
  let end = start;
  for (; end < text.length; end++) {
    if (text[end] === '[') depth++;
    if (text[end] === ']' && --depth === 0) break;
  }
  cases.push({ input, stored: text.slice(start, end + 1), cid });
}
await writeFile(out, JSON.stringify(cases, null, 1) + '\n');
console.log(`${cases.length} arrays of ${perCall} numbers (${refused} refused as a whole) -> ${path.relative(root, out)}`);
