import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMultisets } from '../../witness/multiset.js';
import { parseDate, parseItem, longestName } from '../../journeys/pages/parse.js';
import { invariantIdOf, formatFailure } from '../../witness/failure.js';
import { torontoDate, torontoInstant, weekStart, addDays, ScenarioClock } from '../../witness/time.js';
import { buildSlot } from '../../fixtures/slots.js';
import { classify } from '../../reports/classify.js';
import { apiSignature } from '../../witness/signature.js';

test('multiset: a duplicate, an extra and a missing row each count', () => {
  assert.deepEqual(compareMultisets(['a', 'b', 'b', 'x'], ['a', 'b', 'c']), { missing: ['c'], extra: ['x'], duplicated: ['b'] });
  assert.deepEqual(compareMultisets([], []), { missing: [], extra: [], duplicated: [] });
});

test('text lists: longest name wins, dates in common forms', () => {
  assert.equal(longestName('Route A s2 Warehouse A s2 Fri, Nov 28', ['Route A', 'Route A s2']), 'Route A s2');
  assert.equal(longestName('Route A Warehouse A', ['Route A', 'Route A s2']), 'Route A');
  assert.equal(longestName('Route AB', ['Route A']), null);
  assert.equal(parseDate('Fri, Nov 28', '2026-11-27'), '2026-11-28');
  assert.equal(parseDate('Jan 2', '2026-12-30'), '2027-01-02');
  assert.equal(parseDate('on 2026-12-01 at 07:00', '2026-11-27'), '2026-12-01');
  assert.equal(parseDate('12/03/2026', '2026-11-27'), '2026-12-03');
  assert.equal(parseDate('no date here', '2026-11-27'), null);
  const p = parseItem('Fri, Nov 28  09:00\nRoute B\nWarehouse B', { routes: ['Route A', 'Route B'], warehouses: ['Warehouse A', 'Warehouse B'] }, '2026-11-27');
  assert.deepEqual([p.routeName, p.warehouseName, p.date], ['Route B', 'Warehouse B', '2026-11-28']);
});

test('failure messages start with their id, and the id is read back', () => {
  const msg = formatFailure('TENANT-001', '/bids shows a row of org B', { evidenceFile: 'evidence/x.json', rows: [{ id: 1 }] });
  assert.match(msg, /^TENANT-001 \/bids shows/);
  assert.match(msg, /evidence: evidence\/x\.json/);
  assert.equal(invariantIdOf(`Error: ${msg}`), 'TENANT-001');
  assert.equal(invariantIdOf('\u001b[31mError: WITNESS-001 x\u001b[39m'), 'WITNESS-001');
  assert.equal(invariantIdOf('InvariantError: AUTH-003 x'), 'AUTH-003');
  assert.equal(invariantIdOf('Timeout 10000ms exceeded'), undefined);
});

test('Toronto time: dates, week starts, wall-clock instants across DST', () => {
  assert.equal(torontoDate(new Date('2026-11-27T04:30:00Z')), '2026-11-26');
  assert.equal(weekStart('2026-11-29'), '2026-11-23');
  assert.equal(weekStart('2026-11-23'), '2026-11-23');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(torontoInstant('2026-11-28', '07:00').toISOString(), '2026-11-28T12:00:00.000Z');
  assert.equal(torontoInstant('2026-07-01', '07:00').toISOString(), '2026-07-01T11:00:00.000Z');
  assert.equal(torontoInstant('2026-03-08', '09:00').toISOString(), '2026-03-08T13:00:00.000Z');
});

test('the scenario clock: real time plus the run offset, frozen by a @clock journey, one per test', () => {
  const day = 24 * 3600_000;
  const shifted = new ScenarioClock(2 * day);
  const real = new ScenarioClock();
  assert.ok(Math.abs(shifted.now().getTime() - real.now().getTime() - 2 * day) < 1000);
  assert.equal(shifted.shifted, true);
  assert.equal(real.shifted, false);
  real.freeze(new Date('2026-03-08T05:05:00Z'));
  assert.equal(real.now().toISOString(), '2026-03-08T05:05:00.000Z');
  assert.equal(real.today(), '2026-03-08');
  assert.equal(new ScenarioClock().frozenAt, null, 'a new test starts unfrozen whatever the last one did');
  real.freeze(null);
  assert.ok(Math.abs(real.now().getTime() - Date.now()) < 1000);
});

test('slot 0 is the contract baseline; slot N derives unique values', () => {
  const s0 = buildSlot(0);
  assert.equal(s0.orgs.A.id, '11111111-1111-1111-1111-111111111111');
  assert.equal(s0.orgs.B.route.id, 'bbbbbbbb-2222-4222-8222-222222222222');
  assert.equal(s0.users.driverA1.id, 'e2e-driver-a1');
  assert.equal(s0.users.managerB.email, 'manager.b@e2e.test');
  assert.equal(s0.orgs.A.slug, 'org-a-e2e');
  assert.equal(s0.orgs.A.joinCodeHash, 'join-code-hash-a');
  const s2 = buildSlot(2);
  assert.equal(s2.orgs.A.route.name, 'Route A s2');
  assert.equal(s2.orgs.A.route.id, 'aaaaaaaa-1111-4111-8111-111111110002');
  assert.equal(s2.users.driverA1.email, 'driver.a1.s2@e2e.test');
  const all = [s0, buildSlot(1), s2].flatMap((s) => [s.orgs.A.id, s.orgs.B.id, s.orgs.A.warehouse.id, s.users.driverB1.id, s.orgs.B.slug]);
  assert.equal(new Set(all).size, all.length);
});

test('classes: precedence and signals', () => {
  const fail = (id: string | null) => ({ status: 'failed', invariantId: id, message: id ? `${id} x` : 'boom' });
  assert.equal(classify([fail('TENANT-001'), fail('TENANT-001')], 'UI-001', 'embedded').class, 'Algorithm regression');
  assert.equal(classify([fail('TENANT-001'), { status: 'passed', invariantId: null, message: null }], 'UI-001', null).class, 'Flake/timing');
  assert.equal(classify([fail('TENANT-001'), fail('WITNESS-001')], 'UI-001', null).class, 'Flake/timing');
  assert.equal(classify([fail(null)], 'UI-001', null).class, 'Harness/diagnostics');
  assert.equal(classify([fail('HARNESS-001')], 'UI-001', null).class, 'Harness/diagnostics');
  assert.equal(classify([fail('TENANT-001')], 'UNKNOWN', null).class, 'Harness/diagnostics');
  assert.equal(classify([{ status: 'failed', invariantId: null, message: 'page.goto: net::ERR_CONNECTION_REFUSED' }], 'UI-001', null).class, 'Infra/CI');
  assert.equal(classify([fail('SCHEMA-001')], 'RUN-PRECHECK', null).class, 'Data/schema drift');
  assert.match(classify([fail('TENANT-001')], 'UI-001', 'external').owner, /target app/);
});

test('signatures: the field that carried the foreign id, the second path id by its place', () => {
  const foreign = ['b-driver', 'b-shift'];
  const edit = (d: string, a: string) => ({ method: 'PATCH', path: `/api/drivers/${d}/shifts/${a}/edit`, data: { parcelsReturned: 3 } });
  assert.equal(apiSignature('TENANT-004', edit('b-driver', 'b-shift'), foreign), 'TENANT-004 PATCH /api/drivers/{id}/shifts/{id}/edit path');
  assert.equal(apiSignature('TENANT-004', edit('a-driver', 'b-shift'), foreign), 'TENANT-004 PATCH /api/drivers/{id}/shifts/{id}/edit path2');
  assert.equal(apiSignature('TENANT-004', edit('b-driver', 'a-shift'), foreign), 'TENANT-004 PATCH /api/drivers/{id}/shifts/{id}/edit path');
  const link = { method: 'POST', path: '/api/warehouses/a-wh/managers', data: { userId: 'b-driver' } };
  assert.equal(apiSignature('TENANT-004', link, foreign), 'TENANT-004 POST /api/warehouses/{id}/managers body.userId');
  const reassign = { method: 'POST', path: '/api/assignments/b-shift/override', data: { action: 'reassign', driverId: 'a-driver' } };
  assert.equal(apiSignature('TENANT-004', reassign, foreign), 'TENANT-004 POST /api/assignments/{id}/override path body.action=reassign');
});
