/**
 * The CI workflows (docs/architecture.md#layout): the PR gate runs the smoke journeys and always uploads
 * what the run wrote; the nightly pack runs in shards, each uploading its own output; neither holds
 * a secret. The workflows are parsed as YAML (the `yaml` package) and checked as data.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PR_SMOKE = '.github/workflows/pr-smoke.yml';
const NIGHTLY = '.github/workflows/nightly.yml';
import { INSTANTS } from '../instants.js';

type Obj = Record<string, unknown>;
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Obj;
  env?: Obj;
}
interface Job {
  'runs-on'?: unknown;
  env?: Obj;
  strategy?: { matrix?: Obj };
  steps?: Step[];
}
interface Workflow {
  on?: unknown;
  env?: Obj;
  jobs?: Record<string, Job>;
}

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function load(text: string): Workflow {
  const doc: unknown = parse(text);
  if (!isObj(doc)) throw new Error('not a YAML mapping');
  return doc as Workflow;
}

function read(rel: string): { text: string; wf: Workflow } {
  const text = fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
  return { text, wf: load(text) };
}

/** The workflow's triggers as a mapping (`on: push` and `on: [push]` forms included). */
function triggers(wf: Workflow): Obj {
  const on = wf.on;
  if (typeof on === 'string') return { [on]: null };
  if (Array.isArray(on)) return Object.fromEntries(on.map((k) => [String(k), null]));
  return isObj(on) ? on : {};
}

const jobsOf = (wf: Workflow): [string, Job][] => Object.entries(wf.jobs ?? {});
const stepsOf = (job: Job): Step[] => (Array.isArray(job.steps) ? job.steps : []);
const usesAction = (s: Step, action: string) => typeof s.uses === 'string' && s.uses.split('@')[0] === action;
const runs = (s: Step, re: RegExp) => typeof s.run === 'string' && re.test(s.run);
const always = (s: Step) => typeof s.if === 'string' && /^(\$\{\{\s*)?always\(\)(\s*\}\})?$/.test(s.if.trim());
const pathLines = (s: Step) =>
  String(s.with?.path ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** What every witness job needs: Node 20, pnpm from packageManager, a frozen install, a Chromium. */
function setupProblems(jobName: string, job: Job, mainStep: number): string[] {
  const steps = stepsOf(job);
  const problems: string[] = [];
  const index = (pred: (s: Step) => boolean) => steps.findIndex(pred);
  if (job['runs-on'] !== 'ubuntu-latest') problems.push(`${jobName}: runs-on must be ubuntu-latest`);
  if (index((s) => usesAction(s, 'actions/checkout')) < 0) problems.push(`${jobName}: no actions/checkout step`);
  const pnpm = steps.find((s) => usesAction(s, 'pnpm/action-setup'));
  if (!pnpm) problems.push(`${jobName}: no pnpm/action-setup step`);
  else if (pnpm.with && 'version' in pnpm.with) problems.push(`${jobName}: pnpm/action-setup must read the version from package.json packageManager, not pin one`);
  const node = steps.find((s) => usesAction(s, 'actions/setup-node'));
  if (!node || !/^20(\.|$)/.test(String(node.with?.['node-version'] ?? ''))) problems.push(`${jobName}: actions/setup-node with node-version 20`);
  const install = index((s) => runs(s, /\bpnpm install --frozen-lockfile\b/));
  if (install < 0) problems.push(`${jobName}: no \`pnpm install --frozen-lockfile\` step`);
  const chromium = index((s) => runs(s, /\bplaywright install (--with-deps )?chromium\b|\bapt-get install -y chromium\b/));
  if (chromium < 0) problems.push(`${jobName}: no step installs Chromium`);
  if (mainStep >= 0 && (install > mainStep || chromium > mainStep)) problems.push(`${jobName}: install dependencies and Chromium before running the witness`);
  return problems;
}

function uploadProblems(jobName: string, steps: Step[], mainStep: number, wantPath: (line: string) => boolean, what: string): string[] {
  const i = steps.findIndex((s) => usesAction(s, 'actions/upload-artifact'));
  if (i < 0) return [`${jobName}: no actions/upload-artifact step`];
  const up = steps[i]!;
  const problems: string[] = [];
  if (i < mainStep) problems.push(`${jobName}: the upload must come after the witness run`);
  if (!always(up)) problems.push(`${jobName}: the upload step needs \`if: always()\` (a red run is when its results matter)`);
  if (!pathLines(up).some((l) => !l.startsWith('!') && wantPath(l))) problems.push(`${jobName}: the upload must include ${what}`);
  if (Number(up.with?.['retention-days']) !== 14) problems.push(`${jobName}: the upload keeps its artifact 14 days (retention-days: 14)`);
  if (!String(up.with?.name ?? '').includes('${{ github.run_id }}')) problems.push(`${jobName}: the artifact name carries the run id (\${{ github.run_id }})`);
  return problems;
}

function prSmokeProblems(wf: Workflow): string[] {
  const on = triggers(wf);
  const problems: string[] = [];
  if (!('pull_request' in on)) problems.push('on: pull_request is missing');
  const push = on.push;
  const branches = isObj(push) && Array.isArray(push.branches) ? push.branches.map(String) : [];
  if (!('push' in on) || !branches.includes('main')) problems.push('on: push to main is missing');
  const smoke = /\bpnpm (witness:smoke|witness --grep @smoke)\b/;
  const job = jobsOf(wf).find(([, j]) => stepsOf(j).some((s) => runs(s, smoke)));
  if (!job) return [...problems, 'no job runs `pnpm witness:smoke` (or `pnpm witness --grep @smoke`)'];
  const [name, j] = job;
  const main = stepsOf(j).findIndex((s) => runs(s, smoke));
  problems.push(...setupProblems(name, j, main));
  problems.push(...uploadProblems(name, stepsOf(j), main, (l) => /^(\.\/)?witness-results\/?$/.test(l), 'witness-results/'));
  return problems;
}

function nightlyProblems(wf: Workflow): string[] {
  const on = triggers(wf);
  const problems: string[] = [];
  const schedule = on.schedule;
  if (!Array.isArray(schedule) || !schedule.some((s) => isObj(s) && typeof s.cron === 'string')) problems.push('on: schedule with a cron is missing');
  if (!('workflow_dispatch' in on)) problems.push('on: workflow_dispatch is missing');
  const sharded = /\bpnpm witness --shard \$\{\{ matrix\.shard \}\}\/2\b/;
  const job = jobsOf(wf).find(([, j]) => stepsOf(j).some((s) => runs(s, sharded)));
  if (!job) return [...problems, 'no job runs `pnpm witness --shard ${{ matrix.shard }}/2`'];
  const [name, j] = job;
  const shards = j.strategy?.matrix?.shard;
  if (!Array.isArray(shards) || shards.map(String).sort().join(',') !== '1,2') problems.push(`${name}: strategy.matrix.shard must be [1, 2]`);
  // The whole pack at the four instants of selftest/instants.ts (docs/architecture.md#time).
  const instants = j.strategy?.matrix?.instant;
  const ats = Array.isArray(instants) ? instants.map((x) => (isObj(x) ? String(x.at) : String(x))) : [];
  if (ats.join(',') !== INSTANTS.join(',')) problems.push(`${name}: strategy.matrix.instant must run at the instants of selftest/instants.ts (${INSTANTS.join(', ')})`);
  const now = String(j.env?.WITNESS_NOW ?? '');
  if (now !== '${{ matrix.instant.at }}') problems.push(`${name}: WITNESS_NOW must be \${{ matrix.instant.at }}`);
  const steps = stepsOf(j);
  const main = steps.findIndex((s) => runs(s, sharded));
  const out = String(steps[main]?.env?.WITNESS_OUT ?? j.env?.WITNESS_OUT ?? wf.env?.WITNESS_OUT ?? '');
  if (!out.includes('${{ matrix.shard }}')) problems.push(`${name}: WITNESS_OUT must differ per shard (contain \${{ matrix.shard }})`);
  if (!out.includes('${{ matrix.instant.name }}')) problems.push(`${name}: WITNESS_OUT must differ per instant (contain \${{ matrix.instant.name }})`);
  problems.push(...setupProblems(name, j, main));
  const shardOut = (l: string) => l.replace(/\/$/, '') === '${{ env.WITNESS_OUT }}' || (out !== '' && l.replace(/\/$/, '') === out.replace(/\/$/, ''));
  problems.push(...uploadProblems(name, steps, main, shardOut, "the shard's WITNESS_OUT folder"));
  const up = steps.find((s) => usesAction(s, 'actions/upload-artifact'));
  if (up && !String(up.with?.name ?? '').includes('${{ matrix.shard }}')) problems.push(`${name}: each shard's artifact needs its own name (contain \${{ matrix.shard }})`);
  if (up && !String(up.with?.name ?? '').includes('${{ matrix.instant.name }}')) problems.push(`${name}: each instant's artifact needs its own name (contain \${{ matrix.instant.name }})`);
  return problems;
}

/** No secret values in a workflow: no `secrets.` context, no secret-named variable set there. */
function secretProblems(text: string, wf: Workflow): string[] {
  const problems: string[] = [];
  if (/\$\{\{[^}]*\bsecrets\./.test(text)) problems.push('uses the secrets context: the suite needs no secrets');
  const envs: [string, Obj | undefined][] = [['workflow', wf.env]];
  for (const [name, job] of jobsOf(wf)) {
    envs.push([`job ${name}`, job.env]);
    stepsOf(job).forEach((s, i) => {
      envs.push([`job ${name} step ${s.name ?? i + 1}`, s.env]);
      envs.push([`job ${name} step ${s.name ?? i + 1} (with)`, s.with]);
    });
  }
  for (const [where, env] of envs) {
    for (const key of Object.keys(env ?? {})) {
      if (/SECRET|PASSWORD|TOKEN|DATABASE_URL|API_KEY/i.test(key)) problems.push(`${where} sets ${key}: no secret values in workflows`);
    }
  }
  if (/postgres(ql)?:\/\/[^\s:@/]+:[^\s@/]+@/.test(text)) problems.push('holds a database URL with a password');
  return problems;
}

test('the PR smoke workflow parses and gates on the smoke journeys, uploading witness-results always', () => {
  const { text, wf } = read(PR_SMOKE);
  assert.deepEqual([...prSmokeProblems(wf), ...secretProblems(text, wf)], [], PR_SMOKE);
});

test('the nightly workflow parses and runs the pack in two shards, each uploading its own output always', () => {
  const { text, wf } = read(NIGHTLY);
  assert.deepEqual([...nightlyProblems(wf), ...secretProblems(text, wf)], [], NIGHTLY);
});

test('the checks catch planted mistakes (in memory)', () => {
  const { text: prText } = read(PR_SMOKE);
  const bad = load(
    prText
      .replace('pnpm witness:smoke', 'pnpm witness')
      .replace(/\n\s+branches: \[main\]/, '\n    branches: [develop]'),
  );
  assert.deepEqual(prSmokeProblems(bad), ['on: push to main is missing', 'no job runs `pnpm witness:smoke` (or `pnpm witness --grep @smoke`)']);

  const noAlways = load(prText.replace(/\n\s+if: always\(\)/, '').replace('retention-days: 14', 'retention-days: 90'));
  assert.deepEqual(prSmokeProblems(noAlways), [
    'smoke: the upload step needs `if: always()` (a red run is when its results matter)',
    'smoke: the upload keeps its artifact 14 days (retention-days: 14)',
  ]);
  const pinned = load(prText.replace('- uses: pnpm/action-setup@v4', '- uses: pnpm/action-setup@v4\n        with:\n          version: 9'));
  assert.deepEqual(prSmokeProblems(pinned), ['smoke: pnpm/action-setup must read the version from package.json packageManager, not pin one']);

  const { text: nText } = read(NIGHTLY);
  const unsharded = load(nText.replace('shard: [1, 2]', 'shard: [1]').replace(/WITNESS_OUT: .*/, 'WITNESS_OUT: witness-results'));
  assert.deepEqual(nightlyProblems(unsharded), [
    'pack: strategy.matrix.shard must be [1, 2]',
    'pack: WITNESS_OUT must differ per shard (contain ${{ matrix.shard }})',
    'pack: WITNESS_OUT must differ per instant (contain ${{ matrix.instant.name }})',
  ]);
  const oneInstant = load(nText.replace(/\n\s+- \{ at: '2026-06-15[^\n]*/, '').replace(/WITNESS_NOW: .*/, 'WITNESS_NOW: 2026-03-08T00:05:00-05:00'));
  assert.deepEqual(nightlyProblems(oneInstant), [
    `pack: strategy.matrix.instant must run at the instants of selftest/instants.ts (${INSTANTS.join(', ')})`,
    'pack: WITNESS_NOW must be ${{ matrix.instant.at }}',
  ]);

  const leaky = 'on: push\nenv:\n  CRON_SECRET: abc\njobs:\n  x:\n    steps:\n      - run: echo ${{ secrets.DB }}\n        env:\n          DATABASE_URL: postgresql://u:pw@localhost/x\n';
  assert.deepEqual(secretProblems(leaky, load(leaky)), [
    'uses the secrets context: the suite needs no secrets',
    'workflow sets CRON_SECRET: no secret values in workflows',
    'job x step 1 sets DATABASE_URL: no secret values in workflows',
    'holds a database URL with a password',
  ]);
});
