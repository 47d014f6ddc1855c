#!/usr/bin/env node
// The `airvm` command: parse and format AIR scripts, inspect data, invoke, run particles on an
// in-process network, peer ids — through the package's wasm.
//
// Exit codes: 0 success; 1 the script can't be parsed, `fmt --check` found it not canonical,
// the data can't be read, or `inspect --verify` found a bad entry; 2 usage or I/O error.
import { readFile, writeFile } from 'node:fs/promises';

import { CommandUsageError, parsePeerIdArgs, parseRunArgs, peerId, run } from './cli-run.js';
import { rawInspectReport } from './inspect.js';
import { load } from './load.js';
import { checkRunParameters } from './params.js';
import { prettyJsonChunks, prettyJsonLength } from './pretty-json.js';
import type { AirVm, CallResultsArray, InspectOptions, ParseOptions, RunParameters } from './types.js';

const USAGE = `Usage: airvm <command> [options] FILE|-
       airvm --version

Commands:
  parse   print the AST as JSON (exit 1 with diagnostics on stderr if it can't be parsed)
  fmt     print the canonical form of the script
  inspect show an InterpreterData document: its trace, stores and signatures
  invoke  run a particle: AquaVM's invoke on files, the outcome as JSON
  run     play a particle on an in-process network of peers and print each step
  peer-id print the peer id of an Ed25519 seed (or of a new one)

Options:
  --size-limit BYTES   refuse scripts larger than BYTES (default 16 MiB)
  --strict-next        reject instructions after (next) inside a fold (AquaVM 0.62)
  -h, --help           show help (also: airvm parse --help, airvm fmt --help, ...)
  --version            print airvm's version

A FILE of - reads standard input. Run 'airvm <command> --help' for more.
`;

const PARSE_USAGE = `Usage: airvm parse [options] FILE|-

Parses FILE (or standard input) and prints its AST as indented JSON on stdout.
Positions are byte offsets, under keys named "span". If the script can't be parsed,
prints the diagnostics ("air can't be parsed: ...") on stderr and exits 1.

Options:
  --compact            print the JSON on one line
  --size-limit BYTES   refuse scripts larger than BYTES (default 16 MiB)
  --strict-next        reject instructions after (next) inside a fold (AquaVM 0.62)
  -h, --help           show this help
`;

const FMT_USAGE = `Usage: airvm fmt [options] FILE|-

Prints the canonical form of FILE (or standard input): one instruction per line,
one space of indent per level, closing parens of instructions with children on their
own line. Comments are kept.

Options:
  --check              print nothing on stdout; exit 1 (with a note on stderr) if FILE
                       is not already canonical, 0 if it is
  -w, --write          rewrite FILE in place with its canonical form
  --size-limit BYTES   refuse scripts larger than BYTES (default 16 MiB)
  --strict-next        reject instructions after (next) inside a fold (AquaVM 0.62)
  -h, --help           show this help
`;

const INSPECT_USAGE = `Usage: airvm inspect [options] FILE|-

Reads FILE (or standard input), an InterpreterData document as AquaVM 0.54 writes it, and
prints its trace (each state with its position, kind and resolved value; par and fold
sub-traces indented; stream generations), the size of each CID store and each signature
with its peer id. Exits 1 with the reason on stderr if the data can't be read.

Options:
  --json               print the report as JSON: {version, interpreter_version, trace, lcid,
                       stores: {name: count}, signatures: [{public_key, peer_id, valid, cids}],
                       cids_ok, first_bad}
  --particle-id ID     check every signature over particle id ID
  --verify             print nothing; exit 0 if every CID in every store recomputes from its
                       content and every signature verifies over --particle-id, else exit 1
                       naming the first bad entry on stderr (needs --particle-id)
  -h, --help           show this help
`;

const INVOKE_USAGE = `Usage: airvm invoke --air FILE --params FILE [--prev FILE] [--current FILE]
                    [--call-results FILE] [--data-out FILE]

Runs AquaVM's invoke(air, prev_data, current_data, run_params, call_results) and prints the
outcome as one JSON object: {ret_code, error_message, data (the new data's JSON text, as a
string), next_peer_pks, call_requests: {"id": {service_id, function_name, arguments,
tetraplets}}}. Exits 0 whatever ret_code says (2 on usage or I/O errors).

Files:
  --air FILE           the AIR script
  --params FILE        a JSON object of run parameters: init_peer_id, current_peer_id,
                       timestamp, ttl, key_format, secret_key_bytes (an array of 32 numbers,
                       the Ed25519 seed), particle_id
  --prev FILE          this peer's previous data (raw bytes; an empty file or none: empty data)
  --current FILE       the data that arrived (raw bytes; empty or none: empty data)
  --call-results FILE  {"id": {"ret_code": n, "result": "<JSON text>"}} (none: {})
  --data-out FILE      also write the new data's raw bytes to FILE (the next --prev)
  -h, --help           show this help
`;

class UsageError extends Error {
  usage = USAGE;
}

interface Args {
  command: 'parse' | 'fmt' | 'inspect' | 'invoke';
  file: string;
  options: ParseOptions;
  check: boolean;
  write: boolean;
  compact: boolean;
  json: boolean;
  verify: boolean;
  particleId?: string;
  invokeFiles: Record<string, string>;
}

function parseSizeLimit(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) {
    throw new UsageError(`--size-limit needs a number of bytes, got ${value ?? 'nothing'}`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--size-limit ${value} is too large`);
  return n;
}

// Returns the parsed arguments, or a help text to print (exit 0).
function parseArgs(argv: string[]): Args | { help: string } {
  if (argv.length === 0) throw new UsageError('no command given');
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') return { help: USAGE };
  let command: Args['command'];
  if (first === 'parse') command = 'parse';
  else if (first === 'fmt' || first === 'format') command = 'fmt';
  else if (first === 'inspect') command = 'inspect';
  else if (first === 'invoke') command = 'invoke';
  else throw new UsageError(`unknown command '${first}'`);
  const help = { parse: PARSE_USAGE, fmt: FMT_USAGE, inspect: INSPECT_USAGE, invoke: INVOKE_USAGE }[command];
  try {
    return command === 'invoke' ? parseInvokeArgs(rest, help) : parseFileArgs(command, rest, help);
  } catch (e) {
    if (e instanceof UsageError) e.usage = help;
    throw e;
  }
}

function parseFileArgs(command: Args['command'], rest: string[], help: string): Args | { help: string } {
  const args: Args = {
    command,
    file: '',
    options: {},
    check: false,
    write: false,
    compact: false,
    json: false,
    verify: false,
    invokeFiles: {},
  };
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-h' || a === '--help') return { help };
    if (a === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (command === 'inspect' && a === '--json') {
      args.json = true;
    } else if (command === 'inspect' && a === '--verify') {
      args.verify = true;
    } else if (command === 'inspect' && (a === '--particle-id' || a.startsWith('--particle-id='))) {
      const value = a === '--particle-id' ? rest[++i] : a.slice('--particle-id='.length);
      if (value === undefined) throw new UsageError('--particle-id needs a value');
      args.particleId = value;
    } else if (command === 'inspect' && a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}' for inspect`);
    } else if (a === '--strict-next') {
      args.options.strictNext = true;
    } else if (a === '--size-limit') {
      args.options.sizeLimit = parseSizeLimit(rest[++i]);
    } else if (a.startsWith('--size-limit=')) {
      args.options.sizeLimit = parseSizeLimit(a.slice('--size-limit='.length));
    } else if (command === 'fmt' && a === '--check') {
      args.check = true;
    } else if (command === 'fmt' && (a === '--write' || a === '-w')) {
      args.write = true;
    } else if (command === 'parse' && a === '--compact') {
      args.compact = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}' for ${command}`);
    } else {
      files.push(a);
    }
  }
  if (files.length !== 1) {
    throw new UsageError(files.length === 0 ? 'no FILE given (use - for standard input)' : 'give exactly one FILE');
  }
  args.file = files[0]!;
  if (args.check && args.write) throw new UsageError('--check and --write exclude each other');
  if (args.write && args.file === '-') throw new UsageError('--write needs a FILE, not -');
  if (args.verify && args.particleId === undefined) throw new UsageError('--verify needs --particle-id ID');
  return args;
}

const INVOKE_FILES = ['--air', '--params', '--prev', '--current', '--call-results', '--data-out'];

function parseInvokeArgs(rest: string[], help: string): Args | { help: string } {
  const args: Args = {
    command: 'invoke',
    file: '',
    options: {},
    check: false,
    write: false,
    compact: false,
    json: false,
    verify: false,
    invokeFiles: {},
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '-h' || a === '--help') return { help };
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!INVOKE_FILES.includes(name)) throw new UsageError(`unknown argument '${a}' for invoke`);
    const value = inline ?? rest[++i];
    if (value === undefined) throw new UsageError(`${name} needs a FILE`);
    args.invokeFiles[name.slice(2)] = value;
  }
  for (const required of ['air', 'params']) {
    if (!(required in args.invokeFiles)) throw new UsageError(`invoke needs --${required} FILE`);
  }
  return args;
}

class InputError extends Error {}

function runParams(text: string): RunParameters {
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new InputError(`--params is not JSON: ${(e as Error).message}`);
  }
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new InputError('--params must be a JSON object');
  const str = (k: string): string => {
    if (typeof p[k] !== 'string') throw new InputError(`--params: ${k} must be a string`);
    return p[k] as string;
  };
  const params = {
    initPeerId: str('init_peer_id'),
    currentPeerId: str('current_peer_id'),
    timestamp: p.timestamp,
    ttl: p.ttl,
    keyFormat: p.key_format ?? 0,
    secretKeyBytes: p.secret_key_bytes,
    particleId: str('particle_id'),
  } as unknown as RunParameters;
  // The numeric fields and the key are checked as the package's invoke checks them.
  try {
    return checkRunParameters(params);
  } catch (e) {
    const snake: Record<string, string> = { timestamp: 'timestamp', ttl: 'ttl', keyFormat: 'key_format', secretKeyBytes: 'secret_key_bytes' };
    const m = /^airvm: runParams\.(\w+) (.*)$/s.exec((e as Error).message);
    if (!m) throw e;
    throw new InputError(`--params: ${snake[m[1]!] ?? m[1]} ${m[2]}`);
  }
}

function callResults(text: string): CallResultsArray {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch (e) {
    throw new InputError(`--call-results is not JSON: ${(e as Error).message}`);
  }
  if (!r || typeof r !== 'object' || Array.isArray(r)) throw new InputError('--call-results must be a JSON object');
  return Object.entries(r as Record<string, { ret_code: number; result: string }>).map(([id, v]) => [
    Number(id),
    { retCode: v?.ret_code, result: v?.result },
  ]);
}

async function invoke(air: AirVm, args: Args): Promise<number> {
  const files: Record<string, Buffer> = {};
  for (const [name, file] of Object.entries(args.invokeFiles)) {
    if (name === 'data-out') continue;
    try {
      files[name] = file === '-' ? await readStdin() : await readFile(file);
    } catch (e) {
      await write(process.stderr, `airvm: cannot read ${file}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let r;
  try {
    r = air.invoke(
      files.air!.toString('utf8'),
      files.prev ?? new Uint8Array(0),
      files.current ?? new Uint8Array(0),
      runParams(files.params!.toString('utf8')),
      files['call-results'] ? callResults(files['call-results'].toString('utf8')) : [],
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    await write(process.stderr, `airvm: ${e.message}\n`);
    return 2;
  }
  const requests: Record<string, unknown> = {};
  for (const [id, q] of r.callRequests) {
    requests[String(id)] = {
      service_id: q.serviceId,
      function_name: q.functionName,
      arguments: q.arguments,
      tetraplets: q.tetraplets,
    };
  }
  const out = {
    ret_code: r.retCode,
    error_message: r.errorMessage,
    data: Buffer.from(r.data).toString('utf8'),
    next_peer_pks: r.nextPeerPks,
    call_requests: requests,
  };
  if (args.invokeFiles['data-out'] !== undefined) {
    try {
      await writeFile(args.invokeFiles['data-out'], r.data);
    } catch (e) {
      await write(process.stderr, `airvm: cannot write ${args.invokeFiles['data-out']}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  await write(process.stdout, JSON.stringify(out) + '\n');
  return 0;
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Above this, `parse` prints compact JSON instead (deeply nested ASTs make the indented form
// grow with depth times lines: 10,000 nested instructions would need gigabytes).
const PRETTY_LIMIT = 256 * 1024 * 1024;

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

async function version(): Promise<string> {
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-V') {
    await write(process.stdout, `airvm ${await version()}\n`);
    return 0;
  }
  if (argv[0] === 'run' || argv[0] === 'peer-id') return runOrPeerId(argv[0], argv.slice(1));
  let args: Args | { help: string };
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await write(process.stderr, `airvm: ${e.message}\n\n${e.usage}`);
    return 2;
  }
  if ('help' in args) {
    await write(process.stdout, args.help);
    return 0;
  }

  if (args.command === 'invoke') return invoke(await load(), args);
  const name = args.file === '-' ? '<stdin>' : args.file;
  let source: Buffer;
  try {
    // Raw bytes: the C++ parser checks UTF-8 (and NUL bytes) itself and reports the offset.
    source = args.file === '-' ? await readStdin() : await readFile(args.file);
  } catch (e) {
    await write(process.stderr, `airvm: cannot read ${name}: ${(e as Error).message}\n`);
    return 2;
  }

  const air = await load({ eager: false }); // no invoke here: the warm-up would only delay exit
  if (args.command === 'inspect') return inspect(air, source, args);
  if (args.command === 'parse') {
    const r = air.parse(source, args.options);
    if (!r.ok) {
      await write(process.stderr, r.errorMessage.endsWith('\n') ? r.errorMessage : r.errorMessage + '\n');
      return r.retCode || 1;
    }
    if (!args.compact) {
      const length = prettyJsonLength(r.json);
      if (length <= PRETTY_LIMIT) {
        for (const chunk of prettyJsonChunks(r.json)) await write(process.stdout, chunk);
        await write(process.stdout, '\n');
        return 0;
      }
      await write(
        process.stderr,
        `airvm: the indented AST would take ${Math.ceil(length / 2 ** 20)} MiB; printing it compact\n`,
      );
    }
    await write(process.stdout, r.json + '\n');
    return 0;
  }

  const r = air.format(source, args.options);
  if (!r.ok) {
    await write(process.stderr, r.errorMessage.endsWith('\n') ? r.errorMessage : r.errorMessage + '\n');
    return r.retCode || 1;
  }
  const canonical = Buffer.from(r.text, 'utf8');
  if (args.check) {
    if (canonical.equals(source)) return 0;
    await write(process.stderr, `airvm: ${name} is not in canonical form (run 'airvm fmt --write ${name}')\n`);
    return 1;
  }
  if (args.write) {
    if (!canonical.equals(source)) {
      try {
        await writeFile(args.file, canonical);
      } catch (e) {
        await write(process.stderr, `airvm: cannot write ${name}: ${(e as Error).message}\n`);
        return 2;
      }
    }
    return 0;
  }
  await write(process.stdout, r.text);
  return 0;
}

async function runOrPeerId(command: 'run' | 'peer-id', rest: string[]): Promise<number> {
  const chunks: string[] = [];
  const out = (s: string): void => void chunks.push(s);
  try {
    if (command === 'peer-id') {
      const args = parsePeerIdArgs(rest);
      if ('help' in args) return write(process.stdout, args.help).then(() => 0);
      await write(process.stdout, peerId(await load(), args));
      return 0;
    }
    const args = parseRunArgs(rest);
    if ('help' in args) return write(process.stdout, args.help).then(() => 0);
    const code = await run(args, out);
    await write(process.stdout, chunks.join(''));
    return code;
  } catch (e) {
    if (e instanceof CommandUsageError) {
      await write(process.stderr, `airvm: ${e.message}\n\n${e.usage}`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR') {
      await write(process.stderr, `airvm: ${err.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function inspect(air: AirVm, data: Buffer, args: Args): Promise<number> {
  const options: InspectOptions = { text: !args.json && !args.verify };
  if (args.particleId !== undefined) options.particleId = args.particleId;
  const r = air.inspectData(data, options);
  if (r.retCode !== 0) {
    await write(process.stderr, `airvm: the data can't be read (ret_code ${r.retCode}): ${r.firstBad}\n`);
    return 1;
  }
  if (args.verify) {
    if (r.verified) return 0;
    await write(process.stderr, `airvm: not verified: ${r.firstBad}\n`);
    return 1;
  }
  await write(process.stdout, args.json ? JSON.stringify(rawInspectReport(r.json!), null, 2) + '\n' : r.text!);
  return 0;
}

// A reader that stops early (| head) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (e: unknown) => {
    await write(process.stderr, `airvm: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
