import { test } from '../../witness/test.js';

test(
  'UI-002 manager A suspends Route A for today from /routes with the Suspended switch; page and database agree; org B untouched',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { users } = world.slot;
    // Each org's Route A has today's shift, with its driver; org A has two more routes with none.
    const todaysShiftA = await world.orgA.scheduledShift(users.driverA1, { inDays: 0 });
    await world.orgA.addRoute('North');
    await world.orgA.addRoute('South');
    const todaysShiftB = await world.orgB.scheduledShift(users.driverB1, { inDays: 0 });
    const orgBBefore = await witness.db.snapshot(todaysShiftB);
    const managerA = await actor('managerA');

    await test.step('/routes shows exactly org A\'s routes with today\'s status', async () => {
      await witness.routes(managerA).showing(todaysShiftA).lacking(todaysShiftB).matchesDb();
    });

    await test.step('manager A flips Route A\'s Suspended switch, on the page just checked', async () => {
      await managerA.routes.openDetails(todaysShiftA.routeName);
      await managerA.routes.setSuspended(true, todaysShiftA.routeName);
    });

    await test.step('the database holds org A\'s assignment cancelled with no driver', async () => {
      await witness.db.assignmentIs(todaysShiftA, { status: 'cancelled', user: null });
    });

    await test.step('the page shows Route A suspended and still matches the database', async () => {
      await witness.routes(managerA).showing(todaysShiftA).lacking(todaysShiftB).matchesDb();
    });

    await test.step('org B\'s assignment for today is untouched', async () => {
      await witness.db.unchanged(orgBBefore);
    });
  },
);
