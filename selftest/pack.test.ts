/**
 * The pack as users run it, each run green with a report that validates against its schema, a
 * summary, and screenshots in which the checked element is outlined:
 * - at four instants (selftest/instants.ts, WITNESS_NOW) on one separately started reference with
 *   its test clock: the whole pack with 3 workers at the first, with the reference's request log
 *   on (every request stamped with the run's own x-request-id, every id in the evidence); the
 *   journeys the runs mark time-sensitive at the other three. None may skip.
 * - unchanged in external mode with 2 workers against a separately started strict reference (no
 *   clock, no fault switch, nothing beyond the contract).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cleanEnv, runPlaywright, tempOut, type RunResult } from './helpers.js';
import { launch } from '../witness/launcher/launch.js';
import { hasHooks } from '../witness/hooks.js';
import { INSTANTS } from './instants.js';

const out = tempOut('pack');
after(() => fs.rmSync(out, { recursive: true, force: true }));

/** Count pixels of the outline colour (#1f6feb) in a PNG. */
async function outlinePixels(file: string): Promise<number> {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (data[i] === 0x1f && data[i + 1] === 0x6f && data[i + 2] === 0xeb) n++;
  }
  return n;
}

async function assertGreenWithEvidence(r: RunResult, workers: number): Promise<void> {
  assert.equal(r.code, 0, `the pack is green:\n${r.out.slice(-4000)}`);
  assert.ok(r.report, 'report.json written and valid against reports/schema.ts');
  const report = r.report!;
  assert.equal(report.run.status, 'passed');
  assert.equal(report.run.workers, workers);
  for (const s of report.scenarios) {
    if (s.tags.includes('@clock') && report.run.mode === 'external') assert.equal(s.status, 'skipped', `${s.scenarioId} (@clock) is skipped without a clock`);
    else assert.equal(s.status, 'passed', `${s.scenarioId} passed`);
  }
  for (const id of ['UI-001', 'UI-002', 'UI-003', 'API-001', 'API-002', 'RUN-PRECHECK', 'RUN-SWEEP']) {
    assert.ok(report.scenarios.some((s) => s.scenarioId === id), `${id} is in the report`);
  }
  assert.ok(fs.existsSync(path.join(r.runDir!, 'summary.md')));
  assert.ok(fs.existsSync(path.join(r.runDir!, 'viewer.html')));
  const withShots = report.scenarios.flatMap((s) => s.checks).filter((c) => c.screenshot);
  assert.ok(withShots.length >= 8, 'witness checks left screenshots');
  for (const c of withShots) {
    assert.ok(fs.existsSync(path.join(r.runDir!, c.screenshot!)), `screenshot ${c.screenshot} exists`);
    assert.ok(fs.existsSync(path.join(r.runDir!, c.rows)), `rows ${c.rows} exist`);
  }
  for (const checkId of ['schedule', 'available-shifts', 'routes']) {
    const c = withShots.find((x) => x.checkId === checkId)!;
    assert.ok(c, `a ${checkId} check ran`);
    assert.ok((await outlinePixels(path.join(r.runDir!, c.screenshot!))) > 200, `the checked ${checkId} list is outlined`);
    const rows = JSON.parse(fs.readFileSync(path.join(r.runDir!, c.rows), 'utf8'));
    assert.equal(rows.verdict, 'pass');
    assert.ok(rows.db.query.length > 20, 'the query is paired with the screenshot');
  }
  // Session tokens live under .auth/<run-id>/, removed at teardown; never in the run output.
  assert.ok(!fs.existsSync(path.join(r.runDir!, '.auth')));
}

/** Every x-request-id the run recorded: in its evidence records, leftover files and run-level log. */
function recordedRequestIds(runDir: string): Set<string> {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) {
        const j = JSON.parse(fs.readFileSync(p, 'utf8')) as { requests?: { id: string | null }[] };
        for (const q of j.requests ?? []) if (q.id) ids.add(q.id);
      }
    }
  };
  walk(path.join(runDir, 'evidence'));
  const runLevel = path.join(runDir, 'run-requests.jsonl');
  if (fs.existsSync(runLevel)) for (const line of fs.readFileSync(runLevel, 'utf8').split('\n').filter(Boolean)) ids.add((JSON.parse(line) as { id: string }).id);
  return ids;
}

test('at four instants on one stack: the whole pack (3 workers) at the first, the time-sensitive journeys at each; every request stamped and recorded', async () => {
  process.env.WITNESS_QUIET = '1';
  const requestLog = path.join(out, 'target-requests.jsonl');
  // The reference inherits this process's environment: its request log goes to requestLog.
  process.env.TARGET_REQUEST_LOG = requestLog;
  const stack = await launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }) });
  delete process.env.TARGET_REQUEST_LOG;
  try {
    assert.ok(stack.hooks, 'the reference was started with its test clock');
    const at = (instant: string, args: string[], name: string) =>
      runPlaywright(args, cleanEnv({ WITNESS_OUT: path.join(out, name), INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl, CRON_SECRET: stack.cronSecret, WITNESS_NOW: instant }));

    const first = await at(INSTANTS[0]!, ['--workers', '3'], 'instant-0');
    await assertGreenWithEvidence(first, 3);
    assert.equal(first.report!.run.witnessNow, new Date(INSTANTS[0]!).toISOString());
    const journeys = first.report!.scenarios.filter((s) => s.slot !== null);
    assert.ok(new Set(journeys.map((s) => s.slot)).size >= 2, 'the journeys spread over several slots');
    assertStampedAndRecorded(requestLog, first);

    // The time-sensitive set is what the builders marked (`@time`), so it follows the code.
    const marked = new Set(first.report!.scenarios.filter((s) => s.tags.includes('@time')).map((s) => s.scenarioId));
    assert.ok(['UI-001', 'UI-002', 'API-001', 'API-002', 'BID-001'].every((id) => marked.has(id)), `the journeys that place hour-bound rows are marked: ${[...marked].join(', ')}`);
    for (const [i, instant] of INSTANTS.entries()) {
      if (i === 0) continue;
      const r = await at(instant, ['--workers', '2', '--grep', [...marked].join('|')], `instant-${i}`);
      assert.equal(r.code, 0, `${instant}: the time-sensitive journeys pass:\n${r.out.slice(-4000)}`);
      assert.equal(r.report!.run.witnessNow, new Date(instant).toISOString());
      const ran = r.report!.scenarios.filter((s) => s.slot !== null);
      assert.deepEqual(ran.map((s) => s.scenarioId).sort(), [...marked].sort(), `${instant}: every time-sensitive journey ran`);
      for (const s of ran) assert.equal(s.status, 'passed', `${instant}: ${s.scenarioId} passed (none may skip)`);
      for (const s of ran) if (s.tags.includes('@time')) marked.add(s.scenarioId);
    }
  } finally {
    await stack.teardown();
  }
});

/** The reference's request log: every request carries the run's own x-request-id, found in the run's evidence. */
function assertStampedAndRecorded(requestLog: string, r: RunResult): void {
  const served = fs.readFileSync(requestLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { inbound: string | null; method: string; path: string });
  const runId = r.report!.run.runId;
  const ofRun = served.filter((q) => q.inbound?.startsWith(`dw.${runId}.`));
  assert.ok(ofRun.length > 100, `the target served the run's requests (${ofRun.length})`);
  // Everything the target saw while the run ran: the log starts with the stack's own start.
  const firstOfRun = served.findIndex((q) => q.inbound?.startsWith(`dw.${runId}.`));
  const lastOfRun = served.length - 1 - [...served].reverse().findIndex((q) => q.inbound?.startsWith(`dw.${runId}.`));
  const during = served.slice(firstOfRun, lastOfRun + 1);
  const unstamped = during.filter((q) => !q.inbound || !q.inbound.startsWith(`dw.${runId}.`));
  assert.deepEqual(unstamped.map((q) => `${q.method} ${q.path} (${q.inbound ?? 'no x-request-id'})`).slice(0, 10), [], 'every request carries the run\'s own x-request-id');
  const recorded = recordedRequestIds(r.runDir!);
  const unrecorded = [...new Set(ofRun.map((q) => q.inbound!))].filter((id) => !recorded.has(id));
  assert.deepEqual(unrecorded.slice(0, 10), [], 'every request id the target saw is in the run\'s evidence');
  // A check's ids name its scenario and the check: UI-001's schedule check fetched the schedule.
  const ui1 = r.report!.scenarios.find((s) => s.scenarioId === 'UI-001')!;
  const schedule = ui1.checks.find((c) => c.checkId === 'schedule')!;
  assert.ok(schedule.requestIds.some((id) => new RegExp(`^dw\\.${runId}\\.UI-001\\.a0\\.c\\d\\d\\.schedule$`).test(id)), schedule.requestIds.join(', '));
}

test('external mode, 2 workers: the pack runs unchanged against a separately started strict reference', async () => {
  process.env.WITNESS_QUIET = '1';
  const stack = await launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }), strict: true });
  try {
    assert.equal(await hasHooks(stack.baseUrl), false, 'the strict reference has no test hooks');
    const r = await runPlaywright(
      ['--workers', '2'],
      cleanEnv({ WITNESS_OUT: path.join(out, 'external'), INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl, CRON_SECRET: stack.cronSecret }),
    );
    await assertGreenWithEvidence(r, 2);
    assert.equal(r.report!.run.mode, 'external');
    // Without the target's CRON_SECRET a cron journey is skipped, and says why.
    const noSecret = await runPlaywright(
      ['--grep', 'BID-007'],
      cleanEnv({ WITNESS_OUT: path.join(out, 'external-no-cron'), INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl }),
    );
    const bid7 = noSecret.report?.scenarios.find((x) => x.scenarioId === 'BID-007');
    assert.equal(bid7?.status, 'skipped', `BID-007 without CRON_SECRET: ${bid7?.status ?? 'not in the report'}`);
    assert.match(JSON.stringify(bid7), /external mode without CRON_SECRET/, 'the skip names its reason');
  } finally {
    await stack.teardown();
  }
});
