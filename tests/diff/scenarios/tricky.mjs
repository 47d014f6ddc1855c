// The conformance cases of language.md section 6.2-6.5 (cases 17-56), one scenario each (or a
// few where the case lists variants). A plays P (the current peer) and is the init peer unless
// the case needs another init peer; `expect` holds what the case says. At the end, quirks of the
// original found by the corpus runs (a stale :error: after a par-absorbed failure).
const join17 = (name, inner, description) => ({
  name: `lang-17-join-no-xor-${name}`,
  description,
  peers: ['A', 'B'],
  init: 'A',
  air: `(par (call "$B$" ("" "") [] v) (xor ${inner} (call "$A$" ("" "") [])))`,
  services: { '.': 1 },
  expect: { 'A#1': { ret: 0, trace: 'par(1,0) sent(A)', req: [], next: ['B'] } },
});

export default [
  join17('match', '(match v 1 (null))', 'lang 6.2-17: a match waiting on v (set on B) does not trigger the xor; once v arrives the match runs'),
  join17('ap-scalar', '(ap v x)', 'lang 6.2-17: an ap of a value not yet there waits instead of failing'),
  join17('ap-stream', '(ap v $s)', 'lang 6.2-17: an ap to a stream of a value not yet there waits'),
  join17('fold', '(fold v i (null))', 'lang 6.2-17: a scalar fold over a value not yet there waits'),
  {
    name: 'lang-18-local-waits-remote-forwards',
    description: 'lang 6.2-18: a local call whose argument is not ready records nothing; the xor right branch is not run',
    peers: ['A', 'B'],
    init: 'A',
    air: '(xor (par (call "$B$" ("s" "f") [] x) (call "$A$" ("s" "f") [x] r)) (call "$A$" ("s" "g") []))',
    services: { 's.f': (args) => args.length, 's.g': null },
    expect: { 'A#1': { trace: 'par(1,0) sent(A)', req: [], next: ['B'] } },
  },
  {
    name: 'lang-18-remote-forwarded-unready',
    description: 'lang 6.2-18: a call to another peer is forwarded at once although its argument x is not set',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: '(xor (par (call "$B$" ("s" "f") [] x) (call "$C$" ("s" "f") [x] r)) (call "$A$" ("s" "g") []))',
    services: { 's.f': (args) => args.length, 's.g': null },
    expect: { 'A#1': { trace: 'par(1,1) sent(A) sent(A)', req: [], next: ['B', 'C'] } },
  },
  {
    name: 'lang-19-lens-error-before-send',
    description: 'lang 6.2-19: a lens error on an argument is raised before the relay call is sent; the xor handler runs',
    peers: ['A', 'R'],
    init: 'A',
    air: '(xor (seq (call "$A$" ("get" "s") [] s) (call "$R$" ("op" "id") [s.$.field] r)) (call "$A$" ("err" "") ["caught"]))',
    services: { 'get.s': [], 'err.': null },
    expect: { 'A#2': { ret: 0, trace: 'val([]) sent(A#2)', next: [], req: [2], args: { 2: ['caught'] } } },
  },
  {
    name: 'lang-20-lens-missing-field',
    description: 'lang 6.2-20: a missing field is an immediate 10007, not a wait',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] v) (call "$A$" ("" "") [v.$.b]))',
    services: { 's.v': { a: 1 } },
    expect: { 'A#2': { ret: 10007, msg: `value '{"a":1}' does not contain element with field name = 'b'` } },
  },
  {
    name: 'lang-20-lens-index-out-of-range',
    description: 'lang 6.2-20: an index past the end of an array is 10007',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "v") [] arr) (call "$A$" ("" "") [arr.$.[5]]))',
    services: { 's.v': [1, 2, 3, 4, 5] },
    expect: { 'A#2': { ret: 10007, msg: `value '[1,2,3,4,5]' does not contain element for idx = '5'` } },
  },
  {
    name: 'lang-21-non-string-triplet-scalar',
    description: 'lang 6.2-21: a call peer that is a number: 10011 naming the variable',
    peers: ['A'],
    init: 'A',
    air: '(seq (ap 42 v) (call v ("" "") [] o))',
    services: {},
    expect: { 'A#1': { ret: 10011, msg: "call cannot resolve non-String triplet variable part `v` with value '42'" } },
  },
  {
    name: 'lang-21-non-string-triplet-canon',
    description: 'lang 6.2-21: a call peer taken from a canon element that is a number: 10011 naming #$c',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap 42 $s) (canon "$A$" $s #$c)) (call #$c.$.[0] ("" "") [] o))',
    services: {},
    expect: { 'A#1': { ret: 10011, msg: 'variable part `#$c`' } },
  },
  {
    name: 'lang-22-service-failure-object',
    description: 'lang 6.2-22: the log call receives the failed call\'s error object through %last_error%',
    peers: ['A'],
    init: 'A',
    air: '(xor (call "$A$" ("svc" "f") [] r) (call "$A$" ("log" "") [%last_error%]))',
    services: { 'svc.f': { error: { ret_code: 1, result: '"boom"' } }, 'log.': null },
    expect: {
      'A#2': {
        req: [2],
        args: {
          2: [{ error_code: 10000, instruction: 'call "$A$" ("svc" "f") [] r', message: `Local service error, ret_code is 1, error message is '"boom"'`, peer_id: '$A$' }],
        },
      },
    },
  },
  {
    name: 'lang-22-service-failure-no-output',
    description: 'lang 6.2-22: the instruction text of a call without output ends with "] "',
    peers: ['A'],
    init: 'A',
    air: '(xor (call "$A$" ("svc" "f") []) (call "$A$" ("log" "") [%last_error%.$.instruction]))',
    services: { 'svc.f': { error: { ret_code: 1, result: '"boom"' } }, 'log.': null },
    expect: { 'A#2': { args: { 2: ['call "$A$" ("svc" "f") [] '] } } },
  },
  {
    name: 'lang-23-failure-replay-keeps-peer',
    description: 'lang 6.2-23: B\'s failure replayed on C gives an error object whose peer_id is B',
    peers: ['A', 'B', 'C'],
    init: 'A',
    air: '(xor (call "$B$" ("svc" "") [""]) (call "$C$" ("" "") [%last_error%]))',
    services: { 'svc.': { error: { ret_code: 3, result: '"down"' } }, '.': null },
    expect: { 'C#1': { req: [1], args: { 1: [{ error_code: 10000, instruction: 'call "$B$" ("svc" "") [""] ', message: `Local service error, ret_code is 3, error message is '"down"'`, peer_id: '$B$' }] } } },
  },
  {
    name: 'lang-24-match-int-float-string',
    description: 'lang 6.2-24: 1.0 does not match 1 and "1" does not match 1',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq (ap 1.0 x) (xor (match x 1 (ap "eq" r)) (ap "ne" r)))
  (seq
    (xor (match "1" 1 (ap "eq" r2)) (ap "ne" r2))
    (call "$A$" ("s" "f") [r r2])))`,
    services: { 's.f': null },
    expect: { 'A#1': { req: [1], args: { 1: ['ne', 'ne'] } } },
  },
  {
    name: 'lang-25-empty-array-literal',
    description: 'lang 6.2-25: [] as an argument, as a fold iterable (nothing happens) and as a match operand',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (call "$A$" ("" "") [[]] r)
  (seq
    (fold [] i (call "$A$" ("never" "") [i]))
    (xor (match r [] (call "$A$" ("s" "empty") [r])) (call "$A$" ("s" "other") []))))`,
    services: { '.': [], 's.empty': null },
    expect: { 'A#1': { req: [1], args: { 1: [[]] } }, 'A#2': { req: [2], args: { 2: [[]] } } },
  },
  {
    name: 'lang-26-fail-literal',
    description: 'lang 6.3-26: (fail 1337 "error message") re-thrown by (fail %last_error%) reaches the top as 10006',
    peers: ['A'],
    init: 'A',
    air: '(xor (fail 1337 "error message") (fail %last_error%))',
    services: {},
    expect: {
      'A#1': {
        ret: 10006,
        msg: `fail with '{"error_code":1337,"instruction":"fail 1337 \\"error message\\"","message":"error message","peer_id":"`,
      },
    },
  },
  {
    name: 'lang-27-fail-error-rethrows-service',
    description: 'lang 6.3-27: (fail :error:) re-throws a service error: 10000 at the top, not 10006',
    peers: ['A'],
    init: 'A',
    air: '(xor (call "$A$" ("svc" "f") [] r) (fail :error:))',
    services: { 'svc.f': { error: { ret_code: 1, result: '"x"' } } },
    expect: { 'A#2': { ret: 10000, msg: `Local service error, ret_code is 1, error message is '"x"'` } },
  },
  {
    name: 'lang-27-fail-error-rethrows-match',
    description: 'lang 6.3-27: (fail :error:) after a failed match gives 10001 at the top',
    peers: ['A'],
    init: 'A',
    air: '(xor (match 1 2 (null)) (fail :error:))',
    services: {},
    expect: { 'A#1': { ret: 10001, msg: 'compared values do not match' } },
  },
  {
    name: 'lang-28-fail-error-no-error',
    description: 'lang 6.3-28: (fail :error:) with no error caught: 10008, error code zero',
    peers: ['A'],
    init: 'A',
    air: '(fail :error:)',
    services: {},
    expect: { 'A#1': { ret: 10008, msg: 'error code must be non-zero, but it is zero' } },
  },
  {
    name: 'lang-28-fail-last-error-no-error',
    description: 'lang 6.3-28: (fail %last_error%) before any error: 10008',
    peers: ['A'],
    init: 'A',
    air: '(fail %last_error%)',
    services: {},
    expect: { 'A#1': { ret: 10008, msg: 'error code must be non-zero, but it is zero' } },
  },
  ...[
    ['missing-message', { error_code: 1337 }, 10008, `scalar '{"error_code":1337}' must have field with name 'message'`],
    ['not-object', [], 10008, "scalar should have an object type to be converted into error object, but '[]' doesn't have"],
    ['code-not-integer', { error_code: 'e', message: 'm' }, 10008, 'error_code of scalar'],
    ['message-not-string', { error_code: 5, message: 1 }, 10008, 'message of scalar'],
    ['code-zero', { error_code: 0, message: 'm' }, 10008, 'error code must be non-zero'],
    ['valid-extra-fields', { error_code: 77, message: 'custom', extra: [1] }, 10006, `fail with '{"error_code":77,"extra":[1],"message":"custom"}' is used without corresponding xor`],
  ].map(([tag, obj, ret, msg]) => ({
    name: `lang-29-fail-object-${tag}`,
    description: `lang 6.3-29: (fail x) with x = ${JSON.stringify(obj)}: ${ret}`,
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "obj") [] x) (fail x))',
    services: { 's.obj': { ok: obj } },
    expect: { 'A#2': { ret, msg } },
  })),
  {
    name: 'lang-29-fail-canon-lens',
    description: 'language 2.2: (fail #$c.$.[0]) throws the canon element, a valid error object',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (call "$A$" ("s" "obj") [] $e) (canon "$A$" $e #$c)) (xor (fail #$c.$.[0]) (call "$A$" ("s" "log") [%last_error% :error:])))',
    services: { 's.obj': { error_code: 9, message: 'from canon' }, 's.log': null },
  },
  {
    name: 'lang-29-fail-scalar-lens',
    description: 'language 2.2: (fail x.$.err) throws a lens result, a valid error object; %last_error% then holds it',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "obj") [] x) (xor (fail x.$.err) (call "$A$" ("s" "log") [%last_error% :error:.$.error_code])))',
    services: { 's.obj': { err: { error_code: 12, message: 'from a lens' } }, 's.log': null },
  },
  {
    name: 'lang-30-error-inside-and-after-xor',
    description: 'lang 6.3-30: :error: inside the handler describes the match error (no peer_id); after the xor it is the no-error object',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (xor (xor (match 1 2 (null)) (fail :error:))
       (call "$A$" ("m" "f1") [:error:] e1))
  (call "$A$" ("m" "f2") [:error:] e2))`,
    services: { 'm.f1': 1, 'm.f2': 2 },
    expect: {
      'A#1': { req: [1], args: { 1: [{ error_code: 10001, instruction: 'match 1 2', message: 'compared values do not match' }] } },
      'A#2': { req: [2], args: { 2: [{ error_code: 0, message: '' }] } },
    },
  },
  {
    name: 'lang-30-error-handler-fails-again',
    description: 'lang 6.3-30: when the inner handler itself fails with (match 3 2), the outer handler sees "match 3 2"',
    peers: ['A'],
    init: 'A',
    air: `
(xor (xor (match 1 2 (null)) (match 3 2 (null)))
     (call "$A$" ("m" "f1") [:error:] e1))`,
    services: { 'm.f1': 1 },
    expect: { 'A#1': { args: { 1: [{ error_code: 10001, instruction: 'match 3 2', message: 'compared values do not match' }] } } },
  },
  ...[
    ['last-error-code', '%last_error%.$.error_code', 0, [0]],
    ['error-code', ':error:.$.error_code', 0, [10001]],
    ['last-error-instruction', '%last_error%.$.instruction', 10007, null],
    ['last-error-length', '%last_error%.length', 10010, null],
  ].map(([tag, arg, ret, args]) => ({
    name: `lang-31-match-failure-${tag}`,
    description: `lang 6.3-31: after a failed match, ${arg} ${args ? `is ${JSON.stringify(args[0])}` : `fails with ${ret}`}`,
    peers: ['A'],
    init: 'A',
    air: `(xor (match 1 2 (null)) (call "$A$" ("t" "f") [${arg}]))`,
    services: { 't.f': null },
    expect: { 'A#1': args ? { ret, args: { 1: args } } : { ret } },
  })),
  {
    name: 'lang-32-par-absorbs-one-failure',
    description: 'lang 6.3-32: one failing par branch on F is absorbed; L receives its error object',
    peers: ['A', 'F', 'L'],
    init: 'A',
    air: '(seq (par (call "$F$" ("fallible" "") [""]) (call "$F$" ("ok" "") [""])) (call "$L$" ("" "") [%last_error%]))',
    services: { 'fallible.': { error: { ret_code: 2, result: '"fell"' } }, 'ok.': 'fine', '.': null },
    expect: { 'L#1': { req: [1], args: { 1: [{ error_code: 10000, instruction: 'call "$F$" ("fallible" "") [""] ', message: `Local service error, ret_code is 2, error message is '"fell"'`, peer_id: '$F$' }] } } },
  },
  {
    name: 'lang-33-par-two-failures',
    description: 'lang 6.3-33: both par branches fail: the xor catches the right error, but %last_error% and :error: both describe the left one',
    peers: ['A'],
    init: 'A',
    air: '(xor (par (call "$A$" ("s" "a") []) (call "$A$" ("s" "b") [])) (call "$A$" ("log" "") [%last_error%.$.instruction :error:.$.instruction]))',
    services: { 's.a': { error: { ret_code: 1, result: '"a"' } }, 's.b': { error: { ret_code: 1, result: '"b"' } }, 'log.': null },
    expect: { 'A#2': { req: [3], args: { 3: ['call "$A$" ("s" "a") [] ', 'call "$A$" ("s" "a") [] '] } } },
  },
  {
    name: 'lang-34-stream-fold-swallows-errors',
    description: 'lang 6.3-34: a failing call inside a stream fold does not escape it; the xor handler never runs',
    peers: ['A'],
    init: 'A',
    air: '(xor (seq (ap 1 $s) (fold $s i (seq (call "$A$" ("s" "may_fail") [] v) (next i)))) (call "$A$" ("h" "") []))',
    services: { 's.may_fail': { error: { ret_code: 1, result: '"no"' } }, 'h.': null },
    expect: { 'A#2': { ret: 0, req: [] } },
  },
  {
    name: 'lang-35-global-shadowing-uncatchable',
    description: 'lang 6.3-35: the second call writing r (to another peer) is uncatchable 20007; prev data returned',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (call "$A$" ("" "") ["v"] r) (xor (call "$B$" ("" "") [""] r) (call "$B$" ("" "") ["fallback"] r2)))',
    services: { '.': (args) => args[0] },
    expect: {
      'A#2': { ret: 20007, msg: "trying to shadow variable 'r', but shadowing is allowed only inside fold blocks", trace: 'sent(A#1)', next: [] },
    },
  },
  {
    name: 'lang-36-unsupported-map-key',
    description: 'lang 6.3-36: an object as a stream map key: 10012',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("s" "x") [] x) (ap (x.$.a "v") %map))',
    services: { 's.x': { a: { b: 1 } } },
    expect: { 'A#2': { ret: 10012, msg: "unsupported type for %map map's key" } },
  },
  {
    name: 'lang-37-scalar-fold-order-around-next',
    description: 'lang 6.4-37: calls before next run in element order, those after it in reverse, each seeing its iteration\'s v',
    peers: ['A', 'B'],
    init: 'A',
    air: `
(seq
  (call "$A$" ("s" "arr") [] arr)
  (fold arr i (seq (call "$A$" ("s" "v") [] v) (seq (next i) (call "$B$" ("s" "use") [v])))))`,
    services: { 's.arr': [1, 2, 3], 's.v': (a, ctx) => ctx.callIndex, 's.use': null },
  },
  ...[
    ['no-last', '', false],
    ['never-last', ' (never)', false],
    ['null-last', ' (null)', true],
  ].map(([tag, last, runs]) => ({
    name: `lang-38-stream-fold-${tag}`,
    description: `lang 6.4-38: a stream fold ${last ? `with${last} as last instruction` : 'without last instruction'}: the final call ${runs ? 'runs' : 'never runs'}`,
    peers: ['A'],
    init: 'A',
    air: `(seq (call "$A$" ("s" "one") [] $s) (seq (fold $s i (seq (call "$A$" ("s" "t") [i] $t) (next i))${last}) (call "$A$" ("s" "final") [])))`,
    services: { 's.one': 'x', 's.t': (args) => args[0], 's.final': null },
    expect: runs ? { 'A#3': { req: [3] } } : { 'A#3': { req: [] }, last: { req: [] } },
  })),
  {
    name: 'lang-39-last-sees-last-element',
    description: 'lang 6.4-39: the last instruction runs with the iterator bound to the last element: calls with 1, 2, 2',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap 1 $s) (ap 2 $s)) (fold $s i (seq (call "$A$" ("" "") [i] $t) (next i)) (call "$A$" ("" "") [i] $t)))',
    services: { '.': (args) => args[0] },
  },
  {
    name: 'lang-40-empty-iterable-skips-last',
    description: 'lang 6.4-40: a fold over [] does not run its last instruction and counts as complete',
    peers: ['A'],
    init: 'A',
    air: '(seq (fold [] i (null) (call "$A$" ("a" "") [])) (call "$A$" ("b" "") []))',
    services: { 'b.': null },
    expect: { 'A#1': { req: [1] } },
  },
  {
    name: 'lang-41-fold-never-written-stream-waits',
    description: 'lang 6.4-41: a fold over a stream nobody wrote yet records nothing and waits',
    peers: ['A', 'B'],
    init: 'A',
    air: '(par (call "$B$" ("" "") [] $s) (fold $s i (seq (call "$A$" ("" "") [i] $t) (next i))))',
    services: { '.': (args) => args[0] ?? 'b' },
    expect: { 'A#1': { trace: 'par(1,0) sent(A)', req: [] } },
  },
  {
    name: 'lang-42-recursive-stream-limit',
    description: 'lang 6.4-42: a fold feeding its own stream stops at the stream size limit: 20013',
    peers: ['A'],
    init: 'A',
    air: '(seq (ap 42 $s) (fold $s i (seq (ap i $s) (next i))))',
    services: {},
    expect: { 'A#1': { ret: 20013, msg: 'stream size goes over the allowed limit of 1024' } },
  },
  {
    name: 'lang-43-recursive-stream-termination',
    description: 'lang 6.4-43: a recursive stream fed while a service says "non_stop", ending when it says "stop"',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (ap 0 $s)
  (fold $s i
    (seq
      (call "$A$" ("s" "decide") [i] v)
      (xor (match v "stop" (null)) (seq (ap v $s) (next i))))))`,
    services: { 's.decide': (args, ctx) => (ctx.callIndex < 3 ? 'non_stop' : 'stop') },
  },
  {
    name: 'lang-44-canon-never-waits',
    description: 'lang 6.4-44: canon of a stream that is still empty records an empty canon; B later gets []',
    peers: ['A', 'B', 'U'],
    init: 'A',
    air: '(seq (par (call "$U$" ("" "") [] $s) (canon "$A$" $s #c)) (call "$B$" ("s" "f") [#c]))',
    services: { '.': 1, 's.f': null },
    expect: { 'A#1': { trace: 'par(1,1) sent(A) canon[]@A sent(A)' }, 'B#1': { args: { 1: [[]] } } },
  },
  {
    name: 'lang-45-nested-new-streams',
    description: 'lang 6.4-45: the call writes the inner $s of a nested new; the canon sees the outer, empty one',
    peers: ['A'],
    init: 'A',
    air: '(new $s (seq (new $s (call "$A$" ("" "") ["t"] $s)) (seq (canon "$A$" $s #c) (call "$A$" ("" "") [#c]))))',
    services: { '.': (args) => args[0] },
    expect: { 'A#2': { args: { 2: [[]] } } },
  },
  {
    name: 'lang-46-new-scalar',
    description: 'lang 6.4-46: inside new x R receives "scoped", after it "global"',
    peers: ['A', 'S', 'R'],
    init: 'A',
    air: `
(seq
  (call "$S$" ("" "") ["global"] x)
  (seq
    (new x (seq (call "$S$" ("" "") ["scoped"] x) (call "$R$" ("" "") [x])))
    (call "$R$" ("" "") [x])))`,
    services: { '.': (args) => args[0] ?? null },
  },
  {
    name: 'lang-46-new-scalar-read-before-write',
    description: 'lang 6.4-46: reading x inside new x before writing it: catchable 10009 (no wait)',
    peers: ['A'],
    init: 'A',
    air: '(seq (call "$A$" ("" "") ["global"] x) (new x (xor (call "$A$" ("" "") [x]) (call "$A$" ("log" "") [%last_error%.$.error_code]))))',
    services: { '.': (args) => args[0], 'log.': null },
    expect: { 'A#2': { req: [2], args: { 2: [10009] } } },
  },
  {
    name: 'lang-47-canon-unset-stream-in-new',
    description: 'lang 6.4-47: a canon of a stream restricted by new but never written, used after the new',
    peers: ['A'],
    init: 'A',
    air: '(seq (new $st (canon "$A$" $st #st)) (call "$A$" ("op" "len") [#st] n))',
    services: { 'op.len': (args) => args[0].length },
    expect: { 'A#1': { args: { 1: [[]] } } },
  },
  {
    name: 'lang-48-canon-map-indexing',
    description: 'lang 6.5-48: #%m.$.[42], .key, a missing key with a trailing path and an element, with their tetraplets',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (seq (ap (42 "v2") %m) (ap ("key" 43) %m))
    (seq (ap (42 "v1") %m) (canon "$A$" %m #%m)))
  (call "$A$" ("s" "f") [#%m.$.[42] #%m.$.key #%m.$.[43].[2].some #%m.$.[42].[0]]))`,
    services: { 's.f': null },
    expect: { 'A#1': { args: { 1: [['v2', 'v1'], [43], [], 'v2'] } } },
  },
  {
    name: 'lang-49-typed-map-keys',
    description: 'lang 6.5-49: string key "42" is not integer key 42',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap ("42" "s") %m) (canon "$A$" %m #%m)) (call "$A$" ("s" "f") [#%m.$.[42] #%m]))',
    services: { 's.f': null },
    expect: { 'A#1': { args: { 1: [[], { 42: ['s'] }] } } },
  },
  {
    name: 'lang-50-canon-map-to-scalar',
    description: 'lang 6.5-50: (canon P %m s) keeps the first value per key',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq
    (seq (ap ("k" "v1") %m) (ap ("k" "v2") %m))
    (seq (ap (42 "v3") %m) (seq (ap (42 "v4") %m) (seq (ap (-42 "v5") %m) (ap (-42 "v6") %m)))))
  (seq (canon "$A$" %m s) (call "$A$" ("s" "f") [s])))`,
    services: { 's.f': null },
    expect: { 'A#1': { args: { 1: [{ '-42': 'v5', 42: 'v3', k: 'v1' }] } } },
  },
  {
    name: 'lang-51-canon-map-argument',
    description: 'lang 6.5-51: a whole canon map as a call argument: key strings to arrays',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap ("key" "value1") %m) (ap (-42 "value2") %m)) (seq (canon "$A$" %m #%m) (call "$A$" ("s" "f") [#%m])))',
    services: { 's.f': null },
    expect: { 'A#1': { args: { 1: [{ '-42': ['value2'], key: ['value1'] }] } } },
  },
  {
    name: 'lang-52-canon-map-key-iterator',
    description: 'lang 6.5-52: a fold iterator as canon map key is 10007, but works as a canon stream index',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (seq (seq (ap ("a" 1) %m) (canon "$A$" %m #%m)) (seq (ap "x" $s) (canon "$A$" $s #$c)))
  (seq
    (fold [] k (null))
    (seq
      (call "$A$" ("s" "arr") [] arr)
      (seq
        (fold arr k (seq (call "$A$" ("s" "ok") [#$c.$.[k]]) (next k)))
        (fold arr k (seq (call "$A$" ("s" "f") [#%m.$.[k]]) (next k)))))))`,
    services: { 's.arr': [0], 's.ok': null, 's.f': null },
    expect: { last: { ret: 10007, msg: 'canon stream map accessor must not be iterable' } },
  },
  {
    name: 'lang-53-canon-field-access',
    description: 'lang 6.5-53: a field accessor on a canon stream is 10007',
    peers: ['A'],
    init: 'A',
    air: '(seq (seq (ap 1 $s) (canon "$A$" $s #$c)) (call "$A$" ("s" "f") [#$c.$.x]))',
    services: {},
    expect: { 'A#1': { ret: 10007, msg: "field accessor (with field name = 'x') can't be applied to a stream" } },
  },
  {
    name: 'lang-53-empty-canon-index',
    description: 'lang 6.5-53: index 0 on an empty canon stream is 10007',
    peers: ['A'],
    init: 'A',
    air: '(seq (canon "$A$" $s #$c) (call "$A$" ("s" "f") [#$c.$.[0]]))',
    services: {},
    expect: { 'A#1': { ret: 10007, msg: "lambda is applied to a stream that have only '0' elements, but '0' requested" } },
  },
  {
    name: 'lang-54-fold-element-tetraplets',
    description: 'lang 6.5-54: fold over v.$.args: element k gets lens .$.args.$.[k]; the literal gets the init peer',
    peers: ['A', 'S', 'C'],
    init: 'A',
    air: '(seq (call "$S$" ("svc" "fn") [] v) (fold v.$.args i (seq (call "$C$" ("" "") [i "lit"]) (next i))))',
    services: { 'svc.fn': { args: [7, 8, 9] }, '.': null },
  },
  {
    name: 'lang-54-canon-element-tetraplets',
    description: 'lang 6.5-54: over a canon stream each element keeps its own tetraplet (.$.field from the ap)',
    peers: ['A', 'S'],
    init: 'A',
    air: `
(seq
  (seq (call "$S$" ("svc" "fn") [] v) (ap v.$.field $s))
  (seq (canon "$A$" $s #c) (fold #c i (seq (call "$A$" ("s" "t") [i v]) (next i)))))`,
    services: { 'svc.fn': { field: 'f' }, 's.t': null },
  },
  {
    name: 'lang-55-functor-tetraplet',
    description: 'lang 6.5-55: (ap f.length n) passes 3 with the tetraplet ("","","",".length")',
    peers: ['A', 'S', 'C'],
    init: 'A',
    air: '(seq (call "$S$" ("" "") [] sc) (seq (ap sc.$.field f) (seq (ap f.length n) (call "$C$" ("" "") [n]))))',
    services: { '.': (args, ctx) => (ctx.peer === 'S' ? { field: [1, 2, 3] } : null) },
    expect: { 'C#1': { args: { 1: [3] } } },
  },
  {
    name: 'lang-56-error-object-tetraplets',
    description: 'lang 6.5-56: %last_error% carries the failed call\'s tetraplet, after fail the literal one, before any error the literal one',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (call "$A$" ("s" "before") [%last_error%])
  (seq
    (xor (call "$A$" ("svc" "bad") []) (call "$A$" ("s" "after-call") [%last_error%]))
    (xor (fail 1337 "m") (call "$A$" ("s" "after-fail") [%last_error%]))))`,
    services: { 's.before': null, 'svc.bad': { error: { ret_code: 4, result: '"bad"' } }, 's.after-call': null, 's.after-fail': null },
  },

  {
    name: 'quirk-stale-error-after-par-branch-change',
    description: 'a par-absorbed failure delivered now leaves a stale :error:, so (match :error:.$.error_code 10001 ...) takes the other branch than on the first run and meets its state: 20000 (the corpus shape of Aqua if/else with tracing)',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (par (call "$A$" ("t" "trace") []) (null))
  (xor
    (match 1 2 (null))
    (xor
      (match :error:.$.error_code 10001 (seq (ap "else" $s) (call "$A$" ("s" "else") [] e)))
      (call "$A$" ("s" "handler") [:error:]))))`,
    services: { 't.trace': { error: { ret_code: 1, result: '"trace down"' } }, 's.else': 'else', 's.handler': null },
  },
  {
    name: 'quirk-stale-error-result-to-other-call',
    description: 'the same shape where the other branch is a call: the pending request of the first branch is answered into the handler call',
    peers: ['A'],
    init: 'A',
    air: `
(seq
  (par (call "$A$" ("t" "trace") []) (null))
  (xor
    (match 1 2 (null))
    (xor
      (match :error:.$.error_code 10001 (call "$A$" ("s" "else") [] e))
      (call "$A$" ("s" "handler") [:error:]))))`,
    services: { 't.trace': { error: { ret_code: 1, result: '"trace down"' } }, 's.else': 'else', 's.handler': null },
  },
];
