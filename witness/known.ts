/**
 * Known defects (docs/architecture.md#known-defects): a checked-in file per target lists the target's
 * defects already filed, each by the signature of the check it fails. `WITNESS_KNOWN_DEFECTS=<file>`
 * chooses the file (none by default). A failure that matches an entry is still a failure, reported
 * *known* with its link; one that matches nothing is *new* and listed first; an entry whose check
 * ran and passed is *possibly fixed*.
 *
 * Only product invariants may be known (TENANT, IDEMP, NOTIF, ASSIGN, STATE, AUTH, and WITNESS
 * with the app's file and line); HARNESS, INFRA and SCHEMA never: those are the suite's or the
 * machine's, and a list that hid them would hide the suite's own defects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Refusal } from './errors.js';

const RUN_ID = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z-[0-9a-f]{4}$/;
const KNOWABLE = ['TENANT', 'IDEMP', 'NOTIF', 'ASSIGN', 'STATE', 'AUTH', 'WITNESS'];

export const KnownEntrySchema = z.object({
  /** the failing check, as the report writes it: `TENANT-004 POST /api/warehouses/{id}/managers body.userId` */
  signature: z.string().min(8),
  /** where it was seen first (for information: an entry matches on its signature alone) */
  scenario: z.string().optional(),
  /** the filed defect: a URL, or a path (relative to this file) to a checked-in defect file */
  link: z.string().min(1),
  /** the contract section the behaviour breaks */
  contract: z.string().regex(/§\d/, 'the contract section, e.g. "§4.6"'),
  /** where the defect lives in the app: a path and a line, no code */
  appFile: z.string().regex(/^[^\s:]+:\d+(-\d+)?$/, 'a path and a line, e.g. "src/routes/api/x/+server.ts:89"').nullable().optional(),
  /** the run in which an Algorithm-class failure with evidence showed it */
  seenInRun: z.string().regex(RUN_ID, 'a run id, e.g. 2026-12-01T20-26-01Z-2ab3'),
  note: z.string().default(''),
  /** failures it causes: matched only on the primary failure's entity ids, in the same attempt or the run's RUN-SWEEP */
  followOns: z.array(z.object({ signature: z.string().min(8), note: z.string().default('') })).default([]),
});
export type KnownEntry = z.infer<typeof KnownEntrySchema>;

export const KnownFileSchema = z.object({
  target: z.string(),
  defects: z.array(KnownEntrySchema),
});
export type KnownFile = z.infer<typeof KnownFileSchema>;

export interface LoadedKnown {
  file: string;
  known: KnownFile;
}

/** Why an entry cannot be a known defect (empty when it can). */
export function entryProblems(e: KnownEntry): string[] {
  const id = /^([A-Z]+)-\d{3}\b/.exec(e.signature);
  if (!id) return [`its signature "${e.signature}" does not start with an invariant id`];
  const p: string[] = [];
  if (!KNOWABLE.includes(id[1]!)) p.push(`${id[0]} is a ${id[1]} id: the suite's and the machine's failures are never known defects`);
  if (!e.appFile) p.push(id[1] === 'WITNESS' ? `${id[0]} needs the app's file and line (appFile): a page that differs from the database is a known defect only where the app's code is named` : 'it names no appFile (the app\'s file and line)');
  for (const f of e.followOns) {
    const fid = /^([A-Z]+)-\d{3}\b/.exec(f.signature);
    if (!fid || !KNOWABLE.includes(fid[1]!)) p.push(`its follow-on "${f.signature}" is not a product invariant`);
  }
  return p;
}

/**
 * Read and check the known-defects file: one clear line (a refusal) for a file that is missing,
 * unreadable, not the schema, or has an entry that may not be known.
 */
export function loadKnownDefects(file: string): LoadedKnown {
  const abs = path.resolve(file);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(abs, 'utf8'));
  } catch (e) {
    throw new Refusal('INFRA-004', `refused: WITNESS_KNOWN_DEFECTS=${file} cannot be read as JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const parsed = KnownFileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Refusal('INFRA-004', `refused: WITNESS_KNOWN_DEFECTS=${file}: ${i.path.join('.') || '(top level)'}: ${i.message}`);
  }
  for (const [n, e] of parsed.data.defects.entries()) {
    const p = entryProblems(e);
    if (p.length) throw new Refusal('INFRA-004', `refused: WITNESS_KNOWN_DEFECTS=${file}: defect ${n + 1} (${e.signature}): ${p[0]}`);
  }
  const sigs = parsed.data.defects.map((d) => d.signature);
  const twice = sigs.find((s, i) => sigs.indexOf(s) !== i);
  if (twice) throw new Refusal('INFRA-004', `refused: WITNESS_KNOWN_DEFECTS=${file}: the signature "${twice}" is listed twice`);
  return { file: abs, known: parsed.data };
}

/** A link as a person follows it: a URL as is, a path resolved against the known-defects file. */
export function resolveLink(link: string, knownFile: string): string {
  if (/^[a-z]+:\/\//i.test(link)) return link;
  return path.resolve(path.dirname(knownFile), link);
}
