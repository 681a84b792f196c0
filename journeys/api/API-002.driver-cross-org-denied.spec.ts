import { test } from '../../witness/test.js';
import { foreignMarks, type ApiRequest, type CrossOrgCase } from '../../witness/checks/api.js';
import * as Contract from '../../witness/contract/responses.js';

test(
  'API-002 driver A1 can neither bid on nor act on org B\'s assignments through the driver endpoints; each refusal follows the same call succeeding in org A',
  { tag: ['@smoke'] },
  async ({ world, actor, witness }) => {
    const { orgs, users } = world.slot;
    // Twins: each org-B entity a refusal is aimed at has an org-A entity in the same state for its
    // control. The shift A1 wins as a control and the one she is refused are on different dates, so
    // "you already have a shift on this date" can never pass for a refusal.
    const [openB, openA] = [await world.orgB.openShift({ mode: 'instant', inDays: 2 }), await world.orgA.openShift({ mode: 'instant', inDays: 1 })];
    const [toConfirmB, toConfirmA] = [await world.orgB.scheduledShift(users.driverB1, { inDays: 4 }), await world.orgA.scheduledShift(users.driverA1, { inDays: 4 })];
    const [toCancelB, toCancelA] = [await world.orgB.scheduledShift(users.driverB1, { inDays: 5 }), await world.orgA.scheduledShift(users.driverA1, { inDays: 5 })];
    // Org B's own rows each list must lack: a bid of B1, a notification of B1.
    const competitiveB = await world.orgB.openShift({ mode: 'competitive', inDays: 6 });
    const bidOfB1 = await world.orgB.pendingBid(users.driverB1, competitiveB);
    const notificationOfB1 = await world.orgB.notification(users.driverB1, openB);
    const [driverA1, driverA2] = await Promise.all([actor('driverA1'), actor('driverA2')]);
    const orgBMarks = foreignMarks(orgs.B, [
      openB.assignmentId,
      openB.bidWindowId,
      toConfirmB.assignmentId,
      toCancelB.assignmentId,
      competitiveB.assignmentId,
      bidOfB1,
      notificationOfB1,
    ]);
    const refuseAll = async (refusals: CrossOrgCase[]) => {
      for (const refusal of refusals) await witness.api.crossOrg(driverA1, refusal, orgBMarks);
    };

    await test.step('no bid on org B\'s open shift; A1 wins her own org\'s', async () => {
      await refuseAll([
        {
          name: 'bidding on org B\'s open shift',
          control: { method: 'POST', path: '/api/bids', data: { assignmentId: openA.assignmentId } },
          probe: { method: 'POST', path: '/api/bids', data: { assignmentId: openB.assignmentId } },
          schema: Contract.BidWon,
        },
      ]);
    });

    await test.step('org B\'s assignments are neither confirmed nor cancelled by A1', async () => {
      await refuseAll([
        {
          name: 'confirming org B\'s assignment',
          control: { method: 'POST', path: `/api/assignments/${toConfirmA.assignmentId}/confirm` },
          probe: { method: 'POST', path: `/api/assignments/${toConfirmB.assignmentId}/confirm` },
          schema: Contract.ConfirmOk,
        },
        {
          name: 'cancelling org B\'s assignment',
          control: { method: 'POST', path: `/api/assignments/${toCancelA.assignmentId}/cancel`, data: { reason: 'other' } },
          probe: { method: 'POST', path: `/api/assignments/${toCancelB.assignmentId}/cancel`, data: { reason: 'other' } },
          schema: Contract.CancelOk,
        },
      ]);
    });

    await test.step('preferences take org A\'s routes only', async () => {
      await refuseAll([
        {
          name: 'preferring org B\'s route',
          control: { method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: [orgs.A.route.id] } },
          probe: { method: 'PUT', path: '/api/preferences', data: { preferredDays: [1, 2], preferredRoutes: [orgs.B.route.id] } },
          schema: Contract.PreferencesOk,
        },
      ]);
    });

    await test.step('first accept wins: a second driver cannot take the shift A1 won', async () => {
      const secondAccept: ApiRequest = { method: 'POST', path: '/api/bids', data: { assignmentId: openA.assignmentId } };
      await witness.race.stateRefuses(driverA2, secondAccept, 'the window was already won by A1');
    });

    await test.step('the driver lists hold nothing of org B', async () => {
      const driverLists = [
        { request: { method: 'GET', path: '/api/bids/available' }, schema: Contract.BidsAvailable },
        { request: { method: 'GET', path: '/api/bids/mine' }, schema: Contract.BidsMine },
        { request: { method: 'GET', path: '/api/assignments/mine' }, schema: Contract.AssignmentsMine },
        { request: { method: 'GET', path: '/api/preferences/routes' }, schema: Contract.PreferenceRoutes },
        { request: { method: 'GET', path: '/api/notifications' }, schema: Contract.NotificationsList },
      ] satisfies { request: ApiRequest; schema: unknown }[];
      for (const list of driverLists) await witness.api.listLacks(driverA1, list.request, list.schema, orgBMarks);
    });

    await test.step('the database holds the won shift for A1 with one won bid', async () => {
      await witness.db.assignmentIs(openA, { status: 'scheduled', user: users.driverA1 });
      await witness.db.windowWonBy(openA, users.driverA1);
    });
  },
);
