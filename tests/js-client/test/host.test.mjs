// AirvmMarineHost against js-client's MarineBackgroundRunner (the original AquaVM 0.54 on
// marine-js in a worker), at the IMarineHost interface js-client calls: the same arguments
// give the same raw result or both are refused; bad arguments are errors, never a crash.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AirvmMarineHost } from 'airvm/js-client';
import { loadMarineDeps } from '../lib/js-client.mjs';

const { MarineBackgroundRunner } = await vi.importActual(
  '../node_modules/@fluencelabs/js-client/dist/marine/worker/index.js',
);

const bytes = (s) => Array.from(new TextEncoder().encode(s));
const results = (o) => bytes(JSON.stringify(o));
const params = {
  init_peer_id: '12D3KooWJankP2PcEDYCZDdJ26JsU8BMRfdGWyGqbtFiWyoKVtmx',
  current_peer_id: '12D3KooWJankP2PcEDYCZDdJ26JsU8BMRfdGWyGqbtFiWyoKVtmx',
  timestamp: 1700000000000,
  ttl: 7000,
  key_format: 0,
  secret_key_bytes: Array.from({ length: 32 }, (_, i) => i + 1),
  particle_id: 'particle',
};
const air = `(seq
 (call %init_peer_id% ("s" "f") [%timestamp% "x" 2.5 -7 true []] r)
 (seq (ap r $s) (seq (canon %init_peer_id% $s #c) (call "12D3KooWSBTB5sYxdwayUyTnqopBwABsnGFY3p4dTx5hABYDtJjV" ("t" "g") [#c r.$.a]))))`;

// [name, args, how to compare]: 'exact' (the whole result or error text), 'code' (ret code,
// data, next peers and call requests; the message's wording may differ) or 'refused' (both
// reject; marine-js's and airvm's wording of a wrong argument differ in details).
const CASES = [
  ['first run', [air, [], [], params, results({})], 'exact'],
  ['named arguments', { air, prev_data: [], data: [], params, call_results: results({}) }, 'exact'],
  ['call results', [air, [], [], params, results({ 1: { ret_code: 0, result: '{"a":[1,2.5]}' } })], 'exact'],
  ['failed call result', [air, [], [], params, results({ 1: { ret_code: 1, result: 'oops' } })], 'exact'],
  ['unknown fields in a call result', [air, [], [], params, results({ 1: { ret_code: 0, result: '1', x: 2 } })], 'exact'],
  ['a result for no request', [air, [], [], params, results({ 7: { ret_code: 0, result: '1' } })], 'exact'],
  ['key format 1', [air, [], [], { ...params, key_format: 1 }, results({})], 'exact'],
  ['key format 200', [air, [], [], { ...params, key_format: 200 }, results({})], 'exact'],
  ['31-byte key', [air, [], [], { ...params, secret_key_bytes: params.secret_key_bytes.slice(1) }, results({})], 'exact'],
  ['unreadable prev data', [air, bytes('{x'), [], params, results({})], 'exact'],
  ['prev data of another version', [air, bytes('{"version":"0.1.0","interpreter_version":"0.1.0"}'), [], params, results({})], 'exact'],
  ['empty call results', [air, [], [], params, []], 'code'],
  ['call results not JSON', [air, [], [], params, [1, 2, 3]], 'code'],
  ['call results an array', [air, [], [], params, bytes('[]')], 'code'],
  ['call results with a bad id', [air, [], [], params, results({ a: { ret_code: 0, result: 'x' } })], 'code'],
  ['call results with a string ret code', [air, [], [], params, results({ 1: { ret_code: '0', result: 'x' } })], 'code'],
  ['bad call results and a bad key', [air, [], [], { ...params, key_format: 3 }, [120]], 'code'],
  ['AIR that does not parse', ['(seq (null)', [], [], params, results({})], 'code'],
  ['air a number', [5, [], [], params, results({})], 'refused'],
  ['three arguments', [air, [], []], 'refused'],
  ['six arguments', [air, [], [], params, [], 1], 'refused'],
  ['ttl a string', [air, [], [], { ...params, ttl: 'x' }, []], 'refused'],
  ['ttl beyond u32', [air, [], [], { ...params, ttl: 2 ** 32 + 5 }, []], 'refused'],
  ['timestamp 1.5', [air, [], [], { ...params, timestamp: 1.5 }, []], 'refused'],
  ['negative timestamp', [air, [], [], { ...params, timestamp: -1 }, []], 'refused'],
  ['key format 256', [air, [], [], { ...params, key_format: 256 }, []], 'refused'],
  ['particle id null', [air, [], [], { ...params, particle_id: null }, []], 'refused'],
  ['particle id missing', [air, [], [], { ...params, particle_id: undefined }, []], 'refused'],
  ['an extra run parameter', [air, [], [], { ...params, extra: 1 }, []], 'refused'],
  ['a byte of 300', [air, [300], [], params, []], 'refused'],
  ['args a string', 'hello', 'refused'],
  ['args null', null, 'refused'],
];

const dataJson = (d) => {
  const text = new TextDecoder().decode(Uint8Array.from(d));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const outcome = (p) =>
  p.then(
    (value) => ({ value }),
    (error) => ({ error: error instanceof Error ? error.message : String(error) }),
  );

describe('AirvmMarineHost and the original, through IMarineHost', () => {
  let original;
  let airvm;
  beforeAll(async () => {
    original = new MarineBackgroundRunner(...(await loadMarineDeps('/')));
    airvm = new AirvmMarineHost();
    await Promise.all([original.start(), airvm.start()]);
  }, 30_000);
  afterAll(async () => {
    await original?.stop();
    await airvm?.stop();
  });

  it.each(CASES)('invoke: %s', async (_name, args, how) => {
    const [o, a] = [await outcome(original.callService('avm', 'invoke', args)), await outcome(airvm.callService('avm', 'invoke', args))];
    if (how === 'refused') {
      expect(o.error, 'the original refuses').toMatch(/^arguments from json deserialization error in module "avm", function "invoke"/);
      expect(a.error, 'airvm refuses').toMatch(/^arguments from json deserialization error in module "avm", function "invoke"/);
      return;
    }
    expect(o.value, o.error).toBeDefined();
    if (how === 'exact') {
      // Data compared as JSON: the original's CID stores are hash maps, in no fixed order.
      expect(a.error).toBe(o.error);
      expect({ ...a.value, data: dataJson(a.value.data) }).toEqual({ ...o.value, data: dataJson(o.value.data) });
      return;
    }
    const { error_message: om, ...orest } = o.value;
    const { error_message: am, ...arest } = a.value;
    expect({ ...arest, data: dataJson(arest.data) }).toEqual({ ...orest, data: dataJson(orest.data) });
    expect(am.split(':')[0]).toBe(om.split(':')[0]);
  });

  it('continues a particle the original began, and the other way round', async () => {
    const first = await original.callService('avm', 'invoke', [air, [], [], params, results({})]);
    const req = JSON.parse(new TextDecoder().decode(Uint8Array.from(first.call_requests)));
    expect(Object.keys(req)).toEqual(['1']);
    const reply = results({ 1: { ret_code: 0, result: '{"a":"b"}' } });
    for (const [one, two] of [
      [original, airvm],
      [airvm, original],
    ]) {
      const next = await one.callService('avm', 'invoke', [air, first.data, [], params, reply]);
      const other = await two.callService('avm', 'invoke', [air, first.data, [], params, reply]);
      // The same data, map order aside (the original's CID stores are hash maps).
      expect(dataJson(next.data)).toEqual(dataJson(other.data));
      expect({ ...next, data: [] }).toEqual({ ...other, data: [] });
      expect(next.ret_code).toBe(0);
      expect(next.next_peer_pks).toEqual(['12D3KooWSBTB5sYxdwayUyTnqopBwABsnGFY3p4dTx5hABYDtJjV']);
    }
  });

  it.each([
    '(null)',
    air,
    '(xor (match 1 1 (never)) (fail :error:))',
    '(fold $s i (seq (new #c (canon "p" $s #c)) (next i)) (null))',
    '(null',
    '(call x ("s" "f") [])',
    '',
  ])('ast: %j', async (script) => {
    const a = await airvm.callService('avm', 'ast', [script]);
    const o = await original.callService('avm', 'ast', [script]);
    expect(typeof a).toBe('string');
    if (!o.startsWith('error')) {
      expect(a).toBe(o);
      return;
    }
    // A parse error: the same report (position, source line, carets), which js-client only
    // tells from an AST by its first word; the words after the carets are airvm's own
    // (e.g. 'expected ")"' is "unexpected end of input: expected ')' closing the instruction").
    const words = (t) => t.replace(/^(\s*│\s*\^+) .*$/m, '$1');
    expect(words(a)).toBe(words(o));
  });

  it('answers errors as marine does for what it does not have', async () => {
    await expect(airvm.callService('avm', 'nope', [])).rejects.toThrow('function with name `nope` is missing');
    await expect(original.callService('avm', 'nope', [])).rejects.toThrow('function with name `nope` is missing');
    await expect(airvm.callService('avm', 'ast', [5])).rejects.toThrow(/invalid type: integer `5`, expected a string/);
    await expect(airvm.callService('greeting', 'greeting', ['x'])).rejects.toThrow('service with id=greeting not found');
  });

  it('stays usable after bad calls', async () => {
    for (const args of [undefined, {}, [[]], [air, 'x', [], params, []], [air, [], [], [], []]]) {
      await expect(airvm.callService('avm', 'invoke', args)).rejects.toThrow(Error);
    }
    const ok = await airvm.callService('avm', 'invoke', [air, [], [], params, results({})]);
    expect(ok.ret_code).toBe(0);
  });
});

describe('AirvmMarineHost services and lifecycle', () => {
  function fakeInner() {
    const calls = [];
    const services = new Set(['avm']);
    return {
      calls,
      async start() {
        calls.push('start');
      },
      async stop() {
        calls.push('stop');
      },
      async createService(_m, id) {
        calls.push(`create ${id}`);
        services.add(id);
      },
      async removeService(id) {
        calls.push(`remove ${id}`);
        services.delete(id);
      },
      async hasService(id) {
        return services.has(id);
      },
      async callService(id, fn, args) {
        calls.push(`call ${id}.${fn}`);
        if (id === 'avm') throw new Error('the inner avm must not be called');
        return `${id}.${fn}(${JSON.stringify(args)})`;
      },
    };
  }

  it("without an inner host, 'avm' is its only service", async () => {
    const host = new AirvmMarineHost();
    await host.start();
    expect(await host.hasService('avm')).toBe(true);
    expect(await host.hasService('greeting')).toBe(false);
    await expect(host.createService(new ArrayBuffer(8), 'greeting')).rejects.toThrow(/no inner marine host/);
    await expect(host.createService(new ArrayBuffer(8), 'avm')).rejects.toThrow('Service with name avm already registered');
    await expect(host.removeService('avm')).rejects.toThrow("Cannot remove 'avm' service");
    await host.removeService('greeting');
    await host.stop();
  });

  it('starts an inner host with itself', async () => {
    const inner = fakeInner();
    const host = new AirvmMarineHost({ inner });
    expect(host.inner).toBe(inner);
    await host.start();
    expect(inner.calls).toEqual(['start']);
    await host.createService(new ArrayBuffer(8), 'greeting');
    expect(await host.callService('greeting', 'hi', [])).toBe('greeting.hi([])');
    await host.stop();
    expect(inner.calls).toEqual(['start', 'create greeting', 'call greeting.hi', 'stop']);
  });

  it('makes an inner host given as a function on the first service created', async () => {
    const inner = fakeInner();
    let made = 0;
    const host = new AirvmMarineHost({ inner: async () => (made++, inner) });
    await host.start();
    expect(await host.hasService('avm')).toBe(true);
    expect(await host.hasService('greeting')).toBe(false);
    await expect(host.callService('greeting', 'hi', [])).rejects.toThrow('service with id=greeting not found');
    expect(inner.calls).toEqual([]);
    expect(made).toBe(0);
    expect(host.inner).toBeUndefined();
    await Promise.all([host.createService(new ArrayBuffer(8), 'greeting'), host.createService(new ArrayBuffer(8), 'other')]);
    expect(made).toBe(1);
    expect(await host.hasService('greeting')).toBe(true);
    expect(await host.callService('greeting', 'hi', ['x'])).toBe('greeting.hi(["x"])');
    await host.removeService('greeting');
    expect(await host.hasService('greeting')).toBe(false);
    const out = await host.callService('avm', 'ast', ['(null)']);
    expect(out).toBe('{"Null":null}');
    await host.stop();
    await host.stop();
    expect(inner.calls).toEqual(['start', 'create greeting', 'create other', 'call greeting.hi', 'remove greeting', 'stop']);
  });

  it('never makes an inner host it does not need', async () => {
    const inner = fakeInner();
    const host = new AirvmMarineHost({ inner: () => inner });
    await host.start();
    await host.stop();
    expect(inner.calls).toEqual([]);
  });

  it('takes an airvm instance of its own', async () => {
    const { load } = await import('airvm');
    const vm = await load();
    let invokes = 0;
    const host = new AirvmMarineHost({ vm: { ...vm, invoke: (...a) => (invokes++, vm.invoke(...a)) } });
    await host.start();
    const r = await host.callService('avm', 'invoke', [air, [], [], params, results({})]);
    expect(r.ret_code).toBe(0);
    expect(invokes).toBe(1);
  });
});
