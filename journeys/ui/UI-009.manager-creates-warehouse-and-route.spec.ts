import { test } from '../../witness/test.js';

test(
  'UI-009 manager A creates a warehouse on /warehouses and a route in it on /routes; both pages show what the database holds; manager B\'s pages never show them',
  async ({ world, actor, witness }) => {
    const [managerA, managerB] = [await actor('managerA'), await actor('managerB')];
    const suffix = `s${world.slot.index}`;
    const warehouse = { name: `Harbour Depot ${suffix}`, address: `12 Quay Street ${suffix}, Toronto` };
    const route = { name: `Harbour Loop ${suffix}`, startTime: '10:30', warehouse: warehouse.name };

    await test.step('manager A creates the warehouse: her /warehouses shows it, as the database holds her warehouses', async () => {
      await witness.warehouses(managerA).matchesDb();
      await managerA.warehouses.create(warehouse.name, warehouse.address);
      await witness.warehouses(managerA).showingRow(warehouse.name).matchesDb({ inPlace: true });
      await witness.warehouses(managerA).showingRow(warehouse.name).matchesDb();
    });

    await test.step('manager A creates a route in it from /routes: the table shows it Unfilled today', async () => {
      await managerA.routes.open();
      await managerA.routes.createRoute(route);
      await witness.routes(managerA).showingRow(`${route.name} | ${warehouse.name}`).matchesDb();
    });

    await test.step('manager B\'s /warehouses and /routes show neither', async () => {
      await witness.warehouses(managerB).lackingRow(warehouse.name).matchesDb();
      await witness.routes(managerB).lackingRow(route.name).matchesDb();
    });
  },
);
