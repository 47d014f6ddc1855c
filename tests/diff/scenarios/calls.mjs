// call: every peer, service, function and argument form the grammar accepts (language.md 2.2),
// literals, special variables, lenses on scalars and canon streams, .length, outputs.
const echo = (args) => args;

export default [
  {
    name: 'call-local-scalar',
    description: 'a local call with a scalar output, its value passed to a second local call',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "f") [] x) (call "$A$" ("s" "g") [x] y))',
    services: { 's.f': { v: 1 }, 's.g': echo },
  },
  {
    name: 'call-local-stream-output',
    description: 'two calls writing a stream, canonicalized and passed on',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (call "$A$" ("s" "f") [1] $s) (call "$A$" ("s" "f") [2] $s)) (seq (canon "$A$" $s #c) (call "$A$" ("s" "g") [#c])))',
    services: { 's.f': (args) => args[0] * 10, 's.g': echo },
  },
  {
    name: 'call-no-output',
    description: 'a call without output records an unused result',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "f") ["x"]) (call "$A$" ("s" "f") ["y"]))',
    services: { 's.f': (args) => ({ got: args[0] }) },
  },
  {
    name: 'call-result-json-kinds',
    description: 'results of every JSON kind (null, bool, integers, floats, strings, arrays, objects) stored and echoed',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq
    (par (call "$A$" ("s" "null") [] a) (call "$A$" ("s" "bool") [] b))
    (par (call "$A$" ("s" "num") [] c) (call "$A$" ("s" "str") [] d)))
  (seq
    (call "$A$" ("s" "obj") [] e)
    (call "$B$" ("s" "echo") [a b c d e] r)))`,
    services: {
      's.null': null,
      's.bool': false,
      's.num': { raw: '[0,-1,1.5,-2.25,1e3,12345678901234567890]' },
      's.str': 'text with "quotes" and \\ backslash',
      's.obj': { z: 1, a: [{}, []], m: { n: null } },
      's.echo': echo,
    },
  },
  {
    name: 'call-peer-init-peer-id',
    description: '%init_peer_id% as call peer: run by B it forwards back to the init peer A',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (call "$B$" ("s" "f") [] x) (call %init_peer_id% ("s" "g") [x]))',
    services: { 's.f': 'x', 's.g': null },
  },
  {
    name: 'call-peer-from-scalar',
    description: 'a call peer taken from a scalar returned by a service',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "peer") [] p) (seq (call p ("s" "f") [] x) (call "$A$" ("s" "g") [x])))',
    services: { 's.peer': '$B$', 's.f': 'from B', 's.g': null },
  },
  {
    name: 'call-peer-from-scalar-lens',
    description: 'call peers from scalar lenses: v.$.relay and v.$.peers.[1]',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "cfg") [] v) (seq (call v.$.relay ("s" "f") [] x) (call v.$.peers.[1] ("s" "g") [x] y)))',
    services: { 's.cfg': { relay: '$B$', peers: ['$A$', '$C$'] }, 's.f': 'fb', 's.g': echo },
  },
  {
    name: 'call-peer-from-canon-lens',
    description: 'a call peer taken from a canon stream element #$c.$.[0]',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (seq (ap "$B$" $ps) (canon "$A$" $ps #$c)) (call #$c.$.[0] ("s" "f") [] x))',
    services: { 's.f': 'ok' },
  },
  {
    name: 'call-peer-from-canon-map-lens',
    description: 'a call peer taken from a canon map: #%m.$.relay.[0]',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (seq (ap ("relay" "$B$") %m) (canon "$A$" %m #%m)) (call #%m.$.relay.[0] ("s" "f") [] x))',
    services: { 's.f': 'ok' },
  },
  {
    name: 'call-service-function-from-variables',
    description: 'service and function names from a scalar, a scalar lens, a canon element and a canon map key',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (call "$A$" ("cfg" "get") [] c)
    (seq (ap c.$.svc $names) (ap ("fn" c.$.fn) %names)))
  (seq
    (seq (canon "$A$" $names #$n) (canon "$A$" %names #%n))
    (seq
      (call "$A$" (c.$.svc c.$.fn) [1] r1)
      (seq
        (call "$A$" (#$n.$.[0] #%n.$.fn.[0]) [2] r2)
        (seq (ap c.$.svc svc) (call "$A$" (svc "other") [3] r3))))))`,
    services: { 'cfg.get': { svc: 'math', fn: 'double' }, 'math.double': (args) => args[0] * 2, 'math.other': (args) => -args[0] },
  },
  {
    name: 'call-empty-triplet-strings',
    description: 'empty service and function names and an empty string argument',
    peers: ['A'],
    init: 'A',
    air: '(call "$A$" ("" "") [""] r)',
    services: { '.': echo },
  },
  {
    name: 'call-args-literals',
    description: 'literal arguments: strings, integers (signs, i64 bounds), floats (1., 11 characters), true, false, []',
    peers: ['A'],
    init: 'A',
    air: '(call "$A$" ("s" "f") ["" "a b" "%last_error%" "\\n" 0 -0 +5 9223372036854775807 -9223372036854775808 1.0 -1.5 1. 3.141592653 0.000001 true false []] r)',
    services: { 's.f': echo },
  },
  {
    name: 'call-args-specials',
    description: '%init_peer_id%, %timestamp% (a large u64) and %ttl% (u32 max) as arguments, with their literal tetraplets',
    peers: ['A', 'B'],
    init: 'B',
    timestamp: 9007199254740991,
    ttl: 4294967295,
    air: '(call "$A$" ("s" "f") [%init_peer_id% %timestamp% %ttl%] r)',
    steps: [{ peer: 'A' }, { peer: 'A', results: 'pending' }],
    services: { 's.f': echo },
  },
  {
    name: 'call-args-scalar-lenses',
    description: 'scalar lenses: fields, indices with and without dot, nested paths, [var] with a string and a number, the flattening sign',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (call "$A$" ("s" "x") [] x)
    (seq (call "$A$" ("s" "k") [] k) (call "$A$" ("s" "i") [] i)))
  (call "$A$" ("s" "f") [x.$.a x.$.a[0] x.$.a.[1].b x.$.[k] x.$.arr.[i] x.$.a[1].b! x.$.arr x.$.length] r))`,
    services: { 's.x': { a: [1, { b: 'deep' }], arr: [10, 20, 30], length: 'a field' }, 's.k': 'arr', 's.i': 2, 's.f': echo },
  },
  {
    name: 'call-args-lens-tetraplets-remote',
    description: 'lens results produced on B passed to C: tetraplets carry B\'s triplet and the lens',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: '(seq (call "$B$" ("svc" "get") [] x) (call "$C$" ("s" "use") [x x.$.list.[0] x.$.o.p] r))',
    services: { 'svc.get': { list: ['e0'], o: { p: true } }, 's.use': echo },
  },
  {
    name: 'call-args-canon-forms',
    description: 'canon stream arguments: #$c, an element, .length, and the short #cs form',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (seq (ap 1 $s) (seq (ap "two" $s) (call "$A$" ("s" "v") [] $s)))
    (seq (canon "$A$" $s #$c) (canon "$A$" $s #cs)))
  (call "$A$" ("s" "f") [#$c #$c.$.[1] #$c.$.[2].k #$c.length #cs #cs.$.[0]] r))`,
    services: { 's.v': { k: 'from call' }, 's.f': echo },
  },
  {
    name: 'call-args-canon-map-forms',
    description: 'canon map arguments: the whole map, a key, a key element, an integer key, .length, a missing key',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (seq (ap ("k" 1) %m) (ap ("k" 2) %m))
    (seq (ap (42 "int") %m) (canon "$A$" %m #%m)))
  (call "$A$" ("s" "f") [#%m #%m.$.k #%m.$.k.[1] #%m.$.[42] #%m.length #%m.$.missing.[0].x] r))`,
    services: { 's.f': echo },
  },
  {
    name: 'call-args-length-functor',
    description: '.length on a scalar array and on an empty canon stream',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (call "$A$" ("s" "arr") [] arr) (canon "$A$" $none #$e)) (call "$A$" ("s" "f") [arr.length #$e.length] r))',
    services: { 's.arr': [1, 2, 3, 4], 's.f': echo },
  },
  {
    name: 'call-args-iterator',
    description: 'a fold iterator and its lens as call arguments',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "items") [] xs) (fold xs i (seq (call "$A$" ("s" "f") [i i.$.name] $out) (next i))))',
    services: { 's.items': [{ name: 'a' }, { name: 'b' }], 's.f': echo },
  },
  {
    name: 'call-same-peer-forwarded-once',
    description: 'two forwards to B in one invocation give one next peer',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$B$" ("s" "f") [1]) (call "$B$" ("s" "f") [2]))',
    services: { 's.f': echo },
    expect: { 'A#1': { next: ['B'], trace: 'par(1,1) sent(A) sent(A)' } },
  },
  {
    name: 'call-self-through-variable',
    description: 'a call whose peer variable holds the current peer\'s id is a local call',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "me") [] me) (call me ("s" "f") [me] r))',
    services: { 's.me': '$A$', 's.f': echo },
  },
  {
    name: 'call-scalar-rebound-in-fold',
    description: 'a scalar written in every fold iteration (allowed inside folds) and read after next',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (fold xs i (seq (call "$A$" ("s" "f") [i] v) (seq (next i) (call "$A$" ("s" "g") [v])))))',
    services: { 's.xs': [1, 2], 's.f': (args) => args[0] * 100, 's.g': null },
  },
  {
    name: 'call-output-shadows-iterator',
    description: 'a call output named like the fold iterator: uncatchable 20004',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (fold xs i (xor (call "$A$" ("s" "f") [] i) (null))))',
    services: { 's.xs': [1] },
    expect: { 'A#2': { ret: 20004, msg: "variable with name 'i' can't be shadowed, shadowing isn't supported for iterables" } },
  },
  {
    name: 'call-many-arguments',
    description: 'a call with 40 arguments of mixed kinds',
    peers: ['A'],
    init: 'A',
    air: `(seq (call "$A$" ("s" "x") [] x) (call "$A$" ("s" "f") [${Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 'x' : i % 4 === 1 ? `"s${i}"` : i % 4 === 2 ? String(i) : 'x.$.k')).join(' ')}] r))`,
    services: { 's.x': { k: 'kv' }, 's.f': (args) => args.length },
  },
];
