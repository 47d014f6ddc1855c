// Opens an HTML page in headless Chromium, served on 127.0.0.1 the way a user's site serves an
// installed package: the repository is reachable as /node_modules/airvm/, so an import map can
// point `airvm` at /node_modules/airvm/js/dist/index.js. The page says it is done by setting
// document.body.dataset.done; openPage resolves to the page's text then.
import { launchChromium, root, serve } from './helpers.mjs';

export async function openPage(html, { timeout = 60_000 } = {}) {
  const server = await serve({ pages: { '/': html }, mounts: { '/node_modules/airvm/': root } });
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url);
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
