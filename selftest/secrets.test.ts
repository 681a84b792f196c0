/**
 * No secrets in artifacts (docs/architecture.md#secrets): the shared failing run (traces on, the reference
 * on a database whose secrets the self-test chose) must hold no CRON_SECRET, BETTER_AUTH_SECRET or
 * database password anywhere in its output, traces unzipped included, and no test password or
 * session token in its report, summary, defects, evidence rows or logs. A planted canary proves
 * the scan can fail.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempOut } from './helpers.js';
import { sharedFailedRun, type FailedRun } from './failed-run.js';
import { scanFolder, unzipEntries, type Needle } from './secret-scan.js';

const out = tempOut('secrets');
let run: FailedRun;
let needles: Needle[] = [];

before(async () => {
  run = await sharedFailedRun();
  const s = run.secrets;
  assert.ok(s.sessionTokens.length > 0, 'sessions were created, so tokens are searched for');
  needles = [
    { name: 'CRON_SECRET', value: s.cronSecret, scope: 'everywhere' },
    { name: 'BETTER_AUTH_SECRET', value: s.betterAuthSecret, scope: 'everywhere' },
    { name: 'database password', value: s.databasePassword, scope: 'everywhere' },
    { name: 'test users\' password', value: s.userPassword, scope: 'reports' },
    ...s.sessionTokens.map((t, i) => ({ name: `session token #${i + 1}`, value: t, scope: 'reports' as const })),
  ];
});

after(() => fs.rmSync(out, { recursive: true, force: true }));

test('the run failed, and its traces are there to be scanned', () => {
  assert.notEqual(run.code, 0, 'the pack is red with the fault on');
  const traces = fs.readdirSync(path.join(run.runDir, 'playwright'), { recursive: true }).map(String).filter((f) => f.endsWith('trace.zip'));
  assert.ok(traces.length >= 3, `every test was traced (${traces.length} traces)`);
  const entries = unzipEntries(fs.readFileSync(path.join(run.runDir, 'playwright', traces[0]!)));
  assert.ok(entries.some((e) => e.name.endsWith('.trace')), 'a trace unzips');
  assert.ok(fs.existsSync(path.join(run.runDir, 'run.log')), 'the terminal log is kept with the run');
});

test('no secret, test password or session token in the run\'s output', () => {
  const hits = scanFolder(run.runDir, needles);
  assert.deepEqual(hits, [], `found:\n${hits.map((h) => `${h.needle} in ${h.file}`).join('\n')}`);
});

test('a planted canary is found (the scan can fail)', () => {
  const copy = fs.mkdtempSync(path.join(out, 'canary-'));
  fs.cpSync(run.runDir, copy, { recursive: true });
  const evidence = fs.readdirSync(path.join(copy, 'evidence'), { recursive: true }).map(String).find((f) => f.endsWith('.json'))!;
  fs.appendFileSync(path.join(copy, 'evidence', evidence), `\n${run.secrets.cronSecret}\n`);
  fs.appendFileSync(path.join(copy, 'summary.md'), `\n${run.secrets.userPassword}\n`);
  const hits = scanFolder(copy, needles);
  assert.ok(hits.some((h) => h.needle === 'CRON_SECRET' && h.file.startsWith('evidence/')), 'the planted cron secret is found');
  assert.ok(hits.some((h) => h.needle === 'test users\' password' && h.file === 'summary.md'), 'the planted password is found');
});
