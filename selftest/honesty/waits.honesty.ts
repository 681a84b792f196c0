/**
 * Waits that never end: a driver opens the manager page /routes (the role gate sends her home)
 * and the routes page object waits for its table. Once the wait's own timeout ends it first
 * (HARNESS-004), once the test timeout ends it (HARNESS-006); neither is Infra/CI.
 */
import { test } from '../../witness/test.js';
import { RoutesPage } from '../../journeys/pages/RoutesPage.js';
import { AppShell } from '../../journeys/pages/AppShell.js';

test('UI-995 a wait for a table that never comes times out with the wait named', async ({ actor }) => {
  const a1 = await actor('driverA1');
  await test.step('A1 opens /routes and waits for its table', async () => {
    await new AppShell(a1.page).visit('/routes');
    await new RoutesPage(a1.page).waitLoaded();
  });
});

test('UI-994 a test that times out inside a wait names the step and the wait', async ({ actor }) => {
  test.setTimeout(7_000);
  const a1 = await actor('driverA1');
  await test.step('A1 opens /routes and waits for its table', async () => {
    await new AppShell(a1.page).visit('/routes');
    await new RoutesPage(a1.page).waitLoaded();
  });
});
