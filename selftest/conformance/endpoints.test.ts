/**
 * The endpoint catalog (witness/contract/endpoints.ts) and the routes the reference serves agree
 * both ways, read over HTTP from its test hook (the suite imports nothing from target/): every entry
 * is served, and every served API route is an entry or one of the catalog's exclusions.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, type Launched } from '../../witness/launcher/launch.js';
import { ENDPOINTS, isExcluded, routeKey } from '../../witness/contract/endpoints.js';
import { cleanEnv } from '../helpers.js';

let stack: Launched;

before(async () => {
  process.env.WITNESS_QUIET = '1';
  stack = await launch({ env: cleanEnv({ INTEGRATION_TEST: '1' }) });
});

after(async () => {
  await stack.teardown();
});

test('the catalog: one entry per method and path, every path parameter named as an id, no excluded path', () => {
  const keys = ENDPOINTS.map((e) => routeKey(e.method, e.path));
  assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), [], 'entries listed twice');
  for (const e of ENDPOINTS) {
    assert.ok(!isExcluded(e.path), `${e.method} ${e.path} is excluded from the catalog`);
    const params = [...e.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((n) => n !== 'weekStart');
    const named = (e.ids ?? []).filter((f) => f.in === 'path').map((f) => f.name);
    assert.deepEqual(named.sort(), params.sort(), `${e.method} ${e.path}: each path id is in ids, and only those`);
    if (e.kind === 'id-bearing') assert.ok(e.ids?.length, `${e.method} ${e.path} is id-bearing: it names its ids`);
  }
});

test('the reference serves every catalog entry, and every API route it serves is in the catalog or excluded', async () => {
  const res = await fetch(new URL('/__witness/routes', stack.baseUrl));
  assert.equal(res.status, 200);
  const { routes } = (await res.json()) as { routes: { method: string; path: string }[] };
  const served = new Set(routes.filter((r) => !isExcluded(r.path)).map((r) => routeKey(r.method, r.path)));
  const listed = new Set(ENDPOINTS.map((e) => routeKey(e.method, e.path)));
  assert.deepEqual([...listed].filter((k) => !served.has(k)).sort(), [], 'catalog entries the reference does not serve');
  assert.deepEqual([...served].filter((k) => !listed.has(k)).sort(), [], 'served API routes missing from the catalog');
});
