// A consumer project's type check of the package: a source that uses every entry point, and tsc
// with lib ["es2022"], types [] (no DOM, no @types/node), strict and skipLibCheck off, under
// Node's and bundlers' module resolution. Used by tests/js/types.test.mjs (the repository's
// build) and tests/browser/package.test.mjs (the installed tarball).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { root } from './helpers.mjs';

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The consumer's source: uses every entry point the package exports. */
export function consumerSource(exportsMap) {
  const jsClient = exportsMap['./js-client'] !== undefined;
  return `import { load, createPeer, createNetwork, KeyPairFormat } from 'airvm';
import type {
  AirVm, AirVmAsync, CallRequest, CallResultsArray, InspectReport, InspectSigner, InterpreterResult,
  JSONValue, LoadOptions, ParseResult, RunParameters, SecurityTetraplet, WasmSource, WorkerLoadOptions,
} from 'airvm';
import { load as loadWorker } from 'airvm/worker';
${jsClient ? "import * as jsClient from 'airvm/js-client';\nexport const jsClientExports: object = jsClient;" : ''}

export async function main(): Promise<number> {
  const vm: AirVm = await load({ eager: true });
  const seed = new Uint8Array(32);
  const { peerId } = vm.peerId(seed);
  const params: RunParameters = {
    initPeerId: peerId, currentPeerId: peerId, timestamp: 0, ttl: 1000,
    keyFormat: KeyPairFormat.Ed25519, secretKeyBytes: seed, particleId: 'p',
  };
  const results: CallResultsArray = [[1, { retCode: 0, result: '"hi"' }]];
  const r: InterpreterResult = vm.invoke('(null)', new Uint8Array(0), new Uint8Array(0), params, results);
  const request: CallRequest | undefined = r.callRequests[0]?.[1];
  const args: JSONValue[] = request ? request.arguments : [];
  const tetraplet: SecurityTetraplet | undefined = request?.tetraplets[0]?.[0];
  const format: KeyPairFormat = KeyPairFormat.Ed25519;
  const parsed: ParseResult = vm.parse('(null)');
  const report: InspectReport | undefined = vm.inspectData(r.data).json;
  const signer: InspectSigner | undefined = report?.signatures[0];
  // @ts-expect-error the report is camelCase
  void report?.cids_ok;

  const options: WorkerLoadOptions = { workerUrl: 'worker-entry.js' };
  const worker: AirVmAsync = await loadWorker(options);
  const r2: InterpreterResult = await worker.invoke('(null)', r.data, new Uint8Array(0), params, []);
  const parsed2: ParseResult = await worker.parse('(null)');
  await worker.terminate();

  const peer = await createPeer({ vm: worker });
  const network = await createNetwork({ peers: 3, vm: worker });
  const network2 = await createNetwork({ peers: 2, vm });
  const steps = await network.run('(null)', { from: 0 });
  const wasm: WasmSource = new Uint8Array(8);
  const loadOptions: LoadOptions = { wasm };
  return args.length + (tetraplet ? 1 : 0) + format + (parsed.ok ? 1 : 0) + (signer ? 1 : 0) + r2.retCode +
    (parsed2.ok ? 1 : 0) + peer.peerId.length + network2.peers.length + steps.length + (loadOptions.wasm ? 1 : 0);
}
`;
}

const CONFIGS = {
  node: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
};

/** Writes a consumer project into dir (its node_modules/airvm must be there) and runs tsc on it
 * under each module resolution; returns the failures' output. */
export function typecheckConsumer(dir, exportsMap) {
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(path.join(dir, 'consumer.ts'), consumerSource(exportsMap));
  const failures = [];
  for (const [name, resolution] of Object.entries(CONFIGS)) {
    const config = path.join(dir, `tsconfig.${name}.json`);
    writeFileSync(config, JSON.stringify({
      compilerOptions: {
        target: 'es2022', ...resolution, lib: ['es2022'], types: [], strict: true, noEmit: true,
        skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true,
      },
      files: ['consumer.ts'],
    }));
    const r = spawnSync(process.execPath, [tsc, '-p', config], { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) failures.push(`${name}:\n${r.stdout}${r.stderr}`);
  }
  return failures;
}
