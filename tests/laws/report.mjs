// Text of a law failure: the seed, the script, the peer, the law's inputs (their traces in the
// notation of execution.md 0.1 and their data), and how to re-run it.
import { traceText } from '../diff/runner.mjs';

export function describeFailure(result, failure, { data = true, maxChars = 4000 } = {}) {
  const names = result.run.peerIds;
  const lines = [];
  lines.push(`law ${failure.law} fails (seed ${result.seed}, peer P = ${failure.peer}): ${failure.detail}`);
  lines.push(`script (peers ${result.gcase.peers.map((n) => `${n} = ${names[n]}`).join(', ')}; init ${result.gcase.init}):`);
  lines.push(result.gcase.air);
  failure.inputs.forEach((x, i) => {
    const label = 'abcd'[i];
    lines.push(`${label} = ${x.info.label}: ${traceText(x.decoded, names).join(' ') || '(empty)'}   lcid ${x.lcid}`);
  });
  if (data) {
    failure.inputs.forEach((x, i) => {
      const t = x.text;
      lines.push(`${'abcd'[i]} data: ${t.length > maxChars ? `${t.slice(0, maxChars)}… (${t.length} chars)` : t}`);
    });
  }
  lines.push(`re-run: AIRVM_LAWS_SEED=${result.seed} AIRVM_LAWS_CASES=1 node --test tests/js/laws.test.mjs`);
  return lines.join('\n');
}
