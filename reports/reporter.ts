/**
 * The Drive Witness reporter: writes `report.json` (validated by reports/schema.ts) and
 * `summary.md` into the run folder, and prints one line per failure with its two ids.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { ReportSchema, REPORT_SCHEMA_VERSION, type Report, type Scenario, type Failure, type Check } from './schema.js';
import { classify, INFRA_SIGNS, ownerOf } from './classify.js';
import { renderSummary } from './summary.js';
import { writeDefects } from './defects-write.js';
import { writeViewer } from './viewer.js';
import { invariantIdOf, signatureOf } from '../witness/failure.js';
import { messageSignature, namedSignature, signatureHash } from '../witness/signature.js';
import { loadKnownDefects, type LoadedKnown } from '../witness/known.js';
import { applyKnown } from './known-match.js';
import { ensureRunId, runDir, markLatest } from '../witness/run.js';

interface RunMeta {
  mode?: string;
  target?: string;
  database?: { host: string; port: number; name: string; user?: string };
  faults?: string[];
  workers?: number;
  /** the known-defects file (absolute), when WITNESS_KNOWN_DEFECTS named one */
  knownDefects?: string | null;
  /** WITNESS_NOW's instant, or null */
  now?: string | null;
}

/** One error of an attempt, as a failure will carry it. */
interface AttemptError {
  message: string;
  invariantId: string | null;
  signature: string;
  entities: string[];
}

/** A failure before its defect file and known-defect match are decided. */
type DraftFailure = Omit<Failure, 'defectFile' | 'known'>;

/** What a scenario's repro needs beyond the run: its project, and the secrets it reads (names only). */
export interface ReproNeeds {
  project?: string;
  secrets?: string[];
}

function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, '');
}

function gitSha(): string | null {
  if (process.env.GITHUB_SHA) return process.env.GITHUB_SHA;
  try {
    return execSync('git rev-parse HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() || null;
  } catch {
    return null;
  }
}

export function ciRunUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    return `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return null;
}

function statusOf(test: TestCase): Scenario['status'] {
  const outcome = test.outcome();
  if (outcome === 'expected') return test.results.at(-1)?.status === 'skipped' ? 'skipped' : 'passed';
  if (outcome === 'skipped') return 'skipped';
  if (outcome === 'flaky') return 'flaky';
  if (test.results.at(-1)?.status === 'interrupted') return 'interrupted';
  return 'failed';
}

/**
 * The command that reruns one scenario locally: the run's target and database as URLs whose
 * password is a named placeholder, the phone project when that is where it failed, and the names
 * (never the values) of the secrets the journey reads.
 */
export function reproCommand(scenarioId: string, meta: RunMeta, needs: ReproNeeds = {}): string {
  const env = ['INTEGRATION_TEST=1'];
  if (needs.project === 'mobile') env.push('WITNESS_MOBILE=1');
  if (meta.faults?.length) env.push(`WITNESS_FAULTS=${meta.faults.join(',')}`);
  const db = meta.database;
  const dbUrl = db ? `postgresql://${db.user ? `${db.user}:` : ''}<password>@${db.host}:${db.port}/${db.name}` : '<its disposable database>';
  if (meta.mode === 'external') env.push(`WITNESS_BASE_URL=${meta.target ?? '<target url>'}`, `DATABASE_URL=${dbUrl}`);
  if (meta.mode === 'reference-on-database') env.push(`DATABASE_URL=${db ? dbUrl : '<your disposable database>'}`);
  for (const name of needs.secrets ?? []) env.push(`${name}=<${name.toLowerCase().replace(/_/g, '-')}>`);
  const project = needs.project === 'mobile' ? ' --project mobile' : '';
  return `${env.join(' ')} pnpm exec playwright test --grep "${scenarioId}"${project} --workers 1`;
}

/** The timeout picture the timeoutProbe fixture noted at the moment a test timed out. */
interface TimeoutNote {
  step: string | null;
  pending: string | null;
  timeoutMs: number;
  probe: { target: { ok: boolean; detail: string }; database: { ok: boolean; detail: string } };
}

/**
 * A timed-out attempt's message: never Infra/CI by itself (docs/architecture.md#classes). HARNESS-006 naming the step
 * and the pending action when the target and the database still answered at that moment;
 * INFRA-001 / INFRA-002 when the probe made then failed. Playwright's own lines follow.
 */
export function timeoutMessage(note: TimeoutNote | null, playwrightLines: string): string {
  const pendingFromPlaywright = playwrightLines
    .split('\n')
    .map((l) => l.trim().replace(/^Error:\s*/, ''))
    .filter((l) => l && !/^Test timeout of \d+ms exceeded/.test(l))
    .slice(0, 2)
    .join(' / ');
  if (!note) {
    return `HARNESS-006 test timeout with no reachability probe recorded (the suite's own timeout fixture did not run)${pendingFromPlaywright ? `; pending: ${pendingFromPlaywright}` : ''}\n${playwrightLines}`;
  }
  const secs = Math.round(note.timeoutMs / 1000);
  const step = note.step ? ` in step ${note.step}` : ' before the first step';
  const pending = note.pending ? `waiting for ${note.pending}` : pendingFromPlaywright || 'no action recorded as pending';
  const { target, database } = note.probe;
  const probeLine = `target: ${target.ok ? 'answered' : 'did not answer'} (${target.detail}); database: ${database.ok ? 'answered' : 'did not answer'} (${database.detail})`;
  const head = !target.ok
    ? `INFRA-001 test timeout of ${secs} s${step} while ${pending}; the target did not answer at that moment`
    : !database.ok
    ? `INFRA-002 test timeout of ${secs} s${step} while ${pending}; the database did not answer at that moment`
    : `HARNESS-006 test timeout of ${secs} s${step} while ${pending}; the target and the database both answered at that moment, so the suite's own wait or step is at fault`;
  return `${head}\n  reachability probe at the timeout: ${probeLine}\n${playwrightLines}`;
}

export default class WitnessReporter implements Reporter {
  private config!: FullConfig;
  private suite!: Suite;
  private started = new Date();
  private readonly runId = ensureRunId();

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    this.suite = suite;
    this.started = new Date();
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | void> {
    const dir = runDir(this.runId);
    const metaFile = path.join(dir, 'run-meta.json');
    if (!fs.existsSync(metaFile)) return; // the run was refused before it started: nothing to report
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as RunMeta;
    const report = this.build(result, meta, dir);
    const parsed = ReportSchema.safeParse(report);
    if (!parsed.success) {
      process.stderr.write(`[witness] HARNESS-002 the report does not match its schema: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}\n`);
    }
    fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report, null, 2));
    fs.writeFileSync(path.join(dir, 'summary.md'), renderSummary(report));
    writeDefects(report, dir, displayDir(dir));
    writeViewer(report, dir);
    markLatest(this.runId);
    const red = report.failures.length > 0 && result.status === 'passed';
    process.stdout.write(terminalLines(report));
    process.stdout.write(
      `[witness] ${report.totals.passed} passed, ${report.totals.failed} failed, ${report.totals.flaky} flaky, ${report.totals.skipped} skipped; ${report.totals.failuresNew} new failure(s), ${report.totals.failuresKnown} known; report: ${path.join(displayDir(dir), 'report.json')}\n`,
    );
    // A run-level failure (the sweep) makes the run red even when every journey passed.
    if (red) return { status: 'failed' };
  }

  private build(result: FullResult, meta: RunMeta, dir: string): Report {
    const scenarios: Scenario[] = [];
    const failures: DraftFailure[] = [];
    const precheck = this.precheckScenario(dir, meta);
    for (const test of this.suite.allTests()) {
      const scenario = this.scenario(test);
      scenarios.push(scenario);
      if (didNotRun(test) && precheck?.failures.length) {
        // A schema drift stops the run before any journey: one Data/schema drift failure, not one per journey.
        scenario.status = 'skipped';
        scenario.skipReason = 'not run: the run\'s precheck failed (RUN-PRECHECK)';
      } else if (didNotRun(test) && result.status !== 'passed') {
        // Cut short (worker crash, dead target or database, interrupt): Infra/CI, never silence.
        scenario.status = 'interrupted';
        failures.push(this.notRun(test, scenario, meta, result.status));
      } else if (scenario.status === 'failed' || scenario.status === 'flaky' || scenario.status === 'interrupted') {
        failures.push(...this.failures(test, scenario, meta, dir));
      }
    }
    for (const runLevel of [precheck, this.sweepScenario(dir, meta)]) {
      if (!runLevel) continue;
      scenarios.push(runLevel.scenario);
      failures.push(...runLevel.failures);
    }
    const finished = new Date();
    const checks = scenarios.flatMap((s) => s.checks);
    // Known defects: the run's file, checked by the launcher before anything ran.
    const loaded: LoadedKnown | null = meta.knownDefects ? loadKnownDefects(meta.knownDefects) : null;
    const known = applyKnown(
      failures.map((f) => ({ ...f, known: null, defectFile: '' })),
      scenarios.flatMap((sc) => sc.checks.map((c) => ({ ...c, scenarioId: sc.scenarioId }))),
      loaded,
    );
    // New failures first (docs/architecture.md#known-defects), each with a defect file of its own: scenario, id, signature, sequence.
    const ordered = [...known.failures.filter((f) => !f.known), ...known.failures.filter((f) => f.known)];
    const seen = new Map<string, number>();
    const final: Failure[] = ordered.map((f) => {
      const n = (seen.get(f.signature) ?? 0) + 1;
      seen.set(f.signature, n);
      const safe = (x: string) => x.replace(/[^A-Za-z0-9._-]+/g, '-');
      return { ...f, defectFile: `${safe(f.scenarioId)}--${safe(f.invariantId ?? 'no-id')}--${signatureHash(f.signature)}-${n}.md` };
    });
    return {
      schemaVersion: REPORT_SCHEMA_VERSION,
      run: {
        runId: this.runId,
        status: result.status,
        mode: meta.mode ?? null,
        target: meta.target ?? null,
        database: meta.database ?? null,
        faults: meta.faults ?? [],
        gitSha: gitSha(),
        ciRunUrl: ciRunUrl(),
        shard: this.config.shard ? { current: this.config.shard.current, total: this.config.shard.total } : null,
        workers: this.config.workers,
        startedAt: this.started.toISOString(),
        finishedAt: finished.toISOString(),
        durationMs: finished.getTime() - this.started.getTime(),
        playwrightVersion: this.config.version,
        witnessNow: meta.now ?? null,
      },
      scenarios,
      failures: final,
      knownDefects: loaded ? { file: loaded.file, target: loaded.known.target, entries: loaded.known.defects.length } : null,
      possiblyFixed: known.possiblyFixed,
      totals: {
        scenarios: scenarios.length,
        passed: scenarios.filter((s) => s.status === 'passed').length,
        failed: scenarios.filter((s) => s.status === 'failed' || s.status === 'interrupted').length,
        flaky: scenarios.filter((s) => s.status === 'flaky').length,
        skipped: scenarios.filter((s) => s.status === 'skipped').length,
        checks: checks.length,
        checksFailed: checks.filter((c) => c.verdict === 'fail').length,
        checksNotEvaluated: checks.filter((c) => c.verdict === 'not-evaluated').length,
        failuresNew: final.filter((f) => !f.known).length,
        failuresKnown: final.filter((f) => f.known).length,
      },
    };
  }

  private scenario(test: TestCase): Scenario {
    const last = test.results.at(-1);
    const ann = last?.annotations?.length ? last.annotations : test.annotations;
    const get = (type: string) => ann.find((a) => a.type === type)?.description ?? null;
    const keyEntityIds: Record<string, string> = {};
    for (const a of ann) {
      if (a.type !== 'keyEntityId' || !a.description) continue;
      const i = a.description.indexOf('=');
      keyEntityIds[a.description.slice(0, i)] = a.description.slice(i + 1);
    }
    const checks: Check[] = [];
    for (const r of test.results) {
      for (const att of r.attachments) {
        if (att.name !== 'witness-check' || !att.body) continue;
        const rec = JSON.parse(att.body.toString('utf8')) as Record<string, unknown>;
        const requests = Array.isArray(rec.requests) ? (rec.requests as { id?: unknown }[]) : [];
        const ne = rec.notEvaluated as { because?: unknown; control?: unknown } | undefined;
        checks.push({
          seq: Number(rec.seq),
          attempt: r.retry,
          checkId: String(rec.checkId),
          invariantId: String(rec.invariantId),
          verdict: rec.verdict === 'pass' ? 'pass' : rec.verdict === 'not-evaluated' ? 'not-evaluated' : 'fail',
          signature: typeof rec.signature === 'string' ? rec.signature : `${String(rec.invariantId)} ${String(rec.checkId)}`,
          notEvaluated: ne ? { because: String(ne.because), control: String(ne.control) } : null,
          organizationUnderTest: String(rec.organizationUnderTest),
          summary: String(rec.summary),
          screenshot: typeof rec.screenshot === 'string' ? rec.screenshot : null,
          rows: String(rec.rowsFile),
          requestIds: [...new Set(requests.map((q) => (typeof q.id === 'string' ? q.id : '(none)')))],
        });
      }
    }
    const skip = ann.find((a) => a.type === 'skip');
    const timeSensitive = ann.find((a) => a.type === 'time-sensitive')?.description ?? null;
    const titleId = /^([A-Z]+-\d{3})\b/.exec(test.title)?.[1];
    return {
      scenarioId: get('scenarioId') ?? titleId ?? 'UNKNOWN',
      title: test.title,
      file: path.relative(this.config.rootDir, test.location.file).split(path.sep).join('/'),
      line: test.location.line,
      project: test.parent.project()?.name ?? '',
      tags: timeSensitive ? [...test.tags, '@time'] : test.tags,
      status: statusOf(test),
      skipReason: skip?.description ?? null,
      attempts: test.results.map((r) => this.attempt(r)),
      durationMs: test.results.reduce((t, r) => t + r.duration, 0),
      slot: get('slot') === null ? null : Number(get('slot')),
      timeSensitive,
      organizationUnderTest: get('organizationUnderTest'),
      keyEntityIds,
      checks: checks.sort((a, b) => a.attempt - b.attempt || a.seq - b.seq),
    };
  }

  /** A run-level scenario (RUN-PRECHECK, RUN-SWEEP) with one failure per message. */
  private runLevel(
    scenarioId: string,
    title: string,
    file: string,
    evidence: string,
    messages: string[],
    checks: Check[],
    meta: RunMeta,
    signatureOf: (message: string) => string,
  ): { scenario: Scenario; failures: DraftFailure[] } {
    const status = messages.length ? 'failed' : 'passed';
    const attempts = [
      {
        retry: 0,
        status: status as 'passed' | 'failed',
        durationMs: 0,
        invariantId: messages[0] ? invariantIdOf(messages[0]) ?? null : null,
        message: messages.join('\n\n') || null,
        signatures: messages.map(signatureOf),
      },
    ];
    const scenario: Scenario = {
      scenarioId,
      title,
      file,
      line: 1,
      project: '',
      tags: [],
      status,
      skipReason: null,
      attempts,
      durationMs: 0,
      slot: null,
      organizationUnderTest: 'all',
      keyEntityIds: {},
      checks,
    };
    const failures = messages.map((message): DraftFailure => {
      const id = invariantIdOf(message) ?? null;
      const c = classify([{ status: 'failed', invariantId: id, message }], scenarioId, meta.mode ?? null);
      return {
        scenarioId,
        invariantId: id,
        title,
        file,
        message,
        class: c.class,
        classSignal: c.signal,
        owner: c.owner,
        organizationUnderTest: 'all',
        keyEntityIds: {},
        evidence: [evidence],
        trace: null,
        showTrace: null,
        // A run-level failure is about the whole run: its repro is the whole pack.
        repro: reproCommand('', meta).replace(' --grep ""', '').replace(' --workers 1', ''),
        attempts: 1,
        requestIds: [],
        notEvaluated: [],
        signature: signatureOf(message),
        // The sweep's offending rows are in its message: a known defect's follow-ons match on their ids.
        entities: [],
      };
    });
    return { scenario, failures };
  }

  /** RUN-PRECHECK: the schema-drift precheck the global setup ran before any journey. */
  private precheckScenario(dir: string, meta: RunMeta): { scenario: Scenario; failures: DraftFailure[] } | null {
    const file = path.join(dir, 'run-precheck.json');
    if (!fs.existsSync(file)) return null;
    const pc = JSON.parse(fs.readFileSync(file, 'utf8')) as { differences: string[]; notes: string[]; infra?: string | null };
    const messages = pc.infra
      ? [`${pc.infra}\n  no journey ran`]
      : pc.differences.length
      ? [
          `SCHEMA-001 the database differs from the Drive contract in ${pc.differences.length} way(s); no journey ran\n${pc.differences.map((d) => `  - ${d}`).join('\n')}${pc.notes.length ? `\n  notes:\n${pc.notes.map((n) => `  - ${n}`).join('\n')}` : ''}\n  evidence: run-precheck.json`,
        ]
      : [];
    const checks: Check[] = [
      {
        seq: 1,
        attempt: 0,
        checkId: 'schema-drift',
        invariantId: pc.infra ? (invariantIdOf(pc.infra) ?? 'INFRA-001') : 'SCHEMA-001',
        verdict: pc.differences.length || pc.infra ? 'fail' : 'pass',
        organizationUnderTest: 'all',
        summary: pc.infra
          ? pc.infra
          : pc.differences.length
          ? `${pc.differences.length} difference(s) from the contract`
          : `the schema matches the contract${pc.notes.length ? `; ${pc.notes.length} note(s): ${pc.notes.slice(0, 3).join('; ')}` : ''}`,
        screenshot: null,
        rows: 'run-precheck.json',
        notEvaluated: null,
        requestIds: [],
        signature: pc.infra ? messageSignature(invariantIdOf(pc.infra) ?? 'INFRA-001', pc.infra) : 'SCHEMA-001 precheck',
      },
    ];
    return this.runLevel('RUN-PRECHECK', 'RUN-PRECHECK the database matches the contract\'s schema before any journey', 'witness/precheck.ts', 'run-precheck.json', messages, checks, meta, (m) =>
      pc.infra ? messageSignature(invariantIdOf(m) ?? 'INFRA-001', m) : 'SCHEMA-001 precheck',
    );
  }

  /**
   * RUN-SWEEP, from the file the global teardown wrote before stopping the database: one failure
   * per violated invariant, each with its offending rows.
   */
  private sweepScenario(dir: string, meta: RunMeta): { scenario: Scenario; failures: DraftFailure[] } | null {
    const file = path.join(dir, 'run-sweep.json');
    if (!fs.existsSync(file)) return null;
    const sw = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      error: string | null;
      checked: { id: string; query: string; rows: unknown[] }[];
      violations: { id: string; query: string; rows: unknown[] }[];
    };
    const evidence = 'run-sweep.json';
    const messages = sw.error
      ? [`INFRA-002 the end-of-run sweep could not query the database: ${sw.error}`]
      : sw.violations.map(
          (v) => `${v.id} end-of-run sweep over the whole database: ${v.rows.length} offending row(s)\n  evidence: ${evidence}\n  rows (first ${Math.min(5, v.rows.length)}):\n${v.rows.slice(0, 5).map((r) => `    ${JSON.stringify(r)}`).join('\n')}`,
        );
    const checks: Check[] = sw.checked.map((c, i) => ({
      seq: i + 1,
      attempt: 0,
      checkId: 'sweep',
      invariantId: c.id,
      verdict: c.rows.length ? 'fail' : 'pass',
      organizationUnderTest: 'all',
      summary: c.rows.length ? `${c.id}: ${c.rows.length} offending row(s) in the whole database` : `${c.id} holds over the whole database`,
      screenshot: null,
      rows: evidence,
      notEvaluated: null,
      requestIds: [],
      signature: namedSignature(c.id, 'sweep'),
    }));
    return this.runLevel('RUN-SWEEP', 'RUN-SWEEP the global invariants over the whole database at the end of the run', 'witness/invariants/global.ts', evidence, messages, checks, meta, (m) => {
      const id = invariantIdOf(m) ?? 'INFRA-002';
      return id.startsWith('INFRA-') ? messageSignature(id, m) : namedSignature(id, 'sweep');
    });
  }

  private notRun(test: TestCase, s: Scenario, meta: RunMeta, runStatus: string): DraftFailure {
    const message = `INFRA-005 ${s.scenarioId} did not run: the run ended ${runStatus} before it (worker crash, target or database gone, or an interrupt)`;
    const c = classify([{ status: 'failed', invariantId: 'INFRA-005', message }], s.scenarioId, meta.mode ?? null);
    return {
      scenarioId: s.scenarioId,
      invariantId: 'INFRA-005',
      title: s.title,
      file: s.file,
      message,
      class: c.class,
      classSignal: `${c.signal}; no attempt ran`,
      owner: c.owner,
      organizationUnderTest: s.organizationUnderTest,
      keyEntityIds: s.keyEntityIds,
      evidence: [],
      trace: null,
      showTrace: null,
      repro: reproCommand(s.scenarioId, meta, reproNeeds(test, s)),
      attempts: test.results.length,
      requestIds: [],
      notEvaluated: [],
      signature: 'INFRA-005 not-run',
      entities: [],
    };
  }

  /**
   * The errors of an attempt, one per violation: each soft-reported check failure is its own; a
   * test timeout and the page-closed errors that follow it are one (HARNESS-006 or INFRA-00x).
   */
  private attemptErrors(r: TestResult): AttemptError[] {
    // A failure message starts with its invariant id (docs/architecture.md#ids): Playwright's "Error: " prefix goes.
    const raw = r.errors.map((e) => stripAnsi(e.message ?? e.value ?? '').replace(/^\s*Error: (?=[A-Z]+-\d{3}\b)/, ''));
    let messages = raw;
    if (r.status === 'timedOut') {
      const violations = raw.filter((m) => signatureOf(m).signature);
      const rest = raw.filter((m) => !signatureOf(m).signature);
      const note = (r.annotations ?? []).find((a) => a.type === 'witness-timeout')?.description;
      messages = [...violations, timeoutMessage(note ? (JSON.parse(note) as TimeoutNote) : null, rest.join('\n\n'))];
    }
    return messages.map((message) => {
      const invariantId = invariantIdOf(message) ?? null;
      const sig = signatureOf(message);
      return { message, invariantId, signature: sig.signature ?? messageSignature(invariantId, message), entities: sig.entities };
    });
  }

  private attempt(r: TestResult) {
    const errors = r.status === 'passed' || r.status === 'skipped' ? [] : this.attemptErrors(r);
    const message = errors.length ? errors.map((e) => e.message).join('\n\n') : null;
    return {
      retry: r.retry,
      status: r.status,
      durationMs: r.duration,
      startedAt: r.startTime.toISOString(),
      invariantId: errors[0]?.invariantId ?? null,
      message,
      signatures: [...new Set(errors.map((e) => e.signature))],
    };
  }

  /**
   * One failure per violation of the scenario's last failed attempt
   * (docs/architecture.md#soft-failures), each with its own id, signature, evidence and class. Attempts whose sets of
   * signatures differ (or one that passed) make every failure of the scenario Flake/timing.
   */
  private failures(test: TestCase, s: Scenario, meta: RunMeta, dir: string): DraftFailure[] {
    const failedResults = test.results.filter((r) => r.status !== 'passed' && r.status !== 'skipped');
    const last = failedResults.at(-1);
    const traceAtt = [...test.results].reverse().flatMap((r) => r.attachments).find((a) => a.name === 'trace' && a.path);
    const trace = traceAtt?.path ? path.relative(dir, traceAtt.path).split(path.sep).join('/') : null;
    const lastAttachments = [...test.results].reverse().flatMap((r) => r.attachments);
    const shared: string[] = [];
    for (const name of ['db-snapshot', 'screenshot']) {
      const a = lastAttachments.find((x) => x.name === name && x.path);
      if (a) shared.push(path.relative(dir, a.path!).split(path.sep).join('/'));
    }
    const attemptChecks = s.checks.filter((k) => k.attempt === (last?.retry ?? 0));
    const sets = s.attempts.map((a) => [...a.signatures].sort().join('\n'));
    const passedSome = s.attempts.some((a) => a.status === 'passed');
    // Infra/CI comes first (reports/classify.ts): a database or target that went away mid-run makes
    // attempts fail differently, and that is not a flake.
    const infraSeen = failedResults.some((r) => r.status !== 'timedOut' && this.attemptErrors(r).some((e) => INFRA_SIGNS.test(e.message)));
    const disagree = !infraSeen && (passedSome || new Set(sets).size > 1);
    const errors: AttemptError[] = last ? this.attemptErrors(last) : [{ message: 'failed on a first attempt, passed on retry', invariantId: null, signature: 'NO-ID flaky', entities: [] }];
    return errors.map((e) => {
      const c = disagree
        ? {
            class: 'Flake/timing' as const,
            signal: passedSome
              ? `attempts disagree: ${s.attempts.map((a) => a.status).join(' → ')}`
              : `the attempts failed with different signatures: ${s.attempts.map((a) => `[${a.signatures.join(', ')}]`).join(' → ')}`,
            owner: ownerOf('Flake/timing', meta.mode ?? null),
          }
        : classify(failedResults.map((r) => ({ status: r.status, invariantId: e.invariantId, message: e.message })), s.scenarioId, meta.mode ?? null);
      const check = attemptChecks.find((k) => k.verdict === 'fail' && k.signature.split(', ').includes(e.signature));
      const evidence = [...(check ? [check.screenshot, check.rows].filter((x): x is string => !!x) : []), ...shared];
      return {
        scenarioId: s.scenarioId,
        invariantId: e.invariantId,
        title: s.title,
        file: s.file,
        message: e.message,
        class: c.class,
        classSignal: c.signal,
        owner: c.owner,
        organizationUnderTest: s.organizationUnderTest,
        keyEntityIds: s.keyEntityIds,
        evidence,
        trace,
        showTrace: trace ? `pnpm exec playwright show-trace ${path.join(displayDir(dir), trace)}` : null,
        repro: reproCommand(s.scenarioId, meta, reproNeeds(test, s)),
        attempts: s.attempts.length,
        requestIds: check?.requestIds ?? [],
        notEvaluated: attemptChecks
          .filter((k) => k.verdict === 'not-evaluated' && check && k.notEvaluated?.control === check.rows)
          .map((k) => ({ checkId: k.checkId, summary: k.summary, rows: k.rows })),
        signature: e.signature,
        entities: e.entities,
      };
    });
  }
}

/** The scenario's project, and the secrets its journey declared it reads (annotation `witness-secret`). */
function reproNeeds(test: TestCase, s: Scenario): ReproNeeds {
  const secrets = [...test.annotations, ...test.results.flatMap((r) => r.annotations ?? [])]
    .filter((a) => a.type === 'witness-secret' && a.description)
    .map((a) => a.description!);
  return { project: s.project, secrets: [...new Set(secrets)] };
}

/**
 * The terminal's account of the failures: new ones first, then the known defects, each signature
 * once with where it showed ("1 defect, seen in 2 journeys"), then the known defects possibly fixed.
 */
export function terminalLines(report: Report): string {
  const out: string[] = [];
  const groups = (list: Failure[]) => {
    const by = new Map<string, Failure[]>();
    for (const f of list) by.set(f.signature, [...(by.get(f.signature) ?? []), f]);
    return [...by.values()];
  };
  const describe = (fs: Failure[]) => {
    const f = fs[0]!;
    const where = [...new Set(fs.map((x) => `${x.scenarioId}${x.organizationUnderTest ? ` (${x.organizationUnderTest})` : ''}`))];
    const seen = fs.length > 1 ? `\n    1 defect, seen in ${where.length} journey(s) / ${fs.length} failures: ${where.join(', ')}` : '';
    const known = f.known ? `\n    known: ${f.known.link}${f.known.followOnOf ? ` (follow-on of ${f.known.followOnOf})` : ''}` : '';
    return `${f.known ? '≈' : '✘'} ${f.scenarioId} / ${f.invariantId ?? 'NO-INVARIANT-ID'} [${f.class}]${f.known ? ' known' : ' NEW'} ${f.organizationUnderTest ?? ''} — ${firstLine(f.message)}${known}${seen}\n    repro: ${f.repro}\n`;
  };
  const fresh = report.failures.filter((f) => !f.known);
  const known = report.failures.filter((f) => f.known);
  if (fresh.length && known.length) out.push(`[witness] new failures (${fresh.length}):\n`);
  for (const g of groups(fresh)) out.push(describe(g));
  if (known.length) out.push(`[witness] known defects (${known.length} failure(s) of ${new Set(known.map((f) => f.known!.signature)).size} defect(s) in ${report.knownDefects?.file ?? 'the known-defects file'}):\n`);
  for (const g of groups(known)) out.push(describe(g));
  for (const p of report.possiblyFixed) out.push(`? possibly fixed: ${p.signature} — its check passed in ${p.scenarios.join(', ')}; ${p.link}\n`);
  return out.join('');
}

/** No attempt of the test ran (no result, or only a skip nobody asked for). */
function didNotRun(test: TestCase): boolean {
  if (test.results.length === 0) return true;
  const asked = [...test.annotations, ...test.results.flatMap((r) => r.annotations ?? [])].some((a) => a.type === 'skip' || a.type === 'fixme');
  return !asked && test.results.every((r) => r.status === 'skipped');
}

/** The run folder as a person types it: relative when under the working folder, else absolute. */
function displayDir(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? '').slice(0, 200);
}
