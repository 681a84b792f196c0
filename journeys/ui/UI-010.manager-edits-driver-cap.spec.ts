import { test } from '../../witness/test.js';

test(
  'UI-010 /drivers shows exactly org A\'s drivers with the weekly caps the database holds; editing a cap persists for that driver alone; org B\'s drivers never appear',
  async ({ world, actor, witness }) => {
    const { driverA1, driverA2, driverB1 } = world.slot.users;
    const managerA = await actor('managerA');
    const before = await witness.permissions.capsOf([driverA1, driverA2, driverB1]);
    const cap = before.get(driverA2.id) === 3 ? 5 : 3;

    await test.step('manager A\'s /drivers lists org A\'s drivers with their caps, none of org B', async () => {
      await witness.drivers(managerA).showingRow(driverA1.name).showingRow(driverA2.name).lackingRow(driverB1.name).matchesDb();
    });

    await test.step(`manager A sets A2's weekly cap to ${cap} in Driver Details: stored on A2 alone, the page shows it`, async () => {
      await managerA.drivers.setWeeklyCap(driverA2.name, cap);
      await witness.permissions.capStored(driverA2, cap, before);
      await witness.drivers(managerA).showingRow(driverA2.name).matchesDb({ inPlace: true });
      await witness.drivers(managerA).matchesDb();
    });

    await test.step('manager B\'s /drivers lists only org B\'s', async () => {
      await witness.drivers(await actor('managerB')).showingRow(driverB1.name).lackingRow(driverA2.name).matchesDb();
    });
  },
);
