// Development aid: runs law-test cases on the original AquaVM 0.54 as well as on airvm and shows,
// per law, which of them fail on which implementation; with --dual, airvm's run is also replayed
// invocation by invocation on the original and every disagreement is counted.
//
//   node tests/laws/original.mjs SEED [SEED…] [--law L] [--dual] [--show]
//   node tests/laws/original.mjs --from N --to M [--law L] [--dual]
// AIRVM_LAWS_GEN='{"recursion":false}' passes generator options (gen.mjs generate).
//   node tests/laws/original.mjs SEED --case FILE   (a case {ast, peers, init} saved as JSON,
//                                                    e.g. a shrunk one: network seeded by SEED)
//
// A law failing on both is a known violation of the original (execution.md 5.4); one failing on
// airvm only is an airvm bug. (A case whose runs already disagree is flagged: the two runs then
// draw their inputs from different pools.)
import { load } from '../../js/dist/index.js';
import { loadOriginal } from '../oracle/original.mjs';
import { loadDual } from './dual.mjs';
import { runCase } from './check.mjs';
import { describeFailure } from './report.mjs';
import { features, print } from './gen.mjs';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const law = opt('--law');
let seeds = args.filter((a, i) => /^\d+$/.test(a) && !['--from', '--to', '--law', '--case'].includes(args[i - 1])).map(Number);
let gcase;
if (opt('--case')) {
  const c = JSON.parse(readFileSync(opt('--case'), 'utf8'));
  gcase = { ...c, air: print(c.ast), features: features(c.ast) };
}
if (opt('--from')) for (let s = Number(opt('--from')); s < Number(opt('--to')); s++) seeds.push(s);

const airvm = await load();
const original = await loadOriginal();
const origVm = { invoke: (...a) => original.invokeSync(...a) };
const dual = flag('--dual') ? await loadDual() : null;

const summary = (r) => {
  const m = {};
  for (const f of r.failures) m[f.law] = (m[f.law] ?? 0) + 1;
  return m;
};

for (const seed of seeds) {
  const options = gcase ? { gcase } : { generator: JSON.parse(process.env.AIRVM_LAWS_GEN ?? '{}') };
  const a = runCase(airvm, seed, options);
  const o = runCase(origVm, seed, options);
  let line = `seed ${seed}: airvm ${JSON.stringify(summary(a))} original ${JSON.stringify(summary(o))}`;
  if (dual) {
    const before = dual.disagreements.length;
    runCase(dual, seed, options);
    line += ` disagreements ${dual.disagreements.length - before}`;
  }
  console.log(line, JSON.stringify(Object.keys(a.gcase.features).filter((k) => a.gcase.features[k])));
  if (flag('--show')) {
    for (const [name, r] of [['airvm', a], ['original', o]]) {
      const f = r.failures.find((x) => !law || x.law === law);
      if (f) console.log(`--- ${name}:\n${describeFailure(r, f)}`);
    }
  }
}
