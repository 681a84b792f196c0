/**
 * Every failure message starts with its invariant id and carries the evidence rows
 * (design §4, §7). The reporter reads the id back from the first line.
 */
import { maybeMask } from './mask.js';

export const ID_PATTERN = /\b((?:TENANT|IDEMP|NOTIF|ASSIGN|STATE|WITNESS|AUTH|INFRA|SCHEMA|HARNESS)-\d{3})\b/;

const MAX_ROWS_IN_MESSAGE = 12;

export interface FailureEvidence {
  /** where the paired evidence was written, relative to the run folder */
  evidenceFile?: string;
  rows?: unknown[];
  details?: Record<string, unknown>;
}

export class InvariantError extends Error {
  constructor(
    readonly invariantId: string,
    readonly summary: string,
    readonly evidence: FailureEvidence = {},
  ) {
    super(maybeMask(formatFailure(invariantId, summary, evidence)));
    // The name stays "Error", so Playwright shows "Error: <ID> …", like its own assertion errors.
  }
}

export function formatFailure(id: string, summary: string, ev: FailureEvidence): string {
  const lines = [`${id} ${summary}`];
  if (ev.details) {
    for (const [k, v] of Object.entries(ev.details)) lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  }
  if (ev.evidenceFile) lines.push(`  evidence: ${ev.evidenceFile}`);
  if (ev.rows) {
    const shown = ev.rows.slice(0, MAX_ROWS_IN_MESSAGE);
    lines.push(`  rows (${ev.rows.length}${ev.rows.length > shown.length ? `, first ${shown.length}` : ''}):`);
    for (const r of shown) lines.push(`    ${JSON.stringify(r)}`);
  }
  return lines.join('\n');
}

/** The invariant id a failure message starts with (ANSI colour codes and "Error: " ignored). */
export function invariantIdOf(message: string | undefined): string | undefined {
  if (!message) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = message.replace(/\u001b\[[0-9;]*m/g, '').replace(/^\s*([A-Za-z]*Error:\s*)?/, '');
  const first = clean.split('\n')[0] ?? '';
  const m = /^([A-Z]+-\d{3})\b/.exec(first.trim());
  return m?.[1];
}
