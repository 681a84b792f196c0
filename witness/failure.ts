/**
 * Every failure message starts with its invariant id and carries the evidence rows
 * (docs/architecture.md#ids, docs/architecture.md#report). The reporter reads the id back from the first line.
 */
import { expect } from '@playwright/test';
import { maybeMask } from './mask.js';

export const ID_PATTERN = /\b((?:TENANT|IDEMP|NOTIF|ASSIGN|STATE|WITNESS|AUTH|INFRA|SCHEMA|HARNESS)-\d{3})\b/;

const MAX_ROWS_IN_MESSAGE = 12;

export interface FailureEvidence {
  /** what identifies the failing check across runs (witness/signature.ts) */
  signature?: string;
  /** the ids of the entities the check acted on (a known defect's follow-ons match on them) */
  entities?: string[];
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
  if (ev.signature) lines.push(`  signature: ${ev.signature}`);
  if (ev.entities?.length) lines.push(`  entities: ${ev.entities.join(' ')}`);
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

/** The signature and entity lines of a failure message (see formatFailure). */
export function signatureOf(message: string): { signature: string | null; entities: string[] } {
  const sig = /^\s*signature: (.+)$/m.exec(message)?.[1]?.trim() ?? null;
  const ent = /^\s*entities: (.+)$/m.exec(message)?.[1]?.trim().split(/\s+/) ?? [];
  return { signature: sig, entities: ent };
}

const witnessExpect = expect.extend({
  toHoldInvariant(received: InvariantError) {
    return { pass: false, message: () => received.message, name: 'toHoldInvariant' };
  },
});

/**
 * Report a violation and go on (docs/architecture.md#soft-failures): checks that do not
 * depend on each other all run; each violation is its own error of the test (a soft expect), so
 * the report has one failure per violation. Steps later steps depend on still throw.
 */
export function reportViolation(e: InvariantError): void {
  witnessExpect.soft(e).toHoldInvariant();
}
