/**
 * The pack as users run it: embedded mode with 3 workers (`pnpm witness --workers 3`), and
 * unchanged in external mode with 2 workers against a separately started strict reference (no
 * clock, no fault switch, nothing beyond the contract). Each run: green, a report that validates
 * against its schema, a summary, and screenshots in which the checked element is outlined.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cleanEnv, runPlaywright, tempOut, type RunResult } from './helpers.js';
import { launch } from '../witness/launcher/launch.js';
import { hasHooks } from '../witness/hooks.js';

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

test('embedded mode, 3 workers: green, each slot its own org pair; every request carries an x-request-id found in the evidence', async () => {
  const requestLog = path.join(out, 'target-requests.jsonl');
  const r = await runPlaywright(['--workers', '3'], cleanEnv({ WITNESS_OUT: path.join(out, 'embedded'), INTEGRATION_TEST: '1', TARGET_REQUEST_LOG: requestLog }));
  await assertGreenWithEvidence(r, 3);
  assert.equal(r.report!.run.mode, 'embedded');
  const journeys = r.report!.scenarios.filter((s) => s.slot !== null);
  assert.ok(new Set(journeys.map((s) => s.slot)).size >= 2, 'the journeys spread over several slots');

  // The target's own request log: what it was sent, with the inbound id (design §5 "Request ids").
  const served = fs.readFileSync(requestLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { inbound: string | null; method: string; path: string });
  assert.ok(served.length > 100, `the target served the run's requests (${served.length})`);
  const runId = r.report!.run.runId;
  const unstamped = served.filter((q) => !q.inbound || !q.inbound.startsWith(`dw.${runId}.`));
  assert.deepEqual(unstamped.map((q) => `${q.method} ${q.path} (${q.inbound ?? 'no x-request-id'})`).slice(0, 10), [], 'every request carries the run\'s own x-request-id');
  const recorded = recordedRequestIds(r.runDir!);
  const unrecorded = [...new Set(served.map((q) => q.inbound!))].filter((id) => !recorded.has(id));
  assert.deepEqual(unrecorded.slice(0, 10), [], 'every request id the target saw is in the run\'s evidence');
  // A check's ids name its scenario and the check: UI-001's schedule check fetched the schedule.
  const ui1 = r.report!.scenarios.find((s) => s.scenarioId === 'UI-001')!;
  const schedule = ui1.checks.find((c) => c.checkId === 'schedule')!;
  assert.ok(schedule.requestIds.some((id) => new RegExp(`^dw\\.${runId}\\.UI-001\\.a0\\.c\\d\\d\\.schedule$`).test(id)), schedule.requestIds.join(', '));
});

test('external mode, 2 workers: the pack runs unchanged against a separately started strict reference', async () => {
  process.env.WITNESS_QUIET = '1';
  const stack = await launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }), strict: true });
  try {
    assert.equal(await hasHooks(stack.baseUrl), false, 'the strict reference has no test hooks');
    const r = await runPlaywright(
      ['--workers', '2'],
      cleanEnv({ WITNESS_OUT: path.join(out, 'external'), INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl }),
    );
    await assertGreenWithEvidence(r, 2);
    assert.equal(r.report!.run.mode, 'external');
  } finally {
    await stack.teardown();
  }
});
