/**
 * Ctrl-C during a run leaves no PostgreSQL process and no temporary folder: the terminal's SIGINT
 * goes to the whole process group, as a person's Ctrl-C does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execSync } from 'node:child_process';
import fs from 'node:fs';
import { cleanEnv, PLAYWRIGHT_CLI, tempOut } from './helpers.js';
import { REPO_ROOT } from '../witness/launcher/stack.js';

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

function processesMentioning(text: string): string[] {
  return execSync('ps -eo pid,args', { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(text) && !l.includes('ps -eo'));
}

test('Ctrl-C during a run stops PostgreSQL and removes its folder', async () => {
  const out = tempOut('interrupt');
  const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', '--workers', '2'], {
    cwd: REPO_ROOT,
    env: cleanEnv({ INTEGRATION_TEST: '1', WITNESS_OUT: out }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, like a terminal job
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  assert.ok(await until(() => /\[witness\] run .*output in/.test(log), 60_000), `the run started:\n${log}`);
  const pgDir = /starting embedded PostgreSQL in (\S+)/.exec(log)?.[1];
  assert.ok(pgDir && fs.existsSync(pgDir), 'the embedded PostgreSQL folder exists during the run');
  assert.ok(processesMentioning(pgDir).length > 0, 'postgres runs');
  process.kill(-child.pid!, 'SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([exited, new Promise<string>((r) => (timer = setTimeout(() => r('timeout'), 60_000)))]);
  clearTimeout(timer);
  assert.notEqual(code, 'timeout', 'the run stopped after Ctrl-C');
  assert.ok(await until(() => processesMentioning(pgDir).length === 0 && !fs.existsSync(pgDir), 20_000), `no postgres process, no folder left:\n${processesMentioning(pgDir).join('\n')}`);
  fs.rmSync(out, { recursive: true, force: true });
});
