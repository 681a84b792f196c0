/**
 * `pnpm test`: the suite's own tests, part by part, with how long each took.
 *   pnpm test                 every part
 *   pnpm test unit guards     only those parts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../witness/launcher/stack.js';

interface Part {
  name: string;
  files: string[];
  what: string;
  /** seconds this part should take on the 2-core CI machine, set from measured runs; printed, never asserted */
  budgetS: number;
}

/** The whole of `pnpm test` (the parts' budgets add up to less). */
const TOTAL_BUDGET_S = 13 * 60;

const unitFiles = fs
  .readdirSync(path.join(REPO_ROOT, 'selftest', 'unit'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `selftest/unit/${f}`);

const conformanceFiles = fs
  .readdirSync(path.join(REPO_ROOT, 'selftest', 'conformance'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `selftest/conformance/${f}`);

const PARTS: Part[] = [
  { name: 'unit', files: unitFiles, what: 'unit tests of witness/, fixtures/ and reports/', budgetS: 8 },
  { name: 'conformance', files: conformanceFiles, what: 'contract conformance: import boundary, page-object selectors, invariants doc and ids, CI workflows', budgetS: 12 },
  { name: 'guards', files: ['selftest/guards.test.ts'], what: 'refusals: INTEGRATION_TEST, production URLs, foreign tables', budgetS: 10 },
  { name: 'pack', files: ['selftest/pack.test.ts'], what: 'the pack at four instants (WITNESS_NOW: whole pack with 3 workers, then the @time journeys), and in external mode against the strict reference', budgetS: 160 },
  {
    name: 'triage',
    files: ['selftest/secrets.test.ts', 'selftest/viewer.test.ts', 'selftest/triage.test.ts', 'selftest/classes.test.ts'],
    what: 'one shared failing traced run: secret scan, viewer in Chromium, pnpm triage; then one induced failure per class',
    budgetS: 110,
  },
  {
    name: 'honesty',
    files: ['selftest/honesty.test.ts'],
    what: 'harness honesty: a hung wait and a test timeout name the wait (Harness, not Infra); refusals without or with a failed control',
    budgetS: 25,
  },
  {
    name: 'known',
    files: ['selftest/known.test.ts'],
    what: 'every violation reported; known defects told from new ones, possibly fixed, refused entries; exit codes 0/1/3; triage "new since"',
    budgetS: 40,
  },
  // About 4.4 s a fault on four lanes: 260 s for the 59 faults it was set with, 300 s for 67 (issue 14's eight).
  { name: 'matrix', files: ['selftest/matrix.test.ts'], what: 'fault matrix: each fault trips exactly its ids', budgetS: 300 },
  {
    name: 'crash',
    files: ['selftest/interrupt.test.ts', 'selftest/crash.test.ts'],
    what: 'Ctrl-C leaves no PostgreSQL and no temp folder; a worker crash is reported (Infra/CI) with what ran',
    budgetS: 15,
  },
];

function runPart(p: Part): Promise<{ pass: number; fail: number; code: number; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...p.files], {
      cwd: REPO_ROOT,
      env: { ...process.env, WITNESS_NO_DOTENV: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => {
      const num = (k: string) => Number(new RegExp(`^# ${k} (\\d+)`, 'm').exec(out)?.[1] ?? 0);
      resolve({ pass: num('pass'), fail: num('fail') + num('cancelled'), code: code ?? 1, ms: Date.now() - t0 });
    });
  });
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const parts = wanted.length ? PARTS.filter((p) => wanted.includes(p.name)) : PARTS;
  if (wanted.length && parts.length !== wanted.length) {
    process.stderr.write(`unknown part; parts are: ${PARTS.map((p) => p.name).join(', ')}\n`);
    process.exit(2);
  }
  const rows: string[] = [];
  const started = Date.now();
  let pass = 0;
  let fail = 0;
  for (const p of parts) {
    process.stdout.write(`\n=== ${p.name}: ${p.what}\n`);
    const r = await runPart(p);
    pass += r.pass;
    fail += r.fail + (r.code !== 0 && r.fail === 0 ? 1 : 0);
    const over = r.ms / 1000 > p.budgetS ? '  OVER BUDGET' : '';
    rows.push(
      `${p.name.padEnd(12)} ${(r.ms / 1000).toFixed(1).padStart(7)} s  of ${String(p.budgetS).padStart(4)} s   ${r.pass} passed, ${r.fail} failed${r.code !== 0 ? ` (exit ${r.code})` : ''}${over}`,
    );
  }
  const totalS = (Date.now() - started) / 1000;
  const budgetS = parts.reduce((n, p) => n + p.budgetS, 0);
  rows.push(`${'total'.padEnd(12)} ${totalS.toFixed(1).padStart(7)} s  of ${String(budgetS).padStart(4)} s${parts.length === PARTS.length ? ` (pnpm test: ${TOTAL_BUDGET_S} s)` : ''}${totalS > budgetS ? '  OVER BUDGET' : ''}`);
  process.stdout.write(`\n=== how long each part took, against its budget (2-core machine; printed, not asserted)\n${rows.join('\n')}\n\n`);
  process.stdout.write(`${pass} passed, ${fail} failed\n`);
  process.exit(fail ? 1 : 0);
}

void main();
