// Corpus runs: each script of ../shared/corpus/aqua-air played on the original (golden) or on
// airvm, as the init peer A with a relay R, services answering every call, for a few steps.
//
//   getDataSrv.<anything>  → R's peer id (so "-relay-", peer and node arguments route to R);
//   any other service      → its first argument, or R's peer id when it has none;
// on A and on R alike. Each script is played twice: run "ok" with these answers, and run "fail"
// where every service except getDataSrv, errorHandlingSrv and callbackSrv fails (ret_code 1), which
// drives the xor / :error: / (fail :error:) paths the compiler wraps around every call. The automatic network (runner.mjs) runs: a peer is re-invoked with the
// answers to all its pending requests up to MAX_ROUNDS times per delivery, data goes to A or R
// when named in next_peer_pks (other peer ids are left undelivered), at most MAX_INVOCATIONS.
//
// A corpus golden keeps per step what is compared: peer, label, ret code, the first line of the
// error message, next peers, call requests (or their hash when large), the hash of the normalized
// data and the data itself when small.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { identityByName } from '../oracle/identity.mjs';
import { recordScenario, replaySchedule, sha256, stableStringify } from './runner.mjs';
import { corpusDir } from './golden.mjs';

export const MAX_ROUNDS = 4;
export const MAX_INVOCATIONS = 14;
export const MAX_DATA_TEXT = { ok: 2500, fail: 0 }; // normalized data kept in full up to this many characters
export const MAX_REQUESTS_TEXT = 2500;

const relay = identityByName('R').peerId;
const ALWAYS_ANSWERED = new Set(['getDataSrv', 'errorHandlingSrv', 'callbackSrv']);

export const corpusServices = {
  ok: {
    '*': (args, ctx) => {
      if (ctx.request.serviceId === 'getDataSrv') return relay;
      return args.length ? { ok: args[0] } : relay;
    },
  },
  fail: {
    '*': (args, ctx) => {
      if (!ALWAYS_ANSWERED.has(ctx.request.serviceId)) return { error: { ret_code: 1, result: '"corpus failure"' } };
      if (ctx.request.serviceId === 'getDataSrv') return relay;
      return args.length ? { ok: args[0] } : relay;
    },
  },
};
export const VARIANTS = Object.keys(corpusServices);

export function corpusScenario(file, air, variant = 'ok') {
  return {
    name: file.replace(/\.air$/, ''),
    description: `corpus script ${file}`,
    peers: ['A', 'R'],
    init: 'A',
    particleId: `p-corpus-${variant}-${sha256(file).slice(0, 16)}`,
    air,
    literalAir: true,
    services: corpusServices[variant],
    auto: { maxRounds: MAX_ROUNDS },
    maxInvocations: MAX_INVOCATIONS,
  };
}

export const readCorpusAir = (file) => readFileSync(path.join(corpusDir, file), 'utf8');

/** The compared digest of one normalized transcript step. */
export function compactStep(step, { withData, withRequests, maxData = 0 } = {}) {
  if (step.trap) return { peer: step.peer, label: step.label, trap: true, message: step.message };
  const out = {
    peer: step.peer,
    label: step.label,
    retCode: step.retCode,
    errorMessage: step.errorMessage.split('\n')[0],
    nextPeerPks: step.nextPeerPks,
  };
  const req = stableStringify(step.callRequests);
  if (withRequests ?? req.length <= MAX_REQUESTS_TEXT) out.callRequests = step.callRequests;
  else out.callRequestsCount = step.callRequests.length;
  out.callRequestsSha256 = sha256(req);
  const data = stableStringify(step.data);
  out.dataSha256 = sha256(data);
  if (withData ?? data.length <= maxData) out.data = step.data;
  return out;
}

/** Records a corpus script on `vm` (the original), every variant: {golden, ms}. */
export async function recordCorpusScript(file, vm) {
  const air = readCorpusAir(file);
  const golden = { file, airSha256: sha256(air), airBytes: Buffer.byteLength(air), runs: {} };
  const ms = {};
  for (const variant of VARIANTS) {
    const t = Date.now();
    const rec = await recordScenario(corpusScenario(file, air, variant), vm);
    ms[variant] = Date.now() - t;
    const { air: _air, description: _d, ...setup } = rec.setup;
    golden.runs[variant] = {
      setup,
      schedule: rec.schedule,
      undelivered: rec.undelivered,
      capReached: rec.capReached,
      steps: rec.transcript.steps.map((s) => compactStep(s, { maxData: MAX_DATA_TEXT[variant] })),
    };
  }
  return { golden, ms };
}

/** Replays one run of a corpus golden on `vm`; its steps compacted like the golden's. */
export async function replayCorpusRun(run, vm, air) {
  const { steps } = await replaySchedule({ ...run.setup, air }, run.schedule, vm);
  return steps.map((s, i) => {
    const g = run.steps[i];
    return compactStep(s, g ? { withData: 'data' in g, withRequests: 'callRequests' in g } : {});
  });
}
