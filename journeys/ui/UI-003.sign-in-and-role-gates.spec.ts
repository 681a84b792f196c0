import { test } from '../../witness/test.js';
import { AppShell } from '../pages/AppShell.js';

test(
  'UI-003 the sign-in form lands each role at home, honours ?redirect=, refuses a wrong password without a session, and turns a driver away from manager pages',
  { tag: ['@smoke'] },
  async ({ world, signIn, page, witness, actor, userPassword }) => {
    const { users } = world.slot;

    await test.step('a driver lands on /dashboard', async () => {
      await signIn.open();
      await signIn.signIn(users.driverA1.email, userPassword);
      await witness.auth.landsOn(page, { user: users.driverA1, path: '/dashboard', invariant: 'AUTH-001', what: 'driver sign-in' });
    });

    await test.step('a driver sent to a manager page is turned away (page and API)', async () => {
      await new AppShell(page).visit('/routes');
      await witness.auth.landsOn(page, { user: users.driverA1, path: '/dashboard', invariant: 'AUTH-004', what: 'driver opening /routes' });
      await witness.auth.apiForbidden(await actor('driverA1'), '/api/routes');
    });

    await test.step('a manager lands on /routes', async () => {
      await page.context().clearCookies();
      await signIn.open();
      await signIn.signIn(users.managerA.email, userPassword);
      await witness.auth.landsOn(page, { user: users.managerA, path: '/routes', invariant: 'AUTH-001', what: 'manager sign-in' });
    });

    await test.step('?redirect= is honoured', async () => {
      await page.context().clearCookies();
      await signIn.open('/schedule');
      await signIn.signIn(users.driverA2.email, userPassword);
      await witness.auth.landsOn(page, { user: users.driverA2, path: '/schedule', invariant: 'AUTH-002', what: 'sign-in with ?redirect=/schedule' });
    });

    await test.step('a wrong password shows the banner and creates no session', async () => {
      await page.context().clearCookies();
      const sessionsBefore = await witness.sessionCount(users.driverB1);
      await signIn.open();
      const answer = await signIn.signIn(users.driverB1.email, `${userPassword}-wrong`);
      await witness.auth.refusedWithoutSession(page, answer, { user: users.driverB1, sessionsBefore });
    });
  },
);
