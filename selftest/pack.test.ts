/**
 * The pack as a user runs it (`pnpm witness`, 2 workers, embedded mode): green, a report that
 * validates against its schema, a summary, and screenshots in which the checked element is outlined.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { cleanEnv, runPlaywright, tempOut } from './helpers.js';
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

test('the pack passes with 2 workers and writes report, summary and outlined evidence', async () => {
  const r = await runPlaywright(['--workers', '2'], cleanEnv({ WITNESS_OUT: out, INTEGRATION_TEST: '1' }));
  assert.equal(r.code, 0, `the pack is green:\n${r.out.slice(-4000)}`);
  assert.ok(r.report, 'report.json written and valid');
  const report = r.report!;
  assert.equal(report.run.status, 'passed');
  assert.equal(report.run.workers, 2);
  assert.equal(report.run.mode, 'embedded');
  assert.ok(report.scenarios.some((s) => s.scenarioId === 'UI-001'));
  assert.ok(report.scenarios.every((s) => s.status === 'passed'), 'every scenario passed, the sweep included');
  const slots = new Set(report.scenarios.map((s) => s.slot));
  assert.ok(slots.size >= 1);
  assert.ok(fs.existsSync(path.join(r.runDir!, 'summary.md')));
  const withShots = report.scenarios.flatMap((s) => s.checks).filter((c) => c.screenshot);
  assert.ok(withShots.length >= 4, 'witness checks left screenshots');
  for (const c of withShots) {
    assert.ok(fs.existsSync(path.join(r.runDir!, c.screenshot!)), `screenshot ${c.screenshot} exists`);
    assert.ok(fs.existsSync(path.join(r.runDir!, c.rows)), `rows ${c.rows} exist`);
  }
  const first = withShots.find((c) => c.checkId === 'schedule')!;
  assert.ok((await outlinePixels(path.join(r.runDir!, first.screenshot!))) > 200, 'the checked list is outlined');
  const rows = JSON.parse(fs.readFileSync(path.join(r.runDir!, first.rows), 'utf8'));
  assert.match(rows.db.query, /from assignments/);
  assert.equal(rows.verdict, 'pass');
  // Session tokens live under .auth/<run-id>/ and are removed at teardown; never in the run output.
  assert.ok(!fs.existsSync(path.join(r.runDir!, '.auth')));
});

test('the pack passes with 3 workers, each slot its own org pair', async () => {
  const r = await runPlaywright(['--workers', '3'], cleanEnv({ WITNESS_OUT: out, INTEGRATION_TEST: '1' }));
  assert.equal(r.code, 0, `green with 3 workers:\n${r.out.slice(-4000)}`);
  const report = r.report!;
  assert.equal(report.run.workers, 3);
  const journeys = report.scenarios.filter((s) => s.scenarioId !== 'RUN-SWEEP');
  assert.ok(journeys.every((s) => s.status === 'passed'));
  assert.ok(new Set(journeys.map((s) => s.slot)).size >= 2, 'the journeys spread over several slots');
  assert.equal(report.scenarios.find((s) => s.scenarioId === 'RUN-SWEEP')?.status, 'passed', 'the end-of-run sweep holds');
});

test('external mode: the pack runs unchanged against a separately started strict reference (no clock, no fault switch)', async () => {
  process.env.WITNESS_QUIET = '1';
  const stack = await launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }), strict: true });
  try {
    assert.equal(await hasHooks(stack.baseUrl), false, 'the strict reference has no test hooks');
    const r = await runPlaywright(
      ['--workers', '2'],
      cleanEnv({ WITNESS_OUT: out, INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl }),
    );
    assert.equal(r.code, 0, `green against the strict reference:\n${r.out.slice(-4000)}`);
    const report = r.report!;
    assert.equal(report.run.mode, 'external');
    for (const s of report.scenarios) {
      if (s.tags.includes('@clock')) assert.equal(s.status, 'skipped', `${s.scenarioId} (@clock) is skipped without a clock`);
      else assert.equal(s.status, 'passed', `${s.scenarioId} passes in external mode`);
    }
  } finally {
    await stack.teardown();
  }
});
