/**
 * One real failed run shared by the self-tests that only read it (docs/architecture.md#selftests: one
 * traced failing run feeds the secret scan, the viewer check, the triage command and the Algorithm
 * regression class check): the UI journeys with the `bids-available-cross-org` fault on, so UI-001
 * fails with TENANT-001 on both attempts.
 *
 * `node --test` runs each test file in its own process, all children of one runner: the first file
 * to ask makes the run in a folder keyed by the runner's pid, the others wait for it and reuse it.
 * A small detached watcher removes the folder when the runner exits; folders of runners that are
 * gone (a killed run) are removed the next time.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../reports/schema.js';
import crypto from 'node:crypto';
import { cleanEnv, readReport, runPlaywright } from './helpers.js';
import { startEmbeddedPostgres } from '../witness/launcher/stack.js';
import { makePool } from '../witness/db.js';

export const FAILED_RUN_FAULT = 'bids-available-cross-org';
/** The UI journeys: UI-001 fails (TENANT-001, both attempts), UI-002 and UI-003 pass; all traced. */
export const FAILED_RUN_GREP = 'UI-00[1-3]|BID-007'; // BID-007 calls the close cron twice: its secret must not reach a trace

/** What the run was given and must never write anywhere (the secret scan reads these). */
export interface RunSecrets {
  cronSecret: string;
  betterAuthSecret: string;
  databasePassword: string;
  userPassword: string;
  /** session tokens the run's sign-ins created */
  sessionTokens: string[];
}

export interface FailedRun {
  /** the run folder (treat it as read-only: copy it to change it) */
  runDir: string;
  report: Report;
  /** the run's exit code and the tail of its output, for assertion messages */
  code: number;
  log: string;
  secrets: RunSecrets;
}

const PREFIX = 'witness-selftest-failedrun-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStale(): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length));
    if (Number.isInteger(pid) && pid !== process.ppid && !alive(pid)) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

/** Remove `dir` once process `pid` has exited (a detached node that outlives this test file). */
function removeWhenGone(pid: number, dir: string): void {
  const code = `const fs=require('fs');const [pid,dir]=process.argv.slice(1);const alive=()=>{try{process.kill(+pid,0);return true}catch(e){return e.code==='EPERM'}};const t=setInterval(()=>{if(!alive()){clearInterval(t);fs.rmSync(dir,{recursive:true,force:true})}},1000);`;
  spawn(process.execPath, ['-e', code, String(pid), dir], { detached: true, stdio: 'ignore' }).unref();
}

interface Ready {
  runDir: string | null;
  code: number;
  log: string;
  secrets: RunSecrets;
}

async function waitForReady(file: string, ownerFile: string, timeoutMs: number): Promise<Ready | 'stale'> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Ready;
    const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8')) : NaN;
    if (Number.isInteger(owner) && !alive(owner)) return 'stale';
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the shared failed run was not ready after ${timeoutMs / 1000} s (${file})`);
}

/**
 * The run: the reference target on a database this module starts, with secrets it chose, so the
 * secret scan knows exactly what to look for; every test traced.
 */
async function produce(dir: string): Promise<Ready> {
  process.env.WITNESS_QUIET = '1';
  const db = await startEmbeddedPostgres('shared_failed_integration');
  const secrets: RunSecrets = {
    cronSecret: `cron-${crypto.randomBytes(12).toString('hex')}`,
    betterAuthSecret: `auth-${crypto.randomBytes(16).toString('hex')}`,
    databasePassword: db.password,
    userPassword: `pw-${crypto.randomBytes(6).toString('hex')}`,
    sessionTokens: [],
  };
  try {
    const r = await runPlaywright(
      ['--grep', FAILED_RUN_GREP, '--trace', 'on'],
      cleanEnv({
        INTEGRATION_TEST: '1',
        DATABASE_URL: db.url,
        BETTER_AUTH_SECRET: secrets.betterAuthSecret,
        CRON_SECRET: secrets.cronSecret,
        WITNESS_PASSWORD: secrets.userPassword,
        WITNESS_FAULTS: FAILED_RUN_FAULT,
        WITNESS_OUT: path.join(dir, 'out'),
      }),
    );
    if (r.runDir) fs.writeFileSync(path.join(r.runDir, 'run.log'), r.out); // the terminal log is an artifact too
    const pool = makePool(db.url, 1);
    secrets.sessionTokens = (await pool.query<{ token: string }>('select token from session')).rows.map((x) => x.token);
    await pool.end();
    return { runDir: r.runDir, code: r.code, log: r.out.slice(-4000), secrets };
  } finally {
    await db.stop();
  }
}

export async function sharedFailedRun(): Promise<FailedRun> {
  removeStale();
  const dir = path.join(os.tmpdir(), `${PREFIX}${process.ppid}`);
  const readyFile = path.join(dir, 'ready.json');
  const ownerFile = path.join(dir, 'owner');
  let ready: Ready | 'stale' | null = null;
  while (!ready || ready === 'stale') {
    if (ready === 'stale') fs.rmSync(dir, { recursive: true, force: true });
    let mine = false;
    try {
      fs.mkdirSync(dir);
      mine = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (mine) {
      fs.writeFileSync(ownerFile, String(process.pid));
      if (process.ppid > 1) removeWhenGone(process.ppid, dir);
      ready = await produce(dir);
      fs.writeFileSync(readyFile, JSON.stringify(ready));
    } else {
      ready = await waitForReady(readyFile, ownerFile, 660_000);
    }
  }
  const report = ready.runDir ? readReport(ready.runDir) : null;
  if (!ready.runDir || !report) throw new Error(`the failed run wrote no report (exit ${ready.code}):\n${ready.log}`);
  return { runDir: ready.runDir, report, code: ready.code, log: ready.log, secrets: ready.secrets };
}
