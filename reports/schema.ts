/**
 * The report contract (design §7): `witness-results/<run-id>/report.json` validates against this
 * schema. Paths are relative to the run folder.
 */
import { z } from 'zod';

export const FAILURE_CLASSES = ['Infra/CI', 'Data/schema drift', 'Flake/timing', 'Harness/diagnostics', 'Algorithm regression'] as const;
export const FailureClass = z.enum(FAILURE_CLASSES);
export type FailureClass = z.infer<typeof FailureClass>;

export const CheckSchema = z.object({
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

export const AttemptSchema = z.object({
  retry: z.number().int().min(0),
  status: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
  durationMs: z.number(),
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

export const FailureSchema = z.object({
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

export const ReportSchema = z.object({
  schemaVersion: z.literal(1),
  run: z.object({
    runId: z.string(),
    status: z.enum(['passed', 'failed', 'timedout', 'interrupted']),
    mode: z.string().nullable(),
    target: z.string().nullable(),
    database: z.object({ host: z.string(), port: z.number(), name: z.string() }).nullable(),
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

export type Report = z.infer<typeof ReportSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type Failure = z.infer<typeof FailureSchema>;
export type Check = z.infer<typeof CheckSchema>;
