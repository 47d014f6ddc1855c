// Golden transcripts: the original's run of each scenario (tests/diff/golden/<scenario>.json) and of
// each corpus script (tests/diff/corpus-golden/<script>.json), shared by the generators and the tests.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceText } from './runner.mjs';

export const diffDir = path.dirname(fileURLToPath(import.meta.url));
export const goldenDir = path.join(diffDir, 'golden');
export const corpusGoldenDir = path.join(diffDir, 'corpus-golden');
export const corpusDir = path.resolve(diffDir, '..', '..', '..', 'shared', 'corpus', 'aqua-air');

/** The golden document of a recorded scenario run (trace_text is for reading only). */
export function goldenOf(scenario, recorded) {
  return {
    name: scenario.name,
    group: scenario.group,
    description: scenario.description,
    setup: recorded.setup,
    schedule: recorded.schedule,
    undelivered: recorded.undelivered,
    capReached: recorded.capReached,
    transcript: {
      steps: recorded.transcript.steps.map((s) => (s.trap ? s : { ...s, trace_text: traceText(s.data, recorded.setup.peers).join(' ') })),
    },
  };
}

/**
 * JSON text of a golden, laid out for reading and for line diffs: one line per top-level field,
 * per schedule step, and per field of each transcript step (the data on its own line).
 */
export function goldenText(golden) {
  const lines = ['{'];
  const entries = Object.entries(golden);
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (k === 'schedule' && Array.isArray(v)) {
      lines.push(`"schedule": [`, ...v.map((s, j) => `  ${JSON.stringify(s)}${j < v.length - 1 ? ',' : ''}`), `]${comma}`);
    } else if (k === 'transcript' && v && Array.isArray(v.steps)) {
      lines.push(`"transcript": {"steps": [`);
      v.steps.forEach((step, j) => {
        const fields = Object.entries(step);
        lines.push('  {');
        fields.forEach(([fk, fv], n) => lines.push(`   ${JSON.stringify(fk)}: ${JSON.stringify(fv)}${n < fields.length - 1 ? ',' : ''}`));
        lines.push(`  }${j < v.steps.length - 1 ? ',' : ''}`);
      });
      lines.push(`]}${comma}`);
    } else lines.push(`${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
  });
  lines.push('}', '');
  return lines.join('\n');
}

export function readGolden(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function listGoldens(dir = goldenDir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort();
}
