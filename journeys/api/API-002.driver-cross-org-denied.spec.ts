import { test } from '../../witness/test.js';
import { foreignMarks } from '../../witness/api.js';
import * as C from '../../witness/contract/responses.js';

test(
  'API-002 driver A1 can neither bid on nor act on org B\'s assignments through the driver endpoints; the same calls in org A succeed',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { orgs, users } = world.slot;
    const bOpen = await world.orgB.openShift({ mode: 'instant', inDays: 1 });
    const bScheduled = await world.orgB.scheduledShift(users.driverB1, { inDays: 3 });
    const aOpen = await world.orgA.openShift({ mode: 'instant', inDays: 1 });
    const aToConfirm = await world.orgA.scheduledShift(users.driverA1, { inDays: 4 });
    const aToCancel = await world.orgA.scheduledShift(users.driverA1, { inDays: 5 });
    const a1 = await actor('driverA1');
    const a2 = await actor('driverA2');
    const api = witness.api;
    const b = foreignMarks(orgs.B, [bOpen.assignmentId, bOpen.bidWindowId, bScheduled.assignmentId]);

    await test.step('every driver endpoint refuses org B\'s assignments, changes nothing and leaks nothing', async () => {
      await api.refused(a1, { method: 'POST', path: '/api/bids', data: { assignmentId: bOpen.assignmentId } }, b);
      await api.refused(a1, { method: 'POST', path: `/api/assignments/${bScheduled.assignmentId}/confirm` }, b);
      await api.refused(a1, { method: 'POST', path: `/api/assignments/${bScheduled.assignmentId}/cancel`, data: { reason: 'other' } }, b);
      await api.refused(a1, { method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: [orgs.B.route.id] } }, b);
    });

    await test.step('the same calls in org A succeed with the contract\'s shapes', async () => {
      await api.succeeds(a1, { method: 'POST', path: '/api/bids', data: { assignmentId: aOpen.assignmentId } }, C.BidWon);
      await api.succeeds(a1, { method: 'POST', path: `/api/assignments/${aToConfirm.assignmentId}/confirm` }, C.ConfirmOk);
      await api.succeeds(a1, { method: 'POST', path: `/api/assignments/${aToCancel.assignmentId}/cancel`, data: { reason: 'other' } }, C.CancelOk);
      await api.succeeds(a1, { method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: [orgs.A.route.id] } }, C.PreferencesOk);
    });

    await test.step('first accept wins: a second driver cannot take the shift A1 won', async () => {
      await api.stateRefuses(a2, { method: 'POST', path: '/api/bids', data: { assignmentId: aOpen.assignmentId } }, 'the window was already won by A1');
    });

    await test.step('the driver lists hold nothing of org B', async () => {
      await api.listLacks(a1, { method: 'GET', path: '/api/bids/available' }, C.BidsAvailable, b);
      await api.listLacks(a1, { method: 'GET', path: '/api/bids/mine' }, C.BidsMine, b);
      await api.listLacks(a1, { method: 'GET', path: '/api/assignments/mine' }, C.AssignmentsMine, b);
      await api.listLacks(a1, { method: 'GET', path: '/api/preferences/routes' }, C.PreferenceRoutes, b);
      await api.listLacks(a1, { method: 'GET', path: '/api/notifications' }, C.NotificationsList, b);
    });

    await test.step('the database holds the won shift for A1 with one won bid', async () => {
      await witness.db.assignmentIs(aOpen, { status: 'scheduled', user: users.driverA1 });
      await witness.db.windowWonBy(aOpen, users.driverA1);
    });
  },
);
