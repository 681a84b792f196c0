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

test('embedded mode, 3 workers: green, each slot its own org pair', async () => {
  const r = await runPlaywright(['--workers', '3'], cleanEnv({ WITNESS_OUT: path.join(out, 'embedded'), INTEGRATION_TEST: '1' }));
  await assertGreenWithEvidence(r, 3);
  assert.equal(r.report!.run.mode, 'embedded');
  const journeys = r.report!.scenarios.filter((s) => s.slot !== null);
  assert.ok(new Set(journeys.map((s) => s.slot)).size >= 2, 'the journeys spread over several slots');
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
