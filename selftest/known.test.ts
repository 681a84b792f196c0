/**
 * Every violation reported, known defects told from new ones (docs/architecture.md#soft-failures, "Known defects"), judged from runs of `pnpm witness --grep 'API-00[125]'` on the reference with
 * faults switched on and a known-defects file written here:
 * - two violations in one journey are two failures, each with its id, signature and defect file;
 * - a violation the file lists is known; an unlisted second one in the same journey is new;
 * - an entry whose check ran and passed is possibly fixed;
 * - exit codes: 0 no failure, 1 a new one, 3 all known; 2 for a file with a HARNESS entry or a
 *   WITNESS entry without the app's file and line, refused in one line before anything starts;
 * - `pnpm triage <older> <newer>` says which failures are new since the older run.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, latestRun, readReport, tempOut } from './helpers.js';
import { REPO_ROOT } from '../witness/launcher/stack.js';
import type { Report } from '../reports/schema.js';

const out = tempOut('known');
after(() => fs.rmSync(out, { recursive: true, force: true }));

const WAREHOUSE_GET = 'TENANT-004 GET /api/warehouses/{id} path';
const OVERRIDE = 'TENANT-004 POST /api/assignments/{id}/override path body.action=suspend_route';
const PREFERENCES = 'TENANT-004 PUT /api/preferences body.preferredRoutes';

function knownFile(name: string, defects: Record<string, unknown>[]): string {
  const file = path.join(out, `${name}.json`);
  const entry = (d: Record<string, unknown>) => ({ link: 'https://example.test/defects/1', contract: '§4.6', appFile: 'target/api/warehouses.ts:1', seenInRun: '2026-12-01T21-12-37Z-1881', note: '', ...d });
  fs.writeFileSync(file, JSON.stringify({ target: 'the reference with faults on', defects: defects.map(entry) }, null, 2));
  return file;
}

interface Witnessed {
  code: number;
  log: string;
  report: Report | null;
  runDir: string | null;
}

/** `pnpm witness …` as a person types it (the wrapper whose exit code is the subject here). */
function witness(name: string, args: string[], env: Record<string, string>): Promise<Witnessed> {
  const o = path.join(out, name);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'witness', 'cli', 'witness.ts'), ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv({ WITNESS_OUT: o, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('close', (code) => {
      const runDir = latestRun(o);
      resolve({ code: code ?? -1, log, report: runDir ? readReport(runDir) : null, runDir });
    });
  });
}

const K1 = () => knownFile('k1', [{ signature: OVERRIDE, scenario: 'API-001' }, { signature: PREFERENCES, scenario: 'API-002' }]);
let r1: Witnessed; // one fault, its one failure listed: all known
let r2: Witnessed; // two faults: the listed failure known, the others (of the unlisted fault) new

before(async () => {
  const k1 = K1();
  r1 = await witness('r1', ['--grep', 'API-00[125]', '--retries', '0'], { WITNESS_FAULTS: 'override-no-org-check', WITNESS_KNOWN_DEFECTS: k1 });
  r2 = await witness('r2', ['--grep', 'API-00[125]', '--retries', '0'], { WITNESS_FAULTS: 'override-no-org-check,warehouse-detail-no-org-check', WITNESS_KNOWN_DEFECTS: k1 });
});

/** What the unlisted fault breaks: every warehouse call of API-001 that reaches the warehouse access check. */
const WAREHOUSE_PROBES = [WAREHOUSE_GET, 'TENANT-004 PATCH /api/warehouses/{id} path', 'TENANT-004 GET /api/warehouses/{id}/managers path', 'TENANT-004 POST /api/warehouses/{id}/managers path'];

test('several violations in one journey: one failure each, with its own signature and defect file', () => {
  assert.ok(r2.report, r2.log.slice(-3000));
  const api1 = r2.report!.failures.filter((f) => f.scenarioId === 'API-001');
  assert.deepEqual(api1.map((f) => f.signature).sort(), [...WAREHOUSE_PROBES, OVERRIDE].sort(), api1.map((f) => `${f.signature}: ${f.message.split('\n')[0]}`).join('\n'));
  assert.ok(api1.every((f) => f.invariantId === 'TENANT-004'));
  assert.equal(new Set(api1.map((f) => f.defectFile)).size, api1.length, 'one defect file each, though all are TENANT-004');
  for (const f of api1) {
    assert.match(f.defectFile, /^API-001--TENANT-004--[0-9a-f]{8}-1\.md$/);
    const text = fs.readFileSync(path.join(r2.runDir!, 'defects', f.defectFile), 'utf8');
    assert.ok(text.includes(f.signature), 'the defect file names its signature');
    assert.ok(f.evidence.some((e) => e.endsWith('.json') && e.includes('refused-')), `its own evidence: ${f.evidence.join(', ')}`);
  }
  // The journey ran on past the first violation: its later checks are in the report.
  const s = r2.report!.scenarios.find((x) => x.scenarioId === 'API-001')!;
  assert.ok(s.checks.some((c) => c.checkId === 'list-isolation'), 'the list checks after the probes ran');
});

test('a listed violation is known; an unlisted one in the same journey is new and comes first', () => {
  const api1 = r2.report!.failures.filter((f) => f.scenarioId === 'API-001');
  const known = api1.filter((f) => f.known);
  assert.deepEqual(known.map((f) => f.signature), [OVERRIDE]);
  assert.equal(known[0]!.known?.link, 'https://example.test/defects/1');
  assert.ok(api1.filter((f) => !f.known).every((f) => WAREHOUSE_PROBES.includes(f.signature)));
  assert.equal(api1.at(-1)!.signature, OVERRIDE, 'new failures are listed first, the known one last');
  assert.equal(r2.report!.totals.failuresNew, WAREHOUSE_PROBES.length);
  assert.equal(r2.report!.totals.failuresKnown, 1);
  assert.match(r2.log, /✘ API-001 \/ TENANT-004 \[Algorithm regression\] NEW/);
  assert.match(r2.log, /≈ API-001 \/ TENANT-004 \[Algorithm regression\] known .*\n    known: https:\/\/example\.test\/defects\/1/);
  assert.match(fs.readFileSync(path.join(r2.runDir!, 'summary.md'), 'utf8'), /## New failures[\s\S]*## Known defects/);
  assert.match(fs.readFileSync(path.join(r2.runDir!, 'viewer.html'), 'utf8'), /known defect/);
});

test('a known entry whose check ran and passed is possibly fixed', () => {
  for (const r of [r1, r2]) {
    const p = r.report!.possiblyFixed.find((x) => x.signature === PREFERENCES);
    assert.ok(p, `PUT /api/preferences passed, so its entry is possibly fixed: ${JSON.stringify(r.report!.possiblyFixed)}`);
    assert.deepEqual(p!.scenarios, ['API-002']);
  }
  assert.ok(!r1.report!.possiblyFixed.some((x) => x.signature === OVERRIDE), 'an entry that failed is not possibly fixed');
  assert.match(r1.log, /\? possibly fixed: TENANT-004 PUT \/api\/preferences body\.preferredRoutes/);
});

test('exit codes of pnpm witness: 3 when every failure is known, 1 with a new one, 0 with none', async () => {
  assert.equal(r1.report!.failures.length, 1);
  assert.equal(r1.code, 3, `all known:\n${r1.log.slice(-1500)}`);
  assert.equal(r2.code, 1, 'a new failure');
  const r0 = await witness('r0', ['--grep', 'API-002', '--retries', '0'], { WITNESS_KNOWN_DEFECTS: K1() });
  assert.equal(r0.code, 0, `no failure:\n${r0.log.slice(-1500)}`);
  assert.equal(r0.report!.failures.length, 0);
});

test('a HARNESS entry, and a WITNESS entry without the app\'s file and line, are refused in one line', async () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['harness', { signature: 'HARNESS-005 GET /api/warehouses/{id} path' }, /HARNESS-005 is a HARNESS id: the suite's and the machine's failures are never known defects/],
    ['witness', { signature: 'WITNESS-001 /routes routes extra', appFile: null }, /WITNESS-001 needs the app's file and line \(appFile\)/],
  ];
  for (const [name, entry, why] of cases) {
    const r = await witness(`refused-${name}`, ['--grep', 'API-002'], { WITNESS_KNOWN_DEFECTS: knownFile(name, [entry]) });
    assert.equal(r.code, 2, `${name}: refused\n${r.log}`);
    const lines = r.log.split('\n').filter((l) => /INFRA-004 refused: WITNESS_KNOWN_DEFECTS=/.test(l));
    assert.equal(lines.length, 1, `one clear line:\n${r.log}`);
    assert.match(lines[0]!, why);
    assert.ok(!/\n\s+at /.test(r.log), 'no stack trace');
    assert.equal(r.runDir, null, 'nothing was written');
  }
});

test('pnpm triage <older> <newer>: says which failures are new since the older run; exit 1 for a new one, 3 for all known', async () => {
  const run = (args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'reports', 'triage.ts'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ code: code ?? -1, stdout }));
    });
  const since = await run([r1.runDir!, r2.runDir!]);
  assert.equal(since.code, 1, since.stdout);
  for (const sig of WAREHOUSE_PROBES) assert.ok(since.stdout.includes(`+ new since then: API-001 / TENANT-004 — ${sig}`), `${sig} is new since the older run:\n${since.stdout.slice(0, 3000)}`);
  assert.ok(!since.stdout.includes(`+ new since then: API-001 / TENANT-004 — ${OVERRIDE}`), 'the override failure was there already');
  assert.match(since.stdout, /= still failing as then: 1 defect/);
  assert.match(since.stdout, new RegExp(`══ New failures \\(${WAREHOUSE_PROBES.length}\\) ══[\\s\\S]*══ Known defects \\(1\\)`));
  const allKnown = await run([r1.runDir!]);
  assert.equal(allKnown.code, 3, allKnown.stdout);
  assert.match(allKnown.stdout, /Known defects possibly fixed \(1\)/);
});
