/**
 * The launcher (design §5): decide the mode from the environment, run the guards, start what the
 * mode needs, run the prechecks, and hand back the resolved URLs and a teardown. Used by
 * Playwright's global setup, by `pnpm target` and by the self-tests.
 */
import { parseEnv, requireIntegrationFlag, resolveMode, guardUrls, describeDatabaseUrl, type Mode, type RawEnv, MODE_LABEL } from '../env.js';
import { Refusal } from '../errors.js';
import { makePool, assertReachable, refuseForeignTables } from '../db.js';
import { hasHooks, setFaults } from '../hooks.js';
import { say } from './progress.js';
import { runRequestHeaders } from '../requests.js';
import { loadKnownDefects } from '../known.js';
import {
  startEmbeddedPostgres,
  applyReferenceSchema,
  startReferenceTarget,
  startReaper,
  randomSecret,
  type Stoppable,
} from './stack.js';

export interface Launched {
  mode: Mode;
  baseUrl: string;
  databaseUrl: string;
  /** the reference target's clock and fault switch are reachable */
  hooks: boolean;
  cronSecret: string | undefined;
  /** secrets that must never appear in any artifact (the secret scan reads this list) */
  secrets: string[];
  faults: string[];
  /** the known-defects file (absolute), checked before anything started */
  knownDefects: string | null;
  teardown(): Promise<void>;
}

export interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  /** start the reference without its test hooks (`pnpm target --strict`) */
  strict?: boolean;
}

async function reachTarget(baseUrl: string): Promise<void> {
  try {
    const url = new URL('/sign-in', baseUrl);
    const r = await fetch(url, { redirect: 'manual', headers: runRequestHeaders('launcher reachability', 'GET', url.href) });
    if (r.status >= 500) throw new Error(`HTTP ${r.status}`);
  } catch (e) {
    throw new Refusal('INFRA-001', `cannot reach the target at ${baseUrl} (${e instanceof Error ? e.message : String(e)}); is it running, and is WITNESS_BASE_URL right?`);
  }
}

export async function launch(opts: LaunchOptions = {}): Promise<Launched> {
  const env: RawEnv = parseEnv(opts.env ?? process.env);
  requireIntegrationFlag(env);
  const mode = resolveMode(env);
  guardUrls(env);
  const faults = (env.WITNESS_FAULTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  // A known-defects file that may not be used is refused now, in one line, before anything starts.
  const knownDefects = env.WITNESS_KNOWN_DEFECTS ? loadKnownDefects(env.WITNESS_KNOWN_DEFECTS).file : null;
  if (faults.length && mode === 'external') {
    throw new Refusal('INFRA-004', 'refused: WITNESS_FAULTS needs a mode that starts the reference target; unset WITNESS_BASE_URL.');
  }
  say(`mode: ${MODE_LABEL[mode]}`);

  const started: Stoppable[] = [];
  const teardown = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => {});
    started.length = 0;
  };
  try {
    let databaseUrl = env.DATABASE_URL ?? '';
    let baseUrl = env.WITNESS_BASE_URL ?? '';
    let betterAuthSecret = env.BETTER_AUTH_SECRET;
    let cronSecret = env.CRON_SECRET;
    const secrets: string[] = [];
    const pgPids: number[] = [];
    const dirs: string[] = [];

    if (mode === 'embedded') {
      const db = await startEmbeddedPostgres();
      started.push(db);
      databaseUrl = db.url;
      secrets.push(db.password);
      if (db.pid) pgPids.push(db.pid);
      dirs.push(db.dir);
      // Per-run random secrets in embedded mode (design §5).
      betterAuthSecret = randomSecret();
      cronSecret = randomSecret();
    } else {
      const pw = new URL(databaseUrl).password;
      if (pw) secrets.push(decodeURIComponent(pw));
    }

    const d = describeDatabaseUrl(databaseUrl);
    const pool = makePool(databaseUrl, 1);
    try {
      await assertReachable(pool, databaseUrl);
      await refuseForeignTables(pool, databaseUrl);
    } finally {
      await pool.end();
    }

    if (mode !== 'external') {
      const line = await applyReferenceSchema(databaseUrl);
      say(`schema: ${line}`);
      betterAuthSecret ??= randomSecret();
      cronSecret ??= randomSecret();
      const target = await startReferenceTarget({
        databaseUrl,
        hooks: !opts.strict,
        betterAuthSecret,
        cronSecret,
        log: env.TARGET_LOG,
      });
      started.push(target);
      baseUrl = target.url;
      const reaper = startReaper({ pids: target.pid ? [target.pid] : [], pgPids, dirs });
      started.unshift(reaper); // stopped last, after everything it guards is gone
    } else {
      await reachTarget(baseUrl);
      say(`target: ${baseUrl} (external; database ${d.host}/${d.database})`);
    }
    if (betterAuthSecret) secrets.push(betterAuthSecret);
    if (cronSecret) secrets.push(cronSecret);

    const hooks = !opts.strict && (await hasHooks(baseUrl));
    if (faults.length) {
      await setFaults(baseUrl, faults);
      say(`faults on: ${faults.join(', ')}`);
    }
    if (knownDefects) say(`known defects: ${knownDefects}`);
    return { mode, baseUrl, databaseUrl, hooks, cronSecret, secrets, faults, knownDefects, teardown };
  } catch (e) {
    await teardown();
    throw e;
  }
}
