/**
 * `pnpm triage <folder>` over downloaded artifacts: a real failed run copied into a tree as two CI
 * shards, one with its report.json truncated and the other without its defects/ folder.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../witness/launcher/stack.js';
import { defectFileName } from '../reports/defect.js';
import { cleanEnv, tempOut } from './helpers.js';
import { sharedFailedRun, type FailedRun } from './failed-run.js';

const require = createRequire(import.meta.url);
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;
const TRIAGE = path.join(REPO_ROOT, 'reports', 'triage.ts');

let run: FailedRun;
let runId: string;
const tree = tempOut('triage');
after(() => fs.rmSync(tree, { recursive: true, force: true }));

/** `tsx reports/triage.ts <args>` from `cwd`, as a person in their download folder runs it. */
function triage(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env = cleanEnv({ npm_lifecycle_event: undefined, INIT_CWD: undefined });
    const child = spawn(process.execPath, ['--import', TSX_LOADER, TRIAGE, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

before(async () => {
  run = await sharedFailedRun();
  runId = run.report.run.runId;
  for (const shard of ['shard-1', 'shard-2']) fs.cpSync(run.runDir, path.join(tree, 'artifacts', shard, runId), { recursive: true });
  // shard-1 as downloaded before anyone wrote its defect files; shard-2's report cut off mid-upload
  fs.rmSync(path.join(tree, 'artifacts', 'shard-1', runId, 'defects'), { recursive: true, force: true });
  const corrupt = path.join(tree, 'artifacts', 'shard-2', runId, 'report.json');
  const text = fs.readFileSync(corrupt, 'utf8');
  fs.writeFileSync(corrupt, text.slice(0, Math.floor(text.length / 2)));
});

test('triage over two shards: the failure first, the truncated report named in one line, missing defects written', async () => {
  const f = run.report.failures.find((x) => x.scenarioId === 'UI-001');
  assert.ok(f, `the shared run failed UI-001:\n${run.log}`);
  const shard1 = path.join('artifacts', 'shard-1', runId);
  const defect = path.join(tree, shard1, 'defects', defectFileName(f));
  assert.ok(!fs.existsSync(defect));

  const r = await triage(['artifacts'], tree);
  const all = r.stdout + r.stderr;
  assert.equal(r.code, 1, `exit 1 when there are failures:\n${all}`);

  assert.match(r.stdout, /UI-001 \/ TENANT-001/);
  assert.match(r.stdout, /Algorithm regression/);
  assert.ok(r.stdout.includes(f.repro), `the repro command:\n${r.stdout}`);
  assert.ok(r.stdout.includes(f.owner), 'the owner');
  assert.ok(r.stdout.includes(`report:    ${shard1}/report.json`), `which report it came from:\n${r.stdout}`);
  // Paths as they are on this disk, relative to where the command ran.
  assert.ok(f.trace && r.stdout.includes(`show-trace ${shard1}/${f.trace}`), `trace path and show-trace command:\n${r.stdout}`);
  for (const ev of f.evidence) {
    assert.ok(r.stdout.includes(`${shard1}/${ev}`), `evidence ${ev} listed`);
    assert.ok(fs.existsSync(path.join(tree, shard1, ev)), `evidence ${ev} is where the summary says`);
  }

  const corrupt = `artifacts/shard-2/${runId}/report.json`;
  const lines = r.stderr.split('\n').filter((l) => l.includes(corrupt));
  assert.equal(lines.length, 1, `the corrupt report is named in one line:\n${r.stderr}`);
  assert.match(lines[0]!, /not valid JSON/);
  assert.doesNotMatch(all, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');

  assert.ok(fs.existsSync(defect), 'the missing defect file was written');
  assert.ok(r.stdout.includes(`${shard1}/defects/${defectFileName(f)}`), 'and listed');
  const body = fs.readFileSync(defect, 'utf8');
  assert.match(body, /^# Integration failure: UI-001 \/ TENANT-001/);
  assert.ok(body.includes(`${shard1}/report.json`), 'its artifact paths point at the download');

  // Algorithm regression is the only class here; the order is Infra/CI, drift, algorithm, harness, flake.
  const again = await triage(['artifacts'], tree);
  assert.equal(again.code, 1);
  assert.match(again.stdout, /Defect files: all present, none written/, 'existing defect files are left alone');
});

test('triage exit codes: 2 for bad usage and for no readable report, 0 for a green run', async () => {
  const usage = await triage([], tree);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /usage: pnpm triage <folder>/);

  const missing = await triage(['no-such-folder'], tree);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no-such-folder does not exist/);

  const onlyCorrupt = await triage([path.join('artifacts', 'shard-2')], tree);
  assert.equal(onlyCorrupt.code, 2, onlyCorrupt.stdout + onlyCorrupt.stderr);
  assert.match(onlyCorrupt.stderr, /no readable report\.json/);

  // The same report with its failures taken away reads as green.
  const green = path.join(tree, 'green', runId);
  fs.mkdirSync(green, { recursive: true });
  const report = structuredClone(run.report);
  report.failures = [];
  report.run.status = 'passed';
  fs.writeFileSync(path.join(green, 'report.json'), JSON.stringify(report));
  const ok = await triage(['green'], tree);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /No failures\./);
});
