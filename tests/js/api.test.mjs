// The package API: load() in Node, parse/format results, options, byte input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

import { root, examplesDir } from './helpers.mjs';
import { load, prettyJson, prettyJsonLength } from 'airvm';

const hello = readFileSync(path.join(examplesDir, 'hello.air'), 'utf8');

test('load() returns the API and shares the default instance', async () => {
  const a = await load();
  const b = await load();
  assert.equal(a, b);
  assert.equal(typeof a.parse, 'function');
  assert.equal(typeof a.format, 'function');
  assert.deepEqual(Object.keys(a).sort(), ['ast', 'checkData', 'format', 'inspectData', 'invoke', 'parse', 'peerId', 'rewriteData', 'signCids']);
});

test('load() accepts explicit wasm bytes, a file URL and a compiled module', async () => {
  const wasmPath = path.join(root, 'js', 'dist', 'wasm', 'airvm.wasm');
  const bytes = readFileSync(wasmPath);
  for (const wasm of [bytes, new Uint8Array(bytes).buffer, new URL(`file://${wasmPath}`),
                      await WebAssembly.compile(bytes)]) {
    const air = await load({ wasm });
    assert.equal(air.parse('(null)').ok, true);
  }
});

test('load() rejects a broken wasm', async () => {
  await assert.rejects(load({ wasm: new Uint8Array([0, 1, 2, 3]) }));
});

test('parse: success gives the AST object and its JSON text', async () => {
  const air = await load();
  const r = air.parse(hello);
  assert.equal(r.ok, true);
  assert.equal(r.retCode, 0);
  assert.equal(r.ast.instruction, 'xor');
  assert.deepEqual(r.ast.span, { begin: 0, end: hello.trimEnd().length });
  assert.match(r.json, /"span"/);
  assert.deepEqual(JSON.parse(r.json), r.ast);
});

test('parse: failure gives retCode 1 and the rendered diagnostics', async () => {
  const air = await load();
  const r = air.parse('(seq (null)');
  assert.equal(r.ok, false);
  assert.equal(r.retCode, 1);
  assert.ok(r.errorMessage.startsWith("air can't be parsed:\n"), r.errorMessage);
  assert.equal('ast' in r, false);
});

test('every example parses and is canonical', async () => {
  const air = await load();
  const files = readdirSync(examplesDir).filter((f) => f.endsWith('.air'));
  assert.ok(files.length >= 3);
  for (const f of files) {
    const src = readFileSync(path.join(examplesDir, f), 'utf8');
    const p = air.parse(src);
    assert.equal(p.ok, true, `${f}: ${p.errorMessage}`);
    const fm = air.format(src);
    assert.equal(fm.ok, true);
    assert.equal(fm.text, src, `${f} is not canonical`);
  }
});

test('format: canonical text, idempotent', async () => {
  const air = await load();
  const messy = '(xor (seq (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)\n' +
    '(call %init_peer_id% ("callbackSrv" "response") ["hack file"]))' +
    ' (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))';
  const r = air.format(messy);
  assert.equal(r.ok, true);
  assert.equal(r.text, hello);
  assert.equal(air.format(r.text).text, r.text);
  const bad = air.format('(call)');
  assert.equal(bad.ok, false);
  assert.equal(bad.retCode, 1);
  assert.match(bad.errorMessage, /^air can't be parsed:/);
});

test('byte input: Uint8Array and ArrayBuffer give the same result as text', async () => {
  const air = await load();
  const bytes = new TextEncoder().encode(hello);
  assert.equal(air.parse(bytes).json, air.parse(hello).json);
  assert.equal(air.format(bytes.buffer).text, hello);
  assert.equal(air.parse(Buffer.from(hello)).json, air.parse(hello).json);
});

test('byte input: invalid UTF-8 and NUL bytes reach the parser', async () => {
  const air = await load();
  const invalid = air.parse(new Uint8Array([0x28, 0x6e, 0x75, 0x6c, 0x6c, 0x29, 0xff]));
  assert.equal(invalid.ok, false);
  assert.match(invalid.errorMessage, /UTF-8/);
  const nul = air.parse(new Uint8Array([0x28, 0x6e, 0x75, 0x6c, 0x6c, 0x29, 0x00]));
  assert.equal(nul.ok, false);
  assert.match(nul.errorMessage, /NUL/);
});

test('non-ASCII text keeps byte offsets', async () => {
  const air = await load();
  const src = '(call %init_peer_id% ("sérvice" "fn") ["✓"])';
  const r = air.parse(src);
  assert.equal(r.ok, true, r.errorMessage);
  assert.equal(r.ast.span.end, Buffer.byteLength(src));
  assert.equal(air.format(src).text, src + '\n');
});

test('options: sizeLimit and strictNext are passed through and validated', async () => {
  const air = await load();
  assert.equal(air.parse('(null)', { sizeLimit: 6 }).ok, true);
  const tooBig = air.parse('(null)', { sizeLimit: 5 });
  assert.equal(tooBig.ok, false);
  assert.match(tooBig.errorMessage, /limit/);
  // 0.62 checks this rule on folds over streams.
  const afterNext = '(new $s (fold $s i (seq (next i) (null))))';
  assert.equal(air.parse(afterNext).ok, true);
  assert.equal(air.parse(afterNext, { strictNext: false }).ok, true);
  assert.equal(air.parse(afterNext, { strictNext: true }).ok, false);
  assert.throws(() => air.parse('(null)', { sizeLimit: -1 }), TypeError);
  assert.throws(() => air.parse('(null)', { sizeLimit: 1.5 }), TypeError);
  assert.throws(() => air.parse('(null)', { strictNext: 'yes' }), TypeError);
  assert.throws(() => air.parse(42), TypeError);
});

test('prettyJson keeps numbers exact and matches JSON.stringify layout', () => {
  const json = '{"a":[1,{"b":"x,\\"y:{"},[]],"c":{},"big":9223372036854775807}';
  const pretty = prettyJson(json);
  assert.match(pretty, /9223372036854775807/);
  const obj = { a: [1, { b: 'x,"y:{' }, []], c: {}, n: null, t: true, s: '\u0001 é\\' };
  for (const value of [obj, [], {}, 1, 'x', [[[]]], [1, [2, [3]]], { a: { b: { c: [-1.5e-7] } } }]) {
    const json = JSON.stringify(value);
    const expected = JSON.stringify(value, null, 2);
    assert.equal(prettyJson(json), expected);
    assert.equal(prettyJsonLength(json), expected.length);
    assert.equal(prettyJson(json, 4), JSON.stringify(value, null, 4));
  }
});
