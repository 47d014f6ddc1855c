// The original AquaVM 0.54 (npm @fluencelabs/avm 0.54.0, dist/avm.wasm) run under
// @fluencelabs/marine-js 0.13.0: the test oracle for airvm.
//
//   const avm = await loadOriginal();
//   const out = avm.invoke(air, prevData, data, runParams, callResults);
//   const text = await avm.ast(air);   // the AVM's `ast` export: AST JSON text or the parse report
//
// Shapes are those of @fluencelabs/avm: runParams {initPeerId, currentPeerId, timestamp, ttl,
// keyFormat, secretKeyBytes, particleId}; callResults [[id, {retCode, result}], ...];
// the outcome {retCode, errorMessage, data: Uint8Array, nextPeerPks, callRequests}. invoke is
// async (it returns a Promise) only because a trapped service is rebuilt before the next call.
//
// When the original traps (a Rust panic inside the wasm; marine-js throws), invoke throws an
// OriginalTrap and the next invoke runs on a freshly initialised service, because a trapped
// instance is not trusted to be reusable.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export class OriginalTrap extends Error {
  constructor(cause, log = []) {
    super(`the original trapped: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'OriginalTrap';
    this.trap = true;
    this.cause = cause;
    this.log = log; // what marine-js printed meanwhile (the wasm stack)
  }
}

let shared; // Promise of the one oracle of this process

async function createService(controlModule, avmBytes) {
  const { MarineService } = await import('@fluencelabs/marine-js/MarineService');
  const config = {
    modules_config: [
      {
        import_name: 'avm',
        config: {
          logger_enabled: true,
          logging_mask: 0,
          wasi: { envs: {}, preopened_files: new Set(), mapped_dirs: new Map() },
        },
      },
    ],
  };
  const service = new MarineService(controlModule, 'avm', () => {}, config, { avm: avmBytes }, {});
  await service.init();
  return service;
}

async function create() {
  const marineWasm = await readFile(require.resolve('@fluencelabs/marine-js/dist/marine-js.wasm'));
  const avmBytes = new Uint8Array(await readFile(require.resolve('@fluencelabs/avm/dist/avm.wasm')));
  const controlModule = await WebAssembly.compile(marineWasm);
  const { defaultCallParameters } = await import('@fluencelabs/marine-js/types');
  const { serializeAvmArgs, deserializeAvmResult } = require('@fluencelabs/avm');

  let service = await createService(controlModule, avmBytes);
  let broken = false;

  async function invoke(air, prevData, data, runParams, callResults = []) {
    if (broken) {
      service = await createService(controlModule, avmBytes);
      broken = false;
    }
    return invokeSync(air, prevData, data, runParams, callResults);
  }

  function invokeSync(air, prevData, data, runParams, callResults = []) {
    if (broken) throw new Error('the original trapped before: call invoke() (async) once to rebuild it');
    // callResults may also be raw call_results bytes (a Uint8Array), passed as they are.
    const raw = callResults instanceof Uint8Array;
    const args = serializeAvmArgs(runParams, air, toBytes(prevData), toBytes(data), raw ? [] : callResults);
    if (raw) args[4] = Array.from(callResults);
    let result;
    // marine-js prints a trapped call's wasm stack to the console; keep it with the trap instead.
    const log = [];
    const saved = { error: console.error, warn: console.warn, log: console.log };
    console.error = console.warn = console.log = (...a) => log.push(a.map(String).join(' '));
    try {
      result = service.call('invoke', args, defaultCallParameters);
    } catch (e) {
      broken = true;
      throw new OriginalTrap(e, log);
    } finally {
      Object.assign(console, saved);
    }
    const out = deserializeAvmResult(result);
    const rawCallRequests = Buffer.from(result.call_requests).toString('utf8');
    const rawById = rawCallRequests ? JSON.parse(rawCallRequests) : {};
    return {
      retCode: out.retCode,
      errorMessage: out.errorMessage,
      data: Uint8Array.from(out.data),
      nextPeerPks: out.nextPeerPks,
      // As @fluencelabs/avm gives them, plus each request's arguments text exactly as written
      // (rawArguments: JSON.parse loses big integers and the spelling of floats).
      callRequests: out.callRequests.map(([id, r]) => [id, { ...r, rawArguments: rawById[id].arguments }]),
      // The call_requests bytes as the original wrote them.
      rawCallRequests,
    };
  }

  // The AVM's own `ast` export (as @fluencelabs/js-client calls it): the AST as serde_json
  // text, or the parse report (text starting with "error") when the script can't be parsed.
  // A trap (some lenses make the original's lambda lexer panic) throws an OriginalTrap.
  async function ast(air) {
    if (broken) {
      service = await createService(controlModule, avmBytes);
      broken = false;
    }
    const log = [];
    const saved = { error: console.error, warn: console.warn, log: console.log };
    console.error = console.warn = console.log = (...a) => log.push(a.map(String).join(' '));
    try {
      return service.call('ast', [air], defaultCallParameters);
    } catch (e) {
      broken = true;
      throw new OriginalTrap(e, log);
    } finally {
      Object.assign(console, saved);
    }
  }

  return {
    invoke,
    ast,
    /** invoke without the rebuild after a trap (throws if the last call trapped). */
    invokeSync,
    /** Same as invoke, but a trap is returned as {trap: true, message} instead of thrown. */
    async tryInvoke(...a) {
      try {
        return await invoke(...a);
      } catch (e) {
        if (e instanceof OriginalTrap) return { trap: true, message: e.message, log: e.log };
        throw e;
      }
    },
  };
}

function toBytes(x) {
  if (x === undefined || x === null) return new Uint8Array(0);
  if (typeof x === 'string') return new TextEncoder().encode(x);
  return x instanceof Uint8Array ? x : Uint8Array.from(x);
}

/** The process-wide oracle; created once, reused by every caller. */
export function loadOriginal() {
  shared ??= create();
  return shared;
}
