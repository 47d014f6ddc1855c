// The multi-peer scenarios whose data the fixture generator keeps (network.mjs explains the
// shape). Together they produce every executed-state kind and variant of data-format.md 2.2,
// every CID store, every canon-element provenance, 1 to 4 signers, tricky JSON values, a fold
// over 100 elements and one big fan-out.

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

// A value nested exactly `depth` levels (arrays and objects alternating, innermost a number).
function nested(depth) {
  let text = '7';
  for (let d = depth; d >= 1; d--) text = d % 2 ? `[${text}]` : `{"k${d}":${text}}`;
  return text;
}

// Keys that sort differently in UTF-8 and UTF-16, a duplicate (the last wins), escapes in keys.
const TRICKY_KEYS =
  '{"b":1,"a":2,"B":3,"\u00e9":4,"z":5,"aa":6,"":7,"\ud83d\ude00":8,"\\uffff":9,"a":10,' +
  '"\\u0000k":11,"tab\\tkey":12,"\\ud83d\\ude01":13,"\\/":14}';

const TRICKY_STRINGS =
  '["quote\\" backslash\\\\ slash\\/ /","\\b\\f\\n\\r\\t","\\u0000\\u0001\\u000b\\u001f\\u007f",' +
  '"\\u2028\\u2029","\u00e9\ud83d\ude00\\ud83d\\ude00\\u00e9","","\u4e2d\u6587","\\"\\\\\\""]';

// Numbers whose written form the original decides (data-format.md 3.3), all of which survive
// the original's own parse/print round trip (checked by the generator).
const TRICKY_NUMBERS =
  '[0,-0,1.0,-1.0,1e15,1E5,1e+5,3.0e2,2.5,2.50e0,12345678.9,4.35,1.23e-5,0.1,0.30000000000000004,' +
  '1e16,1e100,0.000001,5e-324,1.5e-7,18446744073709551616,18446744073709551615,' +
  '-9223372036854775808,-9223372036854775809,123456789012345678901234567890,' +
  '1.7976931348623157e308,1e-400,[1.10,2.000],9007199254740993,-1,1e-7,123e-20,' +
  '0.1e1,100e-2,1e21,1e22,-1.5e300,2.2250738585072014e-308,4.9e-324]';

// Floats the original does not read back as it wrote them (data-format.md 3.4).
const ROUNDTRIP_FLOATS = '[1.08e-27,6.19960823e-28,2.8987563526923902e-7]';

const NESTED_MIX = '{"list":[[1,[2,[3,[]]]],{"o":{"p":{"q":[{}]}}}],"empty":{},"ea":[],"t":true,"f":false,"n":null}';

export const scenarios = [
  {
    name: 'call-variants',
    description: 'executed scalar, stream and unused calls, a ret_code failure caught by xor, a forward to B',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq
    (call "$A$" ("s" "scalar") [] x)
    (call "$A$" ("s" "stream") [x] $s))
  (seq
    (seq
      (call "$A$" ("s" "unused") [x])
      (xor (call "$A$" ("s" "fail") [] f) (null)))
    (seq
      (call "$B$" ("s" "echo") [x "lit" 1.0 -0 5 0.1 -1.5 true []] y)
      (call "$A$" ("s" "done") [y] z))))`,
    services: {
      's.scalar': { a: [true, null], z: 1 },
      's.stream': 'streamed',
      's.unused': 'unused',
      's.fail': { error: { ret_code: 5, result: '"boom"' } },
      's.echo': (args) => args,
      's.done': true,
    },
  },
  {
    name: 'not-json-result',
    description:
      'a ret_code 0 result that is not JSON becomes a failed state that A does not sign (data-format.md 9 item 5): ' +
      'B rejects A\'s data with 8 until A re-runs on its own data',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq
    (xor (call "$A$" ("s" "broken") [] r) (null))
    (call "$B$" ("s" "after") [] y))
  (call "$A$" ("s" "log") [%last_error% y] l))`,
    services: { 's.broken': { raw: 'not json {' }, 's.log': 'logged', 's.after': 'after' },
    steps: [
      { peer: 'A' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'A' },
      { peer: 'A' },
      { peer: 'B', data: 'A' },
      { peer: 'B', results: 'pending' },
      { peer: 'A', data: 'B' },
      { peer: 'A', results: 'pending' },
    ],
  },
  {
    name: 'par-three',
    description: 'par branches on three peers, merged at A from two incoming particles',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: `
(seq
  (par
    (call "$B$" ("s" "b") [] rb)
    (par
      (call "$C$" ("s" "c") [] rc)
      (call "$A$" ("s" "a") [] ra)))
  (call "$A$" ("s" "join") [ra rb rc] r))`,
    services: { 's.a': 'from A', 's.b': { from: 'B' }, 's.c': ['from', 'C'], 's.join': (args) => ({ joined: args }) },
  },
  {
    name: 'three-signers',
    description: 'the three-peer script of data-format.md 6.3 (fold over a scalar, stream, canon on C)',
    peers: ['A', 'B', 'C'],
    init: 'A',
    particleId: 'p-3peers',
    air: `
(seq
  (seq
    (call "$B$" ("s" "f") [] x)
    (fold x i (seq (call "$C$" ("s" "g") [1] $r) (next i))))
  (seq
    (canon "$C$" $r #r)
    (call "$A$" ("s" "h") [#r] y)))`,
    services: { 's.f': [1, 2, 3], 's.g': 'g', 's.h': 'h' },
  },
  {
    name: 'fold-stream',
    description: 'a fold over a stream filled by three peers in several generations, lores in the fold state',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: `
(seq
  (seq
    (par
      (call "$B$" ("s" "v") ["b"] $s)
      (call "$C$" ("s" "v") ["c"] $s))
    (call "$A$" ("s" "v") ["a"] $s))
  (fold $s i
    (seq
      (call "$A$" ("s" "each") [i] $out)
      (next i))
    (null)))`,
    services: { 's.v': (args, ctx) => `${args[0]}:${ctx.peer}`, 's.each': (args) => ({ seen: args[0] }) },
  },
  {
    name: 'streams-maps-canon',
    description:
      'ap to a stream and to a stream map, canon of a stream, of a map, map to scalar, (ap #$c $t), ' +
      'a fold over a stream map, canon on B (canon sent_by), all canon-element provenances',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq
    (seq
      (call "$A$" ("s" "val") [] v)
      (seq
        (ap v $st)
        (seq (ap 42 $st) (call "$A$" ("s" "more") [] $st))))
    (seq
      (seq
        (ap ("k1" v) %m)
        (seq (ap ("k2" "lit") %m) (ap (7 v.$.n) %m)))
      (seq
        (canon "$A$" $st #$c)
        (canon "$A$" %m #%cm))))
  (seq
    (seq
      (canon "$A$" %m scalar_m)
      (seq (ap #$c $t) (ap #$c.$.[0] $t)))
    (seq
      (seq
        (canon "$A$" $t #$ct)
        (fold %m kv (seq (call "$A$" ("s" "kv") [kv] $kvs) (next kv)) (null)))
      (seq
        (canon "$B$" $st #$cb)
        (call "$B$" ("s" "show") [#$c #%cm scalar_m #$ct #$cb #%cm.$.k1 #$c.$.[1]] r)))))`,
    services: {
      's.val': { n: 3, s: 'three' },
      's.more': [1, 2],
      's.kv': (args) => args[0],
      's.show': (args) => args.length,
    },
  },
  {
    name: 'tricky-json',
    description:
      'values with tricky JSON: unicode keys sorted by UTF-8 bytes, escapes, control characters, ' +
      'floats and big integers, nesting 124 deep (the deepest storable), passed on to B',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (par
    (call "$A$" ("s" "keys") [] k)
    (par
      (call "$A$" ("s" "strings") [] st)
      (par
        (call "$A$" ("s" "numbers") [] n)
        (par
          (call "$A$" ("s" "deep") [] d)
          (call "$A$" ("s" "nested") [] ne)))))
  (seq
    (call "$B$" ("s" "echo") [k st n ne] e)
    (call "$A$" ("s" "echo") [e d.$.[0].k2] e2)))`,
    services: {
      's.keys': { raw: TRICKY_KEYS },
      's.strings': { raw: TRICKY_STRINGS },
      's.numbers': { raw: TRICKY_NUMBERS },
      's.deep': { raw: nested(124) },
      's.nested': { raw: NESTED_MIX },
      's.echo': (args, ctx) => ({ raw: ctx.request.rawArguments }),
    },
  },
  {
    name: 'float-roundtrip',
    description:
      'floats the original does not read back as written (data-format.md 3.4): B rejects A\'s data ' +
      'with 7; A re-running rewrites the entry under the old CID, which B then accepts',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "f") [] x) (call "$B$" ("s" "g") [x] y))',
    services: { 's.f': { raw: ROUNDTRIP_FLOATS }, 's.g': 'ok' },
    steps: [
      { peer: 'A' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'A' },
      { peer: 'A' },
      { peer: 'B', data: 'A' },
      { peer: 'B', results: 'pending' },
    ],
  },
  {
    name: 'relay-chain',
    description: 'a fold over peer ids returned by a service: A -> B -> C -> D -> A, four signers, canon sent back to A',
    peers: ['A', 'B', 'C', 'D'],
    init: 'A',
    air: `
(seq
  (call "$A$" ("s" "peers") [] ps)
  (seq
    (fold ps p (seq (call p ("s" "hop") [p %init_peer_id% %timestamp% %ttl%] $hops) (next p)))
    (seq
      (canon "$A$" $hops #hops)
      (call "$A$" ("s" "done") [#hops] r))))`,
    services: { 's.peers': ['$B$', '$C$', '$D$'], 's.hop': (args, ctx) => ({ at: ctx.peer, hop: args[0] }), 's.done': 'done' },
  },
  {
    name: 'catchable-error',
    description: 'a catchable error (fail) reaches the top: ret 10006 with new, signed data on A and on B',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (par
    (par
      (call "$B$" ("s" "f") [] x)
      (call %init_peer_id% ("s" "g") [] y))
    (null))
  (fail 7 "boom"))`,
    services: { 's.f': 'f', 's.g': 'g' },
  },
  {
    name: 'unprocessed-result',
    description: 'a call result nobody asked for: ret 30000 with new data, then the real result',
    peers: ['A'],
    init: 'A',
    air: '(call "$A$" ("s" "f") [] x)',
    services: { 's.f': 'x' },
    steps: [
      { peer: 'A', results: [[9, { retCode: 0, result: '1' }]] },
      { peer: 'A', results: 'pending' },
    ],
  },
  {
    name: 'fold-100',
    description: 'a fold over 100 elements issuing 100 local calls at once, then a stream fold over their 100 results',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq
    (call "$A$" ("s" "range") [] xs)
    (fold xs i (par (call "$A$" ("s" "sq") [i] $r) (next i))))
  (seq
    (fold $r j (seq (ap j $q) (next j)) (null))
    (seq
      (canon "$A$" $q #q)
      (call "$B$" ("s" "sum") [#q] total))))`,
    services: {
      's.range': range(100, (i) => i),
      's.sq': (args) => ({ i: args[0], sq: args[0] * args[0] }),
      's.sum': (args) => args[0].reduce((a, v) => a + v.sq, 0),
    },
  },
  {
    name: 'fanout-1000',
    description:
      'the big fixture: 1000 calls forwarded from A to B in one particle (10 chunks of 100: a single fold ' +
      'over ~700 or more elements overflows the original\'s stack), canon of the 1000 results on B',
    peers: ['A', 'B'],
    init: 'A',
    keep: 'last',
    air: `
(seq
  (seq
    (call "$A$" ("s" "items") [] chunks)
    (fold chunks chunk
      (par
        (fold chunk i (par (call "$B$" ("s" "work") [i] $r) (next i)))
        (next chunk))))
  (seq
    (canon "$B$" $r #res)
    (call "$A$" ("s" "total") [#res.length] t)))`,
    services: {
      's.items': range(10, (c) => range(100, (i) => `item-${String(c * 100 + i).padStart(4, '0')}`)),
      's.work': (args, ctx) => ({ item: args[0], n: ctx.callIndex, ok: ctx.callIndex % 7 !== 0 }),
      's.total': (args) => args[0],
    },
  },
];
