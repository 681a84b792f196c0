import { test } from '../../witness/test.js';

test('UI-998 a journey that passes before the crash', async ({ world, witness, actor }) => {
  const shift = await world.orgA.openShift({ mode: 'instant' });
  await witness.availableShifts(await actor('driverA1')).showing(shift).matchesDb();
});

test('UI-999 a journey whose worker dies', async ({ world }) => {
  await world.orgA.openShift({ mode: 'instant' });
  process.kill(process.pid, 'SIGKILL'); // the worker process disappears mid-journey
});
