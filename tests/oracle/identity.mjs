// Test identities for the oracle scenarios: ed25519 keys from fixed seeds, their libp2p peer ids
// and the base58btc encodings the original writes (data-format.md sections 5.2 and 5.3).
//
// Peer i (0-based) has the seed: byte 0 = i + 1, bytes 1..30 = 0, byte 31 = 7.
import { createPrivateKey, createPublicKey, sign as edSign } from 'node:crypto';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ALPHABET_INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** base58btc (Bitcoin alphabet, no multibase prefix); every leading zero byte becomes '1'. */
export function base58Encode(bytes) {
  const input = Uint8Array.from(bytes);
  let zeros = 0;
  while (zeros < input.length && input[zeros] === 0) zeros++;
  // Repeated division of the big-endian byte string by 58, digits collected little-endian.
  const digits = [];
  for (let i = zeros; i < input.length; i++) {
    let carry = input[i];
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j] << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '1'.repeat(zeros);
  for (let k = digits.length - 1; k >= 0; k--) out += ALPHABET[digits[k]];
  return out;
}

/** Inverse of base58Encode; throws on a character outside the alphabet. */
export function base58Decode(text) {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes = []; // little-endian
  for (let i = zeros; i < text.length; i++) {
    const v = ALPHABET_INDEX.get(text[i]);
    if (v === undefined) throw new Error(`not base58: ${JSON.stringify(text[i])} at ${i}`);
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j] * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let k = 0; k < bytes.length; k++) out[out.length - 1 - k] = bytes[k];
  return out;
}

export const hex = (bytes) => Buffer.from(bytes).toString('hex');
export const fromHex = (text) => new Uint8Array(Buffer.from(text, 'hex'));

/** The 32-byte ed25519 seed of test peer `index`. */
export function seedFor(index) {
  if (!Number.isInteger(index) || index < 0 || index > 254) throw new RangeError(`peer index ${index}`);
  const seed = new Uint8Array(32);
  seed[0] = index + 1;
  seed[31] = 7;
  return seed;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyOf(seed) {
  if (seed.length !== 32) throw new RangeError('an ed25519 seed has 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
}

/** RFC 8032 public key (32 bytes) of a seed. */
export function publicKeyOf(seed) {
  const spki = createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

/** libp2p peer id: base58btc of the identity multihash of the protobuf-encoded public key. */
export function peerIdOfPublicKey(pk) {
  return base58Encode(Uint8Array.from([0x00, 0x24, 0x08, 0x01, 0x12, 0x20, ...pk]));
}

/** Signature-store key: base58btc(key-format byte 0 || public key). */
export function signatureKeyOfPublicKey(pk) {
  return base58Encode(Uint8Array.from([0x00, ...pk]));
}

/** The message a peer signs: Borsh of (sorted CID list, particle id) — data-format.md 6.1. */
export function signedMessage(cids, particleId) {
  const sorted = [...cids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const parts = [];
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  parts.push(u32(sorted.length));
  for (const c of sorted) {
    const b = Buffer.from(c, 'utf8');
    parts.push(u32(b.length), b);
  }
  const salt = Buffer.from(particleId, 'utf8');
  parts.push(u32(salt.length), salt);
  return Buffer.concat(parts);
}

/** Signature-store value the way the original writes it: base58btc(0x00 || ed25519 signature). */
export function signCidsJs(seed, cids, particleId) {
  const sig = edSign(null, signedMessage(cids, particleId), privateKeyOf(seed));
  return base58Encode(Uint8Array.from([0x00, ...sig]));
}

/** Everything about test peer `index` (or an explicit seed). */
export function identity(index, seed = seedFor(index)) {
  const publicKey = publicKeyOf(seed);
  return {
    index,
    seed,
    seedHex: hex(seed),
    publicKey,
    peerId: peerIdOfPublicKey(publicKey),
    signatureKey: signatureKeyOfPublicKey(publicKey),
  };
}

/** Peer names "A", "B", … map to indices 0, 1, …; any other name must be given as index. */
export function identityByName(name) {
  if (/^[A-Z]$/.test(name)) return identity(name.charCodeAt(0) - 65);
  throw new RangeError(`peer name ${name}: use a single capital letter`);
}
