import { test } from '../../witness/test.js';

test(
  'UI-006 /notifications shows exactly driver A1\'s notifications of her org over two pages; marking one and all read persists for hers alone; the bell counts what the database holds',
  async ({ world, actor, witness }) => {
    const { driverA1, driverA2, driverB1 } = world.slot.users;
    // 23 of A1's (the page holds 20: a second page loads on scroll), the 3 oldest already read;
    // A2 and B1 have unread ones of their own beside them.
    const a1Ids = await world.orgA.notifications(driverA1, 23, { types: ['bid_open', 'bid_lost', 'shift_cancelled', 'warning'], read: 3 });
    const others = [...(await world.orgA.notifications(driverA2, 2, { types: ['bid_open'] })), ...(await world.orgB.notifications(driverB1, 2, { types: ['bid_open'] }))];
    const before = await witness.day.readFlags([...a1Ids, ...others]);
    const a1 = await actor('driverA1');

    await test.step('the first page holds A1\'s 20 newest, the second the rest: exactly hers, with their read state', async () => {
      await witness.notifications(a1).matchesDb();
      await witness.allNotifications(a1).matchesDb();
      await witness.header.countsMatchDb(a1, 'opening /notifications');
    });

    const opened = a1Ids[1]!; // bid_lost, newest but one: clicking it marks it read and goes to /bids
    await test.step('A1 opens one notification: it alone is read in the database, and the bell counts one fewer', async () => {
      await a1.notifications.openRow(opened);
      await witness.day.markedOnly(driverA1, [opened], before, 'after opening one');
      await witness.header.countsMatchDb(a1, 'opening a notification');
    });

    await test.step('A1 marks all read: hers are all read, A2\'s and B1\'s untouched; the page and the bell follow with no reload', async () => {
      await witness.allNotifications(a1).matchesDb();
      await a1.notifications.markAllRead();
      await witness.day.markedOnly(driverA1, a1Ids.slice(0, 20), before, 'after mark all read');
      await witness.allNotifications(a1).matchesDb({ inPlace: true });
      await witness.header.countsMatchDb(a1, 'mark all read');
    });

    await test.step('A2 and B1 still see their own unread notifications', async () => {
      await witness.allNotifications(await actor('driverA2')).matchesDb();
      await witness.allNotifications(await actor('driverB1')).matchesDb();
    });
  },
);
