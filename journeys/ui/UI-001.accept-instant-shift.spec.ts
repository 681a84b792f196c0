import { test } from '../../witness/test.js';

test(
  'UI-001 driver A1 accepts an instant shift of her org on /bids; her schedule and the database agree; org B never sees it',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const shiftA = await world.orgA.openShift({ mode: 'instant' });
    const shiftB = await world.orgB.openShift({ mode: 'instant' });
    const orgBBefore = await witness.db.snapshot(shiftB);
    const a1 = await actor('driverA1');
    const b1Ready = actor('driverB1'); // B1 signs in while A1 goes about her steps

    await test.step('A1 is offered exactly her org\'s open shift', async () => {
      await witness.availableShifts(a1).showing(shiftA).lacking(shiftB).matchesDb();
    });

    await test.step('A1 accepts it on /bids: it leaves Available Shifts and shows Won under My Bids', async () => {
      await a1.bids.accept(shiftA);
      await witness.availableShifts(a1).lacking(shiftA).matchesDb({ inPlace: true });
      await witness.myBids(a1).showing(shiftA).matchesDb({ inPlace: true });
    });

    await test.step('A1\'s /schedule shows it and matches the database', async () => {
      await witness.schedule(a1).showing(shiftA).matchesDb();
    });

    await test.step('the database holds it for A1, with one won bid', async () => {
      await witness.db.assignmentIs(shiftA, { status: 'scheduled', user: a1.user });
      await witness.db.windowWonBy(shiftA, a1.user);
    });

    await test.step('B1 never sees org A\'s shift, on /bids or /schedule', async () => {
      const b1 = await b1Ready;
      await witness.availableShifts(b1).lacking(shiftA).showing(shiftB).matchesDb();
      await witness.schedule(b1).lacking(shiftA).matchesDb();
    });

    await test.step('org B\'s own open shift is untouched', async () => {
      await witness.db.unchanged(orgBBefore);
    });
  },
);
