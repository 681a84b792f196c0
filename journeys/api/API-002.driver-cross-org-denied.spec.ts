import { test } from '../../witness/test.js';
import { foreignMarks } from '../../witness/api.js';
import * as C from '../../witness/contract/responses.js';

test(
  'API-002 driver A1 can neither bid on nor act on org B\'s assignments through the driver endpoints; each refusal follows the same call succeeding in org A',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { orgs, users } = world.slot;
    // Twins: each org-B entity a probe is aimed at has an org-A entity in the same state for its
    // control. The shift A1 wins as a control and the one she is refused are on different dates, so
    // "you already have a shift on this date" can never pass for a refusal.
    const [bOpen, aOpen] = [await world.orgB.openShift({ mode: 'instant', inDays: 2 }), await world.orgA.openShift({ mode: 'instant', inDays: 1 })];
    const [bToConfirm, aToConfirm] = [await world.orgB.scheduledShift(users.driverB1, { inDays: 4 }), await world.orgA.scheduledShift(users.driverA1, { inDays: 4 })];
    const [bToCancel, aToCancel] = [await world.orgB.scheduledShift(users.driverB1, { inDays: 5 }), await world.orgA.scheduledShift(users.driverA1, { inDays: 5 })];
    // Org B's own rows each list must lack: a bid of B1, a notification of B1.
    const bCompetitive = await world.orgB.openShift({ mode: 'competitive', inDays: 6 });
    const bBid = await world.orgB.pendingBid(users.driverB1, bCompetitive);
    const bNotification = await world.orgB.notification(users.driverB1, bOpen);
    const [a1, a2] = await Promise.all([actor('driverA1'), actor('driverA2')]);
    const api = witness.api;
    const b = foreignMarks(orgs.B, [bOpen.assignmentId, bOpen.bidWindowId, bToConfirm.assignmentId, bToCancel.assignmentId, bCompetitive.assignmentId, bBid, bNotification]);

    await test.step('no bid on org B\'s open shift; A1 wins her own org\'s', async () => {
      await api.crossOrg(a1, { control: { method: 'POST', path: '/api/bids', data: { assignmentId: aOpen.assignmentId } }, schema: C.BidWon, probe: { method: 'POST', path: '/api/bids', data: { assignmentId: bOpen.assignmentId } } }, b);
    });

    await test.step('org B\'s assignments are neither confirmed nor cancelled by A1', async () => {
      await api.crossOrg(
        a1,
        { control: { method: 'POST', path: `/api/assignments/${aToConfirm.assignmentId}/confirm` }, schema: C.ConfirmOk, probe: { method: 'POST', path: `/api/assignments/${bToConfirm.assignmentId}/confirm` } },
        b,
      );
      await api.crossOrg(
        a1,
        {
          control: { method: 'POST', path: `/api/assignments/${aToCancel.assignmentId}/cancel`, data: { reason: 'other' } },
          schema: C.CancelOk,
          probe: { method: 'POST', path: `/api/assignments/${bToCancel.assignmentId}/cancel`, data: { reason: 'other' } },
        },
        b,
      );
    });

    await test.step('preferences take org A\'s routes only', async () => {
      await api.crossOrg(
        a1,
        {
          control: { method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: [orgs.A.route.id] } },
          schema: C.PreferencesOk,
          probe: { method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: [orgs.B.route.id] } },
        },
        b,
      );
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
