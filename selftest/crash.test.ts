/**
 * Crash safety: a worker that dies mid-journey. The report is still written with what ran, and the
 * crash is classified Infra/CI from Playwright's own error, with a defect file.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, runPlaywright, tempOut } from './helpers.js';
import { defectFileName } from '../reports/defect.js';

const out = tempOut('crash');
after(() => fs.rmSync(out, { recursive: true, force: true }));

test('a worker crash: what ran is reported, the crash is Infra/CI', async () => {
  const r = await runPlaywright(['--config', 'selftest/crash/crash.config.ts'], cleanEnv({ INTEGRATION_TEST: '1', WITNESS_OUT: out }));
  assert.notEqual(r.code, 0, 'the run is red');
  assert.ok(r.report, `report written:\n${r.out.slice(-3000)}`);
  const report = r.report!;
  assert.equal(report.scenarios.find((s) => s.scenarioId === 'UI-998')?.status, 'passed', 'the journey that ran before the crash is reported');
  const crash = report.failures.find((f) => f.scenarioId === 'UI-999');
  assert.ok(crash, `the crashed journey is a failure: ${report.failures.map((f) => f.scenarioId).join(', ')}`);
  assert.equal(crash!.class, 'Infra/CI', `${crash!.classSignal}\n${crash!.message.slice(0, 300)}`);
  assert.ok(fs.existsSync(path.join(r.runDir!, 'defects', defectFileName(crash!))), 'a defect file is written');
});
