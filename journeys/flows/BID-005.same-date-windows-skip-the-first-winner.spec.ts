import { test } from '../../witness/test.js';

test(
  'BID-005 two windows on the same date with the same two bidders, resolved one after the other: the second skips the driver who won the first and goes to the other; one won bid per window',
  async ({ world, actor, witness }) => {
    const { users } = world.slot;
    const second = await world.orgA.addRoute('second');
    const first = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    const other = await world.orgA.openShift({ mode: 'competitive', inDays: 3, route: second });
    // A1 outscores A2 on both (full health against none), so only the same-date rule can give A2 the second.
    await world.orgA.standing(users.driverA1, { health: 96 });
    for (const shift of [first, other]) {
      await world.orgA.pendingBid(users.driverA1, shift);
      await world.orgA.pendingBid(users.driverA2, shift);
    }
    const [a1, a2] = await Promise.all([actor('driverA1'), actor('driverA2')]);

    await test.step('the first window closes and is resolved (A1 opens /bids): A1, the higher score, wins it', async () => {
      await world.orgA.closeWindow(first);
      await a1.bids.open();
      await witness.db.windowWonBy(first, a1.user);
      await witness.db.assignmentIs(first, { status: 'scheduled', user: a1.user });
    });

    await test.step('the second window on the same date closes and is resolved (A2 opens /bids): A1 already has a shift that day, so A2 wins it', async () => {
      await world.orgA.closeWindow(other);
      await a2.bids.open();
      await witness.db.windowWonBy(other, a2.user);
      await witness.db.assignmentIs(other, { status: 'scheduled', user: a2.user });
    });

    await test.step('each driver\'s My Bids and /schedule show what the database holds', async () => {
      await witness.myBids(a1).showing(first).showing(other).matchesDb();
      await witness.myBids(a2).showing(first).showing(other).matchesDb();
      await witness.schedule(a2).showing(other).lacking(first).matchesDb();
    });
  },
);
