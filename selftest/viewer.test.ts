/**
 * The witness viewer of a real failed run, opened from disk in Chromium as a person would: the
 * failing pair's ids, its screenshot loaded, its rows shown, the failure's class, repro and defect
 * file, and filters that narrow the pairs to the expected count. No request leaves file://.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium, CHROMIUM_ARGS } from '../witness/browser.js';
import { defectFileName } from '../reports/defect.js';
import { sharedFailedRun, type FailedRun } from './failed-run.js';

let run: FailedRun;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const offDisk: string[] = [];

before(async () => {
  run = await sharedFailedRun();
  browser = await chromium.launch({ executablePath: findChromium().executablePath, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) offDisk.push(r.url());
  });
});

after(async () => {
  await browser?.close();
});

function viewerUrl(hash = ''): string {
  return pathToFileURL(path.join(run.runDir, 'viewer.html')).href + hash;
}

async function shownCount(): Promise<{ label: number; visible: number }> {
  const label = Number(await page.locator('#shown-count').textContent());
  const visible = await page.locator('.pair:visible').count();
  return { label, visible };
}

async function select(filter: string, value: string): Promise<void> {
  await page.locator(`#f-${filter}`).selectOption(value);
}

test('the failed run left viewer.html beside its report', () => {
  assert.equal(run.code, 1, `the fault run is red:\n${run.log}`);
  const f = run.report.failures.find((x) => x.scenarioId === 'UI-001');
  assert.ok(f, `UI-001 failed:\n${run.log}`);
  assert.equal(f.invariantId, 'TENANT-001');
  assert.ok(fs.existsSync(path.join(run.runDir, 'viewer.html')), 'viewer.html written by the reporter');
});

test('the failing pair comes first, with its ids, its screenshot loaded and its rows', async () => {
  await page.goto(viewerUrl());
  const first = page.locator('.pair').first();
  assert.equal(await first.getAttribute('data-status'), 'fail', 'failures first');
  const ids = await first.locator('.pair-ids').textContent();
  assert.match(ids ?? '', /UI-001/);
  assert.match(ids ?? '', /TENANT-001/);
  assert.match((await first.locator('.pair-head').textContent()) ?? '', /Algorithm regression/, 'the class of the failed scenario');
  assert.match((await first.locator('.pair-head').textContent()) ?? '', /org-a/, 'the organization under test');

  const img = first.locator('img.shot');
  const src = await img.getAttribute('src');
  assert.ok(src && !src.startsWith('/') && !src.includes(':'), `the screenshot is referenced relative to the run folder: ${src}`);
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
  const natural = await img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
  assert.ok(natural > 0, 'the screenshot loaded from disk');

  const rows = first.locator('table.rows tbody tr');
  assert.ok((await rows.count()) >= 1, 'the query rows are shown');
  assert.match((await first.locator('pre.sql').textContent()) ?? '', /from bid_windows/, 'the query is shown');
  const foreign = first.locator('ul.shown li.err');
  assert.ok((await foreign.count()) >= 1, 'the page row in error is marked');
  assert.match((await foreign.first().textContent()) ?? '', /Route B.*another organization/);
});

test('the failure names its class, owner, repro, trace and defect file', async () => {
  await page.goto(viewerUrl());
  const f = run.report.failures.find((x) => x.scenarioId === 'UI-001')!;
  const card = page.locator('.failure').first();
  const text = (await card.textContent()) ?? '';
  assert.match(text, /UI-001/);
  assert.match(text, /TENANT-001/);
  assert.match(text, /Algorithm regression/);
  assert.ok(text.includes(f.owner), 'owner');
  assert.ok(text.includes(f.repro), 'repro command');
  assert.ok(f.trace && text.includes(f.trace), 'trace path');
  assert.match(text, /show-trace .*trace\.zip/);
  const href = await card.locator('a.defect-link').getAttribute('href');
  assert.equal(href, `defects/${defectFileName(f)}`);
  assert.ok(fs.existsSync(path.join(run.runDir, href!)), 'the defect file it links exists');
});

test('filters by status and invariant narrow the pairs, combinable, kept in the URL hash', async () => {
  const checks = run.report.scenarios.flatMap((s) => s.checks);
  const has = (c: (typeof checks)[number], id: string) => c.invariantId.split(/[,\s]+/).includes(id);
  const failing = checks.filter((c) => c.verdict === 'fail').length;
  const tenant1Failing = checks.filter((c) => has(c, 'TENANT-001') && c.verdict === 'fail').length;
  const tenant2 = checks.filter((c) => has(c, 'TENANT-002')).length;
  const tenant2Failing = checks.filter((c) => has(c, 'TENANT-002') && c.verdict === 'fail').length;
  assert.ok(tenant1Failing >= 1 && tenant2 > tenant2Failing, 'the run has failing and passing pairs to filter');

  await page.goto(viewerUrl());
  assert.deepEqual(await shownCount(), { label: checks.length, visible: checks.length }, 'every pair shown at first');

  await select('status', 'fail');
  assert.deepEqual(await shownCount(), { label: failing, visible: failing }, 'status=fail');
  assert.match(page.url(), /#.*status=fail/);
  for (const p of await page.locator('.pair:visible').all()) assert.equal(await p.getAttribute('data-status'), 'fail');

  await select('invariant', 'TENANT-001');
  assert.deepEqual(await shownCount(), { label: tenant1Failing, visible: tenant1Failing }, 'status=fail + invariant=TENANT-001');

  await select('invariant', 'TENANT-002');
  assert.deepEqual(await shownCount(), { label: tenant2Failing, visible: tenant2Failing }, 'status=fail + invariant=TENANT-002');
  assert.equal(await page.locator('#no-match').isVisible(), tenant2Failing === 0, 'an empty result says so');

  await select('status', '');
  assert.deepEqual(await shownCount(), { label: tenant2, visible: tenant2 }, 'invariant=TENANT-002 alone');

  // The state survives a reload through the hash.
  await page.goto(viewerUrl('#status=fail&invariant=TENANT-001'));
  assert.equal(await page.locator('#f-status').inputValue(), 'fail');
  assert.equal((await shownCount()).label, tenant1Failing);

  await page.locator('#reset').click();
  assert.equal((await shownCount()).label, checks.length, 'reset shows every pair again');
});

test('database-only checks show their rows alone; the page is self-contained', async () => {
  await page.goto(viewerUrl());
  const dbOnly = page.locator('.pair.db-only').first();
  assert.equal(await dbOnly.locator('img').count(), 0, 'no image for a database-only check');
  assert.ok((await dbOnly.locator('pre.sql').count()) === 1, 'its query is shown');
  const html = fs.readFileSync(path.join(run.runDir, 'viewer.html'), 'utf8');
  assert.doesNotMatch(html, /<(link|script)[^>]+(href|src)=["']?https?:/i, 'no external stylesheet or script');
  assert.equal(html.match(/<\/script>/gi)?.length, html.match(/<script\b/gi)?.length, 'the embedded JSON closes no script early');
  assert.deepEqual(pageErrors, [], 'no script error');
  assert.deepEqual(offDisk, [], 'no request leaves the disk');
});
