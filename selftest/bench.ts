/**
 * `pnpm bench`: medians of the numbers that matter to a person waiting on the suite, and the ratio
 * of the pack with 2 workers to 1 (machines are noisy; ratios travel better than seconds).
 *   pnpm bench [runs=3]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { cleanEnv, PLAYWRIGHT_CLI, tempOut, latestRun, readReport } from './helpers.js';
import { REPO_ROOT, startEmbeddedPostgres, applyReferenceSchema } from '../witness/launcher/stack.js';
import { makePool } from '../witness/db.js';
import { buildSlot } from '../fixtures/slots.js';
import { resetSlot, passwordHash } from '../fixtures/seed.js';

const runs = Number(process.argv[2] ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timedRun(args: string[], extra: Record<string, string> = {}): Promise<{ total: number; toFirst: number; report: ReturnType<typeof readReport> }> {
  const out = tempOut('bench');
  const t0 = Date.now();
  let toFirst = 0;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv({ INTEGRATION_TEST: '1', WITNESS_OUT: out, ...extra }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const watch = (d: Buffer) => {
      if (!toFirst && /\[witness\] run .*output in/.test(String(d))) toFirst = Date.now() - t0;
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('close', (code) => {
      const total = Date.now() - t0;
      const report = readReport(latestRun(out)!);
      fs.rmSync(out, { recursive: true, force: true });
      if (code !== 0) console.error(`run ${args.join(' ')} exited ${code}`);
      resolve({ total, toFirst, report });
    });
  });
}

async function resetTimes(n: number): Promise<number[]> {
  process.env.WITNESS_QUIET = '1';
  const db = await startEmbeddedPostgres('bench_integration');
  try {
    await applyReferenceSchema(db.url);
    const pool = makePool(db.url, 2);
    const slot = buildSlot(0);
    await passwordHash('test1234');
    await resetSlot(pool, slot, 'test1234');
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = Date.now();
      await resetSlot(pool, slot, 'test1234');
      times.push(Date.now() - t);
    }
    await pool.end();
    return times;
  } finally {
    await db.stop();
  }
}

async function main(): Promise<void> {
  const one: number[] = [];
  const two: number[] = [];
  const first: number[] = [];
  const ui1: number[] = [];
  for (let i = 0; i < runs; i++) {
    const a = await timedRun(['--workers', '1']);
    one.push(a.total);
    first.push(a.toFirst);
    const b = await timedRun(['--workers', '2']);
    two.push(b.total);
    first.push(b.toFirst);
    const c = await timedRun(['--grep', 'UI-001', '--workers', '1']);
    ui1.push(c.total);
  }
  const reset = await resetTimes(20);
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`runs: ${runs}`);
  console.log(`start to first journey (launcher ready), median: ${fmt(median(first))}`);
  console.log(`UI-001 alone (whole command), median: ${fmt(median(ui1))}`);
  console.log(`reset + seed of one slot, median of 20: ${median(reset)} ms`);
  console.log(`whole pack, 1 worker, median: ${fmt(median(one))}`);
  console.log(`whole pack, 2 workers, median: ${fmt(median(two))}`);
  console.log(`ratio 2 workers / 1 worker: ${(median(two) / median(one)).toFixed(2)}`);
}

void main();
