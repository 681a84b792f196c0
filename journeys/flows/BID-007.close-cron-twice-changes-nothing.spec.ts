import { test } from '../../witness/test.js';

test(
  'BID-007 the close cron run twice: the second run adds no bid_won or bid_lost and no second winner',
  { tag: ['@serial'] },
  async ({ world, witness, cron }) => {
    const { users } = world.slot;
    const shift = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    // Equal standing: the earlier bid (A1's) wins.
    await world.orgA.pendingBid(users.driverA1, shift, { minutesAgo: 10 });
    await world.orgA.pendingBid(users.driverA2, shift, { minutesAgo: 5 });

    await test.step('the closing time passes; the first cron run resolves the window for A1, the earlier of two equal bids', async () => {
      await world.orgA.closeWindow(shift);
      await cron.closeBidWindows();
      await witness.db.windowWonBy(shift, users.driverA1);
      await witness.bidding.notified(shift, ['bid_won'], [users.driverA1], 'A1 won');
      await witness.bidding.notified(shift, ['bid_lost'], [users.driverA2], 'A2 lost');
    });

    await test.step('the second cron run leaves the window, its bids and its result notifications exactly as they were', async () => {
      const before = await witness.bidding.resultState(shift);
      await cron.closeBidWindows();
      await witness.bidding.rerunChangedNothing(before, 'the window was already resolved');
      await witness.db.windowWonBy(shift, users.driverA1);
    });
  },
);
