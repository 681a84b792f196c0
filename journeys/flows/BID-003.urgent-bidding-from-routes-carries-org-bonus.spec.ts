import { test } from '../../witness/test.js';

test(
  'BID-003 manager A opens urgent bidding on today\'s Route A from /routes: the window carries org A\'s bonus, /bids shows it, the first accept wins with it; org B\'s drivers are not told',
  // @desktop: the phone layout's Assignment Details has no Open Urgent Bidding (witness/contract/observed.ts).
  { tag: ['@desktop'] },
  async ({ world, actor, witness }) => {
    const { users } = world.slot;
    // The bonus comes from each org's dispatch settings; org B's differs, so a bonus read from the
    // wrong org shows.
    await world.orgA.dispatchSettings({ emergencyBonusPercent: 35 });
    await world.orgB.dispatchSettings({ emergencyBonusPercent: 5 });
    const todaysShift = await world.orgA.scheduledShift(users.driverA2, { inDays: 0 });
    const [managerA, a1] = await Promise.all([actor('managerA'), actor('driverA1')]);

    let urgent = todaysShift;
    await test.step('manager A opens Route A\'s details on /routes and confirms Open Urgent Bidding', async () => {
      await managerA.routes.open();
      await managerA.routes.openDetails(todaysShift.routeName);
      await managerA.routes.openUrgentBidding();
      urgent = (await witness.bidding.urgentWindowOpened(todaysShift, 35)) ?? todaysShift;
    });

    await test.step('the urgent window is announced to org A\'s drivers (A2, who was displaced, too) and to nobody in org B', async () => {
      await witness.bidding.notified(urgent, ['emergency_route_available'], [users.driverA1, users.driverA2], 'A1 and A2 are org A\'s eligible drivers');
    });

    await test.step('A1\'s /bids offers it with the 35% badge; she accepts it first and wins it with that bonus', async () => {
      await witness.availableShifts(a1).showing(urgent).matchesDb();
      await witness.bidding.offeredWithBonus(a1, urgent, 35);
      const answer = await a1.bids.accept(urgent);
      await witness.bidding.wonWithBonus(urgent, a1, answer, 35);
      await witness.db.windowWonBy(urgent, a1.user);
      await witness.db.assignmentIs(urgent, { status: 'scheduled', user: a1.user });
    });
  },
);
