import { test } from '../../witness/test.js';

test(
  'BID-006 the close cron resolves a competitive window by score: the winner\'s /schedule shows the shift, the loser\'s /notifications shows bid_lost, nobody in org B is told',
  { tag: ['@serial'] },
  async ({ world, actor, witness, cron }) => {
    const { users } = world.slot;
    const shift = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    // Expected scores (contract §6.2.1: 0.45·health + 0.25·familiarity + 0.15·seniority + 0.15·preference):
    // A1 0.45·96/96 = 0.45; A2 0.45·48/96 + 0.25·10/20 + 0.15·12/12 + 0.15 = 0.65. A2 wins though she
    // has half A1's health and bid later.
    await world.orgA.standing(users.driverA1, { health: 96 });
    await world.orgA.standing(users.driverA2, { health: 48, routeCompletions: { routeId: shift.routeId, count: 10 }, monthsOfService: 12, prefersRoute: shift.routeId });
    await world.orgA.pendingBid(users.driverA1, shift, { minutesAgo: 10 });
    await world.orgA.pendingBid(users.driverA2, shift, { minutesAgo: 5 });

    await test.step('the closing time passes and the close cron runs, before any page that resolves windows is opened', async () => {
      await world.orgA.closeWindow(shift);
      await cron.closeBidWindows();
    });

    await test.step('A2 (0.65) wins over A1 (0.45): the window, the assignment and the bids say so', async () => {
      await witness.db.windowWonBy(shift, users.driverA2);
      await witness.db.assignmentIs(shift, { status: 'scheduled', user: users.driverA2 });
    });

    await test.step('bid_won goes to A2 and bid_lost to A1, once each, and to nobody else (org B is not told)', async () => {
      await witness.bidding.notified(shift, ['bid_won'], [users.driverA2], 'A2 won');
      await witness.bidding.notified(shift, ['bid_lost'], [users.driverA1], 'A1 bid and lost');
    });

    await test.step('A2\'s /schedule shows the shift; A1\'s /notifications shows bid_lost about it', async () => {
      const [a1, a2] = await Promise.all([actor('driverA1'), actor('driverA2')]);
      await witness.schedule(a2).showing(shift).matchesDb();
      await witness.notifications(a1, 'bid_lost').showing(shift).matchesDb();
    });
  },
);
