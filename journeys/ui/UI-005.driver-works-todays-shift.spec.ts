import { test } from '../../witness/test.js';
import { routeStartLaterToday } from '../../witness/time.js';

test(
  'UI-005 driver A1 arrives, records her parcels and finishes today\'s shift from the dashboard; the database holds each step and /history shows the parcels delivered',
  async ({ world, actor, witness, scenarioTime }) => {
    const start = routeStartLaterToday(scenarioTime.now());
    test.skip(start === null, 'the Toronto day has under three minutes left: no route start remains ahead of now for an arrival');
    const route = await world.orgA.addRoute('today', start!);
    const today = await world.orgA.scheduledShift(world.slot.users.driverA1, { inDays: 0, confirmed: true, route });
    const earlier = await world.orgA.completedShift(world.slot.users.driverA1, { daysAgo: 2, parcelsStart: 80, parcelsReturned: 4 });
    const a1 = await actor('driverA1');
    const parcels = 120;
    const returned = 7;

    await test.step('the dashboard shows today\'s shift as the database holds it', async () => {
      await witness.dashboard(a1).showing(today).matchesDb();
    });

    await test.step('A1 is on site: the shift row holds her arrival and the assignment is active', async () => {
      await a1.dashboard.arrive();
      await witness.day.stepRecorded(today, 'arrive');
    });

    await test.step(`A1 records ${parcels} parcels: the shift holds them`, async () => {
      await a1.dashboard.recordParcels(parcels);
      await witness.day.stepRecorded(today, 'start', { parcelsStart: parcels });
    });

    await test.step(`A1 finishes with ${returned} returns: delivered is ${parcels - returned}, the assignment completed`, async () => {
      await a1.dashboard.finish(returned);
      await witness.day.stepRecorded(today, 'complete', { parcelsStart: parcels, parcelsReturned: returned });
      await witness.dashboard(a1).showing(today).matchesDb({ inPlace: true });
    });

    await test.step('/history shows today\'s shift with the parcels the database holds, beside her earlier one', async () => {
      await witness.history(a1).showing(today).showing(earlier).matchesDb();
    });
  },
);
