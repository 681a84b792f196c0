import { test } from '../../witness/test.js';
import * as Contract from '../../witness/contract/responses.js';
import { CatalogProbe, overrideAction } from './catalog.js';

/**
 * The @smoke subset of the catalog probe (journeys/api/catalog.ts) for a manager: one entry per
 * endpoint family of §4.4–§4.7, the same probes API-006 makes of them.
 */
test(
  'API-001 manager A can neither read, change nor act on anything of org B through the manager endpoints; each refusal follows the same call succeeding on an org-A twin',
  { tag: ['@smoke'] },
  async ({ world, actor, witness, scenarioTime, userPassword }) => {
    const { users } = world.slot;
    // The override's twins: a scheduled shift in each org, suspended for the day (and org A's resumed).
    const [scheduledB, scheduledA] = [await world.orgB.scheduledShift(users.driverB1, { inDays: 1 }), await world.orgA.scheduledShift(users.driverA1, { inDays: 1 })];
    const probe = CatalogProbe.of({ world, actor, witness, scenarioTime, userPassword }, { date: scheduledB.date });
    probe.mark([scheduledB.assignmentId]);

    // The lists first: a refusal that fails would move org B's rows into them, a second failure of the same breach.
    await test.step('the manager lists hold nothing of org B', async () => {
      await probe.entries(['GET /api/routes', 'GET /api/warehouses', 'GET /api/drivers', 'GET /api/bid-windows']);
    });

    await test.step('warehouses: org B\'s is neither read, renamed, listed with its managers nor linked to a manager; no org-B manager is linked to org A\'s', async () => {
      await probe.entries(['GET /api/warehouses/{id}', 'PATCH /api/warehouses/{id}', 'GET /api/warehouses/{id}/managers', 'POST /api/warehouses/{id}/managers']);
    });

    await test.step('assignments and bid windows of org B are not overridden, assigned, closed or given away; no org-A window goes to org B\'s driver', async () => {
      await probe.write('POST /api/assignments/{id}/override', { own: { id: scheduledA.assignmentId }, foreign: { id: scheduledB.assignmentId }, call: overrideAction('suspend_route'), fields: ['id'] });
      await probe.entries(['POST /api/assignments/{id}/assign', 'POST /api/bid-windows/{id}/close', 'POST /api/bid-windows/{id}/assign']);
    });

    await test.step('org B\'s route and driver are neither changed nor read', async () => {
      await probe.entries(['PATCH /api/routes/{id}', 'PATCH /api/drivers/{id}', 'GET /api/drivers/{id}/health']);
    });

    await test.step('the suspended org-A route resumes', async () => {
      await witness.api.succeeds(await actor('managerA'), overrideAction('resume_route')({ id: scheduledA.assignmentId }), Contract.OverrideOk);
    });
  },
);
