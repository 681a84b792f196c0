import { test } from '../../witness/test.js';

test(
  'UI-007 the dashboard and the header counts of driver A1 match the database before and after an accept and a confirm, with no reload',
  async ({ world, actor, witness }) => {
    // A1's day: a shift to confirm (4 days out: inside the confirm window at any hour), an instant
    // shift to take (tomorrow: past its confirm deadline once won, so Needs Confirmation only moves
    // with the confirm), a pending bid and an unread notification. Org B has an open shift of its own.
    const toConfirm = await world.orgA.scheduledShift(world.slot.users.driverA1, { inDays: 4, route: await world.orgA.addRoute('confirm') });
    const toTake = await world.orgA.openShift({ mode: 'instant' });
    const bidOn = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    await world.orgA.pendingBid(world.slot.users.driverA1, bidOn, { minutesAgo: 5 });
    await world.orgA.notification(world.slot.users.driverA1, bidOn);
    await world.orgB.openShift({ mode: 'instant' });
    const a1 = await actor('driverA1');

    await test.step('before: on /bids the header counts what the database holds', async () => {
      await witness.availableShifts(a1).showing(toTake).lacking(bidOn).matchesDb();
      await witness.header.countsMatchDb(a1, 'opening /bids');
    });

    await test.step('A1 accepts the instant shift: within 10 s, with no reload, Available Shifts and the bell follow', async () => {
      await a1.bids.accept(toTake);
      await witness.db.assignmentIs(toTake, { status: 'scheduled', user: a1.user });
      await witness.header.countsMatchDb(a1, 'the accept on /bids');
    });

    await test.step('the dashboard shows her shifts, what is coming up and her pending bid, as the header counts them', async () => {
      await witness.dashboard(a1).matchesDb();
      await witness.header.countsMatchDb(a1, 'opening /dashboard');
    });

    await test.step('A1 confirms the shift coming up: within 10 s, with no reload, Needs Confirmation follows', async () => {
      await a1.dashboard.confirm(toConfirm.routeName);
      await witness.day.stepRecorded(toConfirm, 'confirm');
      await witness.header.countsMatchDb(a1, 'the confirm on /dashboard');
      await witness.dashboard(a1).matchesDb({ inPlace: true });
    });
  },
);
