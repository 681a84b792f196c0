/**
 * Playwright's global setup: the single entry of every run, so the bare
 * `INTEGRATION_TEST=1 pnpm exec playwright test --grep UI-` works exactly like `pnpm witness`.
 */
import fs from 'node:fs';
import type { FullConfig } from '@playwright/test';
import { launch } from './launch.js';
import { isRefusal, Refusal } from '../errors.js';
import { ensureRunId, runDir, authDir, markLatest } from '../run.js';
import { describeDatabaseUrl } from '../env.js';
import { say } from './progress.js';
import path from 'node:path';
import { makePool } from '../db.js';
import { checkGlobalInvariants } from '../invariants/global.js';
import { checkSchemaDrift } from '../precheck.js';

/**
 * RUN-SWEEP: the global invariants over the whole database at the end of the run, written for the
 * reporter (which runs after this teardown) to add as a run-level scenario.
 */
async function sweep(databaseUrl: string, dir: string): Promise<void> {
  const pool = makePool(databaseUrl, 1);
  const file = path.join(dir, 'run-sweep.json');
  try {
    const { checked, violations } = await checkGlobalInvariants(pool, null);
    fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), error: null, checked, violations }, null, 2));
    say(violations.length ? `sweep: ${violations.map((v) => `${v.id} (${v.rows.length} rows)`).join(', ')} violated` : 'sweep: global invariants hold over the whole database');
  } catch (e) {
    fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), error: e instanceof Error ? e.message : String(e), checked: [], violations: [] }, null, 2));
  } finally {
    await pool.end().catch(() => {});
  }
}

/** Refusals about infrastructure (not about a guard): reported, not just printed. */
const INFRA_REPORTED = ['INFRA-001', 'INFRA-002', 'INFRA-003'];

/** RUN-PRECHECK: compare the database with the contract; returns the number of differences. */
async function precheck(databaseUrl: string, dir: string): Promise<number> {
  const pool = makePool(databaseUrl, 1);
  try {
    const drift = await checkSchemaDrift(pool);
    fs.writeFileSync(path.join(dir, 'run-precheck.json'), JSON.stringify({ at: new Date().toISOString(), ...drift }, null, 2));
    for (const n of drift.notes.slice(0, 10)) say(`precheck note: ${n}`);
    if (drift.differences.length) {
      process.stderr.write(`\n[witness] SCHEMA-001 schema drift: the database differs from the Drive contract:\n${drift.differences.map((d) => `  - ${d}`).join('\n')}\n\n`);
    } else {
      say(`precheck: the schema matches the contract${drift.notes.length ? ` (${drift.notes.length} note${drift.notes.length > 1 ? 's' : ''})` : ''}`);
    }
    return drift.differences.length;
  } finally {
    await pool.end().catch(() => {});
  }
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const runId = ensureRunId();
  let launched;
  try {
    if (process.env.WITNESS_BROWSER_REFUSAL) throw new Refusal('INFRA-003', process.env.WITNESS_BROWSER_REFUSAL.replace(/^INFRA-003 /, ''));
    launched = await launch();
  } catch (e) {
    if (isRefusal(e) && INFRA_REPORTED.includes(e.id)) {
      // The environment is fine but the target, the database or the browser is not there: a report
      // says so (RUN-PRECHECK, Infra/CI), with one clear line on the terminal.
      const dir = runDir(runId);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'run-meta.json'), JSON.stringify({ runId, mode: null, faults: [], startedAt: new Date().toISOString() }, null, 2));
      fs.writeFileSync(path.join(dir, 'run-precheck.json'), JSON.stringify({ at: new Date().toISOString(), infra: e.message, differences: [], notes: [], queries: [] }, null, 2));
      markLatest(runId);
      const err = new Error(e.message);
      err.stack = err.message;
      throw err;
    }
    if (isRefusal(e)) {
      // A guard: one clear line, no stack, non-zero exit, nothing written.
      process.stderr.write(`\n[witness] ${e.message}\n\n`);
      process.exit(2);
    }
    throw e;
  }
  const dir = runDir(runId);
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(authDir(runId), { recursive: true });
  markLatest(runId);
  const db = describeDatabaseUrl(launched.databaseUrl);
  // What the workers need, through the environment (workers inherit it).
  Object.assign(process.env, {
    WITNESS_MODE: launched.mode,
    WITNESS_TARGET_URL: launched.baseUrl,
    WITNESS_DATABASE_URL: launched.databaseUrl,
    WITNESS_TARGET_HOOKS: launched.hooks ? '1' : '0',
    WITNESS_ACTIVE_FAULTS: launched.faults.join(','),
    WITNESS_NOW_OFFSET_MS: String(launched.now?.offsetMs ?? 0),
    WITNESS_WORKERS: String(config.workers),
  });
  if (launched.cronSecret) process.env.WITNESS_CRON_SECRET = launched.cronSecret;
  // Run facts for the report: no secrets, no passwords.
  fs.writeFileSync(
    `${dir}/run-meta.json`,
    JSON.stringify(
      {
        runId,
        mode: launched.mode,
        target: launched.baseUrl,
        database: { host: db.host, port: db.port, name: db.database, user: db.user },
        hooks: launched.hooks,
        faults: launched.faults,
        knownDefects: launched.knownDefects,
        now: launched.now?.iso ?? null,
        workers: config.workers,
        startedAt: new Date().toISOString(),
      },
      null,
      2,
    ),
  );
  // The drift precheck, before any journey writes anything.
  const drift = await precheck(launched.databaseUrl, dir);
  if (drift) {
    await launched.teardown();
    fs.rmSync(authDir(runId), { recursive: true, force: true });
    const e = new Error(`SCHEMA-001 the database differs from the Drive contract (${drift} difference${drift > 1 ? 's' : ''}, listed above and in ${path.relative(process.cwd(), path.join(dir, 'run-precheck.json'))}); no journey ran`);
    e.stack = e.message; // one clear line, no stack
    throw e;
  }
  // Secrets the artifact scan must never find; kept outside the run folder.
  fs.writeFileSync(`${authDir(runId)}/secrets.json`, JSON.stringify(launched.secrets), { mode: 0o600 });
  say(`run ${runId}: output in ${dir}`);
  return async () => {
    await sweep(launched.databaseUrl, dir);
    await launched.teardown();
    fs.rmSync(authDir(runId), { recursive: true, force: true });
    say('stopped what the run started');
  };
}
