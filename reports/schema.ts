/**
 * The report contract (design §7): `witness-results/<run-id>/report.json` validates against this
 * schema. Paths are relative to the run folder.
 *
 * Version 2 (this one) adds a check verdict `not-evaluated` (a cross-org refusal whose positive
 * control failed) with its reason, the x-request-ids of each check and failure, and the count of
 * checks not evaluated. `parseReport` reads version 1 too, as version 2.
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

export const FailureSchema = FailureV1.extend({
  /** the x-request-ids of the failing checks' requests (grep the target's logs for them) */
  requestIds: z.array(z.string()),
  /** checks that could not be judged because of this failure (refusals whose control it is) */
  notEvaluated: z.array(z.object({ checkId: z.string(), summary: z.string(), rows: z.string() })),
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

const ScenarioV1 = ScenarioSchema.extend({ checks: z.array(CheckV1) });
const ReportV1Strict = ReportV1.extend({ scenarios: z.array(ScenarioV1), failures: z.array(FailureV1) });

export const REPORT_SCHEMA_VERSION = 2;

export const ReportSchema = ReportV1.extend({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  scenarios: z.array(ScenarioSchema),
  failures: z.array(FailureSchema),
  totals: ReportV1.shape.totals.extend({ checksNotEvaluated: z.number().int() }),
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
    return ReportSchema.safeParse({
      ...r,
      schemaVersion: REPORT_SCHEMA_VERSION,
      scenarios: r.scenarios.map((s) => ({ ...s, checks: s.checks.map((c) => ({ ...c, notEvaluated: null, requestIds: [] })) })),
      failures: r.failures.map((f) => ({ ...f, requestIds: [], notEvaluated: [] })),
      totals: { ...r.totals, checksNotEvaluated: 0 },
    });
  }
  return ReportSchema.safeParse(json);
}

export type Report = z.infer<typeof ReportSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type Failure = z.infer<typeof FailureSchema>;
export type Check = z.infer<typeof CheckSchema>;
