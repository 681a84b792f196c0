/**
 * The run's settings as the fixtures' options (witness/fixtures/options.ts). The global setup
 * decides them and exports them to the environment the workers inherit; playwright.config.ts,
 * which every worker loads, passes them on here. In the runner process, before the global setup
 * has run, they are simply not set yet (no fixture runs there).
 */
import type { RunOptions } from '../fixtures/types.js';
import type { Mode } from '../env.js';

export function runOptions(env: NodeJS.ProcessEnv = process.env): Partial<RunOptions> {
  const offset = Number(env.WITNESS_NOW_OFFSET_MS ?? 0);
  return {
    targetUrl: env.WITNESS_TARGET_URL || undefined,
    databaseUrl: env.WITNESS_DATABASE_URL || undefined,
    userPassword: env.WITNESS_PASSWORD || 'test1234',
    targetHooks: env.WITNESS_TARGET_HOOKS === '1',
    runMode: (env.WITNESS_MODE as Mode | undefined) || undefined,
    nowOffsetMs: Number.isFinite(offset) ? offset : 0,
    runId: env.WITNESS_RUN_ID || undefined,
    cronSecret: env.WITNESS_CRON_SECRET || undefined,
  };
}
