// Every code block of the README runs: ```sh blocks in bash from the repository's root, ```js
// blocks as ES modules inside the repository (so `import ... from 'airvm'` is the package
// itself; blocks using js-client inside tests/js-client, where it is installed), ```html blocks as pages in headless Chromium. A `// prints: TEXT` line in a js
// block (`<!-- shows: TEXT -->` in a page) must be found in what it printed (shown). ```text
// blocks are synopses, not code; no other kind of block is allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './helpers.mjs';
import { openPage } from '../browser/readme-page.mjs';

const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m, i) => ({
  i,
  lang: m[1],
  code: m[2],
  line: readme.slice(0, m.index).split('\n').length,
}));
const work = path.join(root, 'build', 'readme');
const jsClientWork = path.join(root, 'tests', 'js-client', 'build', 'readme');

// The README's own test command runs this test: it is the one line not run here.
const SELF = 'bash scripts/test.sh';

function expectations(code, marker) {
  return [...code.matchAll(marker)].map((m) => m[1].trim());
}

function checkOutput(out, expected, where) {
  let from = 0;
  for (const e of expected) {
    const at = out.indexOf(e, from);
    assert.ok(at >= 0, `${where}: expected output ${JSON.stringify(e)} (in order) in:\n${out}`);
    from = at + e.length;
  }
}

test('the README has code blocks of known kinds only', () => {
  assert.ok(blocks.length >= 8, `${blocks.length} blocks`);
  for (const b of blocks) assert.ok(['sh', 'js', 'html', 'text'].includes(b.lang), `README line ${b.line}: a block of kind '${b.lang}'`);
  assert.ok(blocks[0].lang === 'sh' && blocks[0].code.includes(SELF), 'the README starts with the set-up commands');
});

for (const b of blocks.filter((x) => x.lang === 'sh')) {
  test(`README line ${b.line}: the sh block runs`, { timeout: 15 * 60_000 }, () => {
    const code = b.code
      .split('\n')
      .filter((l) => !l.trim().startsWith(SELF))
      .join('\n');
    const r = spawnSync('bash', ['-euo', 'pipefail', '-c', code], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, `README line ${b.line}:\n${code}\n--- stdout:\n${r.stdout.slice(-4000)}\n--- stderr:\n${r.stderr.slice(-4000)}`);
  });
}

for (const b of blocks.filter((x) => x.lang === 'js')) {
  test(`README line ${b.line}: the js block runs`, { timeout: 120_000 }, () => {
    // Blocks that use js-client run in tests/js-client, the project that has it installed
    // (with airvm linked into its node_modules).
    const dir = b.code.includes("'@fluencelabs/js-client'") ? jsClientWork : work;
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `block-${b.line}.mjs`);
    writeFileSync(file, b.code);
    const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, `README line ${b.line}:\n--- stdout:\n${r.stdout}\n--- stderr:\n${r.stderr}`);
    checkOutput(r.stdout, expectations(b.code, /^\s*\/\/ prints: (.*)$/gm), `README line ${b.line}`);
  });
}

for (const b of blocks.filter((x) => x.lang === 'html')) {
  test(`README line ${b.line}: the html page runs in Chromium`, { timeout: 120_000 }, async () => {
    const { text, close } = await openPage(b.code);
    try {
      checkOutput(text, expectations(b.code, /<!-- shows: (.*?) -->/g), `README line ${b.line}`);
    } finally {
      await close();
    }
  });
}
