/**
 * The launcher (docs/architecture.md#launcher): decide the mode from the environment, run the guards, start what the
 * mode needs, run the prechecks, and hand back the resolved URLs and a teardown. Used by
 * Playwright's global setup, by `pnpm target` and by the self-tests.
 */
import { parseEnv, requireIntegrationFlag, resolveMode, guardUrls, describeDatabaseUrl, type Mode, type RawEnv, MODE_LABEL } from '../env.js';
import { Refusal } from '../errors.js';
import { makePool, assertReachable, refuseForeignTables } from '../db.js';
import { hasHooks, setClock, setFaults } from '../hooks.js';
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
  /** WITNESS_NOW: the run's instant, and its offset from real time when the target's clock was set */
  now: { iso: string; offsetMs: number } | null;
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

/** WITNESS_NOW=<iso instant>: an instant with its zone (`2026-03-08T00:05:00-05:00`, `…Z`). */
function parseNow(text: string): Date {
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));
  if (!ok) throw new Refusal('INFRA-004', `refused: WITNESS_NOW=${text} is not an ISO instant with its zone, e.g. 2026-03-08T00:05:00-05:00 or 2026-03-08T05:05:00Z`);
  return new Date(text);
}

function torontoWall(d: Date): string {
  return d.toLocaleString('en-CA', { timeZone: 'America/Toronto', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export async function launch(opts: LaunchOptions = {}): Promise<Launched> {
  const env: RawEnv = parseEnv(opts.env ?? process.env);
  requireIntegrationFlag(env);
  const mode = resolveMode(env);
  guardUrls(env);
  const faults = (env.WITNESS_FAULTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const shiftTo = env.WITNESS_NOW ? parseNow(env.WITNESS_NOW) : null;
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
      // Per-run random secrets in embedded mode (docs/architecture.md#modes).
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
    let now: Launched['now'] = null;
    if (shiftTo) {
      if (!hooks) {
        throw new Refusal(
          'INFRA-004',
          `refused: WITNESS_NOW needs the reference target's test clock, and ${baseUrl} has none (a real Drive, or the reference started with --strict); unset WITNESS_NOW, or run against the reference (unset WITNESS_BASE_URL).`,
        );
      }
      // Set once at run start; from there the target's clock runs at real speed (docs/architecture.md#time).
      await setClock(baseUrl, shiftTo.toISOString(), false);
      now = { iso: shiftTo.toISOString(), offsetMs: shiftTo.getTime() - Date.now() };
      started.push({ stop: () => setClock(baseUrl, null).catch((e: Error) => e) as Promise<void> });
      say(`WITNESS_NOW: the run is at ${shiftTo.toISOString()} (${torontoWall(shiftTo)} Toronto), the target's clock running from there`);
    }
    if (knownDefects) say(`known defects: ${knownDefects}`);
    return { mode, baseUrl, databaseUrl, hooks, cronSecret, secrets, faults, knownDefects, now, teardown };
  } catch (e) {
    await teardown();
    throw e;
  }
}
