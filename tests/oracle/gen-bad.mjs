#!/usr/bin/env node
// Replays crafted inputs (data-format.md 2.2, 2.6, 5.1, 7.1, 7.3) on the original AquaVM 0.54 and
// records what it returned, one file per case: tests/fixtures/bad/<name>.json
//   {name, description, air, prev, current (base64), runParams, callResults | callResultsRaw,
//    expected: {retCode, errorMessage | errorMessageFirstLine + errorMessageLength,
//               errorMessageFirstLines (when the original names one of several faults at
//               random, every first line seen), returnsPrev, nextPeerPks} | {trap: true, message},
//    checkData: {retCode}}
// `checkData` is what preparation steps 1-5 alone (parse, version gate, CID stores, signatures)
// must give on (prev, current): the original's code when it is one of 2, 3, 5, 7, 8; 7 where the
// original traps (our deliberate deviation, data-format.md 7.4); otherwise 0, since every later
// step (AIR, call results, key, execution) comes after them (7.1).
//
//   node tests/oracle/gen-bad.mjs
//
// Setup (as in 7.3): script S = (seq (call B ("s" "f") [] x) (call A ("s" "g") [x] y)), P = A,
// prev = A's first output, current = B's output after executing f. A second setup with a stream
// and a canon provides the canon stores.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { identity, signCidsJs, base58Encode, hex } from './identity.mjs';
import { loadOriginal } from './original.mjs';
import { DEFAULT_TIMESTAMP, DEFAULT_TTL } from './network.mjs';
import { cidsBySigner } from './data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const badDir = path.join(root, 'tests', 'fixtures', 'bad');

const EMPTY = new Uint8Array(0);
const enc = new TextEncoder();
const dec = new TextDecoder();
const bytes = (s) => (typeof s === 'string' ? enc.encode(s) : s);
const b64 = (u8) => Buffer.from(u8).toString('base64');
const PID = 'p-bad';
const [A, B, C, D] = [0, 1, 2, 3].map((i) => identity(i));

const S1 = `(seq (call "${B.peerId}" ("s" "f") [] x) (call "${A.peerId}" ("s" "g") [x] y))`;
const S1_ARGS = `(seq (call "${B.peerId}" ("s" "f") [1] x) (call "${A.peerId}" ("s" "g") [x] y))`;
const S1_FN = `(seq (call "${B.peerId}" ("s" "f2") [] x) (call "${A.peerId}" ("s" "g") [x] y))`;
const S2 = `(seq (seq (call "${B.peerId}" ("s" "f") [] $s) (seq (ap 1 $s) (canon "${B.peerId}" $s #c))) (call "${A.peerId}" ("s" "g") [#c] y))`;
const DEEP = (n) => '['.repeat(n) + ']'.repeat(n);

function params(who, over = {}) {
  return {
    initPeerId: A.peerId,
    currentPeerId: who.peerId,
    timestamp: DEFAULT_TIMESTAMP,
    ttl: DEFAULT_TTL,
    keyFormat: 0,
    secretKeyBytes: who.seed,
    particleId: PID,
    ...over,
  };
}

// JSON.parse/stringify editing is exact for the setup documents (no numbers whose spelling
// JavaScript would change); checked below.
const parse = (u8) => JSON.parse(dec.decode(u8));
const write = (doc) => enc.encode(JSON.stringify(doc));
function edit(u8, f) {
  const doc = parse(u8);
  const r = f(doc);
  return write(r === undefined ? doc : r);
}
const firstKey = (o) => Object.keys(o)[0];

async function setup(avm) {
  const ok = (out, what) => {
    if (out.trap || out.retCode !== 0) throw new Error(`setup ${what}: ${out.trap ? 'trap' : out.retCode} ${out.errorMessage ?? out.message}`);
    return out;
  };
  const fResult = (v) => [[1, { retCode: 0, result: v }]];
  async function chain(air, result, pid = PID) {
    const a0 = ok(await avm.tryInvoke(air, EMPTY, EMPTY, params(A, { particleId: pid }), []), 'A0');
    const b0 = ok(await avm.tryInvoke(air, EMPTY, a0.data, params(B, { particleId: pid }), []), 'B0');
    const b1 = ok(await avm.tryInvoke(air, b0.data, EMPTY, params(B, { particleId: pid }), fResult(result)), 'B1');
    const a1 = ok(await avm.tryInvoke(air, a0.data, b1.data, params(A, { particleId: pid }), []), 'A1');
    return { a0: a0.data, b0: b0.data, b1: b1.data, a1: a1.data };
  }
  const s1 = await chain(S1, '{"b":2.5,"a":1}');
  const s1v2 = await chain(S1, '{"b":2.5,"a":2}');
  const s1args = await chain(S1_ARGS, '{"b":2.5,"a":1}');
  const s1fn = await chain(S1_FN, '{"b":2.5,"a":1}');
  const s2 = await chain(S2, '"elem"');
  for (const [n, d] of Object.entries({ ...s1, s2b1: s2.b1, s2a0: s2.a0 })) {
    if (dec.decode(write(parse(d))) !== dec.decode(d)) throw new Error(`setup ${n}: JSON.stringify does not reproduce it`);
  }
  // A's data with a failure for a non-JSON result (not signed by A, data-format.md 9 item 5), and
  // with floats that do not survive the original's parse/print round trip (3.4), and with a
  // service result nested 125 deep (2.6).
  const S3 = `(seq (xor (call "${A.peerId}" ("s" "f") [] x) (null)) (call "${B.peerId}" ("s" "g") [] y))`;
  const a0n = ok(await avm.tryInvoke(S3, EMPTY, EMPTY, params(A), []), 'S3 A0');
  const a1n = ok(await avm.tryInvoke(S3, a0n.data, EMPTY, params(A), fResult('not json {')), 'S3 A1');
  const S4 = `(seq (call "${A.peerId}" ("s" "f") [] x) (call "${B.peerId}" ("s" "g") [x] y))`;
  const a0f = ok(await avm.tryInvoke(S4, EMPTY, EMPTY, params(A), []), 'S4 A0');
  const a1f = ok(await avm.tryInvoke(S4, a0f.data, EMPTY, params(A), fResult('[1.08e-27,6.19960823e-28,2.8987563526923902e-7]')), 'S4 A1');
  const a1d = ok(await avm.tryInvoke(S4, a0f.data, EMPTY, params(A), fResult(DEEP(125))), 'S4 A1 deep');
  return { s1, s1v2, s1args, s1fn, s2, S3, S4, notJson: a1n.data, floats: a1f.data, deep125: a1d.data };
}

function cases(x) {
  const { s1, s1v2, s1args, s1fn, s2 } = x;
  const prev = s1.a0;
  const cur = s1.b1;
  const curDoc = parse(cur);
  const valueCid = firstKey(curDoc.cid_info.value_store);
  const tetCid = firstKey(curDoc.cid_info.tetraplet_store);
  const srCid = firstKey(curDoc.cid_info.service_result_store);
  const bKeyEntry = Object.keys(curDoc.signatures).find((k) => k === B.signatureKey);
  const bCids = cidsBySigner(curDoc).get(B.peerId);
  const s2doc = parse(s2.b1);
  const s2canon = firstKey(s2doc.cid_info.canon_result_store);
  const s2elem = Object.keys(s2doc.cid_info.canon_element_store);
  const s2bCids = cidsBySigner(s2doc).get(B.peerId);
  const withSig = (doc, key, sig) => {
    doc.signatures[key] = sig;
  };
  const list = [];
  const add = (name, description, c) => list.push({ name, description, air: S1, prev, current: cur, who: A, ...c });

  // --- data that does not parse (2) or parses only as far as the versions (3) ---------------
  add('current-truncated-40', 'current data cut after 40 bytes', { current: cur.subarray(0, 40) });
  add('prev-truncated-40', 'prev data cut after 40 bytes (the bad prev bytes are returned)', { prev: prev.subarray(0, 40) });
  add('current-x', 'current data `x`', { current: bytes('x') });
  add('current-null', 'current data `null`', { current: bytes('null') });
  add('current-array', 'current data `[]`', { current: bytes('[]') });
  add('current-object', 'current data `{}`', { current: bytes('{}') });
  add('current-space', 'current data is one space (zero bytes would be empty data)', { current: bytes(' ') });
  add('current-bom', 'current data with a UTF-8 byte order mark', { current: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), cur]) });
  add('current-trailing-garbage', 'current data followed by `x`', { current: Buffer.concat([cur, Buffer.from('x')]) });
  add('current-trailing-whitespace', 'current data followed by whitespace (accepted)', { current: Buffer.concat([cur, Buffer.from(' \n\t\r')]) });
  add('current-pretty-printed', 'current data pretty-printed (accepted: nothing hashes the layout)', {
    current: bytes(JSON.stringify(curDoc, null, 2)),
  });
  add('current-no-signatures', 'current data without `signatures`', { current: edit(cur, (d) => void delete d.signatures) });
  add('current-no-trace', 'current data without `trace`', { current: edit(cur, (d) => void delete d.trace) });
  add('current-no-cid-info', 'current data without `cid_info`', { current: edit(cur, (d) => void delete d.cid_info) });
  add('current-no-lcid', 'current data without `lcid` (defaults to 0)', { current: edit(cur, (d) => void delete d.lcid) });
  add('current-no-value-store', 'current data whose cid_info lacks `value_store`', { current: edit(cur, (d) => void delete d.cid_info.value_store) });
  add('current-interpreter-version-abc', 'current interpreter_version `abc`', { current: edit(cur, (d) => void (d.interpreter_version = 'abc')) });
  add('current-no-version', 'current data without `version`', { current: edit(cur, (d) => void delete d.version) });
  add('current-no-interpreter-version', 'current data without `interpreter_version`', { current: edit(cur, (d) => void delete d.interpreter_version) });
  add('current-interpreter-version-0.53.9', 'current interpreter_version `0.53.9`', { current: edit(cur, (d) => void (d.interpreter_version = '0.53.9')) });
  add('current-interpreter-version-0.54.0-rc1', 'current interpreter_version `0.54.0-rc1` (pre-releases are lower)', {
    current: edit(cur, (d) => void (d.interpreter_version = '0.54.0-rc1')),
  });
  add('current-interpreter-version-99.0.0', 'current interpreter_version `99.0.0` (accepted)', { current: edit(cur, (d) => void (d.interpreter_version = '99.0.0')) });
  add('current-version-0.13.0', 'current data format version `0.13.0` (never compared)', { current: edit(cur, (d) => void (d.version = '0.13.0')) });
  add('prev-interpreter-version-0.1.0', 'prev interpreter_version `0.1.0` (prev is not checked)', { prev: edit(prev, (d) => void (d.interpreter_version = '0.1.0')) });
  add('both-empty', 'zero bytes for both prev and current', { prev: EMPTY, current: EMPTY });
  add('current-duplicate-trace', 'current data with the field `trace` twice', {
    current: bytes(dec.decode(cur).replace('"trace":', '"trace":[],"trace":')),
  });
  add('current-lcid-negative', 'current lcid -1', { current: edit(cur, (d) => void (d.lcid = -1)) });
  add('current-lcid-2^32', 'current lcid 4294967296', { current: edit(cur, (d) => void (d.lcid = 4294967296)) });
  add('current-par-one-element', 'a trace state `{"par":[1]}`', { current: edit(cur, (d) => void d.trace.push({ par: [1] })) });
  add('current-par-three-elements', 'a trace state `{"par":[0,0,0]}`', { current: edit(cur, (d) => void d.trace.push({ par: [0, 0, 0] })) });
  add('current-par-object', 'a trace state `{"par":{"left":0,"right":0}}`', { current: edit(cur, (d) => void d.trace.push({ par: { left: 0, right: 0 } })) });
  add('current-unknown-state', 'a trace state `{"xyz":1}`', { current: edit(cur, (d) => void d.trace.push({ xyz: 1 })) });
  add('current-two-kind-keys', 'a trace state with two kind keys', { current: edit(cur, (d) => void d.trace.push({ par: [0, 0], ap: { gens: [0] } })) });
  add('current-state-unknown-field', 'an unknown field inside a call state (`{"call":{"executed":…,"x":1}}`)', {
    current: edit(cur, (d) => void (d.trace[0].call.x = 1)),
  });
  add('current-ap-unknown-field', 'an unknown field inside an ap state (`{"ap":{"gens":[0],"x":1}}`, accepted)', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void (d.trace.find((st) => st.ap).ap.x = 1)),
  });
  add('current-tetraplet-wrong-shape', 'a tetraplet_store entry that is a string', {
    current: edit(cur, (d) => void (d.cid_info.tetraplet_store[tetCid] = 'x')),
  });
  add('current-service-result-missing-field', 'a service_result_store entry without `argument_hash`', {
    current: edit(cur, (d) => void delete d.cid_info.service_result_store[srCid].argument_hash),
  });
  add('current-provenance-unknown-type', 'a canon element with provenance type `other`', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void (Object.values(d.cid_info.canon_element_store)[0].provenance = { type: 'other' })),
  });
  add('current-provenance-extra-field', 'a canon element provenance with an extra field (accepted: re-hashed without it)', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void (Object.values(d.cid_info.canon_element_store).find((e) => e.provenance.type === 'literal').provenance.extra = 1)),
  });
  add('current-fold-without-lore', 'a trace state `{"fold":{}}`', { current: edit(cur, (d) => void d.trace.push({ fold: {} })) });
  add('current-ap-without-gens', 'a trace state `{"ap":{}}`', { current: edit(cur, (d) => void d.trace.push({ ap: {} })) });
  add('current-call-id-negative', 'PeerIdWithCallId with call_id -1 (B\'s output while f is pending)', {
    current: edit(s1.b0, (d) => void (d.trace[0].call.sent_by.PeerIdWithCallId.call_id = -1)),
  });
  add('current-stream-without-generation', 'an executed stream state without `generation`', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void delete d.trace[0].call.executed.stream.generation),
  });
  add('current-signature-key-not-base58', 'a signature-store key with characters outside base58 (`0OIl`)', {
    current: edit(cur, (d) => void withSig(d, '0OIl' + B.signatureKey.slice(4), d.signatures[bKeyEntry])),
  });
  add('current-signature-key-short', 'a signature-store key that is base58 but not a public key', {
    current: edit(cur, (d) => void withSig(d, base58Encode([0, 1, 2, 3]), d.signatures[bKeyEntry])),
  });
  add('current-signature-value-not-base58', 'a signature that is not base58', {
    current: edit(cur, (d) => void (d.signatures[bKeyEntry] = '0OIl' + d.signatures[bKeyEntry].slice(4))),
  });
  add('current-signature-value-short', 'a signature that is base58 but 10 bytes long', {
    current: edit(cur, (d) => void (d.signatures[bKeyEntry] = base58Encode(new Uint8Array(10)))),
  });
  add('current-nesting-100000', 'current data `[[[…]]]` nested 100,000 levels (versions unreadable)', { current: bytes(DEEP(100000)) });
  add('current-nesting-100000-first-field', 'an unknown first field nested 100,000 levels, before the versions', {
    current: bytes(`{"x":${DEEP(100000)},${dec.decode(cur).slice(1)}`),
  });
  add('current-nesting-100000-in-value', 'a value_store entry nested 100,000 levels, versions readable', {
    current: bytes(dec.decode(cur).replace(`"${valueCid}":`, `"${valueCid}":${DEEP(100000)},"x${valueCid}":`)),
  });
  add('current-nesting-128-in-value', 'a value_store entry nested 128 levels (131 with the enclosing objects)', {
    current: bytes(dec.decode(cur).replace(`"${valueCid}":`, `"${valueCid}":${DEEP(128)},"x${valueCid}":`)),
  });
  add('current-value-nested-125', 'A\'s data holding a service result nested 125 levels, read as current by B', {
    air: x.S4,
    who: B,
    prev: EMPTY,
    current: x.deep125,
  });
  add('prev-value-nested-125', 'the same data as A\'s own prev', { air: x.S4, prev: x.deep125, current: EMPTY });
  add('current-lone-surrogate', 'a value_store string with a lone surrogate escape `\\ud800`', {
    current: bytes(dec.decode(cur).replace(`"${valueCid}":`, `"${valueCid}":"\\ud800","x${valueCid}":`)),
  });
  add('current-raw-control-character', 'a raw U+0001 inside a string of the value store', {
    current: bytes(dec.decode(cur).replace(`"${valueCid}":`, `"${valueCid}":"a\u0001b","x${valueCid}":`)),
  });

  // --- CID stores of the current data (7) ----------------------------------------------------
  add('current-value-changed', 'a value_store entry changed (its CID no longer matches)', {
    current: edit(cur, (d) => void (d.cid_info.value_store[valueCid].a = 2)),
  });
  add('current-value-respelled', 'a value_store entry rewritten with other key order, spacing and `2.50e0` (accepted)', {
    current: bytes(dec.decode(cur).replace('{"a":1,"b":2.5}', '{ "b" : 2.50e0 , "a" : 1 }')),
  });
  add('current-tetraplet-changed', 'a tetraplet_store entry changed', {
    current: edit(cur, (d) => void (d.cid_info.tetraplet_store[tetCid].function_name = 'h')),
  });
  add('current-service-result-changed', 'a service_result_store entry whose argument_hash was changed', {
    current: edit(cur, (d) => void (d.cid_info.service_result_store[srCid].argument_hash = valueCid)),
  });
  add('current-value-removed', 'the value of a service result removed from value_store', {
    current: edit(cur, (d) => void delete d.cid_info.value_store[valueCid]),
  });
  add('current-tetraplet-removed', 'the tetraplet of a service result removed from tetraplet_store', {
    current: edit(cur, (d) => void delete d.cid_info.tetraplet_store[tetCid]),
  });
  add('current-canon-result-changed', 'a canon_result_store entry changed (values reversed)', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void d.cid_info.canon_result_store[s2canon].values.reverse()),
  });
  add('current-canon-element-changed', 'a canon_element_store entry changed (provenance type)', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => {
      const el = Object.values(d.cid_info.canon_element_store).find((e) => e.provenance.type === 'literal');
      el.provenance = { type: 'service_result', cid: srCid };
    }),
  });
  add('current-canon-element-removed', 'a canon element removed from canon_element_store', {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void delete d.cid_info.canon_element_store[s2elem[0]]),
  });
  add('current-orphan-entry', 'an extra, consistent, unreferenced value_store entry (accepted and kept)', {
    current: edit(cur, (d) => {
      const [k, v] = Object.entries(s2doc.cid_info.value_store)[0];
      d.cid_info.value_store[k] = v;
    }),
  });
  add('current-orphan-entry-wrong-cid', 'an extra unreferenced value_store entry whose key is not its CID', {
    current: edit(cur, (d) => void (d.cid_info.value_store[firstKey(s2doc.cid_info.value_store)] = 'not this')),
  });
  add('current-value-store-duplicate-key', 'value_store with the same CID twice, first a wrong value, last the right one', {
    current: bytes(dec.decode(cur).replace(`"value_store":{`, `"value_store":{"${valueCid}":"wrong",`)),
  });
  add('prev-value-changed', 'a value changed in prev (prev stores are not checked)', {
    prev: edit(s1.a1, (d) => void (d.cid_info.value_store[valueCid].a = 2)),
    current: EMPTY,
  });

  // --- signatures (8) ------------------------------------------------------------------------
  add('current-signature-forged-empty', "B's signature replaced by B's signature over []", {
    current: edit(cur, (d) => void (d.signatures[B.signatureKey] = signCidsJs(B.seed, [], PID))),
  });
  add('current-signature-other-salt', "B's signature made over B's CIDs with another particle id", {
    current: edit(cur, (d) => void (d.signatures[B.signatureKey] = signCidsJs(B.seed, bCids, 'other'))),
  });
  add('current-signature-by-other-key', "B's entry holding C's signature over B's CIDs", {
    current: edit(cur, (d) => void (d.signatures[B.signatureKey] = signCidsJs(C.seed, bCids, PID))),
  });
  add('current-signature-removed', "B's signature entry removed", { current: edit(cur, (d) => void delete d.signatures[B.signatureKey]) });
  add('current-signature-by-c', "B's entry replaced by C's signature over B's CIDs", {
    current: edit(cur, (d) => {
      delete d.signatures[B.signatureKey];
      d.signatures[C.signatureKey] = signCidsJs(C.seed, bCids, PID);
    }),
  });
  add('current-extra-signer-empty', 'an extra entry of uninvolved D over [] (accepted and kept)', {
    current: edit(cur, (d) => void (d.signatures[D.signatureKey] = signCidsJs(D.seed, [], PID))),
  });
  add('current-extra-signer-nonempty', 'an extra entry of uninvolved D over ["x"]', {
    current: edit(cur, (d) => void (d.signatures[D.signatureKey] = signCidsJs(D.seed, ['x'], PID))),
  });
  add('current-without-a-signature', "current without A's entry (A authored nothing in it; accepted)", {
    current: edit(cur, (d) => void delete d.signatures[A.signatureKey]),
  });
  add('other-particle-id', 'valid current data, run with another particle id', { particleId: 'p-other' });
  add('prev-signature-removed', "prev holding B's CIDs but no entry for B", {
    prev: edit(s1.a1, (d) => void delete d.signatures[B.signatureKey]),
    current: EMPTY,
  });
  add('prev-signature-wrong-list', "prev with B's entry signed over a wrong list (prev signatures are not verified)", {
    prev: edit(s1.a1, (d) => void (d.signatures[B.signatureKey] = signCidsJs(B.seed, ['x'], PID))),
    current: EMPTY,
  });
  add('merge-inconsistent', 'prev {B: f = v1}, current {B: f = v2}, both validly signed', { prev: s1.a1, current: s1v2.b1 });
  add('current-not-json-failure', "A's data with a failure for a non-JSON result (A does not sign it), read by B", {
    air: x.S3,
    who: B,
    prev: EMPTY,
    current: x.notJson,
  });
  add('current-float-roundtrip', "A's data with floats that the original does not read back as written, read by B", {
    air: x.S4,
    who: B,
    prev: EMPTY,
    current: x.floats,
  });

  // --- trace states pointing at missing store entries (the original traps) ------------------
  add('current-trace-missing-service-result', "current's executed state points at a CID absent from service_result_store", {
    current: edit(cur, (d) => void delete d.cid_info.service_result_store[srCid]),
  });
  add('prev-trace-missing-service-result', "prev's executed state points at a CID absent from service_result_store", {
    prev: edit(s1.a1, (d) => void delete d.cid_info.service_result_store[srCid]),
    current: EMPTY,
  });
  add('current-trace-missing-canon-result', "current's canon state points at a CID absent from canon_result_store", {
    air: S2,
    prev: s2.a0,
    current: edit(s2.b1, (d) => void delete d.cid_info.canon_result_store[s2canon]),
  });
  add('prev-trace-missing-tetraplet', "prev's service result points at a tetraplet absent from tetraplet_store", {
    prev: edit(s1.a1, (d) => void delete d.cid_info.tetraplet_store[tetCid]),
    current: EMPTY,
  });

  // --- decided during execution (recorded for completeness) ---------------------------------
  // B re-signs what the edited trace attributes to it (nothing), so that the data passes
  // preparation and the fault is met during execution.
  const resignB = (d) => void (d.signatures[B.signatureKey] = signCidsJs(B.seed, cidsBySigner(d).get(B.peerId) ?? [], PID));
  add('current-unused-unknown-cid', 'an `executed.unused` state with an unknown CID where a scalar call is, B re-signed', {
    current: edit(cur, (d) => {
      d.trace[0] = { call: { executed: { unused: valueCid.slice(0, -4) + 'aaaa' } } };
      resignB(d);
    }),
  });
  add('current-unused-unknown-cid-unsigned', 'the same without re-signing: B\'s signature no longer matches its CIDs', {
    current: edit(cur, (d) => void (d.trace[0] = { call: { executed: { unused: valueCid.slice(0, -4) + 'aaaa' } } })),
  });
  add('prev-value-missing', "prev's service result value removed (prev stores are unchecked)", {
    prev: edit(s1.a1, (d) => void delete d.cid_info.value_store[valueCid]),
    current: EMPTY,
  });
  add('current-other-argument-hash', "B's result recorded for `f [1]`, validly signed, replayed by `f []`", { current: s1args.b1 });
  add('current-other-tetraplet', "B's result recorded for `f2`, validly signed, replayed by `f`", { current: s1fn.b1 });
  add('current-par-for-call', 'a `par` state where the call state is, B re-signed', {
    current: edit(cur, (d) => {
      d.trace[0] = { par: [0, 0] };
      resignB(d);
    }),
  });
  add('current-par-for-call-unsigned', 'a `par` state where the call state is, not re-signed', {
    current: edit(cur, (d) => void (d.trace[0] = { par: [0, 0] })),
  });
  add('current-stream-for-scalar', 'an `executed.stream` state for a scalar call', {
    current: edit(cur, (d) => void (d.trace[0] = { call: { executed: { stream: { cid: srCid, generation: 0 } } } })),
  });

  // --- key, call results, AIR (6, 4, 1) and precedence (7.1) ---------------------------------
  add('key-format-1', 'key_format 1 (RSA, not compiled in)', { keyFormat: 1 });
  add('key-format-3', 'key_format 3', { keyFormat: 3 });
  add('key-31-bytes', 'a 31-byte ed25519 secret key', { secretKeyBytes: A.seed.subarray(0, 31) });
  add('call-results-truncated', 'call_results bytes `{"1":`', { callResultsRaw: bytes('{"1":') });
  add('call-results-array', 'call_results bytes `[]`', { callResultsRaw: bytes('[]') });
  add('call-results-empty', 'zero call_results bytes', { callResultsRaw: EMPTY });
  add('call-results-key-01', 'a call_results key `01`', { callResultsRaw: bytes('{"01":{"ret_code":0,"result":"1"}}') });
  add('air-unparsable', 'AIR `(seq`', { air: '(seq' });
  add('precedence-data-over-air', 'bad current data and bad AIR', { air: '(seq', current: bytes('x') });
  add('precedence-version-over-signature', 'interpreter_version 0.53.9 and a removed signature', {
    current: edit(cur, (d) => {
      d.interpreter_version = '0.53.9';
      delete d.signatures[B.signatureKey];
    }),
  });
  add('precedence-cid-over-signature', 'a changed value and a removed signature', {
    current: edit(cur, (d) => {
      d.cid_info.value_store[valueCid].a = 2;
      delete d.signatures[B.signatureKey];
    }),
  });
  add('precedence-signature-over-air', 'a removed signature and bad AIR', { air: '(seq', current: edit(cur, (d) => void delete d.signatures[B.signatureKey]) });
  add('precedence-air-over-call-results', 'bad AIR and bad call results', { air: '(seq', callResultsRaw: bytes('[]') });
  add('precedence-call-results-over-key', 'bad call results and key_format 1', { callResultsRaw: bytes('[]'), keyFormat: 1 });
  add('baseline', 'the unmodified setup (A runs with prev = its first output, current = B\'s output)', {});
  return list;
}

const MAX_MESSAGE = 2000;
const REPEATS = 12;
const firstLine = (m) => m.split('\n')[0];

function describeMessage(m) {
  if (m.length <= MAX_MESSAGE) return { errorMessage: m };
  return { errorMessageFirstLine: m.split('\n')[0].slice(0, MAX_MESSAGE), errorMessageLength: m.length };
}

export function checkDataExpectation(expected) {
  if (expected.trap) return 7;
  return [2, 3, 5, 7, 8].includes(expected.retCode) ? expected.retCode : 0;
}

export async function generateBad() {
  const avm = await loadOriginal();
  const x = await setup(avm);
  const list = cases(x);
  await rm(badDir, { recursive: true, force: true });
  await mkdir(badDir, { recursive: true });
  const rows = [];
  for (const c of list) {
    const rp = params(c.who, {
      ...(c.particleId ? { particleId: c.particleId } : {}),
      ...(c.keyFormat !== undefined ? { keyFormat: c.keyFormat } : {}),
      ...(c.secretKeyBytes ? { secretKeyBytes: c.secretKeyBytes } : {}),
    });
    const callResults = c.callResultsRaw ?? [];
    const out = await avm.tryInvoke(c.air, c.prev, c.current, rp, callResults);
    // Which of several bad entries the original names depends on its hash-map order (random per
    // run): repeat the runs that check stores or signatures and keep every first line seen.
    const variants = new Set();
    if (!out.trap && [7, 8].includes(out.retCode)) {
      variants.add(firstLine(out.errorMessage));
      for (let k = 0; k < REPEATS; k++) {
        const again = await avm.tryInvoke(c.air, c.prev, c.current, rp, callResults);
        if (again.trap || again.retCode !== out.retCode) throw new Error(`${c.name}: outcome changed between runs`);
        variants.add(firstLine(again.errorMessage));
      }
    }
    let expected;
    if (out.trap) expected = { trap: true, message: out.message.split('\n')[0] };
    else {
      expected = {
        retCode: out.retCode,
        ...describeMessage(out.errorMessage),
        ...(variants.size > 1 ? { errorMessageFirstLines: [...variants].sort() } : {}),
        returnsPrev: Buffer.from(out.data).equals(Buffer.from(c.prev)),
        nextPeerPks: [...out.nextPeerPks].sort(),
      };
    }
    const record = {
      name: c.name,
      description: c.description,
      air: c.air,
      prev: b64(c.prev),
      current: b64(c.current),
      runParams: {
        initPeerId: rp.initPeerId,
        currentPeerId: rp.currentPeerId,
        timestamp: rp.timestamp,
        ttl: rp.ttl,
        keyFormat: rp.keyFormat,
        secretKeyHex: hex(rp.secretKeyBytes),
        particleId: rp.particleId,
      },
      ...(c.callResultsRaw ? { callResultsRaw: b64(c.callResultsRaw) } : { callResults }),
      expected,
      checkData: { retCode: checkDataExpectation(expected) },
    };
    await writeFile(path.join(badDir, `${c.name}.json`), `${JSON.stringify(record, null, 1)}\n`);
    rows.push({ name: c.name, ...expected });
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  const rows = await generateBad();
  for (const r of rows) {
    const msg = r.trap ? `TRAP ${r.message}` : `${r.retCode} ${(r.errorMessage ?? r.errorMessageFirstLine).split('\n')[0].slice(0, 150)}`;
    console.log(`${r.name.padEnd(42)} ${msg}`);
  }
  console.log(`${rows.length} cases, ${Math.round(performance.now() - t0)} ms; files in ${path.relative(root, badDir)}`);
}
