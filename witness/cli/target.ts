/**
 * `pnpm target [--strict]`: the launcher without tests. Starts what the mode needs, seeds slot 0
 * (the contract's E2E baseline), prints the URL and the logins, and waits for Ctrl-C.
 */
import { loadDotenv } from '../dotenv.js';
import { launch } from '../launcher/launch.js';
import { isRefusal } from '../errors.js';
import { buildSlot } from '../../fixtures/slots.js';
import { resetSlot } from '../../fixtures/seed.js';
import { ScenarioClock } from '../time.js';
import { makePool } from '../db.js';
import { say } from '../launcher/progress.js';

loadDotenv();
const strict = process.argv.includes('--strict');
process.env.INTEGRATION_TEST ??= '1';

async function main(): Promise<void> {
  const launched = await launch({ strict });
  const pool = makePool(launched.databaseUrl, 1);
  const password = process.env.WITNESS_PASSWORD || 'test1234';
  const slot = buildSlot(0);
  try {
    await resetSlot(pool, slot, password, new ScenarioClock(launched.now?.offsetMs ?? 0).now());
  } finally {
    await pool.end();
  }
  say('seeded slot 0 (the contract\'s E2E baseline)');
  const lines = [
    '',
    `Drive reference target: ${launched.baseUrl}${strict ? '   (strict: no clock, no fault switch)' : `   (test hooks: ${launched.hooks ? 'on' : 'off'})`}`,
    '',
    `Logins (password: ${password === 'test1234' ? 'test1234' : 'WITNESS_PASSWORD'}):`,
    ...Object.values(slot.users).map((u) => `  ${u.role.padEnd(7)} ${u.email.padEnd(22)} ${u.name} (${slot.orgs[u.org].name})`),
    '',
    launched.mode === 'embedded' ? 'Database: embedded, removed on exit.' : `Database: ${new URL(launched.databaseUrl).host}${new URL(launched.databaseUrl).pathname}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping …');
    await launched.teardown();
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}

main().catch((e) => {
  if (isRefusal(e)) process.stderr.write(`[witness] ${e.message}\n`);
  else process.stderr.write(`[witness] ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(2);
});
