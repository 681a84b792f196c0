import { test } from '../../witness/test.js';

test(
  'ADV-003 manager A\'s manual assign of A2 races driver A1\'s accept of the same urgent window: one whole outcome, never a mix of both',
  async ({ world, actor, witness }) => {
    const { users } = world.slot;
    const shift = await world.orgA.openShift({ mode: 'emergency', inDays: 1 });
    const queued = await world.orgA.openShift({ mode: 'emergency', inDays: 2 });
    const [managerA, a1] = await Promise.all([actor('managerA'), actor('driverA1')]);

    await test.step('manager A assigns A2 (POST /api/assignments/{id}/assign) while A1 accepts (POST /api/bids), at the same moment', async () => {
      const [assign, accept] = await Promise.all([
        witness.api.send(managerA, { method: 'POST', path: `/api/assignments/${shift.assignmentId}/assign`, data: { userId: users.driverA2.id } }),
        witness.api.send(a1, { method: 'POST', path: '/api/bids', data: { assignmentId: shift.assignmentId } }),
      ]);
      await witness.race.oneOutcome(shift, { manager: { actor: managerA, sent: assign, assignee: users.driverA2 }, driver: { actor: a1, sent: accept } });
    });

    await test.step('the same race in a set order: A1\'s accept queues first on the window row, the manager\'s assign behind it (the witness holds the row, then lets go)', async () => {
      const { answers: [accept, assign], order } = await witness.race.inOrder('bid_windows', queued.bidWindowId!, [
        { what: 'A1\'s accept', page: a1.page, send: () => witness.api.send(a1, { method: 'POST', path: '/api/bids', data: { assignmentId: queued.assignmentId } }) },
        { what: 'manager A\'s assign', page: managerA.page, send: () => witness.api.send(managerA, { method: 'POST', path: `/api/assignments/${queued.assignmentId}/assign`, data: { userId: users.driverA2.id } }) },
      ]);
      await witness.race.oneOutcome(queued, { manager: { actor: managerA, sent: assign!, assignee: users.driverA2 }, driver: { actor: a1, sent: accept! }, order });
    });
  },
);
