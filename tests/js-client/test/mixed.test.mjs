// A particle on an ephemeral js-client network where some peers run the original AquaVM 0.54
// (js-client's MarineBackgroundRunner) and some airvm (AirvmMarineHost): the results must be
// those of an all-original network, and both kinds of peer must have run the particles.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AirvmMarineHost } from 'airvm/js-client';
import { NETWORK_AQUA } from '../lib/aqua.mjs';
import { defaultConfig, loadMarineDeps } from '../lib/js-client.mjs';
import { HostedEphemeralNetwork, compileAqua, counting } from '../lib/network.mjs';

// The real runner, not the one swap-avm.mjs puts in js-client's place.
const { MarineBackgroundRunner } = await vi.importActual(
  '../node_modules/@fluencelabs/js-client/dist/marine/worker/index.js',
);
// js-client's runner, its worker created when it starts: a worker created long before its
// runner starts may send its init message before anyone listens (EphemeralNetwork.up()
// loses that race with 8 or more peers).
class OriginalHost {
  async start() {
    this.runner = new MarineBackgroundRunner(...(await loadMarineDeps('/')));
    await this.runner.start();
  }
  stop() {
    return this.runner.stop();
  }
  createService(...a) {
    return this.runner.createService(...a);
  }
  removeService(...a) {
    return this.runner.removeService(...a);
  }
  hasService(...a) {
    return this.runner.hasService(...a);
  }
  callService(...a) {
    return this.runner.callService(...a);
  }
}
const CountingOriginal = counting(OriginalHost);
const CountingAirvm = counting(AirvmMarineHost);

// Six peers: with the original, workers started at once race with 8 or more peers.
const config = { peers: defaultConfig.peers.slice(0, 6) };
const peerIds = config.peers.map((p) => p.peerId);

async function run(kind) {
  const hosts = [];
  const marineFor = (i) => {
    const original = kind === 'original' || (kind === 'mixed' && i % 2 === 1);
    const host = original ? new CountingOriginal() : new CountingAirvm();
    hosts.push({ i, original, host });
    return host;
  };
  const network = new HostedEphemeralNetwork(config, marineFor);
  await network.up();
  // The client: airvm on the mixed network (its relay, peer 0, runs airvm too).
  const clientHost = kind === 'original' ? new CountingOriginal() : new CountingAirvm();
  const client = await network.client(clientHost);
  const aqua = await compileAqua(NETWORK_AQUA);
  try {
    const results = {
      chain: await aqua.chain(client, { peers: peerIds }),
      fanout: (await aqua.fanout(client, { peers: peerIds, n: peerIds.length })).sort(),
      caught: await aqua.caught(client, { peer: peerIds[3] }),
      uncaught: await aqua.uncaught(client, { peer: peerIds[5] }).then(
        (r) => ({ resolved: r }),
        (e) => ({ rejected: e }),
      ),
    };
    return { results, hosts, clientHost };
  } finally {
    await client.stop();
    await network.down();
  }
}

describe('a network of original and airvm peers', () => {
  let original;
  let mixed;
  beforeAll(async () => {
    original = await run('original');
    mixed = await run('mixed');
  }, 120_000);

  it('gives the results of an all-original network', () => {
    expect(original.results.chain).toEqual(peerIds.map((p) => `seq ${p}`));
    expect(original.results.fanout).toEqual(peerIds.map((p) => `par ${p}`).sort());
    expect(original.results.caught).toEqual([expect.stringMatching(/No service found for service call/)]);
    expect(original.results.uncaught.rejected).toBeDefined();
    expect(mixed.results).toEqual(original.results);
  });

  it('ran particles on both kinds of peer', () => {
    const byKind = (original) => mixed.hosts.filter((h) => h.original === original);
    expect(byKind(true)).toHaveLength(3);
    expect(byKind(false)).toHaveLength(3);
    for (const { i, host } of mixed.hosts) expect(host.invokes, `peer ${i}`).toBeGreaterThan(0);
    expect(mixed.clientHost).toBeInstanceOf(AirvmMarineHost);
    expect(mixed.clientHost.invokes).toBeGreaterThan(0);
  });
});
