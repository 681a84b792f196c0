import { test } from '../../witness/test.js';
import { CatalogProbe, overrideAction } from './catalog.js';

const OVERRIDE = 'POST /api/assignments/{id}/override';

/**
 * API-003's refusals are the catalog probe's of the override entry (journeys/api/catalog.ts), once
 * per action, on the states this journey sets up; its own checks are each action's effects.
 */
test(
  'API-003 manager A\'s five overrides (reassign, suspend, resume, open bidding, open urgent bidding) have their effects in org A, and each is refused on org B\'s twin right after',
  async ({ world, actor, witness, scenarioTime, userPassword }) => {
    const { driverA1, driverA2, driverB1 } = world.slot.users;
    await world.orgA.dispatchSettings({ emergencyBonusPercent: 35 });
    await world.orgB.dispatchSettings({ emergencyBonusPercent: 5 });
    // One shift per action in org A and its twin in the same state in org B, each on its own date.
    const reassign = { a: await world.orgA.openShift({ mode: 'competitive', inDays: 4 }), b: await world.orgB.openShift({ mode: 'competitive', inDays: 4 }) };
    await world.orgA.pendingBid(driverA1, reassign.a, { minutesAgo: 3 });
    const suspend = { a: await world.orgA.scheduledShift(driverA1, { inDays: 2 }), b: await world.orgB.scheduledShift(driverB1, { inDays: 2 }) };
    const resume = { a: await world.orgA.driverlessShift({ inDays: 3, state: 'suspended' }), b: await world.orgB.driverlessShift({ inDays: 3, state: 'suspended' }) };
    const open = { a: await world.orgA.driverlessShift({ inDays: 5, state: 'unfilled' }), b: await world.orgB.driverlessShift({ inDays: 5, state: 'unfilled' }) };
    const urgent = { a: await world.orgA.scheduledShift(driverA2, { inDays: 1 }), b: await world.orgB.scheduledShift(driverB1, { inDays: 1 }) };
    const probe = CatalogProbe.of({ world, actor, witness, scenarioTime, userPassword });
    probe.mark([reassign.b, suspend.b, resume.b, open.b, urgent.b].map((s) => s.assignmentId));
    const overrideOn = async (pair: { a: { assignmentId: string }; b: { assignmentId: string } }, name: string) => {
      await probe.write(OVERRIDE, { own: { id: pair.a.assignmentId }, foreign: { id: pair.b.assignmentId }, call: overrideAction(name), fields: ['id'] });
    };

    await test.step('reassign: the open shift goes to A2 by manager, its window resolved with no winner; A2 is told, A1\'s pending bid lost and told', async () => {
      // both id fields probed: org B's shift, and org B's driver onto an org-A twin
      await probe.write(OVERRIDE, { own: { id: reassign.a.assignmentId, driverId: driverA2.id }, foreign: { id: reassign.b.assignmentId, driverId: driverB1.id } });
      await witness.db.assignmentIs(reassign.a, { status: 'scheduled', user: driverA2 });
      await witness.bidding.windowIs(reassign.a, { status: 'resolved' }, 'a manager assigned it');
      await witness.bidding.notified(reassign.a, ['assignment_confirmed'], [driverA2], 'A2 was assigned it');
      await witness.bidding.notified(reassign.a, ['bid_lost'], [driverA1], 'A1 had a pending bid on it');
    });

    await test.step('suspend: A1\'s shift is cancelled with no driver and A1 is told', async () => {
      await overrideOn(suspend, 'suspend_route');
      await witness.db.assignmentIs(suspend.a, { status: 'cancelled', user: null });
      await witness.bidding.notified(suspend.a, ['shift_cancelled'], [driverA1], 'A1 was displaced');
    });

    await test.step('resume: the suspended shift is unfilled again', async () => {
      await overrideOn(resume, 'resume_route');
      await witness.db.assignmentIs(resume.a, { status: 'unfilled', user: null });
    });

    await test.step('open bidding: a competitive window (five days out) opened by the manager, announced to org A\'s drivers only', async () => {
      await overrideOn(open, 'open_bidding');
      const opened = await witness.bidding.windowOpened(open.a, 'competitive', 'more than 24 h before 07:00 on the day');
      await witness.bidding.notified(opened, ['bid_open'], [driverA1, driverA2], 'A1 and A2 are org A\'s eligible drivers');
    });

    await test.step('open urgent bidding: A2\'s shift is unfilled under an emergency window with org A\'s bonus, announced to org A\'s drivers only', async () => {
      await overrideOn(urgent, 'open_urgent_bidding');
      const opened = (await witness.bidding.urgentWindowOpened(urgent.a, 35)) ?? urgent.a;
      await witness.db.assignmentIs(urgent.a, { status: 'unfilled', user: null });
      await witness.bidding.notified(opened, ['emergency_route_available'], [driverA1, driverA2], 'A1 and A2 are org A\'s drivers (A2, who was displaced, too)');
    });
  },
);
