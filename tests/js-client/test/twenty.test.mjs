// A 20-peer ephemeral js-client network with airvm as every peer's AVM. With the original,
// each peer needs a marine worker for its AVM, and EphemeralNetwork.up() loses a start race
// with 8 or more of them (js-client skips its own ephemeral test for it); airvm needs none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AirvmMarineHost } from 'airvm/js-client';
import { NETWORK_AQUA } from '../lib/aqua.mjs';
import {
  DEFAULT_CONFIG,
  EphemeralNetwork,
  EphemeralNetworkClient,
  KeyPair,
  ResultCodes,
  defaultConfig,
  loadMarineDeps,
} from '../lib/js-client.mjs';
import { HostedEphemeralNetwork, compileAqua, counting } from '../lib/network.mjs';
// js-client's runner: swap-avm.mjs makes each one an AirvmMarineHost around it.
import { MarineBackgroundRunner } from '../node_modules/@fluencelabs/js-client/dist/marine/worker/index.js';

const peerIds = defaultConfig.peers.map((p) => p.peerId);
const swapped = (process.env.AIRVM_JS_CLIENT_AVM ?? 'airvm') === 'airvm';

// js-client's ephemeral.spec smoke test (skipped there): relay, peers 1..5, relay, client.
function smokeScript(relay) {
  const hops = [relay, ...peerIds.slice(1, 6), relay].map((p) => `(call "${p}" ("op" "noop") [])`);
  const last = '(call %init_peer_id% ("test" "test") [])';
  return [...hops, last].reduceRight((rest, call) => `(seq ${call} ${rest})`);
}

async function smoke(client, relay) {
  const particle = await client.internals.createNewParticle(smokeScript(relay));
  const reached = new Promise((resolve) => {
    client.internals.regHandler.forParticle(particle.id, 'test', 'test', () => {
      resolve('success');
      return { result: 'test', retCode: ResultCodes.success };
    });
  });
  client.internals.initiateParticle(particle, () => {}, () => {});
  return reached;
}

describe('20 peers, airvm as their AVM', () => {
  const CountingAirvm = counting(AirvmMarineHost);
  let network;
  let client;
  let hosts;
  let upMs;

  beforeAll(async () => {
    hosts = [];
    network = new HostedEphemeralNetwork(defaultConfig, () => {
      const host = new CountingAirvm();
      hosts.push(host);
      return host;
    });
    const t0 = performance.now();
    await network.up();
    upMs = performance.now() - t0;
    client = await network.client(new CountingAirvm());
  }, 60_000);

  afterAll(async () => {
    await client?.stop();
    await network?.down();
  });

  it('starts all 20 peers at once', () => {
    expect(network.peers.size).toBe(20);
    expect(upMs).toBeLessThan(20_000);
  });

  it('runs a particle through every peer in turn and at once', async () => {
    const aqua = await compileAqua(NETWORK_AQUA);
    expect(await aqua.chain(client, { peers: peerIds })).toEqual(peerIds.map((p) => `seq ${p}`));
    const all = await aqua.fanout(client, { peers: peerIds, n: peerIds.length });
    expect(all.sort()).toEqual(peerIds.map((p) => `par ${p}`).sort());
    for (const [i, host] of hosts.entries()) expect(host.invokes, `peer ${i}`).toBeGreaterThan(0);
  }, 60_000);

  it("runs js-client's own ephemeral smoke test", async () => {
    expect(await smoke(client, peerIds[0])).toBe('success');
  }, 30_000);
});

describe('EphemeralNetwork.up() as js-client ships it, its runners swapped for airvm', () => {
  it.skipIf(!swapped)('starts 20 peers without a marine worker and runs the smoke test', async () => {
    const counts = globalThis.__airvmSwapCounts;
    const before = { ...counts };
    const network = new EphemeralNetwork(defaultConfig);
    await network.up();
    const relay = peerIds[0];
    const kp = await KeyPair.randomEd25519();
    const client = new EphemeralNetworkClient(
      DEFAULT_CONFIG,
      kp,
      new MarineBackgroundRunner(...(await loadMarineDeps('/'))),
      network,
      relay,
    );
    await client.start();
    try {
      expect(await smoke(client, relay)).toBe('success');
    } finally {
      await client.stop();
      await network.down();
    }
    expect(counts.hosts - before.hosts).toBe(21);
    expect(counts.airvmInvokes - before.airvmInvokes).toBeGreaterThanOrEqual(9);
    expect(counts.innerStarts - before.innerStarts).toBe(0);
    expect(counts.originalInvokes - before.originalInvokes).toBe(0);
  }, 60_000);
});
