import { test } from '../../witness/test.js';
import { shiftStart } from '../../witness/time.js';

test(
  'BID-002 a competitive window closing with no bids is turned instant by the close cron and announced again to org A\'s drivers only; the first accept on /bids wins, the second loses the race',
  { tag: ['@serial'] },
  async ({ world, actor, witness, cron }) => {
    const { users } = world.slot;
    const shift = await world.orgA.openShift({ mode: 'competitive', inDays: 3 });
    const [a1, a2] = await Promise.all([actor('driverA1'), actor('driverA2')]);

    await test.step('nobody bids and the closing time passes; the close cron runs before any page that resolves windows is opened', async () => {
      await world.orgA.closeWindow(shift);
      await cron.closeBidWindows();
    });

    await test.step('the window is now instant, still open, closing at the shift start (07:00 Toronto)', async () => {
      await witness.bidding.windowIs(shift, { mode: 'instant', status: 'open', closesAt: shiftStart(shift.date) }, 'no bid came in before the competitive window closed');
    });

    await test.step('bid_open is sent again, once to each of org A\'s eligible drivers and to nobody in org B', async () => {
      await witness.bidding.notified(shift, ['bid_open'], [users.driverA1, users.driverA2], 'A1 and A2 are org A\'s drivers, unflagged and under their weekly cap');
    });

    await test.step('A1 accepts it on /bids and wins it', async () => {
      await a1.bids.open();
      await a1.bids.accept(shift);
      await witness.db.windowWonBy(shift, a1.user);
      await witness.db.assignmentIs(shift, { status: 'scheduled', user: a1.user });
    });

    await test.step('A2\'s accept comes second: a lost-race answer, and the shift stays A1\'s', async () => {
      const second = await witness.api.send(a2, { method: 'POST', path: '/api/bids', data: { assignmentId: shift.assignmentId } });
      await witness.race.lostRace(shift, [{ actor: a2, sent: second }]);
      await witness.db.windowWonBy(shift, a1.user);
    });
  },
);
