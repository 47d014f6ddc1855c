// The package in a real browser: a tiny static server on 127.0.0.1 serves the repository,
// headless Chromium (driven by playwright-core, Debian's /usr/bin/chromium) opens a page
// that imports js/dist/index.js as an ES module, calls load() (which fetches the .wasm next
// to the module), then parse and format.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const executablePath = process.env.AIRVM_CHROMIUM ?? '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.air': 'text/plain; charset=utf-8',
  '.json': 'application/json',
};

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>airvm browser test</title>
<script type="module">
  import { load } from '/js/dist/index.js';
  try {
    const air = await load();
    const source = await (await fetch('/examples/hello.air')).text();
    const parsed = air.parse(source);
    const formatted = air.format('(seq (null) (call %init_peer_id% ("a" "b") [] r))');
    const bad = air.parse('(seq (null)');
    const bytes = air.parse(new Uint8Array([0x28, 0x6e, 0x75, 0x6c, 0x6c, 0x29, 0xff]));
    window.__airvm = {
      source,
      parsedOk: parsed.ok,
      instruction: parsed.ok ? parsed.ast.instruction : null,
      span: parsed.ok ? parsed.ast.span : null,
      formatSame: air.format(source).text === source,
      formatted: formatted.ok ? formatted.text : null,
      bad: { ok: bad.ok, retCode: bad.retCode, errorMessage: bad.errorMessage },
      bytes: { ok: bytes.ok, errorMessage: bytes.errorMessage },
    };
  } catch (e) {
    window.__airvm = { error: String(e && e.stack || e) };
  }
</script>`;

let server;
let baseUrl;
let browser;
const requests = [];

before(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(PAGE);
      return;
    }
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}/`;

  if (!existsSync(executablePath)) throw new Error(`no browser at ${executablePath} (apt-get install chromium)`);
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('the ESM package loads the wasm and parses/formats in headless Chromium', { timeout: 120_000 }, async () => {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(baseUrl);
  await page.waitForFunction(() => window.__airvm !== undefined, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.__airvm);
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.parsedOk, true);
  assert.equal(r.instruction, 'xor');
  assert.deepEqual(r.span, { begin: 0, end: r.source.trimEnd().length });
  assert.equal(r.formatSame, true);
  assert.equal(r.formatted, '(seq\n (null)\n (call %init_peer_id% ("a" "b") [] r)\n)\n');
  assert.equal(r.bad.ok, false);
  assert.equal(r.bad.retCode, 1);
  assert.match(r.bad.errorMessage, /^air can't be parsed:\n/);
  assert.equal(r.bytes.ok, false);
  assert.match(r.bytes.errorMessage, /invalid UTF-8 at byte 6/);
  assert.ok(requests.includes('/js/dist/wasm/airvm.wasm'), `wasm not fetched: ${requests.join(', ')}`);
  assert.deepEqual(consoleErrors, []);
  await page.close();
});
