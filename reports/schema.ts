/**
 * The report contract (docs/architecture.md#report): `witness-results/<run-id>/report.json` validates against this
 * schema. Paths are relative to the run folder.
 *
 * Version 2 (this one) adds a check verdict `not-evaluated` (a cross-org refusal whose positive
 * control failed) with its reason; the x-request-ids of each check and failure; signatures (what
 * identifies a failing check across runs) on checks, attempts and failures; one failure per
 * violation; whether a failure is a known defect, and the known defects possibly fixed.
 * `parseReport` reads version 1 too, as version 2.
 */
import { z } from 'zod';

export const FAILURE_CLASSES = ['Infra/CI', 'Data/schema drift', 'Flake/timing', 'Harness/diagnostics', 'Algorithm regression'] as const;
export const FailureClass = z.enum(FAILURE_CLASSES);
export type FailureClass = z.infer<typeof FailureClass>;

const CheckV1 = z.object({
  seq: z.number().int(),
  attempt: z.number().int().min(0),
  checkId: z.string(),
  invariantId: z.string(),
  verdict: z.enum(['pass', 'fail']),
  organizationUnderTest: z.string(),
  summary: z.string(),
  /** the screenshot with the checked element outlined (absent for database-only checks) */
  screenshot: z.string().nullable(),
  /** the query, its rows, what the page showed and the verdict */
  rows: z.string(),
});

export const CheckSchema = CheckV1.extend({
  /** `not-evaluated`: the check could not be judged (a refusal whose positive control failed) */
  verdict: z.enum(['pass', 'fail', 'not-evaluated']),
  /** what identifies the check across runs (witness/signature.ts) */
  signature: z.string(),
  /** why it was not evaluated, and the evidence of what it needed */
  notEvaluated: z.object({ because: z.string(), control: z.string() }).nullable(),
  /** the x-request-id of every request recorded with this check */
  requestIds: z.array(z.string()),
});

export const AttemptSchema = z.object({
  retry: z.number().int().min(0),
  status: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
  durationMs: z.number(),
  /** when the attempt started (ISO); absent in version-1 reports */
  startedAt: z.string().optional(),
  invariantId: z.string().nullable(),
  message: z.string().nullable(),
  /** the signatures of the attempt's failures (attempts whose sets differ are Flake/timing) */
  signatures: z.array(z.string()).default([]),
});

export const ScenarioSchema = z.object({
  scenarioId: z.string(),
  title: z.string(),
  file: z.string(),
  line: z.number().int(),
  project: z.string(),
  tags: z.array(z.string()),
  status: z.enum(['passed', 'failed', 'flaky', 'skipped', 'interrupted']),
  skipReason: z.string().nullable(),
  attempts: z.array(AttemptSchema),
  durationMs: z.number(),
  slot: z.number().int().nullable(),
  /** why the journey is time-sensitive (a builder placed a row whose rule depends on the hour; tag `@time`), or null */
  timeSensitive: z.string().nullable().optional(),
  organizationUnderTest: z.string().nullable(),
  keyEntityIds: z.record(z.string(), z.string()),
  checks: z.array(CheckSchema),
});

const FailureV1 = z.object({
  scenarioId: z.string(),
  invariantId: z.string().nullable(),
  title: z.string(),
  file: z.string(),
  message: z.string(),
  class: FailureClass,
  /** the signal that decided the class */
  classSignal: z.string(),
  owner: z.string(),
  organizationUnderTest: z.string().nullable(),
  keyEntityIds: z.record(z.string(), z.string()),
  evidence: z.array(z.string()),
  trace: z.string().nullable(),
  showTrace: z.string().nullable(),
  repro: z.string(),
  attempts: z.number().int(),
});

export const KnownMatchSchema = z.object({
  /** the known-defects entry it matched */
  signature: z.string(),
  /** the filed defect (a URL, or a path resolved against the known-defects file) */
  link: z.string(),
  contract: z.string(),
  appFile: z.string().nullable(),
  /** set when this failure is a follow-on of that entry's primary failure */
  followOnOf: z.string().nullable(),
});

export const FailureSchema = FailureV1.extend({
  /** the x-request-ids of the failing checks' requests (grep the target's logs for them) */
  requestIds: z.array(z.string()),
  /** checks that could not be judged because of this failure (refusals whose control it is) */
  notEvaluated: z.array(z.object({ checkId: z.string(), summary: z.string(), rows: z.string() })),
  /** what identifies the failing check across runs, journeys and slots */
  signature: z.string(),
  /** the ids of the entities the failing check acted on or found in error */
  entities: z.array(z.string()),
  /** the known defect it is, or null: a new failure */
  known: KnownMatchSchema.nullable(),
  /** its defect file, under defects/ (a per-failure slug: two failures never share one) */
  defectFile: z.string(),
});

const ReportV1 = z.object({
  schemaVersion: z.literal(1),
  run: z.object({
    runId: z.string(),
    status: z.enum(['passed', 'failed', 'timedout', 'interrupted']),
    mode: z.string().nullable(),
    target: z.string().nullable(),
    database: z.object({ host: z.string(), port: z.number(), name: z.string(), user: z.string().optional() }).nullable(),
    faults: z.array(z.string()),
    gitSha: z.string().nullable(),
    ciRunUrl: z.string().nullable(),
    shard: z.object({ current: z.number(), total: z.number() }).nullable(),
    workers: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string(),
    durationMs: z.number(),
    playwrightVersion: z.string(),
    /** WITNESS_NOW: the instant the run was run at (on the reference's test clock), or null for real time */
    witnessNow: z.string().nullable().optional(),
  }),
  scenarios: z.array(ScenarioSchema),
  failures: z.array(FailureSchema),
  totals: z.object({
    scenarios: z.number().int(),
    passed: z.number().int(),
    failed: z.number().int(),
    flaky: z.number().int(),
    skipped: z.number().int(),
    checks: z.number().int(),
    checksFailed: z.number().int(),
  }),
});

const ScenarioV1 = ScenarioSchema.extend({ checks: z.array(CheckV1), attempts: z.array(AttemptSchema.omit({ signatures: true })) });
const ReportV1Strict = ReportV1.extend({ scenarios: z.array(ScenarioV1), failures: z.array(FailureV1) });

export const REPORT_SCHEMA_VERSION = 2;

export const ReportSchema = ReportV1.extend({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  scenarios: z.array(ScenarioSchema),
  failures: z.array(FailureSchema),
  totals: ReportV1.shape.totals.extend({
    checksNotEvaluated: z.number().int(),
    /** failures that match no known defect */
    failuresNew: z.number().int(),
    failuresKnown: z.number().int(),
  }),
  /** the known-defects file the run was given (WITNESS_KNOWN_DEFECTS), or null */
  knownDefects: z.object({ file: z.string(), target: z.string(), entries: z.number().int() }).nullable(),
  /** known defects whose check ran and passed in this run */
  possiblyFixed: z.array(z.object({ signature: z.string(), link: z.string(), scenarios: z.array(z.string()) })),
});

/** The schema versions `parseReport` reads. */
export const READABLE_VERSIONS = [1, 2] as const;

/**
 * Read a report of any readable version as the current one: a version-1 report has no
 * not-evaluated checks and no request ids.
 */
export function parseReport(json: unknown): z.ZodSafeParseResult<Report> {
  const version = typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (version === 1) {
    const v1 = ReportV1Strict.safeParse(json);
    if (!v1.success) return v1 as unknown as z.ZodSafeParseResult<Report>;
    const r = v1.data;
    // Version 1 knew neither signatures nor known defects: each failure is new, its signature its ids.
    const sig = (id: string | null, check: string) => `${id ?? 'NO-ID'} ${check}`;
    return ReportSchema.safeParse({
      ...r,
      schemaVersion: REPORT_SCHEMA_VERSION,
      scenarios: r.scenarios.map((s) => ({
        ...s,
        attempts: s.attempts.map((a) => ({ ...a, signatures: a.invariantId ? [sig(a.invariantId, s.scenarioId)] : [] })),
        checks: s.checks.map((c) => ({ ...c, notEvaluated: null, requestIds: [], signature: sig(c.invariantId, c.checkId) })),
      })),
      failures: r.failures.map((f) => ({
        ...f,
        requestIds: [],
        notEvaluated: [],
        signature: sig(f.invariantId, f.scenarioId),
        entities: [],
        known: null,
        defectFile: `${f.scenarioId}--${f.invariantId ?? 'no-id'}.md`.replace(/[^A-Za-z0-9._-]+/g, '-'),
      })),
      totals: { ...r.totals, checksNotEvaluated: 0, failuresNew: r.failures.length, failuresKnown: 0 },
      knownDefects: null,
      possiblyFixed: [],
    });
  }
  return ReportSchema.safeParse(json);
}

export type Report = z.infer<typeof ReportSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type Failure = z.infer<typeof FailureSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type KnownMatch = z.infer<typeof KnownMatchSchema>;

/**
 * The exit code of `pnpm witness` and `pnpm triage` for a report: 0 no failure, 1 any failure that
 * is new, 3 when every failure is a known defect. A run that did not pass yet lists no failure
 * (cut short, say) is 1: it is not known to be green.
 */
export function exitCodeOf(r: Report, playwrightCode = 0): 0 | 1 | 3 {
  if (r.failures.some((f) => !f.known)) return 1;
  if (r.failures.length) return 3;
  return r.run.status === 'passed' && playwrightCode === 0 ? 0 : 1;
}
