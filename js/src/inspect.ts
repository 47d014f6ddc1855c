// The inspect report: the C++ side writes it with snake_case keys (as the CLI's --json prints
// it); the package API gives it in camelCase. Only the report's own keys are renamed: the trace
// states and the store names are the data's, and stay as the data writes them.
import type { InspectReport, InspectSigner } from './types.js';

/** The report as the C++ side writes it (and `airvm inspect --json` prints it). */
export interface RawInspectReport {
  version: string;
  interpreter_version: string;
  trace: Record<string, unknown>[];
  lcid: number;
  stores: Record<string, number>;
  signatures: { public_key: string; peer_id: string; valid: boolean | null; cids: string[] }[];
  cids_ok: boolean;
  first_bad: string | null;
}

export function inspectReport(raw: RawInspectReport): InspectReport {
  return {
    version: raw.version,
    interpreterVersion: raw.interpreter_version,
    trace: raw.trace,
    lcid: raw.lcid,
    stores: raw.stores,
    signatures: raw.signatures.map(
      (s): InspectSigner => ({ publicKey: s.public_key, peerId: s.peer_id, valid: s.valid, cids: s.cids }),
    ),
    cidsOk: raw.cids_ok,
    firstBad: raw.first_bad,
  };
}

/** Back to the C++ side's snake_case keys (the CLI's --json output). */
export function rawInspectReport(report: InspectReport): RawInspectReport {
  return {
    version: report.version,
    interpreter_version: report.interpreterVersion,
    trace: report.trace,
    lcid: report.lcid,
    stores: report.stores,
    signatures: report.signatures.map((s) => ({ public_key: s.publicKey, peer_id: s.peerId, valid: s.valid, cids: s.cids })),
    cids_ok: report.cidsOk,
    first_bad: report.firstBad,
  };
}
