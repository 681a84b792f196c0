import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnv, requireIntegrationFlag, resolveMode, guardUrls, redactDatabaseUrl } from '../../witness/env.js';
import { foreignTables } from '../../witness/contract/tables.js';

const refusal = (fn: () => unknown, id: string, text: RegExp) => {
  assert.throws(fn, (e: Error) => e.name === 'Refusal' && e.message.startsWith(id) && text.test(e.message) && !e.message.includes('\n'));
};

test('INTEGRATION_TEST must be exactly 1', () => {
  refusal(() => requireIntegrationFlag(parseEnv({})), 'INFRA-004', /INTEGRATION_TEST is unset.*INTEGRATION_TEST=1 pnpm exec playwright test/);
  refusal(() => requireIntegrationFlag(parseEnv({ INTEGRATION_TEST: 'yes' })), 'INFRA-004', /"yes"/);
  assert.doesNotThrow(() => requireIntegrationFlag(parseEnv({ INTEGRATION_TEST: '1' })));
});

test('modes follow the two variables', () => {
  assert.equal(resolveMode(parseEnv({})), 'embedded');
  assert.equal(resolveMode(parseEnv({ DATABASE_URL: 'postgresql://u:p@localhost/x' })), 'reference-on-database');
  assert.equal(resolveMode(parseEnv({ DATABASE_URL: 'postgresql://u:p@localhost/x', WITNESS_BASE_URL: 'http://127.0.0.1:5173' })), 'external');
  refusal(() => resolveMode(parseEnv({ WITNESS_BASE_URL: 'http://127.0.0.1:5173' })), 'INFRA-004', /DATABASE_URL is not/);
});

test('production-looking and non-local URLs are refused', () => {
  refusal(() => guardUrls(parseEnv({ DATABASE_URL: 'postgresql://u:p@prod-db.example.com/drive' })), 'INFRA-004', /prod-db\.example\.com.*production/);
  refusal(() => guardUrls(parseEnv({ DATABASE_URL: 'postgresql://u:p@localhost/drive_production' })), 'INFRA-004', /drive_production/);
  refusal(() => guardUrls(parseEnv({ DATABASE_URL: 'postgresql://u:p@db.internal/drive_test' })), 'INFRA-004', /ALLOW_NONLOCAL_INTEGRATION_DB=1/);
  assert.doesNotThrow(() => guardUrls(parseEnv({ DATABASE_URL: 'postgresql://u:p@db.internal/drive_test', ALLOW_NONLOCAL_INTEGRATION_DB: '1' })));
  refusal(
    () => guardUrls(parseEnv({ DATABASE_URL: 'postgresql://u:p@localhost/t', WITNESS_BASE_URL: 'https://drive.production.example.com' })),
    'INFRA-004',
    /looks like production/,
  );
});

test('a malformed DATABASE_URL is one clear line', () => {
  refusal(() => parseEnv({ DATABASE_URL: 'mysql://x' }), 'INFRA-004', /DATABASE_URL must start with postgresql/);
});

test('redaction hides the password', () => {
  assert.equal(redactDatabaseUrl('postgresql://u:secret@localhost:5432/x'), 'postgresql://u:***@localhost:5432/x');
});

test('tables outside the contract are foreign, drizzle bookkeeping is not', () => {
  assert.deepEqual(foreignTables(['user', 'assignments', '__drizzle_migrations', 'drizzle_x', 'payments']), ['payments']);
});

test('a headed run is told by the runner and passed on to its workers in the environment', async () => {
  const { headedRun } = await import('../../witness/browser.js');
  const env: NodeJS.ProcessEnv = {};
  assert.equal(headedRun(['node', 'playwright', 'test', '--headed'], env), true);
  assert.equal(env.WITNESS_HEADED, '1');
  assert.equal(headedRun(['node', 'worker'], env), true, 'a worker, whose argv has no --headed, follows the runner');
  const quiet: NodeJS.ProcessEnv = {};
  assert.equal(headedRun(['node', 'playwright', 'test', '--grep', 'UI-'], quiet), false);
  assert.equal(quiet.WITNESS_HEADED, '0');
  assert.equal(headedRun(['node', 'playwright', 'test'], { PWDEBUG: '1' }), true);
  assert.equal(headedRun(['node', 'playwright', 'test', '--ui'], {}), true);
});
