// Multi-peer shapes that Aqua compiler output produces: getDataSrv arguments, relay hops through
// `(new $-hop- (new #-hopc- (canon <peer> $-hop- #-hopc-)))`, xor wrapping with errorHandlingSrv,
// fan-out over a fold with a canon join on the result count, par + never races, timeouts, and
// `(seq (call -relay- ("op" "noop") []) (xor ...))` error paths.
const hop = (peer) => `(new $-hop- (new #-hopc- (canon ${peer} $-hop- #-hopc-)))`;

const ROUNDTRIP = `
(xor
 (seq
  (seq
   (seq
    (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
    (call %init_peer_id% ("getDataSrv" "target") [] target))
   (xor
    (seq
     (seq ${hop('-relay-')} (call target ("svc" "work") ["job"] res))
     ${hop('-relay-')})
    (seq
     (seq ${hop('-relay-')} ${hop('%init_peer_id%')})
     (fail :error:))))
  (call %init_peer_id% ("callbackSrv" "response") [res]))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))`;

const FANOUT = (n) => `
(xor
 (seq
  (seq
   (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
   (call %init_peer_id% ("getDataSrv" "peers") [] peers))
  (seq
   (new $res
    (seq
     (seq
      (fold peers p
       (par
        (xor
         (seq
          (seq ${hop('-relay-')} (call p ("op" "identity") [p] r))
          (seq (ap r $res) ${hop('-relay-')}))
         (null))
        (next p)))
      (new $res_test
       (seq
        (fold $res s
         (seq
          (seq (ap s $res_test) (canon %init_peer_id% $res_test #res_iter))
          (xor (match #res_iter.length ${n} (null)) (next s)))
         (never))
        (canon %init_peer_id% $res_test #res_result))))
     (canon %init_peer_id% $res #res_c)))
   (call %init_peer_id% ("callbackSrv" "response") [#res_result])))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))`;

const RACE = `
(xor
 (seq
  (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
  (seq
   (new $status
    (seq
     (par
      (seq
       (call -relay- ("op" "noop") [])
       (xor (seq (call "$B$" ("svc" "slow") [] r) (ap r $status)) (ap "error" $status)))
      (seq (call %init_peer_id% ("peer" "timeout") [1000 "timeout"] t) (ap t $status)))
     (new $status_test
      (seq
       (fold $status s
        (seq
         (seq (ap s $status_test) (canon %init_peer_id% $status_test #status_iter))
         (xor (match #status_iter.length 1 (null)) (next s)))
        (never))
       (canon %init_peer_id% $status_test #status_result)))))
   (call %init_peer_id% ("callbackSrv" "response") [#status_result.$.[0]])))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))`;

const NOOP_PATH = `
(xor
 (seq
  (seq
   (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
   (call -relay- ("op" "noop") []))
  (xor
   (seq (call "$B$" ("svc" "get") [] v) (seq (call -relay- ("op" "noop") []) (call %init_peer_id% ("callbackSrv" "response") [v])))
   (seq (call -relay- ("op" "noop") []) (seq (call %init_peer_id% ("op" "noop") []) (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 1])))))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 2]))`;

const base = {
  'getDataSrv.-relay-': '$R$',
  'callbackSrv.response': null,
  'errorHandlingSrv.error': null,
  'op.noop': null,
  'op.identity': (args) => args[0],
};

export default [
  {
    name: 'aqua-relay-roundtrip',
    description: 'client A -> relay R -> B (service call) -> R -> A with canon hops, then callbackSrv',
    peers: ['A', 'R', 'B'],
    init: 'A',
    air: ROUNDTRIP,
    services: { ...base, 'getDataSrv.target': '$B$', 'svc.work': (args) => `${args[0]} done` },
  },
  {
    name: 'aqua-relay-error-report',
    description: 'the remote call fails on B: the error hops back through R to A, (fail :error:) reaches errorHandlingSrv',
    peers: ['A', 'R', 'B'],
    init: 'A',
    air: ROUNDTRIP,
    services: { ...base, 'getDataSrv.target': '$B$', 'svc.work': { error: { ret_code: 1, result: '"work failed"' } } },
  },
  {
    name: 'aqua-relay-target-is-relay',
    description: 'the target is the relay itself: hops and the call all on R',
    peers: ['A', 'R'],
    init: 'A',
    air: ROUNDTRIP,
    services: { ...base, 'getDataSrv.target': '$R$', 'svc.work': 'on relay' },
  },
  {
    name: 'aqua-fanout-join-3',
    description: 'fold over three peers with par, results into $res, joined on A when #res_iter.length is 3',
    peers: ['A', 'R', 'B', 'C', 'D'],
    init: 'A',
    air: FANOUT(3),
    services: { ...base, 'getDataSrv.peers': ['$B$', '$C$', '$D$'] },
  },
  {
    name: 'aqua-fanout-join-2-of-3',
    description: 'the same fan-out joined after 2 of 3 results: the callback fires with the first two',
    peers: ['A', 'R', 'B', 'C', 'D'],
    init: 'A',
    air: FANOUT(2),
    services: { ...base, 'getDataSrv.peers': ['$B$', '$C$', '$D$'] },
  },
  {
    name: 'aqua-fanout-one-peer-unreachable',
    description: 'one of the fan-out peers is not in the network: the join on 3 never completes',
    peers: ['A', 'R', 'B', 'C'],
    init: 'A',
    air: FANOUT(3),
    services: { ...base, 'getDataSrv.peers': ['$B$', '$C$', '12D3KooWNotInTheNetworkAtAll11111111111111111111'] },
  },
  {
    name: 'aqua-fanout-one-fails',
    description: 'one fan-out peer\'s call fails inside the per-peer xor (null): the join on 2 still completes',
    peers: ['A', 'R', 'B', 'C', 'D'],
    init: 'A',
    air: FANOUT(2),
    services: {
      ...base,
      'getDataSrv.peers': ['$B$', '$C$', '$D$'],
      'op.identity': (args, ctx) => (ctx.peer === 'C' ? { error: { ret_code: 1, result: '"no"' } } : args[0]),
    },
  },
  {
    name: 'aqua-race-timeout-wins',
    description: 'a par race between a remote call and a local timeout: the timeout answer arrives first and wins the join',
    peers: ['A', 'R', 'B'],
    init: 'A',
    air: RACE,
    services: { ...base, 'peer.timeout': (args) => args[1], 'svc.slow': 'slow result' },
  },
  {
    name: 'aqua-race-remote-wins',
    description: 'the same race where the remote answer reaches A before A answers its timeout',
    peers: ['A', 'R', 'B'],
    init: 'A',
    air: RACE,
    services: { ...base, 'peer.timeout': (args) => args[1], 'svc.slow': 'slow result' },
    steps: [
      { peer: 'A' },
      { peer: 'A', results: [1] },
      { peer: 'R', data: 'A' },
      { peer: 'R', results: 'pending' },
      { peer: 'B', data: 'R' },
      { peer: 'B', results: 'pending' },
      { peer: 'A', data: 'B' },
      { peer: 'A', results: 'pending' },
      { peer: 'A', results: 'pending' },
    ],
  },
  {
    name: 'aqua-par-never',
    description: '(par X (never)) as Aqua emits for co: the par completes through X alone',
    peers: ['A', 'B'],
    init: 'A',
    air: '(seq (par (seq (call "$B$" ("svc" "f") [] x) (call %init_peer_id% ("s" "got") [x])) (never)) (call %init_peer_id% ("callbackSrv" "response") [x]))',
    services: { ...base, 'svc.f': 'fx', 's.got': null },
  },
  {
    name: 'aqua-noop-path-success',
    description: '(seq (call -relay- ("op" "noop") []) (xor ...)): the remote get succeeds and the callback runs on A',
    peers: ['A', 'R', 'B'],
    init: 'A',
    air: NOOP_PATH,
    services: { ...base, 'svc.get': 'value' },
  },
  {
    name: 'aqua-noop-path-failure',
    description: 'the remote get fails: noop on the relay, (call %init_peer_id% ("op" "noop") []), errorHandlingSrv with code 1',
    peers: ['A', 'R', 'B'],
    init: 'A',
    air: NOOP_PATH,
    services: { ...base, 'svc.get': { error: { ret_code: 5, result: '"unavailable"' } } },
  },
  {
    name: 'aqua-option-some',
    description: 'an optional result: (xor (call ... $option) (null)) then canon: [value]',
    peers: ['A'],
    init: 'A',
    air: '(seq (new $option (seq (xor (call %init_peer_id% ("s" "maybe") [] $option) (null)) (canon %init_peer_id% $option #option))) (call %init_peer_id% ("callbackSrv" "response") [#option]))',
    services: { ...base, 's.maybe': 'present' },
  },
  {
    name: 'aqua-option-none',
    description: 'the optional call fails: the canon is empty and the callback gets []',
    peers: ['A'],
    init: 'A',
    air: '(seq (new $option (seq (xor (call %init_peer_id% ("s" "maybe") [] $option) (null)) (canon %init_peer_id% $option #option))) (call %init_peer_id% ("callbackSrv" "response") [#option]))',
    services: { ...base, 's.maybe': { error: { ret_code: 1, result: '"absent"' } } },
  },
  {
    name: 'aqua-two-relays',
    description: 'A -> R1 -> R2 -> B and back through both relays to A',
    peers: ['A', 'R', 'S', 'B'],
    init: 'A',
    air: `
(xor
 (seq
  (seq
   (seq (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-) (call %init_peer_id% ("getDataSrv" "other") [] other))
   (seq
    (seq (seq ${hop('-relay-')} ${hop('other')}) (call "$B$" ("svc" "work") [] res))
    (seq ${hop('other')} ${hop('-relay-')})))
  (call %init_peer_id% ("callbackSrv" "response") [res]))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))`,
    services: { ...base, 'getDataSrv.other': '$S$', 'svc.work': 'deep' },
  },
  {
    name: 'aqua-return-stream',
    description: 'a function returning a stream: values appended in a fold, canonicalized for the callback, with tracing calls',
    peers: ['A'],
    init: 'A',
    air: `
(seq
 (seq
  (call %init_peer_id% ("getDataSrv" "xs") [] xs)
  (call %init_peer_id% ("tracingSrv" "tracingEvent") ["f" "start"]))
 (new $out
  (seq
   (fold xs x (seq (call %init_peer_id% ("math" "double") [x] $out) (next x)))
   (seq (canon %init_peer_id% $out #out) (call %init_peer_id% ("callbackSrv" "response") [#out])))))`,
    services: { ...base, 'getDataSrv.xs': [1, 2, 3], 'tracingSrv.tracingEvent': null, 'math.double': (args) => args[0] * 2 },
  },
];
