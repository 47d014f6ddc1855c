// The `airvm` command, run as a child process exactly as users run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { cli, examplesDir, fixturesDir } from './helpers.mjs';

function airvm(args, input) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.air')).map((f) => path.join(examplesDir, f));
const hello = path.join(examplesDir, 'hello.air');
const noncanonical = path.join(fixturesDir, 'noncanonical.air');
const undefinedVar = path.join(fixturesDir, 'undefined_variable.air');

test('parse: every example exits 0 with indented JSON that has spans', () => {
  assert.ok(examples.length >= 3);
  for (const f of examples) {
    const r = airvm(['parse', f]);
    assert.equal(r.code, 0, `${f}: ${r.stderr}`);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /"span"/);
    assert.match(r.stdout, /^\{\n  "instruction": /);
    const ast = JSON.parse(r.stdout);
    assert.equal(typeof ast.instruction, 'string');
  }
});

test('parse: --compact prints one line; - reads stdin', () => {
  const compact = airvm(['parse', '--compact', hello]);
  assert.equal(compact.code, 0);
  assert.equal(compact.stdout.trimEnd().split('\n').length, 1);
  const stdin = airvm(['parse', '--compact', '-'], readFileSync(hello));
  assert.equal(stdin.code, 0);
  assert.equal(stdin.stdout, compact.stdout);
});

test('parse: a bad script exits 1 with the diagnostic on stderr', () => {
  const r = airvm(['parse', undefinedVar]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /air can't be parsed/);
  assert.match(r.stderr, /undefined_var/);
  const syntax = airvm(['parse', '-'], '(seq (null)');
  assert.equal(syntax.code, 1);
  assert.match(syntax.stderr, /^air can't be parsed:\n/);
});

test('parse: invalid UTF-8 and NUL bytes are diagnosed with their position', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airvm-cli-'));
  const bad = path.join(dir, 'bad.air');
  writeFileSync(bad, Buffer.from([0x28, 0x6e, 0x75, 0x6c, 0x6c, 0x29, 0x20, 0xc3, 0x28]));
  const r = airvm(['parse', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /air can't be parsed/);
  assert.match(r.stderr, /invalid UTF-8 at byte 7/);
  const nul = airvm(['parse', '-'], Buffer.from('(null)\0'));
  assert.equal(nul.code, 1);
  assert.match(nul.stderr, /NUL/);
});

test('parse: --size-limit and --strict-next', () => {
  assert.equal(airvm(['parse', '--size-limit', '5', '-'], '(null)').code, 1);
  assert.equal(airvm(['parse', '--size-limit=6', '-'], '(null)').code, 0);
  const afterNext = '(new $s (fold $s i (seq (next i) (null))))';
  assert.equal(airvm(['parse', '-'], afterNext).code, 0);
  const strict = airvm(['parse', '--strict-next', '-'], afterNext);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /next/);
  assert.equal(airvm(['parse', '--size-limit', 'lots', '-'], '(null)').code, 2);
});

test('parse: a very deeply nested AST is printed compact, with a note', () => {
  const depth = 5000;
  const source = '(seq (null) '.repeat(depth) + '(null)' + ')'.repeat(depth);
  const r = airvm(['parse', '-'], source);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /printing it compact/);
  assert.equal(r.stdout.split('\n').length, 2);
  assert.equal(JSON.parse(r.stdout).instruction, 'seq');
});

test('fmt: prints the canonical form', () => {
  const r = airvm(['fmt', noncanonical]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, readFileSync(hello, 'utf8'));
  const again = airvm(['fmt', '-'], r.stdout);
  assert.equal(again.stdout, r.stdout);
});

test('fmt --check: 0 on canonical files, 1 with a note otherwise', () => {
  for (const f of examples) {
    const r = airvm(['fmt', '--check', f]);
    assert.equal(r.code, 0, `${f}: ${r.stderr}`);
    assert.equal(r.stdout, '');
  }
  const r = airvm(['fmt', '--check', noncanonical]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /not in canonical form/);
  const broken = airvm(['fmt', '--check', undefinedVar]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /air can't be parsed/);
});

test('fmt --write rewrites the file in place', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'airvm-cli-'));
  const f = path.join(dir, 'x.air');
  copyFileSync(noncanonical, f);
  assert.equal(airvm(['fmt', '--write', f]).code, 0);
  assert.equal(readFileSync(f, 'utf8'), readFileSync(hello, 'utf8'));
  assert.equal(airvm(['fmt', '--check', f]).code, 0);
});

test('help and usage errors', () => {
  for (const args of [['--help'], ['-h'], ['parse', '--help'], ['fmt', '--help']]) {
    const r = airvm(args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: airvm/);
  }
  assert.match(airvm(['parse', '--help']).stdout, /AST/);
  assert.match(airvm(['fmt', '--help']).stdout, /--check/);
  for (const args of [[], ['frobnicate'], ['parse'], ['parse', '--bogus', hello], ['fmt', 'a', 'b']]) {
    const r = airvm(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /Usage: airvm/);
    assert.equal(r.stdout, '');
  }
  const missing = airvm(['parse', path.join(fixturesDir, 'no-such-file.air')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read/);
});
