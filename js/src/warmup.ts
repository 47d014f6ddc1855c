// V8 (Node, Chromium) compiles a wasm function lazily, on its first call: the first invoke
// after instantiation used to take ~40-70 ms compiling the interpreter's functions and every
// later one ~0.3 ms. load() therefore plays one small particle between two peers before it
// resolves, through every phase (fresh start, call results replayed, data read, CIDs and
// signatures checked, merge, signing) and most instructions (call, seq, par, xor, match,
// mismatch, ap with a lens, canon, fold over a canon, new, next, a remote call), and parses and
// formats a script, so that a user's first call costs what later ones cost.
import type { AirVm, RunParameters } from './types.js';

const warmed = new WeakSet<AirVm>();

function seed(byte: number): Uint8Array {
  return new Uint8Array(32).fill(byte);
}

/** Runs the warm-up particle on vm once (later calls return at once); never throws. */
export function warmUp(vm: AirVm): AirVm {
  if (warmed.has(vm)) return vm;
  warmed.add(vm);
  try {
    const seedA = seed(7);
    const seedB = seed(8);
    const a = vm.peerId(seedA).peerId;
    const b = vm.peerId(seedB).peerId;
    const empty = new Uint8Array(0);
    const params = (current: string, secretKeyBytes: Uint8Array): RunParameters => ({
      initPeerId: a,
      currentPeerId: current,
      timestamp: 1_700_000_000_000,
      ttl: 10_000,
      keyFormat: 0,
      secretKeyBytes,
      particleId: 'airvm-warm-up',
    });
    const air =
      '(seq (seq (call %init_peer_id% ("s" "f") [1 "a" %ttl%] x) (par (seq (ap x $s) (ap x.$.a $s)) ' +
      '(xor (match x.$.a 1 (null)) (mismatch 1 2 (fail 1 "m"))))) (seq (seq (canon %init_peer_id% $s #c) ' +
      '(fold #c i (seq (new $t (seq (ap i $t) (canon %init_peer_id% $t #t))) (next i)))) ' +
      `(xor (call "${b}" ("s" "g") [x #c] y) (ap %last_error%.$.message e))))`;
    const r1 = vm.invoke(air, empty, empty, params(a, seedA), []);
    const r2 = vm.invoke(air, empty, r1.data, params(a, seedA), [[1, { retCode: 0, result: '{"a":1}' }]]);
    const r3 = vm.invoke(air, empty, r2.data, params(b, seedB), []);
    const request = r3.callRequests[0]?.[0] ?? 0;
    const r4 = vm.invoke(air, empty, r3.data, params(b, seedB), [[request, { retCode: 0, result: '[1]' }]]);
    vm.invoke(air, r2.data, r4.data, params(a, seedA), []);
    vm.format(air);
  } catch {
    // A warm-up is an optimisation only: whatever went wrong will show on the user's calls.
  }
  return vm;
}
