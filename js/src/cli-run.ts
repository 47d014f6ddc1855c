// `airvm run` and `airvm peer-id`: a particle played on the in-process network, and peer ids of
// Ed25519 seeds.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { load } from './load.js';
import { createNetwork } from './network.js';
import type { Step } from './network.js';
import type { Services } from './peer.js';
import { builtinServices } from './services.js';
import type { AirVm } from './types.js';

export const RUN_USAGE = `Usage: airvm run SCRIPT.air [--peers N] [--services FILE.mjs] [--from NAME] [--ttl MS]
                 [--json]

Plays a particle on an in-process network of N peers named A, B, C, ...: the particle starts
on peer A (or --from), every particle a peer sends goes to the peer it names, each peer calls
its services and feeds the results back, until the network is quiet. Prints each step (the
peer, its ret code, its call requests with their results, the peers it sends to) and the
results of every service call. Exits 0 when every step returned ret code 0, else 1.

In SCRIPT, a string "@A" ("@B", ...) stands for the peer id of peer A (B, ...). Peer i has
the fixed Ed25519 seed of 32 bytes of value i+1, so peer ids are the same on every run.

Every peer has the built-in services: echo.echo (returns its arguments), counter.next
(1, 2, ... per peer), fail.fail (fails with its first argument), op.noop, op.identity,
op.array, op.array_length, op.concat.

Options:
  --peers N            how many peers (default: enough for every "@X" in the script, at least 1)
  --services FILE.mjs  an ES module whose default export is {serviceId: {functionName: fn}}
                       or a function ({index, name, peerId}) => such an object; fn(args,
                       context) may be async; these are added to the built-in services
  --from NAME          the init peer (default A)
  --ttl MS             the particle's ttl (default 7000)
  --json               print the step log as JSON instead
  -h, --help           show this help
`;

export const PEER_ID_USAGE = `Usage: airvm peer-id SEED_HEX
       airvm peer-id --new

Prints the peer id (12D3KooW...) of an Ed25519 key given as its 32-byte seed in hex. With
--new, makes a random seed and prints "SEED_HEX PEER_ID".

Options:
  --new                make a new random key
  -h, --help           show this help
`;

export class CommandUsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

interface RunArgs {
  script: string;
  peers?: number;
  services?: string;
  from: string;
  ttl: number;
  json: boolean;
}

const MAX_PEERS = 26 * 26;

function positiveInt(name: string, value: string | undefined, max: number): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new CommandUsageError(`${name} needs an integer from 1 to ${max}, got ${value ?? 'nothing'}`, RUN_USAGE);
  }
  return Number(value);
}

export function parseRunArgs(rest: string[]): RunArgs | { help: string } {
  const args: Partial<RunArgs> & { from: string; ttl: number; json: boolean } = { from: 'A', ttl: 7000, json: false };
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (a === '-h' || a === '--help') return { help: RUN_USAGE };
    else if (name === '--peers') args.peers = positiveInt('--peers', value(), MAX_PEERS);
    else if (name === '--ttl') args.ttl = positiveInt('--ttl', value(), 0xffff_ffff);
    else if (name === '--services') {
      const v = value();
      if (!v) throw new CommandUsageError('--services needs a FILE.mjs', RUN_USAGE);
      args.services = v;
    } else if (name === '--from') {
      const v = value();
      if (!v || !/^[A-Z]+$/.test(v)) throw new CommandUsageError('--from needs a peer name (A, B, ...)', RUN_USAGE);
      args.from = v;
    } else if (a === '--json') args.json = true;
    else if (a.startsWith('-') && a !== '-') throw new CommandUsageError(`unknown option '${a}' for run`, RUN_USAGE);
    else files.push(a);
  }
  if (files.length !== 1) throw new CommandUsageError(files.length ? 'give exactly one SCRIPT' : 'no SCRIPT given', RUN_USAGE);
  return { ...args, script: files[0]! };
}

/** Peer names: A..Z, then AA, AB, ... */
export function peerName(i: number): string {
  const letter = (k: number): string => String.fromCharCode(65 + k);
  return i < 26 ? letter(i) : letter(Math.floor(i / 26) - 1) + letter(i % 26);
}

function nameIndex(name: string): number {
  return name.length === 1 ? name.charCodeAt(0) - 65 : (name.charCodeAt(0) - 64) * 26 + name.charCodeAt(1) - 65;
}

const PLACEHOLDER = /"@([A-Z]{1,2})"/g;

function fixedSeed(i: number): Uint8Array {
  return new Uint8Array(32).fill((i + 1) & 0xff);
}

type ServicesModule = Services | ((peer: { index: number; name: string; peerId: string }) => Services);

async function loadServices(file: string | undefined): Promise<ServicesModule | undefined> {
  if (!file) return undefined;
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as { default?: ServicesModule };
  if (!mod.default || (typeof mod.default !== 'object' && typeof mod.default !== 'function')) {
    throw new Error(`${file} has no default export of services (an object or a function)`);
  }
  return mod.default;
}

function shortText(v: unknown, max: number): string {
  const s = JSON.stringify(v) ?? 'undefined';
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

function printSteps(steps: Step[], names: Map<string, string>, out: (s: string) => void): void {
  const name = (id: string): string => names.get(id) ?? id;
  // Peer ids inside values print as the script's "@X".
  const ids = new RegExp([...names.keys()].join('|'), 'g');
  const shortJson = (v: unknown, max = 200): string => shortText(v, max).replace(ids, (id) => `@${name(id)}`);
  const asked = new Map<string, string>();
  steps.forEach((s, i) => {
    out(`step ${i + 1}  ${name(s.peer)}  ret ${s.retCode}${s.errorMessage ? `  ${s.errorMessage.split('\n')[0]}` : ''}\n`);
    for (const [id, r] of s.callResults) {
      const what = asked.get(`${s.peer}/${id}`) ?? `call ${id}`;
      const text = r.retCode === 0 ? `-> ${shortJson(JSON.parse(r.result))}` : `failed (${r.retCode}): ${shortJson(JSON.parse(r.result))}`;
      out(`  result    ${what} ${text}\n`);
    }
    for (const [id, r] of s.callRequests) {
      const call = `${r.serviceId}.${r.functionName}(${r.arguments.map((a) => shortJson(a, 80)).join(', ')})`;
      asked.set(`${s.peer}/${id}`, call);
      out(`  calls     ${call}\n`);
    }
    if (s.nextPeerPks.length) out(`  sends to  ${s.nextPeerPks.map(name).join(', ')}\n`);
  });
}

// The script without its comments (from a ';' outside a string to the end of the line).
function codeOf(script: string): string {
  return script.replace(/^((?:[^";\n]|"[^"\n]*")*);[^\n]*/gm, '$1');
}

export async function run(args: RunArgs, out: (s: string) => void): Promise<number> {
  let script = await readFile(args.script, 'utf8');
  const used = [...codeOf(script).matchAll(PLACEHOLDER)].map((m) => nameIndex(m[1]!));
  const count = args.peers ?? Math.max(1, ...used.map((i) => i + 1), nameIndex(args.from) + 1);
  const from = nameIndex(args.from);
  if (from >= count) throw new CommandUsageError(`--from ${args.from}: the network has ${count} peers`, RUN_USAGE);
  const missing = used.find((i) => i >= count);
  if (missing !== undefined) throw new CommandUsageError(`the script names "@${peerName(missing)}" but the network has ${count} peers`, RUN_USAGE);

  const vm = await load();
  const extra = await loadServices(args.services);
  const ids = Array.from({ length: count }, (_, i) => vm.peerId(fixedSeed(i)).peerId);
  const peers = ids.map((peerId, index) => {
    const name = peerName(index);
    const user = typeof extra === 'function' ? extra({ index, name, peerId }) : extra;
    return { secretKey: fixedSeed(index), services: { ...builtinServices(), ...(user ?? {}) } };
  });
  script = script.replace(PLACEHOLDER, (_, n: string) => JSON.stringify(ids[nameIndex(n)]));
  const net = await createNetwork({ peers, vm });
  const steps = await net.run(script, { from, ttl: args.ttl });
  const names = new Map(ids.map((id, i) => [id, peerName(i)]));
  if (args.json) {
    out(JSON.stringify({ peers: Object.fromEntries(ids.map((id, i) => [peerName(i), id])), steps }, null, 2) + '\n');
  } else {
    out(`peers     ${ids.map((id, i) => `${peerName(i)} ${id}`).join('\n          ')}\n`);
    printSteps(steps, names, out);
    out(`${steps.length} steps, ${steps.filter((s) => s.retCode !== 0).length} failed\n`);
  }
  return steps.every((s) => s.retCode === 0) ? 0 : 1;
}

export function parsePeerIdArgs(rest: string[]): { seed?: string; fresh: boolean } | { help: string } {
  let seed: string | undefined;
  let fresh = false;
  for (const a of rest) {
    if (a === '-h' || a === '--help') return { help: PEER_ID_USAGE };
    if (a === '--new') fresh = true;
    else if (a.startsWith('-')) throw new CommandUsageError(`unknown option '${a}' for peer-id`, PEER_ID_USAGE);
    else if (seed !== undefined) throw new CommandUsageError('give one SEED_HEX', PEER_ID_USAGE);
    else seed = a;
  }
  if (fresh === (seed !== undefined)) throw new CommandUsageError('give a SEED_HEX or --new', PEER_ID_USAGE);
  if (seed !== undefined && !/^[0-9a-fA-F]{64}$/.test(seed)) {
    throw new CommandUsageError('SEED_HEX must be 64 hex digits (a 32-byte Ed25519 seed)', PEER_ID_USAGE);
  }
  return seed === undefined ? { fresh } : { seed, fresh };
}

export function peerId(vm: AirVm, args: { seed?: string; fresh: boolean }): string {
  const seed = new Uint8Array(32);
  if (args.seed) for (let i = 0; i < 32; i++) seed[i] = parseInt(args.seed.slice(2 * i, 2 * i + 2), 16);
  else globalThis.crypto.getRandomValues(seed);
  const id = vm.peerId(seed).peerId;
  const hex = Array.from(seed, (b) => b.toString(16).padStart(2, '0')).join('');
  return args.fresh ? `${hex} ${id}\n` : `${id}\n`;
}
