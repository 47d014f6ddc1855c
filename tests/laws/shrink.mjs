// Shrinking a failing law-test case: repeatedly replace a node of the script by one of its
// children or by (null) and keep the smaller script whenever the same law still fails (on some
// of a few network seeds), until no replacement helps or the time budget is spent. Then the
// failure with the smallest inputs is chosen.
import { children, features, positions, print, size } from './gen.mjs';
import { runCase } from './check.mjs';

const NULL = { k: 'null' };

function caseOf(ast, like) {
  return { ...like, ast, air: print(ast), features: features(ast) };
}

/**
 * {result, failure} of the smallest case found that still fails `law`; `result` is a runCase
 * result. Options: {timeMs (default 20000), seeds (network seeds to try, default [seed]),
 * runOptions (passed to runCase)}.
 */
export function shrink(vm, result, law, { timeMs = 20000, seeds = null, runOptions = {} } = {}) {
  const deadline = Date.now() + timeMs;
  const trySeeds = seeds ?? [result.seed, result.seed + 7919, result.seed + 15887];
  let best = result;
  let bestCase = result.gcase;
  const failsWith = (gcase) => {
    for (const seed of trySeeds) {
      const r = runCase(vm, seed, { ...runOptions, gcase });
      if (r.failures.some((f) => f.law === law)) return r;
      if (Date.now() > deadline) return null;
    }
    return null;
  };
  let improved = true;
  while (improved && Date.now() < deadline) {
    improved = false;
    for (const [node, rebuild] of positions(bestCase.ast)) {
      if (Date.now() > deadline) break;
      const candidates = [...children(node), ...(node.k === 'null' ? [] : [NULL])];
      for (const c of candidates) {
        const ast = rebuild(c);
        if (size(ast) >= size(bestCase.ast)) continue;
        const gcase = caseOf(ast, bestCase);
        const r = failsWith(gcase);
        if (r) {
          best = r;
          bestCase = gcase;
          improved = true;
          break;
        }
      }
      if (improved) break;
    }
  }
  const weight = (f) => f.inputs.reduce((s, x) => s + x.bytes.length, 0);
  const failure = best.failures.filter((f) => f.law === law).sort((x, y) => weight(x) - weight(y))[0];
  return { result: best, failure };
}
