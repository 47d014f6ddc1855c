// seq, par, xor, match/mismatch, never, null and new in their forms.
const echo = (args) => args;

const matchCase = (name, left, right, equal, description, setup = '(null)', services = {}, at = 'A#1') => ({
  name: `match-${name}`,
  description,
  peers: ['A'],
  init: 'A',
  air: `
(seq
  ${setup}
  (seq
    (xor (match ${left} ${right} (ap "match ran" m)) (ap "match failed" m))
    (seq
      (xor (mismatch ${left} ${right} (ap "mismatch ran" mm)) (ap "mismatch failed" mm))
      (call "$A$" ("s" "report") [m mm]))))`,
  services: { 's.report': null, 's.v': (args) => args[0], ...services },
  expect: { [at]: { args: { [Number(at.slice(2))]: equal ? ['match ran', 'mismatch failed'] : ['match failed', 'mismatch ran'] } } },
});

export default [
  {
    name: 'seq-stops-on-forward',
    description: 'a seq whose left call is forwarded does not run its right side on this peer',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (call "$B$" ("s" "f") [] x) (call "$A$" ("s" "never-here") []))',
    services: { 's.f': 1, 's.never-here': null },
    steps: [{ peer: 'A' }],
    expect: { 'A#1': { trace: 'sent(A)', req: [] } },
  },
  {
    name: 'seq-chain-local',
    description: 'a chain of four local calls in nested seqs, one request per invocation',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (call "$A$" ("s" "f") [1] a) (call "$A$" ("s" "f") [a] b)) (seq (call "$A$" ("s" "f") [b] c) (call "$A$" ("s" "f") [c] d)))',
    services: { 's.f': (args) => args[0] + 1 },
  },
  {
    name: 'par-local-both',
    description: 'a par of two local calls issues both requests at once; answered together',
    peers: ['A'],
    init: 'A',
    air: '(seq (par (call "$A$" ("s" "l") [] l) (call "$A$" ("s" "r") [] r)) (call "$A$" ("s" "j") [l r]))',
    services: { 's.l': 'L', 's.r': 'R', 's.j': echo },
  },
  {
    name: 'par-nested-tree',
    description: 'a balanced par tree of 8 local calls joined after it',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (par
    (par (par (call "$A$" ("s" "f") [0] $r) (call "$A$" ("s" "f") [1] $r)) (par (call "$A$" ("s" "f") [2] $r) (call "$A$" ("s" "f") [3] $r)))
    (par (par (call "$A$" ("s" "f") [4] $r) (call "$A$" ("s" "f") [5] $r)) (par (call "$A$" ("s" "f") [6] $r) (call "$A$" ("s" "f") [7] $r))))
  (seq (canon "$A$" $r #r) (call "$A$" ("s" "sum") [#r])))`,
    services: { 's.f': (args) => args[0] * args[0], 's.sum': (args) => args[0].reduce((a, b) => a + b, 0) },
    auto: { resultsPerRound: 3 },
  },
  {
    name: 'par-left-fails-right-ok',
    description: 'the left par branch fails, the right succeeds: the par succeeds and the seq continues',
    peers: ['A'],
    init: 'A',
    air: '(seq (par (call "$A$" ("s" "bad") []) (call "$A$" ("s" "good") [] g)) (call "$A$" ("s" "after") [g %last_error%.$.error_code]))',
    services: { 's.bad': { error: { ret_code: 9, result: '"bad"' } }, 's.good': 'g', 's.after': null },
  },
  {
    name: 'par-both-fail-at-top',
    description: 'both par branches fail: the right one\'s error reaches the top',
    peers: ['A'],
    init: 'A',
    air: '(par (call "$A$" ("s" "a") []) (fail 5 "right"))',
    services: { 's.a': { error: { ret_code: 1, result: '"left"' } } },
    expect: { 'A#2': { ret: 10006, msg: 'right' } },
  },
  {
    name: 'xor-left-succeeds',
    description: 'an xor whose left side succeeds never runs its right side',
    peers: ['A'],
    init: 'A',
    air: '(xor (call "$A$" ("s" "ok") [] x) (call "$A$" ("s" "fallback") []))',
    services: { 's.ok': 1, 's.fallback': null },
    expect: { last: { req: [] } },
  },
  {
    name: 'xor-left-incomplete',
    description: 'an xor whose left side waits (a forward) does not run its right side',
    peers: ['A', 'B'],
    init: 'A',
    air: '(xor (call "$B$" ("s" "f") [] x) (call "$A$" ("s" "fallback") []))',
    services: { 's.f': 1, 's.fallback': null },
    expect: { 'A#1': { req: [], next: ['B'] } },
  },
  {
    name: 'xor-catches-and-continues',
    description: 'a service error caught by xor, the handler\'s result used after the xor',
    peers: ['A'],
    init: 'A',
    air: '(seq (xor (call "$A$" ("s" "bad") [] x) (call "$A$" ("s" "default") [] x)) (call "$A$" ("s" "use") [x]))',
    services: { 's.bad': { error: { ret_code: 2, result: 'not quoted' } }, 's.default': 'default', 's.use': null },
  },
  {
    name: 'xor-nested-rethrow',
    description: 'an inner xor re-throws with (fail :error:), an outer xor handles it with :error:',
    peers: ['A'],
    init: 'A',
    air: '(xor (xor (call "$A$" ("s" "bad") []) (seq (call "$A$" ("s" "log") [:error:.$.message]) (fail :error:))) (call "$A$" ("s" "outer") [:error: %last_error%]))',
    services: { 's.bad': { error: { ret_code: 3, result: '"inner"' } }, 's.log': null, 's.outer': null },
  },
  {
    name: 'xor-right-fails-to-top',
    description: 'the xor handler itself fails: its error reaches the top',
    peers: ['A'],
    init: 'A',
    air: '(xor (call "$A$" ("s" "bad") []) (call "$A$" ("s" "worse") []))',
    services: { 's.bad': { error: { ret_code: 1, result: '"bad"' } }, 's.worse': { error: { ret_code: 2, result: '"worse"' } } },
    expect: { last: { ret: 10000, msg: 'worse' } },
  },
  matchCase('equal-strings', '"a"', '"a"', true, 'match/mismatch of equal string literals'),
  matchCase('unequal-strings', '"a"', '"b"', false, 'match/mismatch of different string literals'),
  matchCase('int-vs-float', '1', '1.0', false, '1 and 1.0 are different'),
  matchCase('zero-vs-minus-zero', '0', '-0', true, '-0 equals 0 (both the integer 0)'),
  matchCase('bool', 'true', 'true', true, 'true equals true'),
  matchCase('empty-array', '[]', 'x', true, '[] equals a service-returned empty array', '(call "$A$" ("s" "v") [[]] x)', {}, 'A#2'),
  matchCase('objects-key-order', 'x', 'y', true, 'objects with the same members equal regardless of written key order', '(seq (call "$A$" ("s" "x") [] x) (call "$A$" ("s" "y") [] y))', { 's.x': { raw: '{"b":[1,{"d":2,"c":3}],"a":null}' }, 's.y': { raw: '{"a":null,"b":[1,{"c":3,"d":2}]}' } }, 'A#3'),
  matchCase('nested-arrays', 'x', 'y', false, 'arrays differing in one nested element', '(seq (call "$A$" ("s" "ax") [] x) (call "$A$" ("s" "ay") [] y))', { 's.ax': [[1, 2], [3]], 's.ay': [[1, 2], [4]] }, 'A#3'),
  matchCase('init-peer-id', '%init_peer_id%', '"$A$"', true, '%init_peer_id% equals the literal of the init peer id'),
  matchCase('canon-vs-array', '#c', 'x', true, 'a canon stream equals the array of its values', '(seq (seq (ap 1 $s) (seq (ap 2 $s) (canon "$A$" $s #c))) (call "$A$" ("s" "arr") [] x))', { 's.arr': [1, 2] }, 'A#2'),
  matchCase('canon-map-vs-object', '#%m', 'x', true, 'a canon map equals its object form (key strings to value arrays)', '(seq (seq (ap ("k" 1) %m) (canon "$A$" %m #%m)) (call "$A$" ("s" "mo") [] x))', { 's.mo': { k: [1] } }, 'A#2'),
  matchCase('lens-vs-literal', 'x.$.n', '5', true, 'a lens result equals a literal', '(call "$A$" ("s" "n") [] x)', { 's.n': { n: 5 } }, 'A#2'),
  {
    name: 'match-waits-for-value',
    description: 'a match on a value from B waits (join), then runs when B\'s data arrives',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$B$" ("s" "v") [] v) (xor (match v "yes" (call "$A$" ("s" "matched") [v])) (call "$A$" ("s" "no") [])))',
    services: { 's.v': 'yes', 's.matched': null, 's.no': null },
  },
  {
    name: 'match-at-top',
    description: 'an unequal match without xor: 10001 at the top',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] v) (match v 2 (null)))',
    services: { 's.v': 1 },
    expect: { last: { ret: 10001, msg: 'compared values do not match' } },
  },
  {
    name: 'mismatch-at-top',
    description: 'an equal mismatch without xor: 10002 at the top',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] v) (mismatch v 1 (null)))',
    services: { 's.v': 1 },
    expect: { last: { ret: 10002, msg: 'compared values do not mismatch' } },
  },
  {
    name: 'match-does-not-set-last-error',
    description: 'a failed match leaves %last_error% as the earlier service error',
    peers: ['A'],
    init: 'A',
    air: '(seq (xor (call "$A$" ("s" "bad") []) (null)) (xor (match 1 2 (null)) (call "$A$" ("s" "log") [%last_error%.$.message :error:.$.error_code])))',
    services: { 's.bad': { error: { ret_code: 1, result: '"first"' } }, 's.log': null },
  },
  {
    name: 'never-blocks-seq',
    description: '(never) makes the rest of a seq unreachable; as a par branch it does not block the par',
    peers: ['A'],
    init: 'A',
    air: '(seq (par (never) (call "$A$" ("s" "f") [] x)) (seq (call "$A$" ("s" "g") [x]) (seq (never) (call "$A$" ("s" "unreached") []))))',
    services: { 's.f': 1, 's.g': null },
  },
  {
    name: 'null-is-noop',
    description: '(null) anywhere leaves no state and completes',
    peers: ['A'],
    init: 'A',
    air: '(seq (null) (seq (par (null) (null)) (xor (null) (call "$A$" ("s" "unreached") []))))',
    services: {},
    expect: { 'A#1': { trace: 'par(0,0)', req: [] } },
  },
  {
    name: 'new-stream-per-fold-iteration',
    description: 'new $s inside a fold body: every iteration canonicalizes its own fresh stream',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (fold xs i (seq (new $s (seq (ap i $s) (seq (ap i $s) (seq (canon "$A$" $s #c) (call "$A$" ("s" "f") [#c]))))) (next i))))',
    services: { 's.xs': [1, 2, 3], 's.f': null },
  },
  {
    name: 'new-stream-map',
    description: 'new %m restricts a stream map; the outer map stays empty',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (new %m (seq (ap ("in" 1) %m) (seq (canon "$A$" %m #%in) (call "$A$" ("s" "f") [#%in]))))
  (seq (canon "$A$" %m #%out) (call "$A$" ("s" "f") [#%out])))`,
    services: { 's.f': null },
  },
  {
    name: 'new-canon-stream',
    description: 'new #$c allows the same canon name twice in the global scope',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq (ap 1 $s) (new #$c (seq (canon "$A$" $s #$c) (call "$A$" ("s" "f") [#$c]))))
  (seq (ap 2 $s) (new #$c (seq (canon "$A$" $s #$c) (call "$A$" ("s" "f") [#$c])))))`,
    services: { 's.f': null },
  },
  {
    name: 'new-canon-map',
    description: 'new #%c around a canon map, used inside',
    peers: ['A'],
    init: 'A',
    air: '(seq (ap ("a" "b") %m) (new #%c (seq (canon "$A$" %m #%c) (call "$A$" ("s" "f") [#%c.$.a]))))',
    services: { 's.f': null },
  },
  {
    name: 'new-empty-stream-fold',
    description: 'a fold over a new, never written stream writes an empty fold state and is incomplete',
    peers: ['A'],
    init: 'A',
    air: '(seq (new $s (fold $s i (seq (null) (next i)))) (call "$A$" ("s" "after") []))',
    services: { 's.after': null },
    expect: { 'A#1': { trace: 'fold{}', req: [] } },
  },
  {
    name: 'new-scalar-in-fold-twice',
    description: 'new x inside fold iterations: each iteration writes its own x once',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "xs") [] xs) (fold xs i (seq (new x (seq (call "$A$" ("s" "f") [i] x) (call "$A$" ("s" "g") [x]))) (next i))))',
    services: { 's.xs': ['a', 'b'], 's.f': (args) => `x-${args[0]}`, 's.g': null },
  },
];
