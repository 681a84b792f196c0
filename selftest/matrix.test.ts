/**
 * The fault matrix (design §5 "Faults"): PostgreSQL and the reference target start once; for each
 * fault of the catalog, its journeys run with one worker and no retries against the target with
 * that fault on, and exactly the ids the fault names must fail.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, type Launched } from '../witness/launcher/launch.js';
import { getFaults, setFaults, type FaultInfo } from '../witness/hooks.js';
import { cleanEnv, failingIds, runPlaywright, tempOut } from './helpers.js';
import { journeyFiles } from './journeys.js';

const out = tempOut('matrix');
let stack: Launched;
let catalog: FaultInfo[] = [];
const journeys = new Set(journeyFiles().map((j) => j.id));

before(async () => {
  process.env.WITNESS_QUIET = '1';
  stack = await launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }) });
  catalog = (await getFaults(stack.baseUrl)).catalog;
});

after(async () => {
  await stack?.teardown();
  fs.rmSync(out, { recursive: true, force: true });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the fault catalog is not empty and every fault names what it must trip', () => {
  assert.ok(catalog.length > 0);
  for (const f of catalog) {
    assert.ok(f.mustTrip.scenarios.length > 0, `${f.name} names its journeys`);
    assert.ok(f.mustTrip.invariants.length > 0, `${f.name} names its invariant ids`);
  }
});

test('each fault trips exactly the ids it names', async (t) => {
  for (const fault of catalog) {
    const missing = fault.mustTrip.scenarios.filter((s) => !journeys.has(s));
    if (missing.length) {
      t.diagnostic(`${fault.name}: journeys ${missing.join(', ')} not written yet; not run`);
      continue;
    }
    await t.test(fault.name, async () => {
      await setFaults(stack.baseUrl, [fault.name]);
      try {
        const grep = fault.mustTrip.scenarios.map((s) => `${escape(s)}\\b`).join('|');
        const r = await runPlaywright(
          ['--grep', grep, '--workers', '1', '--retries', '0'],
          cleanEnv({ INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl, WITNESS_OUT: out }),
        );
        assert.notEqual(r.code, 0, `${fault.name}: the run must be red`);
        assert.ok(r.report, `${fault.name}: report written`);
        const got = failingIds(r.report!);
        assert.deepEqual(
          got,
          { scenarios: [...fault.mustTrip.scenarios].sort(), invariants: [...fault.mustTrip.invariants].sort() },
          `${fault.name}: failing ids\n${r.report!.failures.map((f) => `${f.scenarioId} / ${f.invariantId}: ${f.message.split('\n')[0]}`).join('\n')}`,
        );
        for (const f of r.report!.failures) assert.equal(f.class, 'Algorithm regression', `${fault.name}: ${f.scenarioId} class`);
      } finally {
        await setFaults(stack.baseUrl, []);
      }
    });
  }
});
