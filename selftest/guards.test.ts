/**
 * The guards (docs/architecture.md#guards), tried as a user would, through the bare Playwright form: each refusal
 * is one clear line, a non-zero exit, and nothing written (no run folder, no table).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { cleanEnv, runPlaywright, tempOut } from './helpers.js';
import { startEmbeddedPostgres } from '../witness/launcher/stack.js';
import { makePool, listPublicTables } from '../witness/db.js';

const out = tempOut('guards');
after(() => fs.rmSync(out, { recursive: true, force: true }));

function assertRefused(r: { code: number; out: string }, id: string, text: RegExp): void {
  assert.notEqual(r.code, 0, 'a refusal exits non-zero');
  const lines = r.out.split('\n').filter((l) => l.includes(id));
  assert.equal(lines.length, 1, `exactly one line names ${id}:\n${r.out}`);
  assert.match(lines[0]!, text);
  assert.doesNotMatch(r.out, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace');
  assert.deepEqual(fs.readdirSync(out), [], 'nothing written to the output folder');
}

test('INTEGRATION_TEST unset is refused before anything starts', async () => {
  const r = await runPlaywright(['--grep', 'UI-'], cleanEnv({ WITNESS_OUT: out }));
  assertRefused(r, 'INFRA-004', /INTEGRATION_TEST is unset.*INTEGRATION_TEST=1 pnpm exec playwright test/);
});

test('a DATABASE_URL on host prod-db.example.com is refused', async () => {
  const r = await runPlaywright([], cleanEnv({ WITNESS_OUT: out, INTEGRATION_TEST: '1', DATABASE_URL: 'postgresql://u:p@prod-db.example.com:5432/drive' }));
  assertRefused(r, 'INFRA-004', /prod-db\.example\.com.*production/);
});

test('WITNESS_BASE_URL without DATABASE_URL is refused', async () => {
  const r = await runPlaywright([], cleanEnv({ WITNESS_OUT: out, INTEGRATION_TEST: '1', WITNESS_BASE_URL: 'http://127.0.0.1:9' }));
  assertRefused(r, 'INFRA-004', /WITNESS_BASE_URL is set but DATABASE_URL is not/);
});

test('a database holding a table outside the contract is refused and left untouched', async () => {
  const db = await startEmbeddedPostgres('guard_integration');
  try {
    const pool = makePool(db.url, 1);
    await pool.query('create table payments (id int primary key)');
    const r = await runPlaywright([], cleanEnv({ WITNESS_OUT: out, INTEGRATION_TEST: '1', DATABASE_URL: db.url }));
    assertRefused(r, 'SCHEMA-002', /holds table outside the Drive contract \(payments\)/);
    assert.deepEqual(await listPublicTables(pool), ['payments'], 'no table was created');
    await pool.end();
  } finally {
    await db.stop();
  }
});
