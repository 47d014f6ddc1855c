// Shows one scenario step by step: the golden (the original's run) beside airvm's replay of the
// same schedule, in the compact trace notation, with every difference.
//
//   node tests/diff/show.mjs SCENARIO [--original]
//
// --original replays on the original instead of airvm (to check a golden).
import path from 'node:path';
import { compareTranscripts, formatDifferences, replaySchedule, traceText } from './runner.mjs';
import { goldenDir, readGolden } from './golden.mjs';

const [name, ...flags] = process.argv.slice(2);
if (!name) throw new Error('usage: node tests/diff/show.mjs SCENARIO [--original]');
const golden = readGolden(path.join(goldenDir, `${name}.json`));
let vm;
if (flags.includes('--original')) vm = await (await import('../oracle/original.mjs')).loadOriginal();
else vm = await (await import('../../js/dist/index.js')).load();

const names = golden.setup.peers;
const got = await replaySchedule(golden.setup, golden.schedule, vm);
const rename = (t) => Object.entries(names).reduce((s, [n, id]) => s.split(id).join(n), t);
console.log(`${golden.name}: ${golden.description}\n${rename(golden.setup.air.trim())}\n`);
golden.schedule.forEach((s, i) => {
  const g = golden.transcript.steps[i];
  const a = got.steps[i];
  const res = s.callResults.map(([id, r]) => `${id}:${r.retCode ? `err ${r.retCode} ` : ''}${r.result}`).join(', ');
  console.log(`${i} ${s.label} prev=${s.prev ?? '∅'} current=${s.current ?? ('currentRaw' in s ? 'raw' : '∅')}${res ? ` results {${res}}` : ''}`);
  const line = (who, st) =>
    st.trap
      ? `   ${who} TRAP ${st.message}`
      : `   ${who} ret ${st.retCode}${st.errorMessage ? ` ${JSON.stringify(st.errorMessage.split('\n')[0])}` : ''} next [${rename(st.nextPeerPks.join(','))}] req [${st.callRequests.map(([id, r]) => `${id} ${r.serviceId}.${r.functionName}`).join(', ')}]\n        ${traceText(st.data, names).join(' ')}`;
  console.log(line('original', g));
  console.log(line(flags.includes('--original') ? 'again   ' : 'airvm   ', a));
});
const diffs = compareTranscripts(golden.transcript, got);
console.log(diffs.length ? `\n${diffs.length} differences:\n${formatDifferences(diffs, { limit: 50, names, aName: 'original', bName: 'airvm' })}` : '\nno difference');
