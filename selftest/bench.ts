/**
 * `pnpm bench`: medians of the numbers that matter to a person waiting on the suite, and the ratio
 * of the pack with 2 workers to 1 (machines are noisy; ratios travel better than seconds).
 *   pnpm bench [runs=3]
 *
 * With WITNESS_BASE_URL and DATABASE_URL set (a running target, say a local real Drive): UI-001's
 * whole process, `playwright test --grep UI-001 --workers 1`, timed `runs` times (default 5), with
 * where its time went. WITNESS_BENCH_COMPARE=<command> times that command too, interleaved run by
 * run on the same target (say, another suite's test of the same journey), and prints the ratio.
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

function timedRun(args: string[], extra: Record<string, string> = {}, keep = false): Promise<{ total: number; toFirst: number; report: ReturnType<typeof readReport>; runDir: string | null; out: string }> {
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
      const runDir = latestRun(out);
      const report = runDir ? readReport(runDir) : null;
      if (!keep) fs.rmSync(out, { recursive: true, force: true });
      if (code !== 0) console.error(`run ${args.join(' ')} exited ${code}`);
      resolve({ total, toFirst, report, runDir, out });
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
    await resetSlot(pool, slot, 'test1234', new Date());
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = Date.now();
      await resetSlot(pool, slot, 'test1234', new Date());
      times.push(Date.now() - t);
    }
    await pool.end();
    return times;
  } finally {
    await db.stop();
  }
}

/** The seconds of an ISO instant. */
const at = (iso: string) => Date.parse(iso);

interface UiRun {
  total: number;
  toFirst: number;
  test: number;
  beforeFirstCheck: number;
  checks: number;
  withShots: number;
}

async function externalUi001(): Promise<UiRun> {
  const extra = { WITNESS_BASE_URL: process.env.WITNESS_BASE_URL!, DATABASE_URL: process.env.DATABASE_URL! };
  const r = await timedRun(['--grep', 'UI-001', '--workers', '1'], extra, true);
  const s = r.report?.scenarios.find((x) => x.scenarioId === 'UI-001');
  if (!s || s.status !== 'passed') throw new Error(`UI-001 did not pass against ${extra.WITNESS_BASE_URL}: ${s?.status ?? 'no report'} ${s?.attempts.at(-1)?.message?.split('\n')[0] ?? ''}`);
  const started = s.attempts[0]?.startedAt ? at(s.attempts[0].startedAt) : NaN;
  const firstCheck = Math.min(...s.checks.map((c) => at(JSON.parse(fs.readFileSync(`${r.runDir}/${c.rows}`, 'utf8')).at)));
  fs.rmSync(r.out, { recursive: true, force: true });
  return { total: r.total, toFirst: r.toFirst, test: s.durationMs, beforeFirstCheck: firstCheck - started, checks: s.checks.length, withShots: s.checks.filter((c) => c.screenshot).length };
}

function timedCommand(command: string): Promise<number> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(Date.now() - t0) : reject(new Error(`WITNESS_BENCH_COMPARE exited ${code}: ${err.trim().split('\n').slice(-2).join(' | ')}`))));
  });
}

async function benchExternal(n: number): Promise<void> {
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const compare = process.env.WITNESS_BENCH_COMPARE;
  const ours: UiRun[] = [];
  const theirs: number[] = [];
  console.log(`UI-001 against ${process.env.WITNESS_BASE_URL}, ${n} run(s)${compare ? `, interleaved with: ${compare}` : ''}`);
  for (let i = 0; i < n; i++) {
    const r = await externalUi001();
    ours.push(r);
    let line = `  run ${i + 1}: ours ${fmt(r.total)} (${r.checks} checks, ${r.withShots} screenshots)`;
    if (compare) {
      const t = await timedCommand(compare);
      theirs.push(t);
      line += `, compared ${fmt(t)}`;
    }
    console.log(line);
  }
  const m = (f: (r: UiRun) => number) => median(ours.map(f));
  console.log(`UI-001 process wall time, median of ${n}: ${fmt(m((r) => r.total))}`);
  console.log('where the time went (medians):');
  console.log(`  start to launcher ready (config, guards, reachability, schema precheck): ${fmt(m((r) => r.toFirst))}`);
  console.log(`  the test (fixtures, sign-ins, pages, checks, evidence): ${fmt(m((r) => r.test))}`);
  console.log(`    of which before its first check (reset, world, sign-ins, first page): ${fmt(m((r) => r.beforeFirstCheck))}`);
  console.log(`  the rest (worker start, teardown, sweep, report, viewer): ${fmt(m((r) => r.total - r.toFirst - r.test))}`);
  if (compare) {
    console.log(`compared command, median of ${n}: ${fmt(median(theirs))}`);
    console.log(`ratio ours / compared: ${(m((r) => r.total) / median(theirs)).toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  if (process.env.WITNESS_BASE_URL) {
    if (!process.env.DATABASE_URL) {
      console.error('pnpm bench with WITNESS_BASE_URL needs DATABASE_URL too (the target\'s disposable database), as pnpm witness does');
      process.exit(2);
    }
    await benchExternal(Number(process.argv[2] ?? 5));
    return;
  }
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
