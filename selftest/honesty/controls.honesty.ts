/**
 * Refusals and their positive controls (docs/architecture.md#controls): a refusal checked with no control is a
 * harness defect (HARNESS-005); a refusal whose control fails is not evaluated, next to the
 * control's own failure.
 */
import { test } from '../../witness/test.js';
import { foreignMarks } from '../../witness/checks/api.js';
import * as C from '../../witness/contract/responses.js';

test('API-997 a cross-org refusal checked without its control', async ({ world, actor, witness }) => {
  const { orgs } = world.slot;
  const mA = await actor('managerA');
  await witness.api.refused(mA, { method: 'GET', path: `/api/warehouses/${orgs.B.warehouse.id}` }, foreignMarks(orgs.B));
});

test('API-996 a cross-org refusal whose control fails', async ({ world, actor, witness }) => {
  const { orgs } = world.slot;
  const mA = await actor('managerA');
  // The "twin" is a warehouse that does not exist: the control cannot succeed.
  const missing = '00000000-0000-4000-8000-000000000000';
  await witness.api.crossOrg(
    mA,
    { control: { method: 'GET', path: `/api/warehouses/${missing}` }, schema: C.WarehouseOk, probe: { method: 'GET', path: `/api/warehouses/${orgs.B.warehouse.id}` } },
    foreignMarks(orgs.B),
  );
});
