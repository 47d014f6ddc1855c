// Reading InterpreterData documents (data-format.md section 2) in JavaScript, independently of
// airvm: the raw text of store items, CID attribution per signer, signature verification, and
// which executed-state kinds and variants a document contains. Used by the fixture generator
// (to describe and self-check what it writes) and by the oracle tests.
import { createPublicKey, verify as edVerify } from 'node:crypto';
import { base58Decode, peerIdOfPublicKey, signedMessage } from './identity.mjs';

export const STORES = ['value_store', 'tetraplet_store', 'canon_element_store', 'canon_result_store', 'service_result_store'];

const utf8 = new TextDecoder('utf-8', { fatal: true });
export const textOf = (bytes) => (typeof bytes === 'string' ? bytes : utf8.decode(bytes));

// ---------------------------------------------------------------------------------------------
// Raw JSON scanning: locate values without parsing numbers, so that the exact bytes of each
// store item can be compared. Iterative; the input is assumed to be valid JSON.

function skipWs(s, i) {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
}

function endOfString(s, i) {
  // s[i] === '"'
  for (i++; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i + 1;
  }
  throw new Error('unterminated string');
}

/** Index just past the JSON value that starts at i (after whitespace). */
export function endOfValue(s, i) {
  i = skipWs(s, i);
  let depth = 0;
  for (;;) {
    const c = s[i];
    if (c === '"') i = endOfString(s, i);
    else if (c === '{' || c === '[') {
      depth++;
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      i++;
    } else if (c === ',' || c === ':' || c === ' ' || c === '\n' || c === '\r' || c === '\t') i++;
    else {
      // literal or number
      let j = i;
      while (j < s.length && !',:]} \n\r\t'.includes(s[j])) j++;
      if (j === i) throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
      i = j;
    }
    if (depth === 0) return i;
    if (i >= s.length) throw new Error('unexpected end');
  }
}

/** [[key, rawValueText], ...] of the object whose text starts at i. */
export function rawObjectEntries(s, i = 0) {
  i = skipWs(s, i);
  if (s[i] !== '{') throw new Error(`object expected at ${i}`);
  i = skipWs(s, i + 1);
  const out = [];
  if (s[i] === '}') return out;
  for (;;) {
    const kEnd = endOfString(s, i);
    const key = JSON.parse(s.slice(i, kEnd));
    i = skipWs(s, kEnd);
    if (s[i] !== ':') throw new Error(`':' expected at ${i}`);
    const vStart = skipWs(s, i + 1);
    const vEnd = endOfValue(s, vStart);
    out.push([key, s.slice(vStart, vEnd)]);
    i = skipWs(s, vEnd);
    if (s[i] === '}') return out;
    if (s[i] !== ',') throw new Error(`',' expected at ${i}`);
    i = skipWs(s, i + 1);
  }
}

/** {store name: Map(cid -> raw item text)} of a data document's text. */
export function rawStoreItems(text) {
  const top = new Map(rawObjectEntries(text));
  const cidInfo = new Map(rawObjectEntries(top.get('cid_info')));
  const out = {};
  for (const store of STORES) out[store] = new Map(rawObjectEntries(cidInfo.get(store) ?? '{}'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Structure

/** JSON.parse of the document (numbers inside values may lose precision: structure only). */
export function parseData(bytes) {
  return JSON.parse(textOf(bytes));
}

const byteOrder = (a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
export const sortCids = (list) => [...list].sort(byteOrder);

/**
 * Groups the CIDs of the trace by the peer that authored them, as the original's verifier does
 * (data-format.md 6.2 step 2): executed scalar/stream and failed calls by their aggregate's
 * tetraplet peer_pk, canon.executed by the canon result's tetraplet peer_pk. Returns
 * Map(peerId -> sorted CID multiset). Throws when a referenced entry is missing.
 */
export function cidsBySigner(doc) {
  const st = doc.cid_info;
  const groups = new Map();
  const add = (peer, cid) => {
    if (!groups.has(peer)) groups.set(peer, []);
    groups.get(peer).push(cid);
  };
  const tetrapletPeer = (cid) => {
    const t = st.tetraplet_store[cid];
    if (!t) throw new Error(`tetraplet ${cid} missing`);
    return t.peer_pk;
  };
  for (const state of doc.trace) {
    if (state.call) {
      const c = state.call;
      let cid = null;
      if (c.executed?.scalar) cid = c.executed.scalar;
      else if (c.executed?.stream) cid = c.executed.stream.cid;
      else if (c.failed) cid = c.failed;
      if (cid !== null) {
        const agg = st.service_result_store[cid];
        if (!agg) throw new Error(`service result ${cid} missing`);
        add(tetrapletPeer(agg.tetraplet_cid), cid);
      }
    } else if (state.canon?.executed) {
      const cid = state.canon.executed;
      const res = st.canon_result_store[cid];
      if (!res) throw new Error(`canon result ${cid} missing`);
      add(tetrapletPeer(res.tetraplet), cid);
    }
  }
  for (const [k, v] of groups) groups.set(k, sortCids(v));
  return groups;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Ed25519 check of one signature-store entry over the given CIDs and particle id. */
export function verifyEntry(publicKeyB58, signatureB58, cids, particleId) {
  const pkBytes = base58Decode(publicKeyB58);
  const sigBytes = base58Decode(signatureB58);
  if (pkBytes.length !== 33 || pkBytes[0] !== 0 || sigBytes.length !== 65 || sigBytes[0] !== 0) return false;
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, pkBytes.subarray(1)]), format: 'der', type: 'spki' });
  return edVerify(null, signedMessage(cids, particleId), key, sigBytes.subarray(1));
}

/** [{public_key, peer_id, valid, cids}] for every signature entry, sorted by public key. */
export function signatureReport(doc, particleId) {
  const groups = cidsBySigner(doc);
  return Object.entries(doc.signatures)
    .sort(([a], [b]) => byteOrder(a, b))
    .map(([publicKey, signature]) => {
      const pk = base58Decode(publicKey).subarray(1);
      const peerId = peerIdOfPublicKey(pk);
      const cids = groups.get(peerId) ?? [];
      return { public_key: publicKey, peer_id: peerId, valid: verifyEntry(publicKey, signature, cids, particleId), cids };
    });
}

/** Peer ids that authored CIDs but have no signature entry. */
export function unsignedAuthors(doc) {
  const signers = new Set(Object.keys(doc.signatures).map((k) => peerIdOfPublicKey(base58Decode(k).subarray(1))));
  return [...cidsBySigner(doc).keys()].filter((p) => !signers.has(p));
}

/** The executed-state kinds, variants and store features present in a document. */
export function coverage(doc) {
  const tags = new Set();
  for (const s of doc.trace) {
    if (s.par) tags.add('par');
    else if (s.call) {
      const c = s.call;
      if (c.executed?.scalar) tags.add('call.executed.scalar');
      else if (c.executed?.stream) tags.add('call.executed.stream');
      else if (c.executed?.unused) tags.add('call.executed.unused');
      else if (c.failed) {
        const agg = doc.cid_info.service_result_store[c.failed];
        const v = agg && doc.cid_info.value_store[agg.value_cid];
        tags.add(v && v.ret_code === 2147483647 ? 'call.failed.not-json' : 'call.failed.ret-code');
      } else if (c.sent_by?.PeerId) tags.add('call.sent_by.PeerId');
      else if (c.sent_by?.PeerIdWithCallId) tags.add('call.sent_by.PeerIdWithCallId');
      else tags.add('call.?');
    } else if (s.fold) tags.add('fold');
    else if (s.ap) tags.add('ap');
    else if (s.canon) {
      if (s.canon.executed) tags.add('canon.executed');
      else if (s.canon.sent_by) tags.add('canon.sent_by');
    } else tags.add('?');
  }
  for (const store of STORES) if (Object.keys(doc.cid_info[store]).length) tags.add(`store.${store}`);
  for (const el of Object.values(doc.cid_info.canon_element_store)) {
    tags.add(`provenance.${el.provenance.type}`);
    const v = doc.cid_info.value_store[el.value];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 2 && 'key' in v && 'value' in v) {
      tags.add('canon.element.map-pair');
    }
  }
  const signers = Object.keys(doc.signatures).length;
  tags.add(`signatures.${signers}`);
  return tags;
}

/**
 * The JSON text with the keys of every object sorted (by UTF-16 order of the decoded keys, which
 * is only a normal form) and no whitespace; strings and numbers are kept exactly as spelled.
 * Two documents are equal "modulo key order" when these texts are equal. Recursive: meant for
 * the original's own output, which never nests deeper than 127 levels.
 */
export function sortedKeysText(text) {
  let i = 0;
  const s = text;
  function value() {
    i = skipWs(s, i);
    const c = s[i];
    if (c === '{') {
      i = skipWs(s, i + 1);
      const members = [];
      if (s[i] === '}') {
        i++;
        return '{}';
      }
      for (;;) {
        i = skipWs(s, i);
        const kEnd = endOfString(s, i);
        const keyText = s.slice(i, kEnd);
        i = skipWs(s, kEnd) + 1; // ':'
        members.push([JSON.parse(keyText), JSON.stringify(JSON.parse(keyText)), value()]);
        i = skipWs(s, i);
        if (s[i++] === '}') break;
      }
      members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return `{${members.map(([, k, v]) => `${k}:${v}`).join(',')}}`;
    }
    if (c === '[') {
      i = skipWs(s, i + 1);
      const items = [];
      if (s[i] === ']') {
        i++;
        return '[]';
      }
      for (;;) {
        items.push(value());
        i = skipWs(s, i);
        if (s[i++] === ']') break;
      }
      return `[${items.join(',')}]`;
    }
    const end = endOfValue(s, i);
    const tok = s.slice(i, end);
    i = end;
    return c === '"' ? JSON.stringify(JSON.parse(tok)) : tok;
  }
  return value();
}
