/** Run identity and output folders (docs/architecture.md#output). */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
  return `${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}

/**
 * The run id is decided once, in the runner process, when the config is first loaded; workers
 * inherit it through the environment.
 */
export function ensureRunId(): string {
  if (!process.env.WITNESS_RUN_ID) process.env.WITNESS_RUN_ID = newRunId();
  return process.env.WITNESS_RUN_ID;
}

export function outRoot(): string {
  return path.resolve(process.env.WITNESS_OUT || 'witness-results');
}

export function runDir(runId = ensureRunId()): string {
  return path.join(outRoot(), runId);
}

/** storageState files hold session tokens: never in a run's output, never reused across runs. */
export function authDir(runId = ensureRunId()): string {
  return path.resolve('.auth', runId);
}

/** Point `<out>/latest` at the newest run (a relative symlink; a copy of the name where links fail). */
export function markLatest(runId: string): void {
  const link = path.join(outRoot(), 'latest');
  try {
    fs.rmSync(link, { force: true, recursive: false });
  } catch {
    /* not there */
  }
  try {
    fs.symlinkSync(runId, link);
  } catch {
    fs.writeFileSync(link, runId);
  }
}
