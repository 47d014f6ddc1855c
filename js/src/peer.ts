// The host loop: a peer that runs particles on airvm and calls its own services, as a Fluence
// host does (js-client's FluencePeer, Nox). receive(particle) merges the particle's data with
// what this peer kept, invokes, calls the requested services concurrently, feeds their results
// back, and repeats until no call is pending; it resolves to the particles to send.
//
// Errors are values here too: a service that throws, is missing, answers something that is not
// JSON or takes too long becomes a failed call result worded as js-client words it; a particle
// that is malformed, expired or for another peer is dropped with an event; the data a peer
// keeps for a particle is never replaced by nothing.
import { load } from './load.js';
import { KeyPairFormat } from './params.js';
import type { AirVm, AirVmAsync, CallRequest, CallResultsArray, CallServiceResult, JSONValue, SecurityTetraplet } from './types.js';

/** A particle as js-client has it: data is the sender's InterpreterData bytes. */
export interface Particle {
  id: string;
  initPeerId: string;
  /** Creation time, ms since the epoch. */
  timestamp: number;
  /** Time to live after `timestamp`, ms. */
  ttl: number;
  script: string;
  data: Uint8Array;
  /** The init peer's signature (kept and passed on; not checked by the in-process peer). */
  signature?: Uint8Array;
}

/** A particle to send, and to whom. */
export interface Outgoing {
  peerId: string;
  particle: Particle;
}

/** What a service function is told about the call, as js-client's particleContext. */
export interface CallContext {
  particleId: string;
  initPeerId: string;
  timestamp: number;
  ttl: number;
  /** The peer running the service (this peer). */
  peerId: string;
  serviceId: string;
  functionName: string;
  /** One list of tetraplets per argument: where each argument's value came from. */
  tetraplets: SecurityTetraplet[][];
  particle: Particle;
}

/** A service function: plain or async; its return value (JSON-able; undefined is null) is the
 * call's result; a throw or a rejection makes the call fail with the error's message. */
export type ServiceFunction = (args: JSONValue[], context: CallContext) => unknown;
export type Services = Record<string, Record<string, ServiceFunction>>;
/** Called for a service or function `services` lacks; its return value is the result. */
export type DefaultService = (serviceId: string, functionName: string, args: JSONValue[], context: CallContext) => unknown;

export type PeerEvent =
  | { type: 'invoke'; peerId: string; particleId: string; retCode: number; errorMessage: string; callRequests: Array<[number, CallRequest]>; callResults: CallResultsArray; nextPeerPks: string[]; ms: number }
  | { type: 'dropped'; peerId: string; particleId: string; reason: string }
  | { type: 'expired'; peerId: string; particleId: string }
  | { type: 'call-failed'; peerId: string; particleId: string; serviceId: string; functionName: string; message: string };

export interface PeerOptions {
  /** The peer's 32-byte Ed25519 seed; a random one without it. */
  secretKey?: Uint8Array;
  services?: Services;
  defaultService?: DefaultService;
  /** The interpreter: an instance of load() or of airvm/worker's load(); load() without it. */
  vm?: AirVm | AirVmAsync;
  /** Longest a service call may take, ms; then it fails. Default: until the particle expires. */
  serviceTimeout?: number;
  /** Told what the peer does: each invoke, dropped and expired particles, failed calls. */
  onEvent?: (event: PeerEvent) => void;
  /** The clock, ms since the epoch (default Date.now). */
  now?: () => number;
}

export interface Peer {
  readonly peerId: string;
  /** Runs `particle` to quiescence on this peer; resolves to the particles to send. */
  receive(particle: Particle): Promise<Outgoing[]>;
  /** A new particle from this peer (init peer), with empty data. */
  createParticle(script: string, options?: { id?: string; ttl?: number; timestamp?: number }): Particle;
  /** The data this peer keeps for a particle (undefined before it has seen it). */
  dataOf(particleId: string): Uint8Array | undefined;
  /** Drops what the peer keeps for a particle. */
  forget(particleId: string): void;
}

/** js-client's default particle ttl, ms. */
export const DEFAULT_TTL = 7000;
const SEED_LENGTH = 32;
const EMPTY = new Uint8Array(0);

type Clock = () => number;

function randomSeed(): Uint8Array {
  const seed = new Uint8Array(SEED_LENGTH);
  globalThis.crypto.getRandomValues(seed);
  return seed;
}

function randomId(): string {
  return globalThis.crypto.randomUUID();
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A particle is well formed when every field has its type; returns what is wrong, or ''. */
export function particleProblem(p: unknown): string {
  if (p === null || typeof p !== 'object') return 'not an object';
  const q = p as Record<string, unknown>;
  for (const f of ['id', 'initPeerId', 'script'] as const) if (typeof q[f] !== 'string') return `${f} is not a string`;
  for (const f of ['timestamp', 'ttl'] as const) {
    if (typeof q[f] !== 'number' || !Number.isSafeInteger(q[f]) || (q[f] as number) < 0) return `${f} is not a non-negative integer`;
  }
  if ((q.ttl as number) > 0xffff_ffff) return 'ttl is not a u32';
  if (!(q.data instanceof Uint8Array)) return 'data is not a Uint8Array';
  return '';
}

// A service's value as call-result JSON text; undefined (a function returning nothing) is null.
function resultText(value: unknown): string {
  const text = JSON.stringify(value === undefined ? null : value);
  if (text === undefined) throw new Error(`the result (${typeof value}) is not JSON`);
  return text;
}

function failure(message: string): CallServiceResult {
  return { retCode: 1, result: JSON.stringify(message) };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.max(0, Math.round(ms))} ms`)), Math.max(0, ms));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

class HostPeer implements Peer {
  readonly peerId: string;
  private readonly stored = new Map<string, Uint8Array>();
  // Particles of one id run one after another: prev data is read and written in turn.
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly vm: AirVm | AirVmAsync,
    private readonly seed: Uint8Array,
    peerId: string,
    private readonly options: PeerOptions,
    private readonly now: Clock,
  ) {
    this.peerId = peerId;
  }

  createParticle(script: string, o: { id?: string; ttl?: number; timestamp?: number } = {}): Particle {
    return {
      id: o.id ?? randomId(),
      initPeerId: this.peerId,
      timestamp: o.timestamp ?? this.now(),
      ttl: o.ttl ?? DEFAULT_TTL,
      script,
      data: EMPTY,
    };
  }

  dataOf(particleId: string): Uint8Array | undefined {
    return this.stored.get(particleId);
  }

  forget(particleId: string): void {
    this.stored.delete(particleId);
  }

  receive(particle: Particle): Promise<Outgoing[]> {
    const problem = particleProblem(particle);
    if (problem) {
      const id = typeof (particle as { id?: unknown })?.id === 'string' ? particle.id : '';
      this.emit({ type: 'dropped', peerId: this.peerId, particleId: id, reason: `malformed particle: ${problem}` });
      return Promise.resolve([]);
    }
    const previous = this.queues.get(particle.id) ?? Promise.resolve();
    const run = previous.then(() => this.run(particle));
    const settled = run.catch(() => undefined);
    this.queues.set(particle.id, settled);
    void settled.then(() => {
      if (this.queues.get(particle.id) === settled) this.queues.delete(particle.id);
    });
    return run;
  }

  private expired(particle: Particle): boolean {
    return this.now() >= particle.timestamp + particle.ttl;
  }

  private async run(particle: Particle): Promise<Outgoing[]> {
    const out: Outgoing[] = [];
    let incoming = particle.data;
    let results: CallResultsArray = [];
    for (;;) {
      if (this.expired(particle)) {
        this.emit({ type: 'expired', peerId: this.peerId, particleId: particle.id });
        return out;
      }
      const prev = this.stored.get(particle.id) ?? EMPTY;
      const started = this.now();
      const r = await this.vm.invoke(particle.script, prev, incoming, this.runParams(particle), results);
      // On an error the interpreter hands back data to keep (prev data, or the new data of a
      // catchable error); empty bytes never replace what the peer had.
      if (r.data.length > 0 || prev.length === 0) this.stored.set(particle.id, r.data);
      this.emit({
        type: 'invoke',
        peerId: this.peerId,
        particleId: particle.id,
        retCode: r.retCode,
        errorMessage: r.errorMessage,
        callRequests: r.callRequests,
        callResults: results,
        nextPeerPks: r.nextPeerPks,
        ms: this.now() - started,
      });
      if (r.retCode === 0) {
        for (const peerId of r.nextPeerPks) out.push({ peerId, particle: { ...particle, data: r.data } });
      }
      if (r.retCode !== 0 || r.callRequests.length === 0) return out;
      results = await Promise.all(r.callRequests.map(([id, req]) => this.call(particle, req).then((res): [number, CallServiceResult] => [id, res])));
      incoming = EMPTY;
    }
  }

  private runParams(particle: Particle) {
    return {
      initPeerId: particle.initPeerId,
      currentPeerId: this.peerId,
      timestamp: particle.timestamp,
      ttl: particle.ttl,
      keyFormat: KeyPairFormat.Ed25519,
      secretKeyBytes: this.seed,
      particleId: particle.id,
    };
  }

  private async call(particle: Particle, req: CallRequest): Promise<CallServiceResult> {
    const { serviceId, functionName } = req;
    const context: CallContext = {
      particleId: particle.id,
      initPeerId: particle.initPeerId,
      timestamp: particle.timestamp,
      ttl: particle.ttl,
      peerId: this.peerId,
      serviceId,
      functionName,
      tetraplets: req.tetraplets,
      particle,
    };
    const fn = this.options.services?.[serviceId]?.[functionName];
    const fallback = this.options.defaultService;
    if (typeof fn !== 'function' && !fallback) {
      // js-client's words for a call no handler takes.
      const message = `No service found for service call: serviceId='${serviceId}', fnName='${functionName}' args='${JSON.stringify(req.arguments, null, 4)}'`;
      this.callFailed(particle, req, message);
      return failure(message);
    }
    const left = particle.timestamp + particle.ttl - this.now();
    const limit = Math.min(this.options.serviceTimeout ?? Infinity, left);
    try {
      const work = Promise.resolve().then(() =>
        typeof fn === 'function' ? fn(req.arguments, context) : fallback!(serviceId, functionName, req.arguments, context),
      );
      const value = await withTimeout(work, limit, `the call ${serviceId}.${functionName}`);
      return { retCode: 0, result: resultText(value) };
    } catch (e) {
      // js-client's words for a handler that fails.
      const message = `Service call failed. fnName="${functionName}" serviceId="${serviceId}" error: ${errorText(e)}`;
      this.callFailed(particle, req, message);
      return failure(message);
    }
  }

  private callFailed(particle: Particle, req: CallRequest, message: string): void {
    this.emit({ type: 'call-failed', peerId: this.peerId, particleId: particle.id, serviceId: req.serviceId, functionName: req.functionName, message });
  }

  private emit(event: PeerEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A listener's failure is the listener's: the peer goes on.
    }
  }
}

/** Creates a peer: its key (given or random), its services and its interpreter. */
export async function createPeer(options: PeerOptions = {}): Promise<Peer> {
  const seed = options.secretKey ?? randomSeed();
  if (!(seed instanceof Uint8Array) || seed.length !== SEED_LENGTH) {
    throw new TypeError('airvm: secretKey must be a 32-byte Uint8Array (an Ed25519 seed)');
  }
  const vm = options.vm ?? (await load());
  const { peerId } = await vm.peerId(seed);
  return new HostPeer(vm, seed, peerId, options, options.now ?? Date.now);
}
