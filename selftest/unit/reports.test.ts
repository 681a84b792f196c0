import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseReport, REPORT_SCHEMA_VERSION } from '../../reports/schema.js';
import { readReportFile, triage } from '../../reports/triage.js';
import { reproCommand, timeoutMessage } from '../../reports/reporter.js';
import { classify } from '../../reports/classify.js';
import { renderTable } from '../../reports/table.js';
import { pathTemplate } from '../../witness/contract/paths.js';
import { isPlaywrightTimeout } from '../../witness/activity.js';
import { closesLabel } from '../../witness/rules/route-status.js';

/** A report as version 1 wrote it: no not-evaluated verdicts, no request ids. */
function v1Report(): Record<string, unknown> {
  const check = { seq: 1, attempt: 0, checkId: 'schedule', invariantId: 'WITNESS-001', verdict: 'fail', organizationUnderTest: 'org-a', summary: 's', screenshot: 'e/1.png', rows: 'e/1.json' };
  return {
    schemaVersion: 1,
    run: {
      runId: '2026-11-30T10-00-00Z-abcd', status: 'failed', mode: 'embedded', target: 'http://127.0.0.1:1', database: { host: '127.0.0.1', port: 5432, name: 'x_integration' },
      faults: [], gitSha: null, ciRunUrl: null, shard: null, workers: 2, startedAt: '2026-11-30T10:00:00Z', finishedAt: '2026-11-30T10:01:00Z', durationMs: 60000, playwrightVersion: '1.65.1',
    },
    scenarios: [
      {
        scenarioId: 'UI-001', title: 'UI-001 t', file: 'journeys/ui/UI-001.x.spec.ts', line: 1, project: 'desktop', tags: [], status: 'failed', skipReason: null,
        attempts: [{ retry: 0, status: 'failed', durationMs: 10, invariantId: 'WITNESS-001', message: 'WITNESS-001 x' }], durationMs: 10, slot: 0, organizationUnderTest: 'org-a', keyEntityIds: {}, checks: [check],
      },
    ],
    failures: [
      {
        scenarioId: 'UI-001', invariantId: 'WITNESS-001', title: 'UI-001 t', file: 'journeys/ui/UI-001.x.spec.ts', message: 'WITNESS-001 x', class: 'Algorithm regression', classSignal: 's', owner: 'o',
        organizationUnderTest: 'org-a', keyEntityIds: {}, evidence: [], trace: null, showTrace: null, repro: 'INTEGRATION_TEST=1 …', attempts: 1,
      },
    ],
    totals: { scenarios: 1, passed: 0, failed: 1, flaky: 0, skipped: 0, checks: 1, checksFailed: 1 },
  };
}

test('report schema: version 1 reads as the current version; an unknown version is named in one line', () => {
  const r = parseReport(v1Report());
  assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues[0]));
  assert.equal(r.data.schemaVersion, REPORT_SCHEMA_VERSION);
  assert.equal(r.data.totals.checksNotEvaluated, 0);
  assert.deepEqual(r.data.scenarios[0]!.checks[0]!.requestIds, []);
  assert.equal(r.data.scenarios[0]!.checks[0]!.notEvaluated, null);
  assert.deepEqual(r.data.failures[0]!.notEvaluated, []);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'witness-unit-reports-'));
  try {
    const v1 = path.join(dir, 'old', 'report.json');
    const v3 = path.join(dir, 'future', 'report.json');
    fs.mkdirSync(path.dirname(v1));
    fs.mkdirSync(path.dirname(v3));
    fs.writeFileSync(v1, JSON.stringify(v1Report()));
    fs.writeFileSync(v3, JSON.stringify({ ...v1Report(), schemaVersion: 3 }));
    const bad = readReportFile(v3);
    assert.ok('problem' in bad && /schemaVersion 3; this triage reads schemaVersion 1 and 2/.test(bad.problem), JSON.stringify(bad));
    let out = '';
    let err = '';
    const t = triage(dir, (s) => (out += s), (s) => (err += s));
    assert.equal(t.code, 1, 'a failure is listed');
    assert.match(out, /UI-001 \/ WITNESS-001/);
    assert.match(err, /future\/report\.json: has schemaVersion 3/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('repro line: the run\'s target and database, the password a placeholder, the phone project, secret names only', () => {
  const meta = { mode: 'external', target: 'http://127.0.0.1:4173', database: { host: '127.0.0.1', port: 5432, name: 'drive_integration', user: 'test' } };
  assert.equal(
    reproCommand('API-001', meta),
    'INTEGRATION_TEST=1 WITNESS_BASE_URL=http://127.0.0.1:4173 DATABASE_URL=postgresql://test:<password>@127.0.0.1:5432/drive_integration pnpm exec playwright test --grep "API-001" --workers 1',
  );
  assert.equal(
    reproCommand('UI-002', meta, { project: 'mobile', secrets: ['CRON_SECRET'] }),
    'INTEGRATION_TEST=1 WITNESS_MOBILE=1 WITNESS_BASE_URL=http://127.0.0.1:4173 DATABASE_URL=postgresql://test:<password>@127.0.0.1:5432/drive_integration CRON_SECRET=<cron-secret> pnpm exec playwright test --grep "UI-002" --project mobile --workers 1',
  );
  assert.equal(reproCommand('UI-001', { mode: 'embedded', faults: ['x'] }), 'INTEGRATION_TEST=1 WITNESS_FAULTS=x pnpm exec playwright test --grep "UI-001" --workers 1');
});

test('a test timeout: HARNESS-006 when the probe reached both, INFRA-001/002 when it did not; page-closed errors never decide', () => {
  const closed = 'Test timeout of 60000ms exceeded.\n\nError: locator.click: Target page, context or browser has been closed';
  const ok = { target: { ok: true, detail: 'HTTP 200 in 4 ms' }, database: { ok: true, detail: 'select 1 in 2 ms' } };
  const h = timeoutMessage({ step: '"A1 accepts it"', pending: 'the app to answer the POST /api/bids', timeoutMs: 60000, probe: ok }, closed);
  assert.match(h, /^HARNESS-006 test timeout of 60 s in step "A1 accepts it" while waiting for the app to answer the POST \/api\/bids; the target and the database both answered/);
  assert.equal(classify([{ status: 'timedOut', invariantId: 'HARNESS-006', message: h }], 'UI-001', 'external').class, 'Harness/diagnostics');
  const down = timeoutMessage({ step: null, pending: null, timeoutMs: 60000, probe: { ...ok, target: { ok: false, detail: 'ECONNREFUSED' } } }, closed);
  assert.match(down, /^INFRA-001 test timeout of 60 s before the first step while locator\.click: Target page, context or browser has been closed; the target did not answer/);
  assert.equal(classify([{ status: 'timedOut', invariantId: 'INFRA-001', message: down }], 'UI-001', 'external').class, 'Infra/CI');
  assert.match(timeoutMessage(null, closed), /^HARNESS-006 test timeout with no reachability probe recorded/);
  // The same page-closed text without a timeout (a browser crash) stays Infra/CI.
  assert.equal(classify([{ status: 'failed', invariantId: null, message: closed.split('\n\n')[1]! }], 'UI-001', null).class, 'Infra/CI');
});

test('contract path templates pair a refusal with its control', () => {
  assert.equal(pathTemplate('/api/warehouses/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb/managers'), '/api/warehouses/{id}/managers');
  assert.equal(pathTemplate('/api/drivers/e2e-driver-b1/health'), '/api/drivers/{id}/health');
  assert.equal(pathTemplate('/api/assignments/mine'), '/api/assignments/mine');
  assert.equal(pathTemplate('/api/routes?date=2026-12-01'), '/api/routes');
  assert.equal(pathTemplate('/api/bids'), '/api/bids');
  assert.equal(pathTemplate('/api/unknown/abc123def/x'), '/api/unknown/{id}/x');
});

test('Playwright timeouts are told from other errors', () => {
  const e = (name: string, message: string) => Object.assign(new Error(message), { name });
  assert.ok(isPlaywrightTimeout(e('TimeoutError', 'locator.click: Timeout 500ms exceeded.')));
  assert.ok(isPlaywrightTimeout(e('Error', 'expect(locator).toBeVisible() failed\n\nLocator: x\nExpected: visible\nTimeout: 500ms\nError: element(s) not found')));
  assert.ok(isPlaywrightTimeout(e('Error', 'expect(received).toBe(expected)\n\nCall Log:\n- Timeout 500ms exceeded while waiting on the predicate')));
  assert.ok(!isPlaywrightTimeout(e('Error', 'WITNESS-001 the shift is offered on /bids\n\nExpected: >= 0\nReceived: -1')));
  assert.ok(!isPlaywrightTimeout(e('Error', 'connect ECONNREFUSED 127.0.0.1:5432')));
});

test('/routes Driver cell of a bidding route: the window\'s time left, rounded as the app does', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const after = (ms: number) => new Date(now.getTime() + ms);
  assert.equal(closesLabel(after(45 * 60_000), now), '45m left');
  assert.equal(closesLabel(after(3 * 3600_000 + 20 * 60_000), now), '3h left');
  assert.equal(closesLabel(after(50 * 3600_000), now), '2d left');
  assert.equal(closesLabel(after(-60_000), now), 'Closed');
});

test('pnpm table: one row per journey and project, one column per run', () => {
  const a = parseReport(v1Report());
  assert.ok(a.success);
  const b = structuredClone(a.data);
  b.run.mode = 'external';
  b.run.target = 'http://127.0.0.1:4173';
  b.scenarios[0]!.status = 'passed';
  b.scenarios[0]!.project = 'mobile';
  const t = renderTable([
    { label: 'reference (embedded)', report: a.data },
    { label: 'http://127.0.0.1:4173 (external)', report: b },
  ]);
  assert.match(t, /^\| journey \| reference \(embedded\) \| http:\/\/127\.0\.0\.1:4173 \(external\) \|$/m);
  assert.match(t, /^\| UI-001 \| failed WITNESS-001 · 1 check \(1 failed\) · 0\.0 s \| — \|$/m);
  assert.match(t, /^\| UI-001 \[mobile\] \| — \| passed · 1 check \(1 failed\) · 0\.0 s \|$/m);
});
