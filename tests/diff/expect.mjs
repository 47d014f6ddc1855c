// Checking what the spec says against what the original did: a scenario may carry
//   expect: {'A#2': {ret, msg, trace, req, lcid, next, args}, last: {...}}
// keyed by step label (peer#k, 1-based per peer) or 'last'. Fields:
//   ret    ret code;                msg   substring (string) or RegExp of the error message;
//   trace  compact trace text of execution.md 0.1, states separated by spaces, `*` a wildcard
//          inside a state (e.g. 'par(1,1) sent(A#1) unused(*)'), or an array of states;
//   req    ids of the call requests;  args  {id: expected arguments};
//   lcid   the data's lcid;           next  peer names of next_peer_pks (any order).
// checkExpectations returns a list of mismatch texts (empty when the original agrees).
import { traceText } from './runner.mjs';

/** Splits a trace text at spaces outside brackets, braces and quotes. */
export function splitStates(text) {
  const out = [];
  let depth = 0;
  let inStr = false;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inStr) {
      cur += c;
      if (c === '\\') cur += text[++i] ?? '';
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (/\s/.test(c) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

const globRe = (pattern) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');

export function checkExpectations(scenario, recorded) {
  const problems = [];
  if (!scenario.expect) return problems;
  const { setup, transcript } = recorded;
  const names = setup.peers;
  const nameOf = new Map(Object.entries(names).map(([n, id]) => [id, n]));
  const byLabel = new Map(transcript.steps.map((s, i) => [s.label, i]));
  for (const [key, want] of Object.entries(scenario.expect)) {
    const idx = key === 'last' ? transcript.steps.length - 1 : byLabel.get(key);
    const where = `${scenario.name} ${key}`;
    if (idx === undefined) {
      problems.push(`${where}: no such step (steps: ${[...byLabel.keys()].join(' ')})`);
      continue;
    }
    const got = transcript.steps[idx];
    if (got.trap) {
      problems.push(`${where}: the original trapped: ${got.message}`);
      continue;
    }
    if ('ret' in want && got.retCode !== want.ret) problems.push(`${where}: ret ${got.retCode} (${got.errorMessage.split('\n')[0]}), spec ${want.ret}`);
    if ('msg' in want) {
      const ok = want.msg instanceof RegExp ? want.msg.test(got.errorMessage) : got.errorMessage.includes(want.msg);
      if (!ok) problems.push(`${where}: message ${JSON.stringify(got.errorMessage)}, spec ${want.msg}`);
    }
    if ('trace' in want) {
      const have = traceText(got.data, names);
      const spec = Array.isArray(want.trace) ? want.trace : splitStates(want.trace);
      const ok = have.length === spec.length && spec.every((p, i) => globRe(p).test(have[i]));
      if (!ok) problems.push(`${where}: trace\n    original: ${have.join(' ')}\n    spec:     ${spec.join(' ')}`);
    }
    if ('lcid' in want && got.data?.lcid !== want.lcid) problems.push(`${where}: lcid ${got.data?.lcid}, spec ${want.lcid}`);
    if ('req' in want) {
      const ids = got.callRequests.map(([id]) => id);
      if (JSON.stringify(ids) !== JSON.stringify([...want.req].sort((a, b) => a - b))) problems.push(`${where}: requests [${ids}], spec [${want.req}]`);
    }
    if ('args' in want) {
      for (const [id, args] of Object.entries(want.args)) {
        const r = got.callRequests.find(([i]) => i === Number(id));
        const have = r ? JSON.stringify(r[1].arguments) : '(no request)';
        const rename = (t) => Object.entries(names).reduce((s, [n, pid]) => s.split(`$${n}$`).join(pid), t);
        if (have !== rename(JSON.stringify(args))) problems.push(`${where}: request ${id} arguments ${have}, spec ${JSON.stringify(args)}`);
      }
    }
    if ('next' in want) {
      const have = got.nextPeerPks.map((p) => nameOf.get(p) ?? p).sort();
      if (JSON.stringify(have) !== JSON.stringify([...want.next].sort())) problems.push(`${where}: next [${have}], spec [${want.next}]`);
    }
  }
  return problems;
}
