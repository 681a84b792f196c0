/**
 * What the journey is doing right now (design §5 "Retries and classes"): the test steps it is in
 * and the wait it is pending on. A test timeout names both, and a wait that times out fails with
 * HARNESS-004 naming what it waited for instead of a bare Playwright timeout. One test runs at a
 * time in a worker, so one record per worker process is enough.
 */
import { test } from '@playwright/test';
import { InvariantError } from './failure.js';

interface Activity {
  steps: string[];
  /** the waits in progress, innermost last */
  pending: string[];
  /** the last step that was entered, kept after it ends (a timeout may hit between steps) */
  lastStep: string | null;
  /** set once the test timed out: the unwinding that follows must not erase what was running */
  frozen: boolean;
}

const activity: Activity = { steps: [], pending: [], lastStep: null, frozen: false };

export function resetActivity(): void {
  activity.steps = [];
  activity.pending = [];
  activity.lastStep = null;
  activity.frozen = false;
}

/** After a test timeout Playwright closes the pages, which rejects the pending waits: keep the picture. */
function frozenByTimeout(): boolean {
  if (activity.frozen) return true;
  try {
    activity.frozen = test.info().status === 'timedOut';
  } catch {
    /* outside a test */
  }
  return activity.frozen;
}

export function enterStep(title: string): void {
  activity.steps.push(title);
  activity.lastStep = title;
}

export function leaveStep(): void {
  if (!frozenByTimeout()) activity.steps.pop();
}

/** `"outer" › "inner"`, or the last step entered, or null before the first step. */
export function currentStep(): string | null {
  if (activity.steps.length) return activity.steps.map((s) => `"${s}"`).join(' › ');
  return activity.lastStep ? `after "${activity.lastStep}"` : null;
}

export function pendingWait(): string | null {
  return activity.pending.at(-1) ?? null;
}

/**
 * Playwright's own timeouts: an action, a navigation or a wait (`TimeoutError`, `Timeout 500ms
 * exceeded`), a web-first assertion that did not come true in time (its message carries a
 * `Timeout: 500ms` line) or an `expect.poll` (`Timeout 500ms exceeded while waiting on the predicate`).
 */
export function isPlaywrightTimeout(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  // eslint-disable-next-line no-control-regex
  const m = e.message.replace(/\u001b\[[0-9;]*m/g, '');
  return e.name === 'TimeoutError' || /Timeout \d+ms exceeded|Timed out \d+ms waiting for/.test(m) || /^\s*Timeout:\s+\d+ms\s*$/m.test(m);
}

function firstLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return (s.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '').trim().slice(0, 300);
}

/**
 * Run a wait (or an action that waits) under a name. A Playwright timeout inside becomes
 * HARNESS-004 naming what was awaited, on which page; any other error passes through unchanged.
 */
export async function waitFor<T>(what: string, fn: () => Promise<T>, where?: { url(): string }): Promise<T> {
  activity.pending.push(what);
  try {
    return await fn();
  } catch (e) {
    if (!isPlaywrightTimeout(e) || e instanceof InvariantError) throw e;
    const at = where ? ` on ${where.url()}` : '';
    throw new InvariantError('HARNESS-004', `timed out waiting for ${what}${at}`, { details: { playwright: firstLine((e as Error).message) } });
  } finally {
    if (!frozenByTimeout()) activity.pending.pop();
  }
}
