// The peer side of the package: run parameters checked, the host loop (createPeer), the
// in-process network (createNetwork), a network mixing the original AquaVM and airvm peers.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { load, createPeer, createNetwork, KeyPairFormat } from '../../js/dist/index.js';
import { builtinServices } from '../../js/dist/services.js';
import { loadOriginal } from '../oracle/original.mjs';

const seed = (i) => new Uint8Array(32).fill(i + 1);
const EMPTY = new Uint8Array(0);

async function goodParams() {
  const vm = await load();
  const { peerId } = vm.peerId(seed(0));
  return {
    vm,
    peerId,
    params: { initPeerId: peerId, currentPeerId: peerId, timestamp: 1_700_000_000_000, ttl: 60_000, keyFormat: 0, secretKeyBytes: seed(0), particleId: 'p' },
  };
}

test('run parameters: every wrong field is a TypeError naming it; nothing is coerced', async () => {
  const { vm, params } = await goodParams();
  const bad = [
    [{ currentPeerId: undefined }, /runParams\.currentPeerId must be a string/],
    [{ initPeerId: 7 }, /runParams\.initPeerId must be a string/],
    [{ particleId: null }, /runParams\.particleId must be a string/],
    [{ timestamp: 1.5 }, /runParams\.timestamp must be an integer/],
    [{ timestamp: -1 }, /runParams\.timestamp/],
    [{ timestamp: '1700000000000' }, /runParams\.timestamp/],
    [{ timestamp: 2 ** 64 }, /runParams\.timestamp/],
    [{ ttl: 2 ** 32 + 5 }, /runParams\.ttl must be an integer from 0 to 2\^32-1/],
    [{ ttl: Number.NaN }, /runParams\.ttl/],
    [{ keyFormat: 7 }, /runParams\.keyFormat must be a known key format/],
    [{ keyFormat: '0' }, /runParams\.keyFormat/],
    [{ secretKeyBytes: seed(0).subarray(0, 31) }, /runParams\.secretKeyBytes must be 32 bytes.*got 31 bytes/],
    [{ secretKeyBytes: 'key' }, /runParams\.secretKeyBytes must be 32 bytes/],
    [{ secretKeyBytes: [...seed(0).subarray(0, 31), 256] }, /runParams\.secretKeyBytes/],
  ];
  for (const [patch, message] of bad) {
    assert.throws(() => vm.invoke('(null)', EMPTY, EMPTY, { ...params, ...patch }, []), (e) => e instanceof TypeError && message.test(e.message), JSON.stringify(patch));
  }
  assert.throws(() => vm.invoke('(null)', EMPTY, EMPTY, null, []), TypeError);
  // Accepted: the bounds themselves, a key as an array of bytes, the formats the original knows
  // (1 and 2 reach the interpreter, which refuses them with 6 as the original does).
  for (const patch of [{ ttl: 2 ** 32 - 1 }, { timestamp: 0 }, { secretKeyBytes: Array.from(seed(0)) }]) {
    assert.equal(vm.invoke('(null)', EMPTY, EMPTY, { ...params, ...patch }, []).retCode, 0, JSON.stringify(patch));
  }
  assert.equal(vm.invoke('(null)', EMPTY, EMPTY, { ...params, keyFormat: KeyPairFormat.Secp256k1 }, []).retCode, 6);
  assert.deepEqual(KeyPairFormat, { Ed25519: 0, Rsa: 1, Secp256k1: 2 });
});

test('host loop: services are called, results fed back, particles sent on; data kept per particle', async () => {
  const events = [];
  const a = await createPeer({
    secretKey: seed(0),
    services: {
      s: {
        sync: (args) => ({ got: args }),
        slow: async ([x], ctx) => {
          await new Promise((r) => setTimeout(r, 20));
          return { x, particle: ctx.particleId, fn: `${ctx.serviceId}.${ctx.functionName}`, peer: ctx.peerId, tet: ctx.tetraplets[0][0].function_name };
        },
      },
    },
    onEvent: (e) => events.push(e),
  });
  assert.equal(a.peerId, (await load()).peerId(seed(0)).peerId);
  const other = (await load()).peerId(seed(1)).peerId;
  const script = `(seq (par (call %init_peer_id% ("s" "sync") [1 "a"] x) (call %init_peer_id% ("s" "slow") [x] y)) (call "${other}" ("t" "u") [x y]))`;
  const particle = a.createParticle(script, { id: 'p-host' });
  assert.deepEqual([particle.initPeerId, particle.ttl, particle.data.length], [a.peerId, 7000, 0]);
  const out = await a.receive(particle);
  const invokes = events.filter((e) => e.type === 'invoke');
  assert.ok(invokes.every((e) => e.retCode === 0), JSON.stringify(invokes));
  // Round 1 asks for sync (slow waits for x), round 2 for slow, round 3 sends to the other peer.
  assert.deepEqual(invokes.map((e) => e.callRequests.map(([, r]) => r.functionName)), [['sync'], ['slow'], []]);
  assert.deepEqual(JSON.parse(invokes[2].callResults[0][1].result), { x: { got: [1, 'a'] }, particle: 'p-host', fn: 's.slow', peer: a.peerId, tet: 'sync' });
  assert.equal(out.length, 1);
  assert.equal(out[0].peerId, other);
  assert.equal(out[0].particle.id, 'p-host');
  // The par is done once x is set, so the particle leaves after round 2, with that round's
  // data; round 3 records y in what the peer keeps.
  assert.deepEqual(invokes.map((e) => e.nextPeerPks), [[], [other], []]);
  assert.ok(out[0].particle.data.length > 0 && out[0].particle.data.length < a.dataOf('p-host').length);
  const report = (await load()).inspectData(a.dataOf('p-host'), { particleId: 'p-host' });
  assert.equal(report.retCode, 0);
  assert.ok(report.verified, report.firstBad);
  a.forget('p-host');
  assert.equal(a.dataOf('p-host'), undefined);
});

test('host loop: a failing, missing, non-JSON or slow service is a failed call result, never a crash', async () => {
  const failures = [];
  let got;
  const circular = {};
  circular.self = circular;
  const peer = await createPeer({
    secretKey: seed(2),
    serviceTimeout: 50,
    services: {
      s: {
        throws: () => {
          throw new Error('boom');
        },
        rejects: async () => Promise.reject(new Error('later boom')),
        throwsString: () => {
          throw 'plain';
        },
        bigint: () => 10n,
        circular: () => circular,
        fn: () => () => 1,
        never: () => new Promise(() => {}),
        nothing: () => undefined,
      },
      t: { t: (args) => (got = args) },
    },
    onEvent: (e) => e.type === 'call-failed' && failures.push(e),
  });
  const names = ['throws', 'rejects', 'throwsString', 'bigint', 'circular', 'fn', 'never', 'nothing', 'missing'];
  const calls = names.map((n) => `(xor (call %init_peer_id% ("s" "${n}") [] r_${n}) (ap %last_error%.$.message r_${n}))`);
  const script = names.slice(1).reduce((acc, _, i) => `(seq ${acc} ${calls[i + 1]})`, calls[0]);
  const started = Date.now();
  const out = await peer.receive(peer.createParticle(`(seq ${script} (call %init_peer_id% ("t" "t") [${names.map((n) => `r_${n}`).join(' ')}]))`, { id: 'p-bad' }));
  assert.deepEqual(out, []);
  assert.ok(Date.now() - started < 5000, 'the never-answering service was ended by the timeout');
  const messages = Object.fromEntries(failures.map((f) => [f.functionName, f.message]));
  assert.equal(messages.throws, 'Service call failed. fnName="throws" serviceId="s" error: boom');
  assert.equal(messages.rejects, 'Service call failed. fnName="rejects" serviceId="s" error: later boom');
  assert.equal(messages.throwsString, 'Service call failed. fnName="throwsString" serviceId="s" error: plain');
  assert.match(messages.bigint, /error: .*BigInt/);
  assert.match(messages.circular, /error: .*circular/i);
  assert.match(messages.fn, /error: the result \(function\) is not JSON/);
  assert.match(messages.never, /error: the call s\.never timed out after 50 ms/);
  assert.equal(messages.missing, "No service found for service call: serviceId='s', fnName='missing' args='[]'");
  assert.equal(messages.nothing, undefined, 'undefined is the result null');
  assert.deepEqual(failures.map((f) => f.functionName).sort(), names.filter((n) => n !== 'nothing').sort());
  // The last call got every error message in place of the failed results, and null for undefined.
  assert.equal(got.length, names.length);
  names.forEach((n, i) => {
    if (n === 'nothing') assert.equal(got[i], null);
    else assert.equal(got[i], `Local service error, ret_code is 1, error message is '${JSON.stringify(messages[n])}'`, n);
  });
  assert.match(got[0], /^Local service error, ret_code is 1, error message is '"Service call failed\. fnName=\\"throws\\" serviceId=\\"s\\" error: boom"'$/);
});

test('host loop: expired, malformed and garbled particles are dropped; stored data is never lost', async () => {
  const events = [];
  let now = 1_000_000;
  const peer = await createPeer({ secretKey: seed(3), now: () => now, services: { s: { f: () => 1 } }, onEvent: (e) => events.push(e) });
  const particle = peer.createParticle('(call %init_peer_id% ("s" "f") [] x)', { id: 'p-keep', ttl: 1000 });
  await peer.receive(particle);
  const kept = peer.dataOf('p-keep');
  assert.ok(kept.length > 0);
  // Garbage data from the network: the interpreter refuses it (ret 2); what the peer had stays.
  events.length = 0;
  assert.deepEqual(await peer.receive({ ...particle, data: new TextEncoder().encode('{"trace": garbage') }), []);
  assert.equal(events[0].type, 'invoke');
  assert.equal(events[0].retCode, 2);
  assert.deepEqual(peer.dataOf('p-keep'), kept);
  // Data of another particle: signatures don't verify over this id; still kept.
  const other = await createPeer({ secretKey: seed(4), now: () => now, services: { s: { f: () => 2 } } });
  const foreign = other.createParticle('(call %init_peer_id% ("s" "f") [] x)', { id: 'p-foreign', ttl: 1000 });
  await other.receive(foreign);
  events.length = 0;
  await peer.receive({ ...particle, data: other.dataOf('p-foreign') });
  assert.notEqual(events[0].retCode, 0);
  assert.deepEqual(peer.dataOf('p-keep'), kept);
  // Malformed particles.
  events.length = 0;
  for (const bad of [null, 'x', { ...particle, data: 'bytes' }, { ...particle, ttl: -1 }, { ...particle, timestamp: 1.5 }, { ...particle, script: 3 }]) {
    assert.deepEqual(await peer.receive(bad), []);
  }
  assert.equal(events.length, 6);
  assert.ok(events.every((e) => e.type === 'dropped' && /^malformed particle: /.test(e.reason)), JSON.stringify(events));
  // Expired: dropped with an event, nothing invoked.
  events.length = 0;
  now += 1000;
  assert.deepEqual(await peer.receive(particle), []);
  assert.deepEqual(events.map((e) => e.type), ['expired']);
  assert.deepEqual(peer.dataOf('p-keep'), kept);
});

test('network: a particle across three peers, the step log, undeliverable and endless particles', async () => {
  const net = await createNetwork({ peers: 3, services: builtinServices() });
  const [A, B, C] = net.peers.map((p) => p.peerId);
  const air = `(seq (seq (call "${B}" ("echo" "echo") ["hi" %init_peer_id%] x) (xor (call "${C}" ("fail" "fail") ["no"] y) (call "${C}" ("echo" "echo") [%last_error%.$.message] z))) (call %init_peer_id% ("op" "concat") [x z] r))`;
  const steps = await net.run(air);
  assert.deepEqual(steps.map((s) => [s.peer, s.retCode]), [[A, 0], [B, 0], [B, 0], [C, 0], [C, 0], [C, 0], [A, 0], [A, 0]]);
  assert.deepEqual(steps[0].nextPeerPks, [B]);
  assert.deepEqual(steps.map((s) => s.callRequests.map(([, r]) => `${r.serviceId}.${r.functionName}`).join()), ['', 'echo.echo', '', 'fail.fail', 'echo.echo', '', 'op.concat', '']);
  for (const s of steps) assert.deepEqual(Object.keys(s).sort(), ['callRequests', 'callResults', 'errorMessage', 'ms', 'nextPeerPks', 'peer', 'retCode']);
  const last = JSON.parse(steps[7].callResults[0][1].result);
  assert.deepEqual(last[0], 'hi');
  assert.equal(last[2], `Local service error, ret_code is 1, error message is '${JSON.stringify('Service call failed. fnName="fail" serviceId="fail" error: no')}'`);

  const events = [];
  const net2 = await createNetwork({ peers: 2, maxDeliveries: 50, onEvent: (e) => events.push(e) });
  const [P, Q] = net2.peers.map((p) => p.peerId);
  const stranger = (await load()).peerId(seed(9)).peerId;
  const s2 = await net2.run(`(seq (call "${stranger}" ("op" "noop") []) (null))`);
  assert.deepEqual(s2.map((s) => s.nextPeerPks), [[stranger]]);
  assert.deepEqual(events.filter((e) => e.type === 'undeliverable').map((e) => e.peerId), [stranger]);
  // A particle that needs more deliveries than allowed: the run stops and says so.
  const net3 = await createNetwork({ peers: 2, maxDeliveries: 3, services: builtinServices() });
  const [P3, Q3] = net3.peers.map((p) => p.peerId);
  const hops = (n) => Array.from({ length: n }, (_, i) => `(call "${i % 2 ? P3 : Q3}" ("op" "noop") [])`).reduce((a, b) => `(seq ${a} ${b})`);
  assert.deepEqual((await net3.run(hops(2))).map((s) => [s.peer, s.retCode]), [[P3, 0], [Q3, 0], [Q3, 0], [P3, 0], [P3, 0]]);
  await assert.rejects(net3.run(hops(3), { id: 'long' }), /not quiet after 3 deliveries \(particle long\)/);
  await assert.rejects(net2.run('(call "' + Q + '" ("op" "noop") [])', { from: 5 }), RangeError);
  await assert.rejects(createNetwork({ peers: 0 }), TypeError);
});

// A vm whose invoke is the original AquaVM 0.54's (through marine-js), for mixed networks.
async function originalVm() {
  const original = await loadOriginal();
  const ours = await load();
  return {
    invoke: async (...args) => {
      const r = await original.invoke(...args);
      // The oracle's request ids are strings and it keeps the raw argument text: as the package's.
      const callRequests = r.callRequests.map(([id, q]) => [Number(id), { serviceId: q.serviceId, functionName: q.functionName, arguments: q.arguments, tetraplets: q.tetraplets }]);
      return { ...r, data: Uint8Array.from(r.data), callRequests };
    },
    peerId: (s) => ours.peerId(s),
  };
}

const FANOUT = (peers) => `
(seq
 (seq
  (call %init_peer_id% ("op" "array") [${peers.map((p) => `"${p}"`).join(' ')}] all)
  (fold all p
   (par
    (seq
     (call p ("counter" "next") [] $answers)
     (call %init_peer_id% ("op" "noop") [])
    )
    (next p)
   )
  )
 )
 (seq
  (canon %init_peer_id% $answers #answers)
  (call %init_peer_id% ("echo" "echo") [#answers.length])
 )
)`;

test('network: peers on the original AquaVM 0.54 and on airvm run one particle together, as an all-original network does', async () => {
  const original = await originalVm();
  const ours = await load();
  const kinds = ['original', 'airvm', 'original', 'airvm', 'airvm'];
  const play = async (vms) => {
    const net = await createNetwork({ peers: vms.map((vm, i) => ({ secretKey: seed(20 + i), vm, services: builtinServices() })) });
    const ids = net.peers.map((p) => p.peerId);
    const relay = `(seq (call "${ids[1]}" ("op" "noop") []) (seq (call "${ids[2]}" ("echo" "echo") [%init_peer_id%] x) (seq (call "${ids[3]}" ("op" "identity") [x] y) (seq (call "${ids[4]}" ("counter" "next") [] z) (call %init_peer_id% ("op" "array") [x y z] r)))))`;
    const a = await net.run(relay, { id: 'mixed-relay' });
    const b = await net.run(FANOUT(ids.slice(1)), { id: 'mixed-fanout' });
    const finals = net.peers.map((p) => [p.dataOf('mixed-relay'), p.dataOf('mixed-fanout')]);
    return { a, b, finals, ids };
  };
  const mixed = await play(kinds.map((k) => (k === 'original' ? original : ours)));
  const pure = await play(kinds.map(() => original));
  // Next peers as sets: the original names them in hash order.
  const view = (steps) => steps.map((s) => [s.peer, s.retCode, s.errorMessage, [...s.nextPeerPks].sort(), s.callRequests, s.callResults]);
  assert.ok(mixed.a.every((s) => s.retCode === 0) && mixed.b.every((s) => s.retCode === 0));
  assert.deepEqual(view(mixed.a), view(pure.a));
  assert.deepEqual(view(mixed.b), view(pure.b));
  assert.deepEqual(JSON.parse(mixed.a.at(-1).callResults[0][1].result), [[mixed.ids[0]], [mixed.ids[0]], 1]);
  // Every peer's final data reads the same (CID stores and signatures are maps: as sets).
  const canonical = (bytes) => ours.rewriteData(bytes).data;
  for (let i = 0; i < kinds.length; i++) {
    for (let k = 0; k < 2; k++) {
      assert.deepEqual(canonical(mixed.finals[i][k]), canonical(pure.finals[i][k]), `peer ${i} (${kinds[i]}), particle ${k}`);
    }
  }
});
