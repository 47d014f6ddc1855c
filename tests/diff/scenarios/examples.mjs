// The worked examples E1-E17 of execution.md section 6, played as the spec tells them; `expect`
// holds what the spec says each step yields (gen-golden.mjs checks it against the original).
const E3_AIR = `
(seq
  (par
    (call "$B$" ("s" "b") [] b)
    (call "$C$" ("s" "c") [] c))
  (call "$I$" ("s" "done") [b c]))`;
const E3_SERVICES = { 's.b': 'vb', 's.c': 'vc', 's.done': 'ok' };

const E9_AIR = `
(par
  (call "$A$" ("s" "v") [] $s)
  (par
    (call "$B$" ("s" "v") [] $s)
    (call "$C$" ("s" "v") [] $s)))`;
const E9_SERVICES = { 's.v': (args, ctx) => ctx.peer.toLowerCase() };
const E9_STEPS = [
  { peer: 'I' },
  { peer: 'A', data: 'I#1' },
  { peer: 'A', results: 'pending' },
  { peer: 'B', data: 'I#1' },
  { peer: 'B', results: 'pending' },
  { peer: 'C', data: 'B#2' },
  { peer: 'C', results: 'pending' },
  { peer: 'A', data: 'C#2' }, // A2 = f_A(A, C)
  { peer: 'B', data: 'A#2' }, // B2 = f_B(B, A)
  { peer: 'B', data: 'A#3' }, // B3 = f_B(B2, A2)
];
const E9_EXPECT = {
  'A#2': { trace: 'par(1,3) sval("a",0) par(1,1) sent(I) sent(I)' },
  'B#2': { trace: 'par(1,3) sent(I) par(1,1) sval("b",0) sent(I)' },
  'C#2': { trace: 'par(1,3) sent(I) par(1,1) sval("b",0) sval("c",1)' },
  'A#3': { trace: 'par(1,3) sval("a",0) par(1,1) sval("b",1) sval("c",2)' },
  'B#3': { trace: 'par(1,3) sval("a",1) par(1,1) sval("b",0) sent(I)' },
  'B#4': { trace: 'par(1,3) sval("a",1) par(1,1) sval("b",0) sval("c",2)' },
};

const E16_AIR = (last) => `
(seq
  (seq (ap 1 $s) (ap 2 $s))
  (seq
    (fold $s x
      (seq
        (call "$A$" ("s" "f") [x])
        (next x))${last ? `\n      ${last}` : ''})
    (call "$A$" ("s" "after") [])))`;

const E14_CALL = '(call "$B$" ("s" "f") [] x)';

export default [
  {
    name: 'E1-forward-execute-return',
    description: 'E1: A forwards a call to B, B executes it locally and forwards the next call back to A',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (call "$B$" ("svc" "get") [] x) (call "$A$" ("svc" "show") [x]))',
    services: { 'svc.get': 42, 'svc.show': null },
    expect: {
      'A#1': { trace: 'sent(A)', next: ['B'], req: [], lcid: 0 },
      'B#1': { trace: 'sent(B#1)', req: [1], lcid: 1, next: [] },
      'B#2': { trace: 'val(42) sent(B)', next: ['A'], lcid: 1 },
      'A#2': { trace: 'val(42) sent(A#1)', req: [1], lcid: 1, args: { 1: [42] } },
      'A#3': { trace: 'val(42) unused(*)', req: [] },
    },
  },
  {
    name: 'E2-local-partial-results',
    description: 'E2: two local requests answered one per invocation, the later one first; the join call waits for both',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (par
    (call "$A$" ("s" "one") [] x)
    (call "$A$" ("s" "two") [] y))
  (call "$A$" ("s" "sum") [x y] z))`,
    services: { 's.one': 10, 's.two': 20, 's.sum': 30 },
    auto: { resultsPerRound: 1, order: 'desc' },
    expect: {
      'A#1': { trace: 'par(1,1) sent(A#1) sent(A#2)', req: [1, 2], lcid: 2 },
      'A#2': { trace: 'par(1,1) sent(A#1) val(20)', req: [], lcid: 2 },
      'A#3': { trace: 'par(1,1) val(10) val(20) sent(A#3)', req: [3], lcid: 3, args: { 3: [10, 20] } },
      'A#4': { trace: 'par(1,1) val(10) val(20) val(30)', req: [], lcid: 3 },
    },
  },
  {
    name: 'E3-par-arrivals-b-first',
    description: 'E3 order 1: the par branches come back to I from B first, then from C',
    peers: ['I', 'B', 'C'],
    init: 'I',
    air: E3_AIR,
    services: E3_SERVICES,
    steps: [
      { peer: 'I' },
      { peer: 'B', data: 'I' },
      { peer: 'B', results: 'pending' },
      { peer: 'C', data: 'I#1' },
      { peer: 'C', results: 'pending' },
      { peer: 'I', data: 'B' },
      { peer: 'I', data: 'C' },
      { peer: 'I', results: 'pending' },
    ],
    expect: {
      'I#1': { trace: 'par(1,1) sent(I) sent(I)', next: ['B', 'C'] },
      'B#1': { trace: 'par(1,1) sent(B#1) sent(I)', req: [1] },
      'B#2': { trace: 'par(1,1) val("vb") sent(I) sent(B)', next: ['I'] },
      'C#2': { trace: 'par(1,1) sent(I) val("vc") sent(C)', next: ['I'] },
      'I#2': { trace: 'par(1,1) val("vb") sent(I) sent(B)', req: [] },
      'I#3': { trace: 'par(1,1) val("vb") val("vc") sent(I#1)', req: [1], lcid: 1, args: { 1: ['vb', 'vc'] } },
      'I#4': { trace: 'par(1,1) val("vb") val("vc") unused(*)' },
    },
  },
  {
    name: 'E3-par-arrivals-c-first',
    description: 'E3 order 2: C\'s data reaches I first; the final trace equals order 1\'s',
    peers: ['I', 'B', 'C'],
    init: 'I',
    air: E3_AIR,
    services: E3_SERVICES,
    steps: [
      { peer: 'I' },
      { peer: 'B', data: 'I' },
      { peer: 'B', results: 'pending' },
      { peer: 'C', data: 'I#1' },
      { peer: 'C', results: 'pending' },
      { peer: 'I', data: 'C' },
      { peer: 'I', data: 'B' },
      { peer: 'I', results: 'pending' },
    ],
    expect: {
      'I#2': { trace: 'par(1,1) sent(I) val("vc") sent(C)' },
      'I#3': { trace: 'par(1,1) val("vb") val("vc") sent(I#1)', req: [1] },
      'I#4': { trace: 'par(1,1) val("vb") val("vc") unused(*)' },
    },
  },
  {
    name: 'E4-par-windows-differ',
    description: 'E4: par windows of different sizes in prev (1,1) and current (2,1) merged at I',
    peers: ['I', 'B', 'C', 'D'],
    init: 'I',
    air: `
(seq
  (par
    (seq
      (call "$B$" ("s" "x") [] x)
      (call "$C$" ("s" "y") [x] y))
    (call "$D$" ("s" "z") [] z))
  (call "$I$" ("s" "fin") [x y z]))`,
    services: { 's.x': 'vx', 's.y': 'vy', 's.z': 'vz', 's.fin': null },
    steps: [
      { peer: 'I' },
      { peer: 'B', data: 'I#1' },
      { peer: 'B', results: 'pending' },
      { peer: 'C', data: 'B#2' },
      { peer: 'C', results: 'pending' },
      { peer: 'D', data: 'I#1' },
      { peer: 'D', results: 'pending' },
      { peer: 'I', data: 'D#2' },
      { peer: 'I', data: 'C#2' },
      { peer: 'I', results: 'pending' },
    ],
    expect: {
      'I#1': { trace: 'par(1,1) sent(I) sent(I)', next: ['B', 'D'] },
      'B#2': { trace: 'par(2,1) val("vx") sent(B) sent(I)', next: ['C'] },
      'C#2': { trace: 'par(2,1) val("vx") val("vy") sent(I) sent(C)', next: ['I'] },
      'D#2': { trace: 'par(1,1) sent(I) val("vz") sent(D)', next: ['I'] },
      'I#2': { trace: 'par(1,1) sent(I) val("vz") sent(D)', req: [] },
      'I#3': { trace: 'par(2,1) val("vx") val("vy") val("vz") sent(I#1)', lcid: 1, args: { 1: ['vx', 'vy', 'vz'] } },
      'I#4': { trace: 'par(2,1) val("vx") val("vy") val("vz") unused(*)' },
    },
  },
  {
    name: 'E5-xor-catches-failed-call',
    description: 'E5: a service error on B is caught by xor, the report call runs on B, then I continues',
    peers: ['I', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (xor
    (seq
      (call "$B$" ("svc" "risky") [] r)
      (call "$C$" ("svc" "use") [r]))
    (call "$B$" ("log" "report") ["risky failed"]))
  (call "$I$" ("op" "done") []))`,
    services: { 'svc.risky': { error: { ret_code: 5, result: '"timeout"' } }, 'log.report': null, 'op.done': null },
    expect: {
      'I#1': { trace: 'sent(I)', next: ['B'] },
      'B#1': { trace: 'sent(B#1)', req: [1] },
      'B#2': { ret: 0, trace: 'failed(5,"\\"timeout\\"") sent(B#2)', req: [2], lcid: 2 },
      'B#3': { trace: 'failed(5,"\\"timeout\\"") unused(*) sent(B)', next: ['I'] },
      'I#2': { trace: 'failed(5,"\\"timeout\\"") unused(*) sent(I#1)', req: [1] },
    },
  },
  {
    name: 'E5-no-xor-error-reaches-top',
    description: 'E5 without the xor: B\'s service error reaches the top as 10000, data still returned',
    peers: ['I', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (seq
    (call "$B$" ("svc" "risky") [] r)
    (call "$C$" ("svc" "use") [r]))
  (call "$I$" ("op" "done") []))`,
    services: { 'svc.risky': { error: { ret_code: 5, result: '"timeout"' } } },
    expect: {
      'B#2': { ret: 10000, msg: "Local service error, ret_code is 5, error message is '\"timeout\"'", trace: 'failed(5,"\\"timeout\\"")' },
    },
  },
  {
    name: 'E6-canon-on-one-peer',
    description: 'E6: B canonicalizes its own view [b]; A (which saw a first), B after merging and C all read ["b"]',
    peers: ['I', 'A', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (par
    (call "$A$" ("s" "v") [] $s)
    (call "$B$" ("s" "v") [] $s))
  (seq
    (canon "$B$" $s #c)
    (call "$C$" ("s" "show") [#c])))`,
    services: { 's.v': (a, ctx) => ctx.peer.toLowerCase(), 's.show': null },
    steps: [
      { peer: 'I' },
      { peer: 'A', data: 'I#1' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'I#1' },
      { peer: 'B', results: 'pending' },
      { peer: 'B', data: 'A#2' },
      { peer: 'A', data: 'B#2' },
      { peer: 'C', data: 'B#2' },
      { peer: 'C', data: 'B#3' },
    ],
    expect: {
      'I#1': { trace: 'par(1,1) sent(I) sent(I)', next: ['A', 'B'] },
      'A#2': { trace: 'par(1,1) sval("a",0) sent(I) csent(A)', next: ['B'] },
      'B#2': { trace: 'par(1,1) sent(I) sval("b",0) canon["b"]@B sent(B)', next: ['C'] },
      'B#3': { trace: 'par(1,1) sval("a",1) sval("b",0) canon["b"]@B sent(B)', next: [] },
      'A#3': { trace: 'par(1,1) sval("a",0) sval("b",1) canon["b"]@B sent(B)' },
      'C#1': { req: [1], args: { 1: [['b']] } },
      'C#2': { req: [] },
    },
  },
  {
    name: 'E6-canon-while-own-call-pending',
    description: 'E6 variant: A\'s data reaches B while B\'s own request is pending, so B canonicalizes [a]',
    peers: ['I', 'A', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (par
    (call "$A$" ("s" "v") [] $s)
    (call "$B$" ("s" "v") [] $s))
  (seq
    (canon "$B$" $s #c)
    (call "$C$" ("s" "show") [#c])))`,
    services: { 's.v': (a, ctx) => ctx.peer.toLowerCase(), 's.show': null },
    steps: [
      { peer: 'I' },
      { peer: 'A', data: 'I#1' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'I#1' },
      { peer: 'B', data: 'A#2' },
      { peer: 'B', results: 'pending' },
      { peer: 'C', data: 'B#3' },
    ],
    expect: {
      'B#2': { trace: 'par(1,1) sval("a",0) sent(B#1) canon["a"]@B sent(B)', next: ['C'] },
      'C#1': { args: { 1: [['a']] } },
    },
  },
  {
    name: 'E6-canon-data-and-result-together',
    description: 'E6 variant: A\'s data and B\'s call result arrive in one invocation, so B canonicalizes [a, b]',
    peers: ['I', 'A', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (par
    (call "$A$" ("s" "v") [] $s)
    (call "$B$" ("s" "v") [] $s))
  (seq
    (canon "$B$" $s #c)
    (call "$C$" ("s" "show") [#c])))`,
    services: { 's.v': (a, ctx) => ctx.peer.toLowerCase(), 's.show': null },
    steps: [
      { peer: 'I' },
      { peer: 'A', data: 'I#1' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'I#1' },
      { peer: 'B', data: 'A#2', results: 'pending' },
      { peer: 'C', data: 'B#2' },
    ],
    expect: {
      'B#2': { trace: 'par(1,1) sval("a",0) sval("b",1) canon["a","b"]@B sent(B)' },
      'C#1': { args: { 1: [['a', 'b']] } },
    },
  },
  {
    name: 'E7-fold-two-producers',
    description: 'E7: a fold over a stream filled on A and B, consumed on C; lores from both merged, then X delivered to B',
    peers: ['I', 'A', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (par
    (call "$A$" ("s" "v") [] $s)
    (call "$B$" ("s" "v") [] $s))
  (fold $s x
    (par
      (call "$C$" ("s" "use") [x])
      (next x))))`,
    services: { 's.v': (a, ctx) => ctx.peer.toLowerCase(), 's.use': (args) => `r${args[0]}` },
    steps: [
      { peer: 'I' },
      { peer: 'A', data: 'I#1' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', data: 'I#1' },
      { peer: 'B', results: 'pending' },
      { peer: 'C', data: 'A#2' },
      { peer: 'C', results: 'pending' },
      { peer: 'C', data: 'B#2' },
      { peer: 'C', results: 'pending' },
      { peer: 'B', data: 'C#4' },
    ],
    expect: {
      'I#1': { trace: 'par(1,1) sent(I) sent(I)', next: ['A', 'B'] },
      'A#2': { trace: 'par(1,1) sval("a",0) sent(I) fold{1:[4,2|6,0]} par(1,0) sent(A)', next: ['C'] },
      'B#2': { trace: 'par(1,1) sent(I) sval("b",0) fold{2:[4,2|6,0]} par(1,0) sent(B)', next: ['C'] },
      'C#1': { trace: 'par(1,1) sval("a",0) sent(I) fold{1:[4,2|6,0]} par(1,0) sent(C#1)', req: [1], args: { 1: ['a'] } },
      'C#2': { trace: 'par(1,1) sval("a",0) sent(I) fold{1:[4,2|6,0]} par(1,0) unused(*)' },
      'C#3': { trace: 'par(1,1) sval("a",0) sval("b",1) fold{1:[4,2|6,0], 2:[6,2|8,0]} par(1,0) unused(*) par(1,0) sent(C#2)', lcid: 2 },
      'C#4': { trace: 'par(1,1) sval("a",0) sval("b",1) fold{1:[4,2|6,0], 2:[6,2|8,0]} par(1,0) unused(*) par(1,0) unused(*)' },
      'B#3': { trace: 'par(1,1) sval("a",1) sval("b",0) fold{2:[4,2|6,0], 1:[6,2|8,0]} par(1,0) unused(*) par(1,0) unused(*)' },
    },
  },
  {
    name: 'E8-recursive-stream-one-peer',
    description: 'E8: a fold over $s whose body appends inc(x) to $s until x = 3, one result per invocation',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (ap 1 $s)
  (fold $s x
    (seq
      (xor
        (match x 3 (null))
        (seq
          (call "$A$" ("math" "inc") [x] y)
          (ap y $s)))
      (next x))))`,
    services: { 'math.inc': (args) => args[0] + 1 },
    expect: {
      'A#1': { trace: 'ap(0) fold{0:[2,1|3,0]} sent(A#1)', req: [1], lcid: 1 },
      'A#2': { trace: 'ap(0) fold{0:[2,2|4,0], 3:[4,1|5,0]} val(2) ap(1) sent(A#2)', req: [2], lcid: 2 },
      'A#3': { trace: 'ap(0) fold{0:[2,2|4,0], 3:[4,2|6,0], 5:[6,0|6,0]} val(2) ap(1) val(3) ap(2)', req: [] },
    },
  },
  {
    name: 'E9-generations-per-peer-order',
    description: 'E9: three stream writers; generation numbers and the per-peer stream order after merges',
    peers: ['I', 'A', 'B', 'C'],
    init: 'I',
    air: E9_AIR,
    services: E9_SERVICES,
    steps: E9_STEPS,
    expect: { 'I#1': { trace: 'par(1,3) sent(I) par(1,1) sent(I) sent(I)' }, ...E9_EXPECT },
  },
  {
    name: 'E10-redelivery-idempotence',
    description: 'E10: continuing E9, B3 merged with A2 again, with itself, with empty data and with the older B2: B3 each time',
    peers: ['I', 'A', 'B', 'C'],
    init: 'I',
    air: E9_AIR,
    services: E9_SERVICES,
    steps: [
      ...E9_STEPS,
      { peer: 'B', data: 'A#3' },
      { peer: 'B', data: 'B#4' },
      { peer: 'B' },
      { peer: 'B', data: 'B#3' },
    ],
    expect: {
      ...E9_EXPECT,
      'B#5': { trace: 'par(1,3) sval("a",1) par(1,1) sval("b",0) sval("c",2)' },
      'B#6': { trace: 'par(1,3) sval("a",1) par(1,1) sval("b",0) sval("c",2)' },
      'B#7': { trace: 'par(1,3) sval("a",1) par(1,1) sval("b",0) sval("c",2)' },
      'B#8': { trace: 'par(1,3) sval("a",1) par(1,1) sval("b",0) sval("c",2)' },
    },
  },
  {
    name: 'E10-e3-redelivery',
    description: 'E10 on E3: B#2 delivered to I a second time gives I#2 again, no duplicate request',
    peers: ['I', 'B', 'C'],
    init: 'I',
    air: E3_AIR,
    services: E3_SERVICES,
    steps: [
      { peer: 'I' },
      { peer: 'B', data: 'I' },
      { peer: 'B', results: 'pending' },
      { peer: 'I', data: 'B#2' },
      { peer: 'I', data: 'B#2' },
    ],
    expect: {
      'I#2': { trace: 'par(1,1) val("vb") sent(I) sent(B)', req: [] },
      'I#3': { trace: 'par(1,1) val("vb") sent(I) sent(B)', req: [] },
    },
  },
  {
    name: 'E11-unknown-and-duplicate-results',
    description: 'E11: at E2\'s A#3 the host also passes an already consumed id 2 and a never issued id 7: 30000',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (par
    (call "$A$" ("s" "one") [] x)
    (call "$A$" ("s" "two") [] y))
  (call "$A$" ("s" "sum") [x y] z))`,
    services: { 's.one': 10, 's.two': 20, 's.sum': 30 },
    steps: [
      { peer: 'A' },
      { peer: 'A', results: [2] },
      { peer: 'A', results: [1, [2, { retCode: 0, result: '20' }], [7, { retCode: 0, result: '0' }]] },
      { peer: 'A', results: 'pending' },
    ],
    expect: {
      'A#3': { ret: 30000, msg: /unprocessed call results.*2: CallServiceResult.*7: CallServiceResult/, trace: 'par(1,1) val(10) val(20) sent(A#3)', req: [3] },
      'A#4': { ret: 0, trace: 'par(1,1) val(10) val(20) val(30)' },
    },
  },
  {
    name: 'E12-pending-while-particle-arrives',
    description: 'E12: C\'s particle reaches B while B\'s slow call is pending; B issues only the new request, then gets both results',
    peers: ['I', 'B', 'C'],
    init: 'I',
    air: `
(seq
  (par
    (call "$B$" ("s" "slow") [] x)
    (call "$C$" ("s" "c") [] y))
  (call "$B$" ("s" "fin") []))`,
    services: { 's.slow': 'vx', 's.c': 'vy', 's.fin': null },
    steps: [
      { peer: 'I' },
      { peer: 'B', data: 'I' },
      { peer: 'C', data: 'I' },
      { peer: 'C', results: 'pending' },
      { peer: 'B', data: 'C#2' },
      { peer: 'B', results: 'pending' },
    ],
    expect: {
      'I#1': { trace: 'par(1,1) sent(I) sent(I)' },
      'B#1': { trace: 'par(1,1) sent(B#1) sent(I)', req: [1], lcid: 1 },
      'C#2': { trace: 'par(1,1) sent(I) val("vy") sent(C)', next: ['B'] },
      'B#2': { trace: 'par(1,1) sent(B#1) val("vy") sent(B#2)', req: [2], lcid: 2 },
      'B#3': { trace: 'par(1,1) val("vx") val("vy") unused(*)' },
    },
  },
  {
    name: 'E13-join-local-waits-remote-forwards',
    description: 'E13: P\'s local call waits for x while Q\'s remote-targeted copy is forwarded before x exists',
    peers: ['P', 'Q'],
    init: 'P',
    air: '(par (call "$Q$" ("s" "x") [] x) (call "$P$" ("s" "use") [x]))',
    services: { 's.x': 'vx', 's.use': null },
    expect: {
      'P#1': { trace: 'par(1,0) sent(P)', next: ['Q'], req: [] },
      'Q#1': { trace: 'par(1,1) sent(Q#1) sent(Q)', next: ['P'], req: [1] },
      'Q#2': { trace: 'par(1,1) val("vx") sent(Q)', next: [] },
      'P#2': { trace: 'par(1,1) val("vx") sent(P#1)', req: [1], args: { 1: ['vx'] } },
    },
  },
  {
    name: 'E13-join-only-first-data',
    description: 'E13 variant: P receives only Q#1 (x not yet there): it keeps sent(Q) and waits',
    peers: ['P', 'Q'],
    init: 'P',
    air: '(par (call "$Q$" ("s" "x") [] x) (call "$P$" ("s" "use") [x]))',
    services: { 's.x': 'vx', 's.use': null },
    steps: [
      { peer: 'P' },
      { peer: 'Q', data: 'P' },
      { peer: 'P', data: 'Q#1' },
      { peer: 'Q', results: 'pending' },
      { peer: 'P', data: 'Q#2' },
    ],
    expect: {
      'P#2': { trace: 'par(1,1) sent(Q) sent(Q)', req: [] },
      'P#3': { trace: 'par(1,1) val("vx") sent(P#1)', req: [1] },
    },
  },
  {
    name: 'E14-values-not-equal-unused',
    description: 'E14 row 1 (with unused results, which are not signed): B ran twice from scratch and answered 1, then 2; A merges both: 20000',
    peers: ['A', 'B'],
    init: 'A',
    air: '(call "$B$" ("s" "f") [])',
    services: {},
    steps: [
      { peer: 'A' },
      { peer: 'B', data: 'A#1' },
      { peer: 'B', results: [[1, { retCode: 0, result: '1' }]] },
      { peer: 'B', prev: null, data: 'A#1' },
      { peer: 'B', results: [[1, { retCode: 0, result: '2' }]] },
      { peer: 'A', data: 'B#2' },
      { peer: 'A', data: 'B#4' },
    ],
    expect: {
      'A#2': { ret: 0, trace: 'unused(*)' },
      'A#3': { ret: 20000, msg: 'values in call results are not equal', trace: 'unused(*)', next: [], req: [] },
    },
  },
  {
    name: 'E14-values-not-equal-scalar',
    description: 'E14 row 1 as written (scalar results): B answered 1 on one run and 2 on another; A gets both',
    peers: ['A', 'B'],
    init: 'A',
    air: E14_CALL,
    services: {},
    steps: [
      { peer: 'A' },
      { peer: 'B', data: 'A#1' },
      { peer: 'B', results: [[1, { retCode: 0, result: '1' }]] },
      { peer: 'B', prev: null, data: 'A#1' },
      { peer: 'B', results: [[1, { retCode: 0, result: '2' }]] },
      { peer: 'A', data: 'B#2' },
      { peer: 'A', data: 'B#4' },
    ],
    expect: { 'A#3': { ret: 20000, msg: 'values in call results are not equal' } },
  },
  {
    name: 'E14-failed-vs-executed',
    description: 'E14 row 2: B failed the call on one run and answered it on another; A merges failed with executed',
    peers: ['A', 'B'],
    init: 'A',
    air: E14_CALL,
    services: {},
    steps: [
      { peer: 'A' },
      { peer: 'B', data: 'A#1' },
      { peer: 'B', results: [[1, { retCode: 1, result: '"e"' }]] },
      { peer: 'B', prev: null, data: 'A#1' },
      { peer: 'B', results: [[1, { retCode: 0, result: '1' }]] },
      { peer: 'A', data: 'B#2' },
      { peer: 'A', data: 'B#4' },
    ],
    expect: { 'A#2': { ret: 10000 }, 'A#3': { ret: 20000 } },
  },
  {
    name: 'E14-canon-incompatible',
    description: 'E14 row 3: B canonicalized an empty stream on one run and ["x"] on another; A merges the two canon results',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$A$" ("s" "v") [] $s) (seq (canon "$B$" $s #c) (call "$A$" ("s" "show") [#c])))',
    services: { 's.v': 'x', 's.show': null },
    steps: [
      { peer: 'A' },
      { peer: 'B', data: 'A#1' },
      { peer: 'A', results: 'pending' },
      { peer: 'B', prev: null, data: 'A#2' },
      { peer: 'A', data: 'B#1' },
      { peer: 'A', data: 'B#2' },
    ],
    expect: {
      'B#1': { trace: 'par(1,2) sent(A#1) canon[]@B sent(B)' },
      'B#2': { trace: 'par(1,2) sval("x",0) canon["x"]@B sent(B)' },
      'A#3': { ret: 0 },
      'A#4': { ret: 20000 },
    },
  },
  {
    name: 'E14-different-state-expected',
    description: 'E14 row 4: A\'s prev trace [ap(0)] written by another script meets a call: DifferentExecutedStateExpected',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (ap 1 v) (call "$B$" ("s" "f") [] $s))',
    services: {},
    steps: [
      { peer: 'A', air: '(ap 1 $s)' },
      { peer: 'A' },
    ],
    expect: { 'A#1': { trace: 'ap(0)' }, 'A#2': { ret: 20000, msg: 'is incompatible with expected call', trace: 'ap(0)' } },
  },
  {
    name: 'E14-par-len-underflow',
    description: 'E14 row 5: current data [par(42,1), sent(A)] whose par claims more states than follow: ParLenUnderflow',
    peers: ['A', 'Q'],
    init: 'A',
    air: '(par (ap 1 v) (call "$Q$" ("s" "f") [v]))',
    services: {},
    steps: [
      {
        peer: 'A',
        data: {
          raw:
            '{"version":"0.14.0","interpreter_version":"0.54.0","trace":[{"par":[42,1]},{"call":{"sent_by":{"PeerId":"$A$"}}}],"lcid":0,' +
            '"cid_info":{"value_store":{},"tetraplet_store":{},"canon_element_store":{},"canon_result_store":{},"service_result_store":{}},"signatures":{}}',
        },
      },
    ],
    expect: { 'A#1': { ret: 20000, msg: 'underflow' } },
  },
  {
    name: 'E14-tetraplet-mismatch',
    description: 'E14 row 6: a val(1) recorded for service "g" replayed by the call of service "f": InstructionParametersMismatch',
    peers: ['A', 'B'],
    init: 'A',
    air: E14_CALL,
    services: { 's.g': 1 },
    steps: [
      { peer: 'B', air: '(call "$B$" ("s" "g") [] x)' },
      { peer: 'B', air: '(call "$B$" ("s" "g") [] x)', results: 'pending' },
      { peer: 'A', data: 'B#2' },
    ],
    expect: { 'A#1': { ret: 20017, msg: 'call tetraplet' } },
  },
  {
    name: 'E14-top-level-fail-after-result',
    description: 'E14: (fail 42 "boom") after the call result reaches the top: 10006 with new data [val(x)]',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "f") [] x) (fail 42 "boom"))',
    services: { 's.f': 'x' },
    expect: { 'A#1': { ret: 0, req: [1] }, 'A#2': { ret: 10006, trace: 'val("x")', msg: 'boom' } },
  },
  {
    name: 'E15-fold-par-next-lores',
    description: 'E15: a fold over three aps with (par call next): nested lores, one peer answers, merged back at I',
    peers: ['I', 'B', 'C', 'D'],
    init: 'I',
    air: `
(seq
  (seq
    (ap "$B$" $peers)
    (seq (ap "$C$" $peers) (ap "$D$" $peers)))
  (fold $peers p
    (par
      (call p ("s" "ping") [] $pongs)
      (next p))))`,
    services: { 's.ping': (a, ctx) => `pong-${ctx.peer}` },
    steps: [
      { peer: 'I' },
      { peer: 'C', data: 'I#1' },
      { peer: 'C', results: 'pending' },
      { peer: 'I', data: 'C#2' },
    ],
    expect: {
      'I#1': { trace: 'ap(0) ap(0) ap(0) fold{0:[4,2|10,0], 1:[6,2|10,0], 2:[8,2|10,0]} par(1,4) sent(I) par(1,2) sent(I) par(1,0) sent(I)', next: ['B', 'C', 'D'] },
      'C#1': { trace: 'ap(0) ap(0) ap(0) fold{0:[4,2|10,0], 1:[6,2|10,0], 2:[8,2|10,0]} par(1,4) sent(I) par(1,2) sent(C#1) par(1,0) sent(I)', req: [1] },
      'C#2': { trace: 'ap(0) ap(0) ap(0) fold{0:[4,2|10,0], 1:[6,2|10,0], 2:[8,2|10,0]} par(1,4) sent(I) par(1,2) sval("pong-C",0) par(1,0) sent(I)' },
      'I#2': { trace: 'ap(0) ap(0) ap(0) fold{0:[4,2|10,0], 1:[6,2|10,0], 2:[8,2|10,0]} par(1,4) sent(I) par(1,2) sval("pong-C",0) par(1,0) sent(I)' },
    },
  },
  {
    name: 'E16-fold-without-last-never-completes',
    description: 'E16: a fold over two aps whose iterations wait on calls; without a last instruction "after" never runs',
    peers: ['A'],
    init: 'A',
    air: E16_AIR(null),
    services: { 's.f': null, 's.after': null },
    expect: {
      'A#1': { trace: 'ap(0) ap(0) fold{0:[3,1|4,0]} sent(A#1)', req: [1] },
      'A#2': { trace: 'ap(0) ap(0) fold{0:[3,1|5,0], 1:[4,1|5,0]} unused(*) sent(A#2)', req: [2] },
      'A#3': { trace: 'ap(0) ap(0) fold{0:[3,1|5,0], 1:[4,1|5,0]} unused(*) unused(*)', req: [] },
    },
  },
  {
    name: 'E16-fold-with-null-last-completes',
    description: 'E16 with (null) as last instruction: once both iterations finish, "after" is requested',
    peers: ['A'],
    init: 'A',
    air: E16_AIR('(null)'),
    services: { 's.f': null, 's.after': null },
    expect: {
      'A#2': { trace: 'ap(0) ap(0) fold{0:[3,1|5,0], 1:[4,1|5,0]} unused(*) sent(A#2)', req: [2] },
      'A#3': { trace: 'ap(0) ap(0) fold{0:[3,1|5,0], 1:[4,1|5,0]} unused(*) unused(*) sent(A#3)', req: [3] },
    },
  },
  {
    name: 'E17-stream-map-canon-map',
    description: 'E17: three pairs in a stream map, canon map and canon map to scalar on A, read on B',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (seq
    (ap ("k" "v1") %m)
    (seq (ap ("j" "w") %m) (ap ("k" "v2") %m)))
  (seq
    (canon "$A$" %m #%c)
    (seq
      (canon "$A$" %m first)
      (call "$B$" ("s" "show") [#%c.$.k first]))))`,
    services: { 's.show': null },
    expect: {
      'A#1': {
        trace: 'ap(0) ap(0) ap(0) canon[{"key":"k","value":"v1"},{"key":"j","value":"w"},{"key":"k","value":"v2"}]@A canon[{"j":"w","k":"v1"}]@A sent(A)',
        next: ['B'],
      },
      'B#1': { req: [1], args: { 1: [['v1', 'v2'], { j: 'w', k: 'v1' }] } },
    },
  },
];
