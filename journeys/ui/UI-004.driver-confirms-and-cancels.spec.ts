import { test } from '../../witness/test.js';
import { addDays, torontoInstant } from '../../witness/time.js';
import { cancelRule } from '../../witness/checks/driver-day.js';

const HOUR = 3600_000;

/**
 * The day (1–3 days ahead) whose route start falls between 24 h and 48 h from now: a confirmed
 * shift cancelled now is past its confirmation deadline (48 h before the start) yet a day before it,
 * so the late-cancel rule is put to the test at any hour.
 */
function dayBetweenDeadlines(today: string, start: string, now: Date): number {
  for (let d = 1; d <= 3; d++) {
    const s = torontoInstant(addDays(today, d), start).getTime() - now.getTime();
    if (s > 24 * HOUR && s <= 48 * HOUR) return d;
  }
  return 2;
}

test(
  'UI-004 driver A1 confirms one shift and cancels another on /schedule; the cancelled one is released to bidding by the late-cancel rule; org B is untouched',
  async ({ world, actor, witness, scenarioTime }) => {
    const a1User = world.slot.users.driverA1;
    const toConfirm = await world.orgA.scheduledShift(a1User, { inDays: 4 });
    const inDays = dayBetweenDeadlines(scenarioTime.today(), world.slot.orgs.A.route.startTime, scenarioTime.now());
    const toCancel = await world.orgA.scheduledShift(a1User, { inDays, confirmed: true });
    const shiftB = await world.orgB.scheduledShift(world.slot.users.driverB1, { inDays });
    const orgBBefore = await witness.db.snapshot(shiftB);
    const expected = cancelRule(toCancel.date, toCancel.startTime, true, scenarioTime.now());
    test.info().annotations.push({ type: 'rule', description: `cancelling ${toCancel.date} now: cancel_type ${expected.cancelType}, replacement window ${expected.mode}` });
    const a1 = await actor('driverA1');

    await test.step('A1\'s /schedule shows both shifts as the database holds them', async () => {
      await witness.schedule(a1).showing(toConfirm).showing(toCancel).matchesDb();
    });

    await test.step('A1 confirms the shift inside its confirmation window: confirmed_at is set', async () => {
      await a1.schedule.confirm(toConfirm.assignmentId);
      await witness.day.stepRecorded(toConfirm, 'confirm');
    });

    await test.step(`A1 cancels the confirmed shift on ${toCancel.date}: unfilled, no driver, cancel_type by the late-cancel rule, a replacement window open`, async () => {
      await a1.schedule.cancel(toCancel.assignmentId);
      await witness.day.cancelReleased(toCancel, { wasConfirmed: true });
    });

    await test.step('A1\'s /schedule no longer shows it, and still shows the confirmed one', async () => {
      await witness.schedule(a1).lacking(toCancel).showing(toConfirm).matchesDb();
    });

    await test.step(`manager A's /routes on ${toCancel.date} shows the route Bidding`, async () => {
      const managerA = await actor('managerA');
      await witness.routes(managerA, { date: toCancel.date }).showing(toCancel, 'Bidding').matchesDb();
    });

    await test.step('org B is untouched: its rows, manager B\'s /routes on that day and B1\'s /schedule', async () => {
      await witness.db.unchanged(orgBBefore);
      const managerB = await actor('managerB');
      await witness.routes(managerB, { date: toCancel.date }).showing(shiftB).lacking(toCancel).matchesDb();
      await witness.schedule(await actor('driverB1')).showing(shiftB).matchesDb();
    });
  },
);
