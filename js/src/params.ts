// Run parameters are checked before they reach the wasm, as the original's stack checks them
// (marine-js deserialises them into the Rust RunParameters: strings, a u64 timestamp, a u32
// ttl, a u8 key format, a byte vector). A wrong field is a TypeError naming it: nothing is
// coerced, so a missing currentPeerId can no longer turn into the string "undefined" and a
// local call into a remote hop.
import type { RunParameters } from './types.js';

/** Key formats of the fluence-keypair crate. The wasm signs with Ed25519 only; the others
 * reach the interpreter, which refuses them with ret code 6 as the original does. */
export const KeyPairFormat = { Ed25519: 0, Rsa: 1, Secp256k1: 2 } as const;
export type KeyPairFormat = (typeof KeyPairFormat)[keyof typeof KeyPairFormat];

const U32_MAX = 0xffff_ffff;
const SECRET_KEY_LENGTH = 32;

/** The checked parameters, in the shape the embind `invoke` reads. */
export interface CheckedRunParameters {
  initPeerId: string;
  currentPeerId: string;
  timestamp: number;
  ttl: number;
  keyFormat: number;
  secretKeyBytes: Uint8Array;
  particleId: string;
}

function fail(field: string, what: string, value: unknown): never {
  const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : String(value);
  throw new TypeError(`airvm: runParams.${field} must be ${what} (got ${shown})`);
}

function str(p: Record<string, unknown>, field: string): string {
  const v = p[field];
  if (typeof v !== 'string') fail(field, 'a string', v);
  return v;
}

// A u64 given as a number must be an exact integer: beyond 2^53 a number is not exact.
function u64(p: Record<string, unknown>, field: string): number {
  const v = p[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(field, 'an integer from 0 to 2^53-1 (a u64)', v);
  return v;
}

function u32(p: Record<string, unknown>, field: string): number {
  const v = p[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > U32_MAX) fail(field, 'an integer from 0 to 2^32-1 (a u32)', v);
  return v;
}

function keyFormat(p: Record<string, unknown>): number {
  const v = p.keyFormat;
  const known = Object.values(KeyPairFormat) as unknown[];
  if (!known.includes(v)) fail('keyFormat', `a known key format (${known.join(', ')}; 0 is Ed25519)`, v);
  return v as number;
}

function secretKey(p: Record<string, unknown>): Uint8Array {
  const v = p.secretKeyBytes;
  let bytes: Uint8Array | undefined;
  if (v instanceof Uint8Array) bytes = v;
  else if (Array.isArray(v) && v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) bytes = Uint8Array.from(v as number[]);
  if (!bytes || bytes.length !== SECRET_KEY_LENGTH) {
    const got = bytes ? `${bytes.length} bytes` : Array.isArray(v) ? 'an array that is not bytes' : typeof v;
    throw new TypeError(`airvm: runParams.secretKeyBytes must be ${SECRET_KEY_LENGTH} bytes, a Uint8Array (got ${got})`);
  }
  return bytes;
}

/** Checks every field of `runParams`; throws a TypeError naming the first wrong one. */
export function checkRunParameters(runParams: RunParameters): CheckedRunParameters {
  if (runParams === null || typeof runParams !== 'object') throw new TypeError('airvm: runParams must be an object');
  const p = runParams as unknown as Record<string, unknown>;
  return {
    initPeerId: str(p, 'initPeerId'),
    currentPeerId: str(p, 'currentPeerId'),
    timestamp: u64(p, 'timestamp'),
    ttl: u32(p, 'ttl'),
    keyFormat: keyFormat(p),
    secretKeyBytes: secretKey(p),
    particleId: str(p, 'particleId'),
  };
}
