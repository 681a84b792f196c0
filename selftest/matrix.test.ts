/**
 * The fault matrix (docs/architecture.md#faults): four lanes, each a PostgreSQL and a reference target
 * started once, take the catalog's faults from one queue; for each fault, its journeys run with one worker and no retries
 * against its lane's target with that fault on, and exactly the ids the fault names must fail. The
 * lanes run at once (a fault is a switch of the whole target, so each lane has its own).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, type Launched } from '../witness/launcher/launch.js';
import { getFaults, setFaults, type FaultInfo } from '../witness/hooks.js';
import { cleanEnv, failingIds, runPlaywright, tempOut } from './helpers.js';
import { journeyFiles } from './journeys.js';
import { INVARIANTS, isKnownInvariant } from '../witness/invariants/catalog.js';

const out = tempOut('matrix');
const LANES = 4;
let stacks: Launched[] = [];
let catalog: FaultInfo[] = [];
const journeys = new Set(journeyFiles().map((j) => j.id));

before(async () => {
  process.env.WITNESS_QUIET = '1';
  stacks = await Promise.all(Array.from({ length: LANES }, () => launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }) })));
  catalog = (await getFaults(stacks[0]!.baseUrl)).catalog;
});

after(async () => {
  await Promise.all(stacks.map((st) => st.teardown()));
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

const RUN_LEVEL = new Set(['RUN-SWEEP']);
const COVERED_FAMILIES = ['TENANT', 'IDEMP', 'NOTIF', 'ASSIGN', 'STATE', 'WITNESS', 'AUTH'];

test('coverage: every journey has faults on at least two of its checks; every catalog invariant has a fault', () => {
  for (const f of catalog) {
    const unknown = f.mustTrip.scenarios.filter((s) => !journeys.has(s) && !RUN_LEVEL.has(s));
    assert.deepEqual(unknown, [], `${f.name} names journeys that do not exist`);
    const unknownIds = f.mustTrip.invariants.filter((i) => !isKnownInvariant(i));
    assert.deepEqual(unknownIds, [], `${f.name} names invariant ids that are not in the catalog`);
  }
  for (const j of journeys) {
    const faults = catalog.filter((f) => f.mustTrip.scenarios.includes(j)).map((f) => f.name);
    assert.ok(faults.length >= 2, `journey ${j} is caught by ${faults.length} fault(s) (${faults.join(', ') || 'none'}); it needs at least two`);
  }
  const tripped = new Set(catalog.flatMap((f) => f.mustTrip.invariants));
  const uncovered = INVARIANTS.filter((i) => COVERED_FAMILIES.includes(i.family) && !tripped.has(i.id)).map((i) => i.id);
  assert.deepEqual(uncovered, [], 'catalog invariants no fault proves');
});

async function tripsExactly(stack: Launched, lane: number, fault: FaultInfo): Promise<void> {
  await setFaults(stack.baseUrl, [fault.name]);
  try {
    const grep = fault.mustTrip.scenarios.filter((s) => !RUN_LEVEL.has(s)).map((s) => `${escape(s)}\\b`).join('|');
    const r = await runPlaywright(
      ['--grep', grep, '--workers', '1', '--retries', '0'],
      cleanEnv({ INTEGRATION_TEST: '1', WITNESS_BASE_URL: stack.baseUrl, DATABASE_URL: stack.databaseUrl, CRON_SECRET: stack.cronSecret, WITNESS_OUT: `${out}/lane${lane}` }),
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
}

test('each fault trips exactly the ids it names', { concurrency: LANES }, async (t) => {
  // One queue: each lane takes the next fault when it is free (faults differ tenfold in how long they take).
  // WITNESS_MATRIX_ONLY=a,b runs only those faults (while working on them; the full matrix is the gate).
  const only = process.env.WITNESS_MATRIX_ONLY?.split(',').map((x) => x.trim()).filter(Boolean);
  const unknown = (only ?? []).filter((n) => !catalog.some((f) => f.name === n));
  assert.deepEqual(unknown, [], `WITNESS_MATRIX_ONLY names faults the catalog does not have`);
  const queue = only ? catalog.filter((f) => only.includes(f.name)) : catalog;
  let next = 0;
  await Promise.all(
    stacks.map(async (stack, lane) => {
      for (let fault = queue[next++]; fault; fault = queue[next++]) {
        const f = fault;
        await t.test(`${f.name} (lane ${lane})`, () => tripsExactly(stack, lane, f));
      }
    }),
  );
});
