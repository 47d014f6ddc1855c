#!/usr/bin/env node
// Plays the scenarios of scenarios.mjs on the original AquaVM 0.54 and keeps the data it
// returned as fixtures:
//   tests/fixtures/data/<scenario>/<NN>-<peer>.json   the data bytes exactly as returned
//   tests/fixtures/data/<scenario>/<NN>-<peer>.rewrite.json   (only where it differs) what the
//       original writes back when it reads that document as its prev data (data-format.md 3.4)
//   tests/fixtures/data/<scenario>/meta.json          how they came about, and what the original
//       and an independent JS reading say about each document
//
//   node tests/oracle/gen-fixtures.mjs [scenario-name ...]
//
// Each kept document is also checked with the original: `load` is the outcome of a fresh peer
// (Z, not part of the scenario) running `(null)` with the document as its current data, i.e. the
// original's verdict on parsing, version gate, CID stores and signatures (codes 2, 3, 5, 7, 8);
// `rewriteCheck` is Z running `(null)` with the document as its prev data: its output holds every
// store entry parsed and written back, which is what reading and writing the document must give
// (it differs from the document only for floats that do not survive the original's round trip).
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { identity, identityByName } from './identity.mjs';
import { loadOriginal } from './original.mjs';
import { playScenario, DEFAULT_TIMESTAMP, DEFAULT_TTL } from './network.mjs';
import { scenarios } from './scenarios.mjs';
import { coverage, parseData, rawObjectEntries, rawStoreItems, signatureReport, sortedKeysText, STORES, textOf, unsignedAuthors } from './data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dataDir = path.join(root, 'tests', 'fixtures', 'data');

const EMPTY = new Uint8Array(0);
const CHECKER = identity(25); // "Z"

// Every executed-state kind and variant (data-format.md 2.2) and the other features the
// fixtures must contain between them.
export const REQUIRED = [
  'par',
  'call.executed.scalar',
  'call.executed.stream',
  'call.executed.unused',
  'call.failed.ret-code',
  'call.failed.not-json',
  'call.sent_by.PeerId',
  'call.sent_by.PeerIdWithCallId',
  'fold',
  'ap',
  'canon.executed',
  'canon.sent_by',
  ...STORES.map((s) => `store.${s}`),
  'provenance.literal',
  'provenance.service_result',
  'provenance.canon',
  'canon.element.map-pair',
  'signatures.1',
  'signatures.2',
  'signatures.3',
  'signatures.4',
];

const firstLine = (s) => s.split('\n')[0];

// Long lists (the big scenario's 1000 call results) are kept in meta.json as a count and hash.
function summarizeList(list) {
  if (list.length <= 20) return list;
  return { count: list.length, sha256: createHash('sha256').update(JSON.stringify(list)).digest('hex') };
}
const sameBytes = (a, b) => a.length === b.length && Buffer.from(a).equals(Buffer.from(b));

function splice(text, field, replacementText) {
  // Replace the raw text of a top-level field's value.
  const entries = rawObjectEntries(text);
  const at = entries.find(([k]) => k === field);
  const start = text.indexOf(`"${field}":${at[1]}`);
  const vStart = start + field.length + 3;
  return text.slice(0, vStart) + replacementText + text.slice(vStart + at[1].length);
}

async function checkDocument(avm, scenario, played, inv) {
  const data = inv.out.data;
  const text = textOf(data);
  const particleId = played.particleId;
  const checkerParams = {
    initPeerId: played.peers[scenario.init].peerId,
    currentPeerId: CHECKER.peerId,
    timestamp: scenario.timestamp ?? DEFAULT_TIMESTAMP,
    ttl: scenario.ttl ?? DEFAULT_TTL,
    keyFormat: 0,
    secretKeyBytes: CHECKER.seed,
    particleId,
  };
  const load = await avm.tryInvoke('(null)', EMPTY, data, checkerParams, []);
  const loadRec = load.trap ? { trap: true } : { retCode: load.retCode, errorMessage: firstLine(load.errorMessage) };

  // The original's re-serialization of the stores: the same checker with the document as its
  // prev data (prev is not verified) writes every store entry back, parsed and re-printed.
  const back = await avm.tryInvoke('(null)', data, EMPTY, checkerParams, []);
  let rewrite = null;
  let rewriteRec;
  if (back.trap || back.retCode !== 0) rewriteRec = back.trap ? { trap: true } : { retCode: back.retCode, errorMessage: firstLine(back.errorMessage) };
  else {
    const cidInfo = rawObjectEntries(textOf(back.data)).find(([k]) => k === 'cid_info')[1];
    const rewritten = splice(text, 'cid_info', cidInfo);
    rewriteRec = { retCode: 0, same: sortedKeysText(rewritten) === sortedKeysText(text) };
    if (!rewriteRec.same) rewrite = rewritten;
  }

  const doc = parseData(data);
  const stores = Object.fromEntries(Object.entries(rawStoreItems(text)).map(([k, m]) => [k, m.size]));
  const signatures = signatureReport(doc, particleId).map((s) => ({
    peer: Object.keys(played.peers).find((n) => played.peers[n].peerId === s.peer_id) ?? null,
    ...s,
  }));
  return { load: loadRec, rewriteCheck: rewriteRec, rewrite, stores, signatures, unsigned: unsignedAuthors(doc), tags: coverage(doc) };
}

export async function generate(names = []) {
  const avm = await loadOriginal();
  const chosen = names.length ? scenarios.filter((s) => names.includes(s.name)) : scenarios;
  if (names.length && chosen.length !== names.length) throw new Error(`unknown scenario in ${names.join(', ')}`);
  const allTags = new Set();
  const summary = [];
  for (const scenario of chosen) {
    const t0 = performance.now();
    const played = await playScenario(scenario, { vm: avm });
    if (played.capReached) throw new Error(`${scenario.name}: invocation cap reached`);
    const dir = path.join(dataDir, scenario.name);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });

    const width = String(played.invocations.length - 1).length < 2 ? 2 : String(played.invocations.length - 1).length;
    // keep: 'last' keeps only the last non-empty document of the run (for the big scenario).
    let lastKept = -1;
    for (const inv of played.invocations) if (!inv.out.trap && inv.out.data.length) lastKept = inv.n;

    const steps = [];
    let bytes = 0;
    for (const inv of played.invocations) {
      const step = {
        file: null,
        peer: inv.peer,
        reason: inv.reason,
        from: inv.from,
        // Inputs, by the step whose output they are (null: zero bytes).
        prevStep: inv.prevStep,
        currentStep: inv.currentStep,
        callResults: summarizeList(inv.callResults),
      };
      if (inv.out.trap) {
        steps.push({ ...step, trap: true, errorMessage: inv.out.message });
        continue;
      }
      Object.assign(step, {
        retCode: inv.out.retCode,
        errorMessage: firstLine(inv.out.errorMessage),
        nextPeerPks: [...inv.out.nextPeerPks].sort().map((pk) => Object.keys(played.peers).find((n) => played.peers[n].peerId === pk) ?? pk),
        callRequests: summarizeList(
          inv.out.callRequests
            .map(([id, r]) => ({ id: Number(id), service: `${r.serviceId}.${r.functionName}`, arguments: r.rawArguments }))
            .sort((a, b) => a.id - b.id),
        ),
      });
      const data = inv.out.data;
      const keep =
        data.length > 0 &&
        !sameBytes(data, inv.prev) &&
        (scenario.keep !== 'last' || inv.n === lastKept);
      if (!keep) {
        step.dataSha256 = inv.out.data.length ? undefined : null;
        step.unchanged = data.length > 0 && sameBytes(data, inv.prev);
        steps.push(step);
        continue;
      }
      const base = `${String(inv.n).padStart(width, '0')}-${inv.peer}`;
      step.file = `${base}.json`;
      await writeFile(path.join(dir, step.file), data);
      bytes += data.length;
      const check = await checkDocument(avm, scenario, played, inv);
      for (const t of check.tags) allTags.add(t);
      if (check.rewrite !== null) {
        step.rewriteFile = `${base}.rewrite.json`;
        await writeFile(path.join(dir, step.rewriteFile), check.rewrite);
      }
      Object.assign(step, {
        size: data.length,
        load: check.load,
        rewriteCheck: check.rewriteCheck,
        stores: check.stores,
        signatures: check.signatures,
        unsignedAuthors: check.unsigned,
        kinds: [...check.tags].sort(),
      });
      steps.push(step);
    }

    const meta = {
      scenario: scenario.name,
      description: scenario.description,
      generatedBy: 'tests/oracle/gen-fixtures.mjs with @fluencelabs/avm 0.54.0 under @fluencelabs/marine-js 0.13.0',
      particleId: played.particleId,
      init: scenario.init,
      timestamp: scenario.timestamp ?? DEFAULT_TIMESTAMP,
      ttl: scenario.ttl ?? DEFAULT_TTL,
      peers: Object.fromEntries(
        Object.entries(played.peers).map(([n, p]) => [n, { peerId: p.peerId, seedHex: p.seedHex, publicKey: p.signatureKey }]),
      ),
      checker: { peerId: CHECKER.peerId, seedHex: CHECKER.seedHex },
      air: played.air,
      undelivered: played.undelivered,
      steps,
    };
    await writeFile(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
    const ms = performance.now() - t0;
    summary.push({ scenario: scenario.name, invocations: played.invocations.length, files: steps.filter((s) => s.file).length, bytes, ms: Math.round(ms) });
  }
  return { summary, tags: allTags };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const names = process.argv.slice(2);
  const { summary, tags } = await generate(names);
  for (const s of summary) console.log(`${s.scenario.padEnd(22)} ${String(s.invocations).padStart(4)} invocations ${String(s.files).padStart(3)} files ${String(s.bytes).padStart(9)} bytes ${String(s.ms).padStart(7)} ms`);
  console.log(`kinds: ${[...tags].sort().join(' ')}`);
  if (!names.length) {
    const missing = REQUIRED.filter((t) => !tags.has(t));
    if (missing.length) {
      console.error(`missing kinds: ${missing.join(' ')}`);
      process.exitCode = 1;
    }
  }
  console.log(`total ${Math.round(performance.now() - t0)} ms`);
}
