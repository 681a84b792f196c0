/**
 * Harness honesty (docs/architecture.md#classes, docs/architecture.md#controls), judged from the
 * written report of one run of the journeys in selftest/honesty/:
 * - a wait that times out fails with HARNESS-004 naming what it waited for;
 * - a test timeout inside a wait is HARNESS-006 naming the step and the pending wait, with the
 *   reachability probe made at that moment: Harness/diagnostics, never Infra/CI;
 * - a refusal checked without its positive control is a harness defect (HARNESS-005);
 * - a refusal whose control failed is *not evaluated*, next to the control's own failure;
 * - a check fails at the spec line that called it (a boxed step).
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, runPlaywright, tempOut, type RunResult } from './helpers.js';
import { defectFileName } from '../reports/defect.js';
import type { Failure } from '../reports/schema.js';

const out = tempOut('honesty');
after(() => fs.rmSync(out, { recursive: true, force: true }));

let run: RunResult;
before(async () => {
  run = await runPlaywright(['--config', 'selftest/honesty/honesty.config.ts', '--workers', '2'], cleanEnv({ INTEGRATION_TEST: '1', WITNESS_OUT: out }));
});

function failureOf(scenarioId: string): Failure {
  assert.ok(run.report, `report written:\n${run.out.slice(-3000)}`);
  const f = run.report!.failures.find((x) => x.scenarioId === scenarioId);
  assert.ok(f, `${scenarioId} is reported as a failure: ${run.report!.failures.map((x) => `${x.scenarioId}/${x.invariantId}`).join(', ')}`);
  assert.ok(fs.existsSync(path.join(run.runDir!, 'defects', defectFileName(f!))), `${scenarioId}: its defect file is written`);
  return f!;
}

test('a wait that times out: HARNESS-004 naming the wait and the page, Harness/diagnostics', () => {
  assert.notEqual(run.code, 0, 'the run is red');
  const f = failureOf('UI-995');
  assert.equal(f.invariantId, 'HARNESS-004');
  assert.equal(f.class, 'Harness/diagnostics', f.classSignal);
  assert.match(f.message, /^HARNESS-004 timed out waiting for the routes table on \/routes to finish loading \(aria-busy="false"\) on http:\/\/127\.0\.0\.1:\d+\/dashboard/);
  assert.match(f.owner, /witness\/ and fixtures\//);
});

test('a test timeout inside a wait: HARNESS-006 naming the step, the pending wait and the probe; never Infra/CI', () => {
  const f = failureOf('UI-994');
  assert.equal(f.invariantId, 'HARNESS-006', f.message.slice(0, 400));
  assert.equal(f.class, 'Harness/diagnostics', `${f.classSignal}\n${f.message.slice(0, 600)}`);
  const head = f.message.split('\n')[0]!;
  assert.match(head, /test timeout of 7 s in step "A1 opens \/routes and waits for its table"/);
  assert.match(head, /while waiting for the routes table on \/routes to finish loading/);
  assert.match(head, /the target and the database both answered at that moment/);
  assert.match(f.message, /reachability probe at the timeout: target: answered \(HTTP \d{3} in \d+ ms\); database: answered/);
  // Playwright's own "page closed" lines follow the timeout: they do not make it Infra/CI.
  assert.equal(run.report!.scenarios.find((s) => s.scenarioId === 'UI-994')!.attempts[0]!.status, 'timedOut');
});

test('a refusal checked without its positive control: HARNESS-005, no request sent', () => {
  const f = failureOf('API-997');
  assert.equal(f.invariantId, 'HARNESS-005');
  assert.equal(f.class, 'Harness/diagnostics', f.classSignal);
  assert.match(f.message, /^HARNESS-005 GET \/api\/warehouses\/\S+ on org-\S+'s entity was to be checked as refused with no positive control of GET \/api\/warehouses\/\{id\}/);
  const s = run.report!.scenarios.find((x) => x.scenarioId === 'API-997')!;
  const check = s.checks.find((c) => c.invariantId === 'HARNESS-005')!;
  assert.equal(check.verdict, 'fail');
  assert.ok(!check.requestIds.some((id) => id.endsWith('.refused-get')), `the refusal sent nothing of its own: ${check.requestIds.join(', ')}`);
});

test('a refusal whose control failed: not evaluated, next to the control\'s own failure', () => {
  const f = failureOf('API-996');
  assert.equal(f.invariantId, 'AUTH-005', 'the failure is the control\'s own');
  assert.match(f.message, /^AUTH-005 the positive control GET \/api\/warehouses\/00000000-0000-4000-8000-000000000000 .* should succeed, answered 403/);
  assert.match(f.message, /not evaluated: the refusal of GET \/api\/warehouses\//);
  assert.equal(f.notEvaluated.length, 1, 'the failure lists the refusal it left unjudged');
  const s = run.report!.scenarios.find((x) => x.scenarioId === 'API-996')!;
  const ne = s.checks.filter((c) => c.verdict === 'not-evaluated');
  assert.equal(ne.length, 1);
  assert.equal(ne[0]!.checkId, 'refused-get');
  assert.match(ne[0]!.notEvaluated!.because, /the positive control GET \/api\/warehouses\/\S+ failed/);
  assert.ok(fs.existsSync(path.join(run.runDir!, ne[0]!.notEvaluated!.control)), 'it points at the control\'s evidence');
  assert.ok(run.report!.totals.checksNotEvaluated >= 1);
  const defect = fs.readFileSync(path.join(run.runDir!, 'defects', defectFileName(f)), 'utf8');
  assert.match(defect, /## Not evaluated because of this failure/);
  assert.match(defect, /## Request ids[\s\S]*`dw\.[^`]+\.API-996\.a0\.c\d\d\.control`/);
});

test('a check fails at the spec line that called it (a boxed step), its message still starting with the id', () => {
  // The list reporter prints the code frame of each error's location: the honesty spec's own line.
  const clean = run.out.replace(/\u001b\[[0-9;]*m/g, '');
  assert.match(clean, />\s*13 \|\s+await witness\.api\.refused\(/, 'API-997 points at controls.honesty.ts:13');
  // An error located in another file than the test's gets an `at <relative path>:<line>` line.
  // (A named wait's HARNESS-004 is still located where the wait gave up, in witness/activity.ts.)
  assert.doesNotMatch(clean, /^\s+at (?:\.\.\/)+[^\s:]*witness\/(?:checks|fixtures|context)[^\s:]*:\d+\s*$/m, 'no check failure is located inside the witness');
  assert.match(clean, /› witness: GET \/api\/warehouses\/\S+ on org-\S+'s entity is refused to managerA/, 'the check is a step titled after what it checks');
});
