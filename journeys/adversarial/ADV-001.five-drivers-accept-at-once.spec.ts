import { test } from '../../witness/test.js';

test(
  'ADV-001 five drivers of org A accept the same instant shift at once: exactly one wins, every other gets a lost-race answer, one won bid',
  async ({ world, actor, witness }) => {
    const shift = await world.orgA.openShift({ mode: 'instant' });
    const extra = await Promise.all(['racer3', 'racer4', 'racer5'].map((key) => world.orgA.user({ key, role: 'driver' })));
    const drivers = await Promise.all([actor('driverA1'), actor('driverA2'), ...extra.map((u) => actor(u))]);
    const accept = { method: 'POST', path: '/api/bids', data: { assignmentId: shift.assignmentId } } as const;

    let winner = null as Awaited<ReturnType<typeof witness.race.oneWinner>>;
    await test.step('all five send POST /api/bids for it at the same moment', async () => {
      const answers = await Promise.all(drivers.map(async (d) => ({ actor: d, sent: await witness.api.send(d, accept) })));
      winner = await witness.race.oneWinner(shift, answers);
    });

    await test.step('the database agrees: the window is resolved with that one winner, who holds the shift', async () => {
      if (!winner) return; // oneWinner already failed with the answers as evidence
      await witness.db.windowWonBy(shift, winner);
      await witness.db.assignmentIs(shift, { status: 'scheduled', user: winner });
      await witness.bidding.notified(shift, ['bid_won'], [winner], 'only the winner is told she won');
    });
  },
);
