// fold over scalar arrays, lens results, canon streams, canon maps, streams (growing, recursive)
// and stream maps; with next in every position and with a last instruction.
const echo = (args) => args;

export default [
  {
    name: 'fold-scalar-par-next',
    description: 'a fold over a scalar array with (par call next): all calls requested at once',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (seq (fold xs i (par (call "$A$" ("s" "sq") [i] $r) (next i))) (seq (canon "$A$" $r #r) (call "$A$" ("s" "done") [#r]))))',
    services: { 's.xs': [1, 2, 3, 4], 's.sq': (args) => args[0] * args[0], 's.done': null },
  },
  {
    name: 'fold-scalar-lens-iterable',
    description: 'a fold over a lens result v.$.items',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] v) (fold v.$.items i (seq (call "$A$" ("s" "f") [i]) (next i))))',
    services: { 's.v': { items: ['p', 'q'] }, 's.f': null },
  },
  {
    name: 'fold-scalar-with-last',
    description: 'a scalar fold with a last instruction: the last runs once, with the last element',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (seq (fold xs i (seq (ap i $acc) (next i)) (call "$A$" ("s" "last") [i])) (call "$A$" ("s" "after") [])))',
    services: { 's.xs': [7, 8, 9], 's.last': null, 's.after': null },
  },
  {
    name: 'fold-scalar-without-next',
    description: 'a fold body without next runs only for the first element',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (seq (fold xs i (call "$A$" ("s" "f") [i])) (call "$A$" ("s" "after") [])))',
    services: { 's.xs': ['first', 'second'], 's.f': null, 's.after': null },
  },
  {
    name: 'fold-scalar-next-first',
    description: '(seq (next i) X) in a scalar fold: the X parts run in reverse element order',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (fold xs i (seq (next i) (call "$A$" ("s" "f") [i]))))',
    services: { 's.xs': [1, 2, 3], 's.f': null },
  },
  {
    name: 'fold-scalar-non-array',
    description: 'a scalar fold over an object: 10005 caught by xor, its message passed on',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] v) (xor (fold v i (null)) (call "$A$" ("s" "log") [%last_error%.$.message])))',
    services: { 's.v': { not: 'an array' }, 's.log': null },
  },
  {
    name: 'fold-scalar-error-aborts',
    description: 'an error inside a scalar fold propagates out of all iterations',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (xor (fold xs i (seq (call "$A$" ("s" "f") [i]) (next i))) (call "$A$" ("s" "caught") [%last_error%.$.message])))',
    services: { 's.xs': [1, 2, 3], 's.f': (args) => (args[0] === 2 ? { error: { ret_code: 7, result: '"two"' } } : null), 's.caught': null },
  },
  {
    name: 'fold-canon-stream',
    description: 'a fold over a canon stream; elements keep their own tetraplets',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq (par (call "$A$" ("s" "v") [] $s) (call "$B$" ("s" "v") [] $s)) (canon "$A$" $s #c))
  (fold #c x (seq (call "$A$" ("s" "use") [x]) (next x))))`,
    services: { 's.v': (a, ctx) => `v-${ctx.peer}`, 's.use': null },
  },
  {
    name: 'fold-canon-map',
    description: 'a fold over a canon map iterates its key/value pairs',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap ("b" 2) %m) (seq (ap ("a" 1) %m) (canon "$A$" %m #%m))) (fold #%m kv (seq (call "$A$" ("s" "use") [kv kv.$.key]) (next kv))))',
    services: { 's.use': null },
  },
  {
    name: 'fold-canon-map-lens',
    description: 'a fold over the values of one canon map key #%m.$.k',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap ("k" 1) %m) (seq (ap ("j" 0) %m) (seq (ap ("k" 2) %m) (canon "$A$" %m #%m)))) (fold #%m.$.k v (seq (call "$A$" ("s" "use") [v]) (next v))))',
    services: { 's.use': null },
  },
  {
    name: 'fold-nested-over-iterator',
    description: 'a fold over an iterator that is itself an array (nested folds)',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "rows") [] rows) (fold rows row (seq (fold row x (seq (call "$A$" ("s" "cell") [x]) (next x))) (next row))))',
    services: { 's.rows': [['a', 'b'], ['c']], 's.cell': null },
  },
  {
    name: 'fold-sequential-same-iterator',
    description: 'two sequential folds reuse the iterator name',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (seq (fold xs i (seq (ap i $a) (next i))) (seq (fold xs i (seq (ap i $a) (next i))) (seq (canon "$A$" $a #a) (call "$A$" ("s" "f") [#a])))))',
    services: { 's.xs': [1, 2], 's.f': null },
  },
  {
    name: 'fold-stream-local-null-last',
    description: 'a fold over a stream of three local results with (null) last, then a call after it',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (par (call "$A$" ("s" "v") [1] $s) (par (call "$A$" ("s" "v") [2] $s) (call "$A$" ("s" "v") [3] $s)))
  (seq
    (fold $s x (seq (call "$A$" ("s" "use") [x] $out) (next x)) (null))
    (seq (canon "$A$" $out #out) (call "$A$" ("s" "done") [#out]))))`,
    services: { 's.v': (args) => args[0], 's.use': (args) => args[0] * 10, 's.done': null },
  },
  {
    name: 'fold-stream-grows-from-peers',
    description: 'a fold over a stream on A receiving values from B and C in later particles: each arrival iterated',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: `
(par
  (par (call "$B$" ("s" "v") [] $s) (call "$C$" ("s" "v") [] $s))
  (seq (ap "own" $s) (fold $s x (par (call "$A$" ("s" "use") [x]) (next x)))))`,
    services: { 's.v': (a, ctx) => `from-${ctx.peer}`, 's.use': null },
    steps: [
      { peer: 'A' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'A' },
      { peer: 'B', results: 'pending' },
      { peer: 'A', data: 'B' },
      { peer: 'C', data: 'A#1' },
      { peer: 'C', results: 'pending' },
      { peer: 'A', data: 'C' },
      { peer: 'A', results: 'pending' },
    ],
  },
  {
    name: 'fold-stream-nested-streams',
    description: 'a fold over $t nested in a fold over $s, both with (null) last',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq (seq (ap 1 $s) (ap 2 $s)) (seq (ap "a" $t) (ap "b" $t)))
  (seq
    (fold $s x (seq (fold $t y (seq (call "$A$" ("s" "pair") [x y] $p) (next y)) (null)) (next x)) (null))
    (seq (canon "$A$" $p #p) (call "$A$" ("s" "all") [#p]))))`,
    services: { 's.pair': echo, 's.all': null },
  },
  {
    name: 'fold-stream-next-in-xor',
    description: 'a stream fold whose next sits in the left of an xor',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap 1 $s) (ap 2 $s)) (fold $s x (seq (call "$A$" ("s" "f") [x]) (xor (next x) (call "$A$" ("s" "never") [])))))',
    services: { 's.f': null },
  },
  {
    name: 'fold-stream-map',
    description: 'a fold over a stream map with a last instruction, keys and values used',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq (ap ("x" 1) %m) (seq (ap (2 "two") %m) (ap ("x" 3) %m)))
  (seq
    (fold %m kv (seq (call "$A$" ("s" "use") [kv.$.key kv.$.value] $out) (next kv)) (call "$A$" ("s" "last") [kv]))
    (call "$A$" ("s" "after") [])))`,
    services: { 's.use': echo, 's.last': null, 's.after': null },
  },
  {
    name: 'fold-stream-map-grows-remote',
    description: 'a fold over a stream map that B adds a pair to, merged at A',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(par
  (seq (call "$B$" ("s" "k") [] k) (ap (k "from B") %m))
  (seq (ap ("a" "from A") %m) (fold %m kv (par (call "$A$" ("s" "use") [kv]) (next kv)))))`,
    services: { 's.k': 'b', 's.use': null },
  },
  {
    name: 'fold-stream-par-fanout-remote',
    description: 'a fold over a stream of peer ids, (par call next) to three peers, results joined back on A',
    peers: ['A', 'B', 'C', 'D'],
    init: 'A',
    air: `
(seq
  (seq (ap "$B$" $ps) (seq (ap "$C$" $ps) (ap "$D$" $ps)))
  (fold $ps p (par (seq (call p ("s" "ping") [] r) (call "$A$" ("s" "got") [r] $rs)) (next p))))`,
    services: { 's.ping': (a, ctx) => `pong-${ctx.peer}`, 's.got': echo },
  },
  {
    name: 'fold-stream-service-error-now-vs-replay',
    description: 'execution.md 5.4-8: a service error delivered now in a stream fold leaves the flag set, the replayed failure clears it',
    peers: ['A'],
    init: 'A',
    air: '(seq (ap 1 $s) (seq (fold $s x (seq (call "$A$" ("s" "f") [x]) (next x))) (call "$A$" ("s" "after") [])))',
    services: { 's.f': { error: { ret_code: 1, result: '"err"' } }, 's.after': null },
    steps: [{ peer: 'A' }, { peer: 'A', results: 'pending' }, { peer: 'A' }, { peer: 'A', results: 'pending' }],
  },
  {
    name: 'fold-stream-canon-inside',
    description: 'a canon of the iterated stream inside its own fold sees the values so far',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq (ap 1 $s) (ap 2 $s))
  (fold $s x (seq (new #c (seq (canon "$A$" $s #c) (call "$A$" ("s" "snap") [x #c]))) (next x)) (null)))`,
    services: { 's.snap': null },
  },
];
