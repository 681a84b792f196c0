/**
 * No secrets in artifacts (design §5 "Secrets"): a failing pack runs with traces on, against the
 * reference on a database whose secrets this test knows; its whole output folder (traces unzipped)
 * must hold no CRON_SECRET, BETTER_AUTH_SECRET or database password, and the report, summary,
 * defects, evidence rows and logs no test password or session token. A planted canary proves the
 * scan can fail.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { cleanEnv, runPlaywright, tempOut } from './helpers.js';
import { startEmbeddedPostgres, type EmbeddedDb } from '../witness/launcher/stack.js';
import { makePool } from '../witness/db.js';
import { scanFolder, unzipEntries, type Needle } from './secret-scan.js';

const out = tempOut('secrets');
let db: EmbeddedDb;
const cronSecret = `cron-${crypto.randomBytes(12).toString('hex')}`;
const authSecret = `auth-${crypto.randomBytes(16).toString('hex')}`;
const password = `pw-${crypto.randomBytes(6).toString('hex')}`;
let needles: Needle[] = [];
let runDir = '';

before(async () => {
  process.env.WITNESS_QUIET = '1';
  db = await startEmbeddedPostgres('secrets_integration');
  const r = await runPlaywright(
    ['--retries', '0', '--trace', 'on'],
    cleanEnv({
      INTEGRATION_TEST: '1',
      DATABASE_URL: db.url,
      BETTER_AUTH_SECRET: authSecret,
      CRON_SECRET: cronSecret,
      WITNESS_PASSWORD: password,
      WITNESS_FAULTS: 'bids-available-cross-org',
      WITNESS_OUT: out,
    }),
  );
  assert.notEqual(r.code, 0, 'the pack is red with the fault on');
  assert.ok(r.runDir && r.report, `a report was written:\n${r.out.slice(-2000)}`);
  runDir = r.runDir!;
  fs.writeFileSync(path.join(runDir, 'run.log'), r.out); // the terminal log is an artifact too
  const pool = makePool(db.url, 1);
  const tokens = (await pool.query<{ token: string }>('select token from session')).rows.map((x) => x.token);
  await pool.end();
  assert.ok(tokens.length > 0, 'sessions were created, so tokens are searched for');
  needles = [
    { name: 'CRON_SECRET', value: cronSecret, scope: 'everywhere' },
    { name: 'BETTER_AUTH_SECRET', value: authSecret, scope: 'everywhere' },
    { name: 'database password', value: db.password, scope: 'everywhere' },
    { name: 'test users\' password', value: password, scope: 'reports' },
    ...tokens.map((t, i) => ({ name: `session token #${i + 1}`, value: t, scope: 'reports' as const })),
  ];
});

after(async () => {
  await db?.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

test('the traces are there to be scanned', () => {
  const traces = fs.readdirSync(path.join(runDir, 'playwright'), { recursive: true }).map(String).filter((f) => f.endsWith('trace.zip'));
  assert.ok(traces.length > 0, 'traces were written');
  const entries = unzipEntries(fs.readFileSync(path.join(runDir, 'playwright', traces[0]!)));
  assert.ok(entries.some((e) => e.name.endsWith('.trace')), 'a trace unzips');
});

test('no secret, test password or session token in the run\'s output', () => {
  const hits = scanFolder(runDir, needles);
  assert.deepEqual(hits, [], `found:\n${hits.map((h) => `${h.needle} in ${h.file}`).join('\n')}`);
});

test('a planted canary is found (the scan can fail)', () => {
  const copy = fs.mkdtempSync(path.join(out, 'canary-'));
  fs.cpSync(runDir, copy, { recursive: true });
  const evidence = fs.readdirSync(path.join(copy, 'evidence'), { recursive: true }).map(String).find((f) => f.endsWith('.json'))!;
  fs.appendFileSync(path.join(copy, 'evidence', evidence), `\n${cronSecret}\n`);
  fs.appendFileSync(path.join(copy, 'summary.md'), `\n${password}\n`);
  const hits = scanFolder(copy, needles);
  assert.ok(hits.some((h) => h.needle === 'CRON_SECRET' && h.file.startsWith('evidence/')), 'the planted cron secret is found');
  assert.ok(hits.some((h) => h.needle === 'test users\' password' && h.file === 'summary.md'), 'the planted password is found');
});
