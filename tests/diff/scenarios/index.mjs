// The differential scenario set: every module of this folder exports an array of scenarios
// (tests/diff/runner.mjs documents the shape). Names are unique and become golden file names.
import calls from './calls.mjs';
import control from './control.mjs';
import delivery from './delivery.mjs';
import errors from './errors.mjs';
import examples from './examples.mjs';
import folds from './folds.mjs';
import patterns from './patterns.mjs';
import streams from './streams.mjs';
import tricky from './tricky.mjs';

export const groups = { examples, tricky, calls, control, folds, streams, errors, delivery, patterns };

export const scenarios = Object.entries(groups).flatMap(([group, list]) => list.map((s) => ({ group, ...s })));

const seen = new Set();
for (const s of scenarios) {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s.name)) throw new Error(`scenario name ${JSON.stringify(s.name)}: use [A-Za-z0-9._-]`);
  if (seen.has(s.name)) throw new Error(`duplicate scenario name ${s.name}`);
  if (!s.description) throw new Error(`scenario ${s.name} has no description`);
  seen.add(s.name);
}
