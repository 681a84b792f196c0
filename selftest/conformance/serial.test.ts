/**
 * Cron journeys run alone (docs/architecture.md#cron): a journey that takes the `cron` fixture is
 * tagged @serial, so it holds the run lock exclusively (a cron works on every organization); and
 * the cron secret is an option the launcher sets, never read from the environment by a journey.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../witness/launcher/stack.js';
import { journeyFiles } from '../journeys.js';

/** Does the test body destructure the `cron` fixture? */
export function takesCron(source: string): boolean {
  return /async\s*\(\s*\{[^}]*\bcron\b[^}]*\}/.test(source);
}

export function taggedSerial(source: string): boolean {
  return /tag:\s*\[[^\]]*'@serial'/.test(source) || /\btest\([^,]*@serial/.test(source);
}

test('the check itself: it finds cron and the tag where they are, and only there', () => {
  const cronJourney = "test('X-1 t', { tag: ['@serial'] }, async ({ world, cron }) => {});";
  assert.ok(takesCron(cronJourney) && taggedSerial(cronJourney));
  const untagged = "test('X-1 t', async ({ world, cron, witness }) => {});";
  assert.ok(takesCron(untagged) && !taggedSerial(untagged));
  assert.ok(!takesCron("test('X-1 t', async ({ world, witness }) => { /* no cron here */ });"));
});

test('every journey that calls a cron is tagged @serial', () => {
  const untagged = journeyFiles()
    .map((j) => ({ ...j, source: fs.readFileSync(path.join(REPO_ROOT, j.file), 'utf8') }))
    .filter((j) => takesCron(j.source) && !taggedSerial(j.source))
    .map((j) => j.file);
  assert.deepEqual(untagged, [], 'cron journeys without @serial');
});

test('no journey reads CRON_SECRET itself', () => {
  const readers = journeyFiles().filter((j) => /CRON_SECRET|process\.env/.test(fs.readFileSync(path.join(REPO_ROOT, j.file), 'utf8')));
  assert.deepEqual(readers.map((j) => j.file), []);
});
