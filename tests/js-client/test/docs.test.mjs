// Runs every ```js block of docs/js-client.md as a program of its own (node, in this project,
// where '@fluencelabs/js-client' and 'airvm' resolve as in a user's project), against a relay
// on 127.0.0.1 whose AVM is the original (js-client's MarineBackgroundRunner).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadMarineDeps } from '../lib/js-client.mjs';
import { startRelay } from '../lib/relay.mjs';

const { MarineBackgroundRunner } = await vi.importActual(
  '../node_modules/@fluencelabs/js-client/dist/marine/worker/index.js',
);

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const doc = readFileSync(here('../../../docs/js-client.md'), 'utf8');
const blocks = [...doc.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
// Under node_modules, so that packages resolve from this project.
const dir = here('../node_modules/.cache/airvm-docs/');

const expected = [
  (relay) => `hello from ${relay.peerId}`,
  () => 'Hi, airvm',
  () => 'hello from 12D3KooWBbhUaqqur6KHPunnKxXjY1daCtqJdy4wRji89LmAkVB4',
];

describe('docs/js-client.md', () => {
  let relay;
  beforeAll(async () => {
    relay = await startRelay({ marine: new MarineBackgroundRunner(...(await loadMarineDeps('/'))) });
    mkdirSync(dir, { recursive: true });
  }, 30_000);
  afterAll(() => relay?.stop());

  it('has the three code blocks', () => {
    expect(blocks).toHaveLength(expected.length);
  });

  it.each(blocks.map((code, i) => [i + 1, code]))('block %i runs', async (n, code) => {
    const file = `${dir}block-${n}.mjs`;
    writeFileSync(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, [file], {
      env: {
        ...process.env,
        FLUENCE_RELAY: relay.multiaddr,
        GREETING_WASM: here('../node_modules/@fluencelabs/js-client/data_for_test/greeting.wasm'),
      },
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe(expected[n - 1](relay));
  }, 70_000);
});
