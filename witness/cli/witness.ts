/**
 * `pnpm witness [playwright args…]`: `playwright test` with INTEGRATION_TEST=1 set and every
 * argument passed through. `pnpm witness --list-faults` prints the reference's fault catalog.
 *
 * Exit code, read from the run's report: 0 no failure, 1 a failure that is new (or no report),
 * 3 failures that are all known defects (WITNESS_KNOWN_DEFECTS), 2 a refusal. The bare
 * `playwright test` form keeps Playwright's own codes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadDotenv } from '../dotenv.js';
import fs from 'node:fs';
import { REPO_ROOT } from '../launcher/stack.js';
import { ensureRunId, runDir } from '../run.js';
import { parseReport, exitCodeOf } from '../../reports/schema.js';

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
// The run id is chosen here, so the report this run writes is the one read afterwards.
const runId = ensureRunId();
const env: NodeJS.ProcessEnv = { ...process.env, INTEGRATION_TEST: '1', WITNESS_RUN_ID: runId };
// Paths a person typed are relative to where they typed them (pnpm runs scripts from the package root).
const callerCwd = process.env.INIT_CWD && fs.existsSync(process.env.INIT_CWD) ? process.env.INIT_CWD : process.cwd();
for (const name of ['WITNESS_KNOWN_DEFECTS', 'WITNESS_OUT'] as const) {
  if (env[name] && !path.isAbsolute(env[name]!)) env[name] = path.resolve(callerCwd, env[name]!);
}
const child = spawn(process.execPath, [cli, 'test', ...args], { cwd: REPO_ROOT, stdio: 'inherit', env });
// Ctrl-C reaches the child through the terminal; wait for it to clean up and report.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  if (signal) process.exit(130);
  if (code === 2) process.exit(2); // a refusal: one line already said why
  if (env.WITNESS_OUT) process.env.WITNESS_OUT = env.WITNESS_OUT;
  const file = path.join(runDir(runId), 'report.json');
  if (!fs.existsSync(file)) process.exit(code ?? 1);
  const parsed = parseReport(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) process.exit(1);
  process.exit(exitCodeOf(parsed.data, code ?? 1));
});
