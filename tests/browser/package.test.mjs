// The package as users install it: npm pack, npm install of the tarball in a fresh project under
// the system's temporary directory, then
//   - Node ESM imports 'airvm' and 'airvm/worker' and runs particles; the `airvm` bin works;
//   - the tarball holds what it should (LICENSE, README, dist, wasm) and nothing of the sources;
//   - the public types compile in that project with lib es2022 and types [] (no DOM, no Node);
//   - a page importing 'airvm' and 'airvm/worker' is built with Vite (the repository's
//     devDependency, driven through its JS API with the project as root, no config file) and runs
//     in Chromium, and so does the same page on Vite's dev server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { build, createLogger, createServer } from 'vite';

import { launchChromium, packPackage, runPage, serve, tempDir } from './helpers.mjs';
import { typecheckConsumer } from '../js/consumer-types.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir;
let project;
let tgz;
let browser;

const INDEX_HTML = `<!doctype html>
<meta charset="utf-8">
<title>airvm with vite</title>
<link rel="icon" href="data:,">
<script type="module" src="/main.js"></script>
`;

// The page: the interpreter on the page's thread (first invoke timed against later ones) and a
// three-peer particle through airvm/worker.
const MAIN_JS = `import { load, createNetwork } from 'airvm';
import { load as loadWorker } from 'airvm/worker';

const out = {};
try {
  const vm = await load();
  out.format = vm.format('(seq (null) (null))').text;
  const seed = new Uint8Array(32).fill(1);
  const { peerId } = vm.peerId(seed);
  const params = { initPeerId: peerId, currentPeerId: peerId, timestamp: Date.now(), ttl: 60000, keyFormat: 0, secretKeyBytes: seed, particleId: 'p' };
  const air = '(seq (seq (call %init_peer_id% ("s" "f") [1] x) (ap x $s)) (seq (canon %init_peer_id% $s #c) (call %init_peer_id% ("s" "g") [#c])))';
  const empty = new Uint8Array(0);
  const times = [];
  for (let i = 0; i < 6; i++) {
    const t = performance.now();
    const r = vm.invoke(air, empty, empty, params, []);
    vm.invoke(air, empty, r.data, params, [[1, { retCode: 0, result: '"v"' }]]);
    times.push(performance.now() - t);
  }
  out.invokeMs = times;

  const worker = await loadWorker();
  const services = { op: { identity: ([x]) => x, noop: () => null } };
  const net = await createNetwork({ peers: 3, vm: worker, services });
  const ids = net.peers.map((p) => p.peerId);
  const steps = await net.run(\`(seq (seq (call "\${ids[1]}" ("op" "identity") ["b"] x) (call "\${ids[2]}" ("op" "identity") [x] y)) (call %init_peer_id% ("op" "noop") [y]))\`, { from: 0 });
  out.steps = steps.map((s) => [ids.indexOf(s.peer), s.retCode, s.errorMessage]);
  out.lastArgs = steps.at(-2).callRequests.map(([, r]) => r.arguments);
  await worker.terminate();
} catch (e) {
  out.error = String((e && e.stack) || e);
}
window.__airvm = out;
`;

before(async () => {
  dir = tempDir('airvm-package-');
  tgz = packPackage(dir);
  project = path.join(dir, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'airvm-consumer', private: true, type: 'module' }, null, 2));
  // The package has no dependencies: installing the tarball needs nothing from the registry.
  execFileSync(npm, ['install', tgz, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: project, stdio: ['ignore', 'pipe', 'inherit'] });
  writeFileSync(path.join(project, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(project, 'main.js'), MAIN_JS);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function checkPage(r, errors) {
  assert.equal(r.error, undefined, r.error);
  assert.equal(r.format, '(seq\n (null)\n (null)\n)\n');
  assert.deepEqual(r.steps.map(([peer, ret]) => [peer, ret]), [[0, 0], [1, 0], [1, 0], [2, 0], [2, 0], [0, 0], [0, 0]]);
  assert.deepEqual(r.lastArgs, [['b']]);
  assert.deepEqual(errors, []);
}

test('the tarball holds the built package, its LICENSE and README, and no sources', () => {
  const list = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
  for (const f of ['LICENSE', 'README.md', 'docs/js-client.md', 'package.json', 'js/dist/index.js', 'js/dist/index.d.ts', 'js/dist/worker.js', 'js/dist/worker.d.ts', 'js/dist/worker-entry.js', 'js/dist/js-client.js', 'js/dist/cli.js', 'js/dist/wasm/airvm.wasm', 'js/dist/wasm/airvm.mjs']) {
    assert.ok(list.includes(f), `${f} is in the tarball`);
  }
  assert.deepEqual(list.filter((f) => /^(src|tests|bindings|build|bench|scripts|js\/src)\//.test(f)), []);
  const pkg = JSON.parse(readFileSync(path.join(project, 'node_modules', 'airvm', 'package.json'), 'utf8'));
  assert.match(pkg.description, /interpreter/);
  assert.equal(pkg.license, 'Apache-2.0');
  assert.match(readFileSync(path.join(project, 'node_modules', 'airvm', 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0, January 2004/);
  for (const entry of Object.values(pkg.exports)) {
    for (const file of typeof entry === 'string' ? [entry] : Object.values(entry)) assert.ok(list.includes(file.replace(/^\.\//, '')), `${file} (exports) is in the tarball`);
  }
});

test('Node ESM imports the installed package and its worker; the airvm bin runs', { timeout: 60_000 }, () => {
  const app = path.join(project, 'app.mjs');
  writeFileSync(app, `import { load, createNetwork } from 'airvm';
import { load as loadWorker } from 'airvm/worker';
const vm = await load();
const worker = await loadWorker();
const services = { op: { identity: ([x]) => x } };
const out = {};
for (const [name, v] of [['vm', vm], ['worker', worker]]) {
  const net = await createNetwork({ peers: 3, vm: v, services });
  const ids = net.peers.map((p) => p.peerId);
  const steps = await net.run(\`(seq (call "\${ids[1]}" ("op" "identity") [1] x) (call "\${ids[2]}" ("op" "identity") [x] y))\`);
  out[name] = steps.map((s) => [ids.indexOf(s.peer), s.retCode]);
}
await worker.terminate();
console.log(JSON.stringify(out));
`);
  const r = spawnSync(process.execPath, [app], { cwd: project, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const want = [[0, 0], [1, 0], [1, 0], [2, 0], [2, 0]];
  assert.deepEqual(out, { vm: want, worker: want });

  const bin = path.join(project, 'node_modules', '.bin', 'airvm');
  const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, version.stderr);
  assert.match(version.stdout, /0\.1\.0/);
  const fmt = spawnSync(bin, ['fmt', '-'], { input: '(seq (null) (null))', encoding: 'utf8' });
  assert.equal(fmt.stdout, '(seq\n (null)\n (null)\n)\n', fmt.stderr);
});

test('the installed package\'s types compile with lib es2022 and types [] (no DOM, no @types/node)', { timeout: 60_000 }, () => {
  const pkg = JSON.parse(readFileSync(path.join(project, 'node_modules', 'airvm', 'package.json'), 'utf8'));
  assert.deepEqual(typecheckConsumer(project, pkg.exports), []);
});

function quietLogger(warnings) {
  const logger = createLogger('warn', { allowClearScreen: false });
  logger.warn = (msg) => warnings.push(msg);
  logger.warnOnce = (msg) => warnings.push(msg);
  logger.error = (msg) => warnings.push(`error: ${msg}`);
  return logger;
}

test('a page importing airvm and airvm/worker, built by Vite with no config, runs in Chromium', { timeout: 90_000 }, async () => {
  const warnings = [];
  const outDir = path.join(project, 'dist');
  await build({ root: project, configFile: false, logLevel: 'warn', customLogger: quietLogger(warnings), build: { outDir, emptyOutDir: true } });
  assert.deepEqual(warnings, []);
  const assets = execFileSync('ls', [path.join(outDir, 'assets')], { encoding: 'utf8' });
  assert.match(assets, /airvm-[\w-]+\.wasm/, 'the wasm is emitted as an asset');
  assert.match(assets, /worker-entry-[\w-]+\.js/, 'the worker is bundled');
  const page = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const server = await serve({ pages: { '/': page }, mounts: { '/': outDir } });
  try {
    const { result, errors } = await runPage(browser, server.url);
    checkPage(result, errors);
    const [first, ...later] = result.invokeMs;
    console.log(`vite build: first invoke pair ${first.toFixed(2)} ms, later ${later.map((t) => t.toFixed(2)).join(' ')} ms`);
    assert.ok(first < Math.max(10 * Math.min(...later), 15), `first invoke ${first} ms after load(), later ${later}`);
    assert.ok(server.requests.some((p) => /^\/assets\/airvm-[\w-]+\.wasm$/.test(p)), server.requests.join(' '));
  } finally {
    await server.close();
  }
});

test('the same page runs on Vite\'s dev server with no config', { timeout: 90_000 }, async () => {
  const warnings = [];
  const server = await createServer({
    root: project,
    configFile: false,
    logLevel: 'warn',
    customLogger: quietLogger(warnings),
    server: { host: '127.0.0.1', port: 0, strictPort: false, watch: null, hmr: false },
  });
  await server.listen();
  try {
    const { result, errors } = await runPage(browser, server.resolvedUrls.local[0]);
    checkPage(result, errors);
    assert.deepEqual(warnings, []);
  } finally {
    await server.close();
  }
});
