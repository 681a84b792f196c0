/**
 * `pnpm witness [playwright args…]`: `playwright test` with INTEGRATION_TEST=1 set and every
 * argument passed through. `pnpm witness --list-faults` prints the reference's fault catalog.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadDotenv } from '../dotenv.js';
import { REPO_ROOT } from '../launcher/stack.js';

loadDotenv();
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

if (args.includes('--list-faults')) {
  const tsx = require.resolve('tsx/cli');
  const r = spawnSync(process.execPath, [tsx, path.join(REPO_ROOT, 'target', 'cli.ts'), 'faults', '--json'], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`could not read the fault catalog: ${r.stderr.trim().split('\n').pop() ?? ''}\n`);
    process.exit(1);
  }
  const catalog = JSON.parse(r.stdout) as { name: string; description: string; mustTrip: { scenarios: string[]; invariants: string[] } }[];
  process.stdout.write('Faults of the reference target (switch on with WITNESS_FAULTS=name[,name] pnpm witness):\n\n');
  for (const f of catalog) {
    process.stdout.write(`  ${f.name}\n    ${f.description}\n    must trip: ${f.mustTrip.scenarios.join(', ')} / ${f.mustTrip.invariants.join(', ')}\n\n`);
  }
  process.exit(0);
}

const cli = require.resolve('@playwright/test/cli');
const child = spawn(process.execPath, [cli, 'test', ...args], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...process.env, INTEGRATION_TEST: '1' },
});
// Ctrl-C reaches the child through the terminal; wait for it to clean up and report.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
