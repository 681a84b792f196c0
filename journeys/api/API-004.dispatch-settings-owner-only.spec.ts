import { test } from '../../witness/test.js';
import * as Contract from '../../witness/contract/responses.js';

test(
  'API-004 only the owner of org A changes its dispatch settings, and only org A\'s: another manager of org A and a driver get 403; org B\'s settings never change',
  async ({ world, actor, witness }) => {
    const { orgs } = world.slot;
    const notOwner = await world.orgA.user({ key: 'manager2', role: 'manager' });
    const owner = await actor('managerA');
    const manager2 = await actor(notOwner);
    const orgBBefore = await witness.permissions.settingsOf(orgs.B);
    const path = '/api/settings/dispatch';
    // The values the app's own API-004 writes (contract §7.3); org A's baseline is 20/95/98.
    const sent = { emergencyBonusPercent: 35, rewardMinAttendancePercent: 91, correctiveCompletionThresholdPercent: 94 };

    await test.step('each manager of org A reads the settings and is told whether she may edit them', async () => {
      const asOwner = await witness.api.succeeds(owner, { method: 'GET', path }, Contract.DispatchSettings);
      if (asOwner.ok) await witness.permissions.answerSaysMayEdit(owner, asOwner.data, true);
      const asManager2 = await witness.api.succeeds(manager2, { method: 'GET', path }, Contract.DispatchSettings);
      if (asManager2.ok) await witness.permissions.answerSaysMayEdit(manager2, asManager2.data, false);
    });

    await test.step('the owner changes them: stored for org A as sent, org B untouched', async () => {
      const before = await witness.permissions.settingsOf(orgs.A);
      const answer = await witness.api.succeeds(owner, { method: 'PATCH', path, data: sent }, Contract.DispatchSettingsOk);
      if (answer.ok) await witness.permissions.settingsStored(before, sent, owner);
      await witness.permissions.settingsUnchanged(orgBBefore);
    });

    await test.step('another manager of org A and a driver are refused with 403, a bad body too; nothing changes', async () => {
      await witness.permissions.refusedChange(manager2, { method: 'PATCH', path, data: { emergencyBonusPercent: 50 } }, orgs.A);
      await witness.permissions.refusedChange(manager2, { method: 'PATCH', path, data: { emergencyBonusPercent: 'lots' } }, orgs.A);
      await witness.permissions.refusedChange(await actor('driverA1'), { method: 'PATCH', path, data: { emergencyBonusPercent: 50 } }, orgs.A, { role: true });
    });

    await test.step('org B\'s settings are as they were after all of it', async () => {
      await witness.permissions.settingsUnchanged(orgBBefore);
    });
  },
);
