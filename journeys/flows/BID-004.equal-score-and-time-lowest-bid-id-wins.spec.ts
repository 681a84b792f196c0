import { test } from '../../witness/test.js';

test(
  'BID-004 two bids of equal score placed at the same instant: the bid with the lower id wins when the window is resolved; My Bids shows Won and Lost as the database holds',
  async ({ world, actor, witness, scenarioTime }) => {
    const { users } = world.slot;
    const shift = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    // Same standing (the reset leaves both with no health points, no completions, a new account and
    // no preference: score 0) and the same bid time, so only the last tie-break is left: bid id.
    const at = new Date(scenarioTime.now().getTime() - 5 * 60_000);
    const bidOfA1 = await world.orgA.pendingBid(users.driverA1, shift, { at });
    const bidOfA2 = await world.orgA.pendingBid(users.driverA2, shift, { at });
    const [winner, loser] = bidOfA1 < bidOfA2 ? [users.driverA1, users.driverA2] : [users.driverA2, users.driverA1];
    const [a1, a2] = await Promise.all([actor('driverA1'), actor('driverA2')]);

    await test.step(`the closing time passes; A1 opens /bids, which resolves it: ${winner.key} wins (bid ${bidOfA1 < bidOfA2 ? bidOfA1 : bidOfA2} sorts first)`, async () => {
      await world.orgA.closeWindow(shift);
      await a1.bids.open();
      await witness.db.windowWonBy(shift, winner);
      await witness.db.assignmentIs(shift, { status: 'scheduled', user: winner });
    });

    await test.step(`bid_won goes to ${winner.key} and bid_lost to ${loser.key}, once each`, async () => {
      await witness.bidding.notified(shift, ['bid_won'], [winner], 'the winner is told');
      await witness.bidding.notified(shift, ['bid_lost'], [loser], 'the other bidder is told');
    });

    await test.step('My Bids shows Won to the winner and Lost to the other, as the database holds', async () => {
      await witness.myBids(a1).showing(shift).matchesDb();
      await witness.myBids(a2).showing(shift).matchesDb();
    });
  },
);
