import { test } from '../../witness/test.js';
import { weekday } from '../../witness/time.js';

test(
  'UI-008 manager A assigns an unfilled route from /routes: the picker offers exactly the drivers a manual assign allows; refused assigns change nothing; the driver\'s /schedule shows it',
  // @desktop: the phone layout's Assignment Details has no Assign Driver (witness/contract/observed.ts).
  { tag: ['@desktop'] },
  async ({ world, actor, witness }) => {
    const { users } = world.slot;
    const shift = await world.orgA.driverlessShift({ inDays: 2, state: 'unfilled' });
    // The refusals go to a second unfilled shift that day, so the one assigned on the page is untouched by them.
    const refuseOn = await world.orgA.driverlessShift({ inDays: 2, state: 'unfilled', route: await world.orgA.addRoute('second') });
    // Two org-A drivers a manual assign refuses: one flagged, one at a weekly cap of 1 with a shift
    // on another day of the same Monday–Sunday week.
    const flagged = await world.orgA.user({ key: 'flagged', role: 'driver' });
    await world.orgA.driverState(flagged, { flagged: true });
    const atCap = await world.orgA.user({ key: 'atcap', role: 'driver' });
    await world.orgA.driverState(atCap, { weeklyCap: 1 });
    const sameWeek = weekday(shift.date) === 1 ? 3 : 1; // the day before, unless the shift is on a Monday
    await world.orgA.scheduledShift(atCap, { inDays: sameWeek });
    const orgBBefore = await witness.db.snapshot(await world.orgB.scheduledShift(users.driverB1, { inDays: 2 }));
    const managerA = await actor('managerA');

    await test.step('assigns the rules forbid are refused through the API and change nothing: flagged, at cap, org B\'s driver', async () => {
      await witness.assign.assignRefused(managerA, refuseOn, flagged, 'flagged');
      await witness.assign.assignRefused(managerA, refuseOn, atCap, 'at the weekly cap of 1 that week');
      await witness.assign.assignRefused(managerA, refuseOn, users.driverB1, 'a driver of org B');
    });

    await test.step(`on /routes for ${shift.date}, Route A's Assign Driver picker offers exactly org A's assignable drivers`, async () => {
      await witness.routes(managerA, { date: shift.date }).showing(shift, 'Unfilled').matchesDb();
      await managerA.routes.openDetails(shift.routeName);
      const dialog = await managerA.routes.openAssignDialog();
      const offered = await managerA.routes.pickerOptions(dialog);
      await witness.assign.pickerOffersAllowed(managerA, shift, dialog, offered);

      await managerA.routes.assignTo(dialog, users.driverA1.name);
      await witness.db.assignmentIs(shift, { status: 'scheduled', user: users.driverA1 });
    });

    await test.step('A1\'s /schedule shows the shift; org B is untouched', async () => {
      await witness.schedule(await actor('driverA1')).showing(shift).matchesDb();
      await witness.db.unchanged(orgBBefore);
    });
  },
);
