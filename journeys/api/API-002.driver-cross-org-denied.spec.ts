import { test } from '../../witness/test.js';
import type { ApiRequest } from '../../witness/checks/api.js';
import { CatalogProbe } from './catalog.js';

/**
 * The @smoke subset of the catalog probe (journeys/api/catalog.ts) for a driver: one entry per
 * endpoint family of §4.1, §4.3 and §4.8, the same probes API-006 makes of them, and the race the
 * won shift is then open to.
 */
test(
  'API-002 driver A1 can neither bid on nor act on org B\'s assignments through the driver endpoints; each refusal follows the same call succeeding in org A',
  { tag: ['@smoke'] },
  async ({ world, actor, witness, scenarioTime, userPassword }) => {
    const { users } = world.slot;
    // The instant shifts of the bid: A1 wins org A's, org B's is refused her (on another date, so
    // "you already have a shift on this date" can never pass for a refusal).
    const [openB, openA] = [await world.orgB.openShift({ mode: 'instant', inDays: 2 }), await world.orgA.openShift({ mode: 'instant', inDays: 1 })];
    // Org B's own rows each list must lack: a bid of B1, a notification of B1.
    const competitiveB = await world.orgB.openShift({ mode: 'competitive', inDays: 6 });
    const bidOfB1 = await world.orgB.pendingBid(users.driverB1, competitiveB);
    const notificationOfB1 = await world.orgB.notification(users.driverB1, openB);
    const probe = CatalogProbe.of({ world, actor, witness, scenarioTime, userPassword });
    probe.mark([openB.assignmentId, openB.bidWindowId, competitiveB.assignmentId, competitiveB.bidWindowId, bidOfB1, notificationOfB1]);

    await test.step('no bid on org B\'s open shift; A1 wins her own org\'s', async () => {
      await probe.write('POST /api/bids', { own: { assignmentId: openA.assignmentId }, foreign: { assignmentId: openB.assignmentId } });
    });

    await test.step('org B\'s assignments are neither confirmed nor cancelled by A1', async () => {
      await probe.entries(['POST /api/assignments/{id}/confirm', 'POST /api/assignments/{id}/cancel']);
    });

    await test.step('preferences take org A\'s routes only', async () => {
      await probe.entries(['PUT /api/preferences']);
    });

    await test.step('org B\'s notification is not marked read by A1', async () => {
      await probe.entries(['PATCH /api/notifications/{id}/read']);
    });

    await test.step('first accept wins: a second driver cannot take the shift A1 won', async () => {
      const secondAccept: ApiRequest = { method: 'POST', path: '/api/bids', data: { assignmentId: openA.assignmentId } };
      await witness.race.stateRefuses(await actor('driverA2'), secondAccept, 'the window was already won by A1');
    });

    await test.step('the driver lists hold nothing of org B', async () => {
      await probe.entries(['GET /api/bids/available', 'GET /api/bids/mine', 'GET /api/assignments/mine', 'GET /api/preferences/routes', 'GET /api/notifications']);
    });

    await test.step('the database holds the won shift for A1 with one won bid', async () => {
      await witness.db.assignmentIs(openA, { status: 'scheduled', user: users.driverA1 });
      await witness.db.windowWonBy(openA, users.driverA1);
    });
  },
);
