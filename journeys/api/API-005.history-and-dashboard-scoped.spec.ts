import { test } from '../../witness/test.js';
import * as Contract from '../../witness/contract/responses.js';
import type { ApiRequest } from '../../witness/checks/api.js';
import type { Actor } from '../../witness/actors.js';
import type { SlotUser } from '../../fixtures/slots.js';

test(
  'API-005 history and dashboard are scoped to the driver and her org: A1 sees only hers, A2 none of A1\'s, B1 only his — on /history and through the API',
  async ({ world, actor, witness }) => {
    const { users } = world.slot;
    // Each driver has a past completed shift (with parcels), a coming shift and a pending bid.
    const done = {
      A1: await world.orgA.completedShift(users.driverA1, { daysAgo: 2, parcelsStart: 120, parcelsReturned: 6 }),
      A2: await world.orgA.completedShift(users.driverA2, { daysAgo: 3, parcelsStart: 90, parcelsReturned: 0 }),
      B1: await world.orgB.completedShift(users.driverB1, { daysAgo: 2, parcelsStart: 80, parcelsReturned: 4 }),
    };
    const coming = {
      A1: await world.orgA.scheduledShift(users.driverA1, { inDays: 4 }),
      A2: await world.orgA.scheduledShift(users.driverA2, { inDays: 5 }),
      B1: await world.orgB.scheduledShift(users.driverB1, { inDays: 4 }),
    };
    const [openA, openB] = [await world.orgA.openShift({ mode: 'competitive', inDays: 6 }), await world.orgB.openShift({ mode: 'competitive', inDays: 6 })];
    const bid = {
      A1: await world.orgA.pendingBid(users.driverA1, openA),
      B1: await world.orgB.pendingBid(users.driverB1, openB),
    };
    const [a1, a2, b1] = await Promise.all([actor('driverA1'), actor('driverA2'), actor('driverB1')]);
    /** what of `who` another driver's answers must never hold: her user, her rows */
    const rowsOf = (who: SlotUser, ids: string[]) => ({ user: who, rowIds: ids });
    const ofA1 = rowsOf(users.driverA1, [done.A1.assignmentId, coming.A1.assignmentId, bid.A1]);
    const ofA2 = rowsOf(users.driverA2, [done.A2.assignmentId, coming.A2.assignmentId]);
    const ofB1 = rowsOf(users.driverB1, [done.B1.assignmentId, coming.B1.assignmentId, bid.B1]);
    const lists = [
      { request: { method: 'GET', path: '/api/history' }, schema: Contract.HistoryList },
      { request: { method: 'GET', path: '/api/dashboard' }, schema: Contract.Dashboard },
    ] satisfies { request: ApiRequest; schema: unknown }[];
    const holdNothingOf = async (driver: Actor, others: { user: SlotUser; rowIds: string[] }[]) => {
      for (const other of others) for (const list of lists) await witness.api.listLacksDriver(driver, list.request, list.schema, other);
    };

    await test.step('each driver\'s /history shows exactly her own past shifts, with the parcels delivered the database holds', async () => {
      await witness.history(a1).showing(done.A1).lacking(done.A2).lacking(done.B1).matchesDb();
      await witness.history(a2).showing(done.A2).lacking(done.A1).matchesDb();
      await witness.history(b1).showing(done.B1).lacking(done.A1).matchesDb();
    });

    await test.step('A1\'s history and dashboard hold nothing of A2 (her own org) or of B1', async () => {
      await holdNothingOf(a1, [ofA2, ofB1]);
    });

    await test.step('A2\'s hold nothing of A1; B1\'s nothing of A1 or A2', async () => {
      await holdNothingOf(a2, [ofA1]);
      await holdNothingOf(b1, [ofA1, ofA2]);
    });
  },
);
