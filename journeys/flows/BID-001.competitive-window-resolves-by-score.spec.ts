import { test } from '../../witness/test.js';

test(
  'BID-001 a competitive window past its closing time is resolved by score when a driver opens /bids: equal scores go to the earlier bid; the winner sees Won, the other Lost',
  async ({ world, actor, witness }) => {
    const shift = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    const [a1, a2] = await Promise.all([actor('driverA1'), actor('driverA2')]);

    await test.step('A1, then A2, bid on the competitive shift from /bids', async () => {
      await a1.bids.placeBid(shift);
      await a2.bids.placeBid(shift);
      await witness.myBids(a1).showing(shift).matchesDb();
    });

    await test.step('the window\'s closing time passes (moved to a minute ago: no clock is moved)', async () => {
      await world.orgA.closeWindow(shift);
    });

    await test.step('A2 opens /bids: the window is resolved; A1, the earlier of two equal bids, wins', async () => {
      await a2.bids.open();
      await witness.db.windowWonBy(shift, a1.user);
      await witness.db.assignmentIs(shift, { status: 'scheduled', user: a1.user });
    });

    await test.step('My Bids shows Won to A1 and Lost to A2, as the database holds', async () => {
      await witness.myBids(a1).showing(shift).matchesDb();
      await witness.myBids(a2).showing(shift).matchesDb();
    });
  },
);
