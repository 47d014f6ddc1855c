// Opens an HTML page in headless Chromium (Debian's, through playwright-core), served on
// 127.0.0.1 beside the repository, the way a user's site serves an installed package: the
// repository is also reachable as /node_modules/airvm/, so an import map can point `airvm` at
// /node_modules/airvm/js/dist/index.js. The page says it is done by setting
// document.body.dataset.done; openPage resolves to the page's text then.
import { createServer } from 'node:http';
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
  '.json': 'application/json',
  '.air': 'text/plain; charset=utf-8',
};
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openPage(html, { timeout = 60_000 } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      res.end(html);
      return;
    }
    const rel = decodeURIComponent(url.pathname).replace(/^\/node_modules\/airvm\//, '/');
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const close = async () => {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  };
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    try {
      await page.waitForSelector('body[data-done]', { timeout });
    } catch (e) {
      throw new Error(`the page did not finish: ${errors.join('\n') || e.message}\n${await page.innerText('body').catch(() => '')}`);
    }
    return { text: await page.innerText('body'), errors, close };
  } catch (e) {
    await close();
    throw e;
  }
}
