// Shared by the browser and packaging tests: the packed package (npm pack of the built js/dist,
// without rebuilding), a static server on 127.0.0.1, and headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const executablePath = process.env.AIRVM_CHROMIUM ?? '/usr/bin/chromium';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

for (const f of ['js/dist/index.js', 'js/dist/worker.js', 'js/dist/wasm/airvm.wasm']) {
  if (!existsSync(path.join(root, f))) throw new Error(`${f} is missing: build the package first (npm run build)`);
}

/** A fresh directory under the system's temporary directory (outside the repository). */
export function tempDir(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `npm pack` of the repository as built (--ignore-scripts: prepack would rebuild js/dist while
 * other tests read it) into dir; returns the tarball's path. */
export function packPackage(dir) {
  execFileSync(npm, ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack left no tarball in ${dir}`);
  return path.join(dir, tgz);
}

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
};

/**
 * A static server on 127.0.0.1: `pages` maps a path to an HTML text; any other path is a file
 * under one of `mounts` ({ '/prefix/': dir }), or, like a single-page app's server, the page at
 * '/' when nothing matches (so a wrong wasm URL gets HTML, as it does from Vite's dev server).
 * Resolves to { url, requests, close() }.
 */
export async function serve({ pages = {}, mounts = {} }) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requests.push(url.pathname);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    if (pages[url.pathname] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(pages[url.pathname]);
      return;
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname.slice(prefix.length))));
      if (!file.startsWith(dir + path.sep)) break;
      try {
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
        return;
      } catch {
        break;
      }
    }
    if (pages['/'] !== undefined && !/\.m?js$/.test(url.pathname)) {
      res.writeHead(200, { 'content-type': TYPES['.html'] }).end(pages['/']);
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

export async function launchChromium() {
  if (!existsSync(executablePath)) throw new Error(`no browser at ${executablePath} (apt-get install chromium)`);
  return chromium.launch({
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
}

/** Opens url, waits for the page to set window.__airvm, and returns it with the page's errors
 * (console errors, uncaught exceptions, failed requests). */
export async function runPage(browser, url, timeout = 60_000) {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__airvm !== undefined, null, { timeout });
    return { result: await page.evaluate(() => window.__airvm), errors };
  } finally {
    await page.close();
  }
}
