/**
 * One induced failure of each of the runbook's five classes, each judged from the written report:
 * the right class, the right owner, and a defect file. The classes are decided from real signals
 * only (errors, ids, attempts, the precheck), never from how a failure was induced.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, latestRun, PLAYWRIGHT_CLI, readReport, runPlaywright, tempOut } from './helpers.js';
import { startEmbeddedPostgres, applyReferenceSchema, REPO_ROOT } from '../witness/launcher/stack.js';
import { makePool } from '../witness/db.js';
import { defectFileName } from '../reports/defect.js';
import type { Report } from '../reports/schema.js';
import { sharedFailedRun } from './failed-run.js';

process.env.WITNESS_QUIET = '1';
const out = tempOut('classes');
after(() => fs.rmSync(out, { recursive: true, force: true }));

function assertClassified(report: Report, runDir: string, cls: string, owner: RegExp, expect: { scenarioId?: string; invariantId?: string }): void {
  assert.ok(report.failures.length > 0, 'the run has failures');
  const relevant = report.failures.filter(
    (f) => (!expect.scenarioId || f.scenarioId === expect.scenarioId) && (!expect.invariantId || f.invariantId === expect.invariantId),
  );
  assert.ok(relevant.length > 0, `a failure ${expect.scenarioId ?? ''} ${expect.invariantId ?? ''} is reported: ${report.failures.map((f) => `${f.scenarioId}/${f.invariantId}/${f.class}`).join(', ')}`);
  for (const f of relevant) {
    assert.equal(f.class, cls, `${f.scenarioId} / ${f.invariantId}: class (signal: ${f.classSignal})`);
    assert.match(f.owner, owner, `${f.scenarioId}: owner`);
    assert.ok(f.classSignal.length > 0, 'the deciding signal is named');
    const defect = path.join(runDir, 'defects', defectFileName(f));
    assert.ok(fs.existsSync(defect), `defect file ${defectFileName(f)} written`);
    const text = fs.readFileSync(defect, 'utf8');
    assert.match(text, new RegExp(`^# Integration failure: ${f.scenarioId} / ${f.invariantId ?? 'no invariant id'} \\(`));
    for (const heading of ['## Expected', '## Observed', '## Repro (local)', '## Key entity ids', '## Trace']) assert.ok(text.includes(heading), `defect has ${heading}`);
  }
}

test('Algorithm regression: a target fault fails the same way on every attempt (the shared failing run)', async () => {
  const run = await sharedFailedRun();
  assert.notEqual(run.code, 0);
  assertClassified(run.report, run.runDir, 'Algorithm regression', /target\/ services/, { scenarioId: 'UI-001', invariantId: 'TENANT-001' });
  assert.equal(run.report.failures.find((f) => f.scenarioId === 'UI-001')!.attempts, 2, 'both attempts ran and failed alike');
});

test('Flake/timing: a fault that fails only the first attempt; the run stays red', async () => {
  const o = path.join(out, 'flake');
  const r = await runPlaywright(['--grep', 'UI-001'], cleanEnv({ INTEGRATION_TEST: '1', WITNESS_FAULTS: 'bids-available-cross-org-once', WITNESS_OUT: o }));
  assert.notEqual(r.code, 0, 'a test that passes on retry leaves the run red');
  const s = r.report!.scenarios.find((x) => x.scenarioId === 'UI-001')!;
  assert.equal(s.status, 'flaky');
  assertClassified(r.report!, r.runDir!, 'Flake/timing', /harness/, { scenarioId: 'UI-001' });
});

test('Data/schema drift: a dropped contract column stops the run with one failure', async () => {
  const db = await startEmbeddedPostgres('drift_integration');
  try {
    await applyReferenceSchema(db.url);
    const pool = makePool(db.url, 1);
    await pool.query('alter table bids drop column window_closes_at');
    await pool.end();
    const o = path.join(out, 'drift');
    const r = await runPlaywright([], cleanEnv({ INTEGRATION_TEST: '1', DATABASE_URL: db.url, WITNESS_OUT: o }));
    assert.notEqual(r.code, 0);
    assert.equal(r.report!.failures.length, 1, 'exactly one failure');
    assertClassified(r.report!, r.runDir!, 'Data/schema drift', /schema/, { scenarioId: 'RUN-PRECHECK', invariantId: 'SCHEMA-001' });
    assert.match(r.report!.failures[0]!.message, /missing column bids\.window_closes_at/);
  } finally {
    await db.stop();
  }
});

test('Harness/diagnostics: the slot reset (a fixture) throws', async () => {
  const db = await startEmbeddedPostgres('harness_integration');
  try {
    await applyReferenceSchema(db.url);
    const pool = makePool(db.url, 1);
    // A database-side rule the seed does not expect: the reset's restore of driver metrics fails.
    await pool.query(`create function refuse_metrics() returns trigger language plpgsql as $$ begin raise exception 'driver_metrics are read-only here'; end $$`);
    await pool.query(`create trigger refuse_metrics before insert or update on driver_metrics for each row execute function refuse_metrics()`);
    await pool.end();
    const o = path.join(out, 'harness');
    const r = await runPlaywright(['--grep', 'UI-001'], cleanEnv({ INTEGRATION_TEST: '1', DATABASE_URL: db.url, WITNESS_OUT: o }));
    assert.notEqual(r.code, 0);
    assertClassified(r.report!, r.runDir!, 'Harness/diagnostics', /witness\/ and fixtures\//, { scenarioId: 'UI-001', invariantId: 'HARNESS-001' });
  } finally {
    await db.stop();
  }
});

test('Infra/CI: the database stops in the middle of the run; the report still says what ran', async () => {
  const db = await startEmbeddedPostgres('infra_integration');
  const o = path.join(out, 'infra');
  try {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', '--workers', '1'], {
      cwd: REPO_ROOT,
      env: cleanEnv({ INTEGRATION_TEST: '1', DATABASE_URL: db.url, WITNESS_OUT: o }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    let stopped = false;
    const onData = (d: Buffer) => {
      log += d;
      // Stop the database once the first journey has passed.
      if (!stopped && /✓/.test(log)) {
        stopped = true;
        void db.stop();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? 1)));
    assert.ok(stopped, `a journey passed before the database stopped:\n${log.slice(-2000)}`);
    assert.notEqual(code, 0);
    const runDir = latestRun(o)!;
    const report = readReport(runDir)!;
    assert.ok(report.scenarios.some((s) => s.status === 'passed'), 'what ran before the crash is in the report');
    const failures = report.failures;
    assert.ok(failures.length > 0);
    for (const f of failures) assert.equal(f.class, 'Infra/CI', `${f.scenarioId}/${f.invariantId}: ${f.classSignal}\n${f.message.slice(0, 300)}`);
    assertClassified(report, runDir, 'Infra/CI', /\.github\/ and \.ci\//, {});
  } finally {
    await db.stop();
  }
});
