import { test } from '../../witness/test.js';
import { AppShell } from '../pages/AppShell.js';

test(
  'UI-003 the sign-in form lands each role at home, honours ?redirect=, refuses a wrong password without a session, and turns a driver away from manager pages',
  { tag: ['@smoke'] },
  async ({ world, signIn, page, witness, actor }) => {
    const { users, orgs } = world.slot;
    const password = process.env.WITNESS_PASSWORD || 'test1234';

    await test.step('a driver lands on /dashboard', async () => {
      await signIn.open();
      await signIn.signIn(users.driverA1.email, password);
      await witness.auth.landsOn(page, users.driverA1, orgs.A.label, '/dashboard', 'AUTH-001', 'driver sign-in');
    });

    await test.step('a driver sent to a manager page is turned away (page and API)', async () => {
      await new AppShell(page).visit('/routes');
      await witness.auth.landsOn(page, users.driverA1, orgs.A.label, '/dashboard', 'AUTH-004', 'driver opening /routes');
      const a1 = await actor('driverA1');
      await witness.auth.apiForbidden(a1.api, users.driverA1, orgs.A.label, '/api/routes');
    });

    await test.step('a manager lands on /routes', async () => {
      await page.context().clearCookies();
      await signIn.open();
      await signIn.signIn(users.managerA.email, password);
      await witness.auth.landsOn(page, users.managerA, orgs.A.label, '/routes', 'AUTH-001', 'manager sign-in');
    });

    await test.step('?redirect= is honoured', async () => {
      await page.context().clearCookies();
      await signIn.open('/schedule');
      await signIn.signIn(users.driverA2.email, password);
      await witness.auth.landsOn(page, users.driverA2, orgs.A.label, '/schedule', 'AUTH-002', 'sign-in with ?redirect=/schedule');
    });

    await test.step('a wrong password shows the banner and creates no session', async () => {
      await page.context().clearCookies();
      const before = await witness.sessionCount(users.driverB1);
      await signIn.open();
      const answer = await signIn.signIn(users.driverB1.email, `${password}-wrong`);
      await witness.auth.refusedWithoutSession(page, answer, users.driverB1, orgs.B.label, before);
    });
  },
);
