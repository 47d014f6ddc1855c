// ap to scalars, streams and stream maps; canon of streams, canon maps and canon map to scalar.
const echo = (args) => args;

export default [
  {
    name: 'ap-literals',
    description: 'ap of every literal kind and special to a stream, canonicalized with their literal tetraplets',
    peers: ['A', 'B'],
    init: 'B',
    ttl: 1000,
    air: `
(seq
  (seq
    (seq (ap "str" $s) (seq (ap 7 $s) (seq (ap -2.5 $s) (ap true $s))))
    (seq (ap [] $s) (seq (ap %init_peer_id% $s) (seq (ap %timestamp% $s) (ap %ttl% $s)))))
  (seq (canon "$A$" $s #c) (call "$A$" ("s" "f") [#c])))`,
    services: { 's.f': null },
    steps: [{ peer: 'A' }, { peer: 'A', results: 'pending' }],
  },
  {
    name: 'ap-to-scalar-forms',
    description: 'ap to scalars from a literal, a scalar, a lens, a canon stream, a canon element, a canon map key and .length',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (call "$A$" ("s" "v") [] v)
    (seq (seq (ap 10 $s) (ap 20 $s)) (seq (canon "$A$" $s #$c) (seq (ap ("k" "kv") %m) (canon "$A$" %m #%m)))))
  (seq
    (seq (ap "lit" a1) (seq (ap v a2) (ap v.$.inner.[0] a3)))
    (seq
      (seq (ap #$c a4) (seq (ap #$c.$.[1] a5) (ap #%m.$.k a6)))
      (seq (seq (ap v.$.inner inner) (ap inner.length a7)) (call "$A$" ("s" "f") [a1 a2 a3 a4 a5 a6 a7])))))`,
    services: { 's.v': { inner: ['x', 'y'] }, 's.f': null },
  },
  {
    name: 'ap-lens-to-stream-remote',
    description: 'ap of B\'s value with a lens into a stream, canonicalized on C: the tetraplet carries B\'s triplet and the lens',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: '(seq (call "$B$" ("svc" "get") [] v) (seq (ap v.$.a.[1] $s) (seq (seq (canon "$C$" $s #c) (canon "$C$" $s #cs)) (call "$C$" ("s" "f") [#c #cs.$.[0]]))))',
    services: { 'svc.get': { a: [0, 'one'] }, 's.f': null },
  },
  {
    name: 'ap-error-objects',
    description: 'ap of %last_error% and :error: (with lenses) inside an xor handler, to scalars and a stream',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (xor (call "$A$" ("s" "bad") [] r) (seq (ap %last_error% le) (seq (ap :error:.$.error_code code) (ap :error: $errs))))
  (seq (canon "$A$" $errs #errs) (call "$A$" ("s" "f") [le code #errs])))`,
    services: { 's.bad': { error: { ret_code: 3, result: '"x"' } }, 's.f': null },
  },
  {
    name: 'ap-scalar-shadowing',
    description: 'ap writing a global scalar a second time: uncatchable 20007 with the prev data returned',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] x) (xor (ap 2 x) (null)))',
    services: { 's.v': 1 },
    expect: { 'A#2': { ret: 20007, trace: 'sent(A#1)' } },
  },
  {
    name: 'ap-stream-waits-for-value',
    description: 'ap of a value that arrives later from B waits, then records its ap state',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$B$" ("s" "v") [] v) (seq (ap v $s) (seq (canon "$A$" $s #c) (call "$A$" ("s" "f") [#c]))))',
    services: { 's.v': 'late', 's.f': null },
  },
  {
    name: 'ap-map-key-forms',
    description: 'stream map keys from string and integer literals, a scalar, a scalar lens, a canon element and an iterator',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (seq (call "$A$" ("s" "k") [] k) (call "$A$" ("s" "kk") [] kk))
    (seq (seq (ap "from-canon" $ks) (canon "$A$" $ks #$ks)) (call "$A$" ("s" "ids") [] ids)))
  (seq
    (seq
      (seq (ap ("lit" 1) %m) (seq (ap (-7 2) %m) (ap (kk 3) %m)))
      (seq (ap (k.$.n 4) %m) (seq (ap (#$ks.$.[0] 5) %m) (fold ids i (seq (ap (i "it") %m) (next i))))))
    (seq (canon "$A$" %m #%m) (call "$A$" ("s" "f") [#%m]))))`,
    services: { 's.k': { n: 'nested-key' }, 's.kk': 'plain-key', 's.ids': [100, 'x'], 's.f': null },
  },
  {
    name: 'ap-map-key-object-string',
    description: 'a scalar holding a string as a stream map key, and the same name with a number',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (call "$A$" ("s" "ks") [] ks) (seq (ap (ks.$.[0] "s") %m) (ap (ks.$.[1] "n") %m))) (seq (canon "$A$" %m #%m) (call "$A$" ("s" "f") [#%m.$.[7] #%m.$.seven])))',
    services: { 's.ks': ['seven', 7], 's.f': null },
  },
  ...[
    ['float', 1.5],
    ['bool', true],
    ['array', ['k']],
    ['null', null],
    ['u64-max', { raw: '18446744073709551615' }],
  ].map(([tag, key]) => ({
    name: `ap-map-key-from-service-${tag}`,
    description:
      tag === 'u64-max'
        ? 'a stream map key that a service returned as u64 max: accepted'
        : `a stream map key that a service returned as ${tag}: 10012 caught by xor; the replay then meets the handler's call state where the ap's state was pulled (execution.md 4.9 quirk): 20000`,
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "key") [] key) (xor (seq (ap (key "v") %m) (seq (canon "$A$" %m #%m) (call "$A$" ("s" "ok") [#%m]))) (call "$A$" ("s" "log") [%last_error%])))',
    services: { 's.key': key && key.raw ? key : { ok: key }, 's.log': null, 's.ok': null },
  })),
  {
    name: 'ap-map-value-waits',
    description: 'an ap to a stream map whose value comes from B waits for it',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$B$" ("s" "v") [] v) (seq (ap ("k" v) %m) (seq (canon "$A$" %m #%m) (call "$A$" ("s" "f") [#%m]))))',
    services: { 's.v': 'value', 's.f': null },
  },
  {
    name: 'canon-remote-peer',
    description: 'a canon on B: A records csent(A), B creates it from its own view and C reads it',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: '(seq (seq (ap 1 $s) (call "$A$" ("s" "v") [] $s)) (seq (canon "$B$" $s #c) (call "$C$" ("s" "f") [#c])))',
    services: { 's.v': 2, 's.f': null },
    expect: { 'A#2': { trace: 'ap(0) sval(2,1) csent(A)', next: ['B'] } },
  },
  {
    name: 'canon-peer-from-variable-waits',
    description: 'a canon whose peer comes from B waits for it, then runs on that peer',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$B$" ("s" "who") [] who) (seq (ap "x" $s) (seq (canon who $s #c) (call "$A$" ("s" "f") [#c]))))',
    services: { 's.who': '$A$', 's.f': null },
  },
  {
    name: 'canon-twice-global',
    description: 'canonicalizing into the same #c twice in the global scope: uncatchable 20007',
    peers: ['A'],
    init: 'A',
    air: '(seq (ap 1 $s) (seq (canon "$A$" $s #c) (xor (canon "$A$" $s #c) (null))))',
    services: {},
    expect: { 'A#1': { ret: 20007 } },
  },
  {
    name: 'canon-of-canon-provenance',
    description: 'a canon stream appended to another stream (ap #$c $t): canon provenance in the elements',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq (seq (call "$A$" ("s" "v") [] $s) (ap "lit" $s)) (canon "$A$" $s #$c))
  (seq (seq (ap #$c $t) (ap #$c.$.[0] $t)) (seq (canon "$A$" $t #$t) (call "$B$" ("s" "f") [#$t]))))`,
    services: { 's.v': 'called', 's.f': null },
  },
  {
    name: 'canon-map-scalar-remote',
    description: 'canon map to scalar on B, the first value per key, read by A',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (seq (ap ("k" 1) %m) (seq (ap ("k" 2) %m) (ap ("j" 3) %m))) (seq (canon "$B$" %m obj) (call "$A$" ("s" "f") [obj obj.$.k])))',
    services: { 's.f': null },
  },
  {
    name: 'canon-map-remote-merge',
    description: 'stream map pairs from A and B, canonicalized on C in C\'s arrival order',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: `
(seq
  (par (seq (call "$A$" ("s" "v") [] a) (ap ("a" a) %m)) (seq (call "$B$" ("s" "v") [] b) (ap ("b" b) %m)))
  (seq (canon "$C$" %m #%m) (call "$C$" ("s" "f") [#%m #%m.length])))`,
    services: { 's.v': (a, ctx) => ctx.peer, 's.f': null },
  },
  {
    name: 'stream-generations-local-and-remote',
    description: 'stream values from prev, current and new in one invocation, canonicalized in that order',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (par (call "$A$" ("s" "v") ["a1"] $s) (call "$B$" ("s" "v") ["b1"] $s))
  (seq (call "$A$" ("s" "v") ["a2"] $s) (seq (canon "$A$" $s #c) (call "$A$" ("s" "f") [#c]))))`,
    services: { 's.v': (args) => args[0], 's.f': null },
    steps: [
      { peer: 'A' },
      { peer: 'B', data: 'A' },
      { peer: 'B', results: 'pending' },
      { peer: 'A', data: 'B', results: 'pending' },
      { peer: 'A', results: 'pending' },
      { peer: 'A', results: 'pending' },
    ],
  },
];
