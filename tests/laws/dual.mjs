// A development aid: a vm that runs every invocation on airvm and on the original AquaVM 0.54
// (tests/oracle/original.mjs) side by side, compares the normalized outcomes
// (tests/diff/runner.mjs) and returns airvm's. Used by tests/laws/check.mjs to double-check
// generated cases and law failures against the original; the law test itself never loads it.
import { load } from '../../js/dist/index.js';
import { loadOriginal } from '../oracle/original.mjs';
import { compareSteps, normalizeOutcome } from '../diff/runner.mjs';

export async function loadDual() {
  const airvm = await load();
  const original = await loadOriginal();
  const disagreements = [];
  let count = 0;
  return {
    airvm,
    original,
    disagreements,
    invoke(air, prev, current, params, results) {
      count++;
      const a = airvm.invoke(air, prev, current, params, results);
      let o;
      try {
        o = original.invokeSync(air, prev, current, params, results);
      } catch (e) {
        o = { trap: true, message: String(e.message) };
      }
      const diffs = compareSteps(count, { peer: 'P', ...normalizeOutcome(o) }, { peer: 'P', ...normalizeOutcome(a) });
      if (diffs.length) disagreements.push({ air, prev, current, params, results, diffs, original: o, airvm: a });
      return a;
    },
    get count() {
      return count;
    },
  };
}
