// Lays out what js-client 0.5.5's own tests read from next to its dist/ but its npm package
// does not ship, and links this checkout as the `airvm` package (as an install would):
//   node_modules/airvm -> ../../..   (the repo root: airvm/js-client through its exports)
//   node_modules/@fluencelabs/js-client/aqua_test/{sigService,srv}.aqua,
//     aqua/{services,single-module-srv,node-utils}.aqua, data_for_test/greeting.wasm
//     from @fluencelabs/js-peer 0.9.1 (js-client's predecessor, which shipped them; its
//     tarball is fetched with `npm pack` and checked against the integrity pinned here)
//   node_modules/@fluencelabs/js-client/aqua/calc.aqua and aqua_test/marine-js.aqua from
//     fixtures/ (js-client's own are not on npm; js-peer's marine-js.aqua no longer compiles)
// Idempotent; run by scripts/setup.sh after `npm ci` here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const jsClient = join(here, 'node_modules/@fluencelabs/js-client');
const JS_PEER = '@fluencelabs/js-peer@0.9.1';
const JS_PEER_INTEGRITY =
  'sha512-ex9yikbdADvieOxts9zP8w/aaIILOUZnztSExlzUo5FGK7QXrfXg0RH9dCS60NaLx6ROIq8A0khC/aBFSyyPrQ==';
const FROM_JS_PEER = [
  'aqua_test/sigService.aqua',
  'aqua_test/srv.aqua',
  'aqua/services.aqua',
  'aqua/single-module-srv.aqua',
  'aqua/node-utils.aqua',
  'data_for_test/greeting.wasm',
];

if (!existsSync(join(jsClient, 'package.json'))) {
  console.error('prepare.mjs: run `npm ci` in tests/js-client first');
  process.exit(1);
}

// node_modules/airvm -> the repo root
const link = join(here, 'node_modules/airvm');
let linked = false;
try {
  linked = lstatSync(link).isSymbolicLink();
  if (!linked) rmSync(link, { recursive: true, force: true });
} catch {}
if (!linked) {
  symlinkSync('../../..', link, 'dir');
  console.log('prepare.mjs: linked node_modules/airvm to the repo root');
}

for (const [from, to] of [
  ['fixtures/calc.aqua', 'aqua/calc.aqua'],
  ['fixtures/marine-js.aqua', 'aqua_test/marine-js.aqua'],
]) {
  mkdirSync(dirname(join(jsClient, to)), { recursive: true });
  copyFileSync(join(here, from), join(jsClient, to));
}

if (FROM_JS_PEER.some((f) => !existsSync(join(jsClient, f)))) {
  const tmp = mkdtempSync(join(tmpdir(), 'js-peer-'));
  try {
    const out = execFileSync('npm', ['pack', JS_PEER, '--pack-destination', tmp, '--json', '--silent'], {
      cwd: here,
      encoding: 'utf8',
    });
    const [{ filename }] = JSON.parse(out);
    const tgz = join(tmp, filename);
    const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tgz)).digest('base64');
    if (integrity !== JS_PEER_INTEGRITY) {
      throw new Error(`${JS_PEER}: integrity ${integrity}, expected ${JS_PEER_INTEGRITY}`);
    }
    execFileSync('tar', ['-xzf', tgz, '-C', tmp, ...FROM_JS_PEER.map((f) => `package/${f}`)]);
    for (const f of FROM_JS_PEER) {
      mkdirSync(dirname(join(jsClient, f)), { recursive: true });
      copyFileSync(join(tmp, 'package', f), join(jsClient, f));
    }
    console.log(`prepare.mjs: js-client's test fixtures from ${JS_PEER}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
