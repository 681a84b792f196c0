/** Shared helpers of the self-tests: run the suite as a user would and read what it wrote. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parseReport, type Report } from '../reports/schema.js';
import { REPO_ROOT } from '../witness/launcher/stack.js';

const require = createRequire(import.meta.url);
export const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  out: string;
  report: Report | null;
  runDir: string | null;
}

/** A fresh output root per self-test run, removed by the caller. */
export function tempOut(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `witness-selftest-${name}-`));
  return dir;
}

/** Environment without anything a developer's shell or .env might add to the mode decision. */
export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['INTEGRATION_TEST', 'WITNESS_BASE_URL', 'DATABASE_URL', 'CRON_SECRET', 'WITNESS_CRON_SECRET', 'WITNESS_FAULTS', 'WITNESS_RUN_ID', 'WITNESS_MODE', 'WITNESS_TARGET_URL', 'WITNESS_DATABASE_URL']) {
    delete env[k];
  }
  env.WITNESS_NO_DOTENV = '1';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** `playwright test …` from the repository root, as the README's bare form does. */
export function runPlaywright(args: string[], env: NodeJS.ProcessEnv, opts: { timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const outRoot = env.WITNESS_OUT ?? path.join(REPO_ROOT, 'witness-results');
      const runDir = latestRun(outRoot);
      resolve({ code: code ?? 1, stdout, stderr, out: stdout + stderr, report: runDir ? readReport(runDir) : null, runDir });
    });
  });
}

export function latestRun(outRoot: string): string | null {
  if (!fs.existsSync(outRoot)) return null;
  const runs = fs
    .readdirSync(outRoot)
    .filter((d) => d !== 'latest' && fs.statSync(path.join(outRoot, d)).isDirectory())
    .sort();
  return runs.length ? path.join(outRoot, runs.at(-1)!) : null;
}

export function readReport(runDir: string): Report | null {
  const f = path.join(runDir, 'report.json');
  if (!fs.existsSync(f)) return null;
  try {
    const parsed = parseReport(JSON.parse(fs.readFileSync(f, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function failingIds(report: Report): { scenarios: string[]; invariants: string[] } {
  const scenarios = [...new Set(report.failures.map((f) => f.scenarioId))].sort();
  const invariants = [...new Set(report.failures.map((f) => f.invariantId ?? 'none'))].sort();
  return { scenarios, invariants };
}
