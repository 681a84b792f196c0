/**
 * What the journey is doing right now (docs/architecture.md#classes): the test steps it is in and
 * the wait it is pending on. A test timeout names both, and a wait that times out fails with
 * HARNESS-004 naming what it waited for instead of a bare Playwright timeout. One record per test,
 * found through the running test's TestInfo (page objects and steps need no handle to pass on).
 */
import { test, type TestInfo } from '@playwright/test';
import { InvariantError } from './failure.js';

class Activity {
  readonly steps: string[] = [];
  /** the waits in progress, innermost last */
  readonly pending: string[] = [];
  /** the last step that was entered, kept after it ends (a timeout may hit between steps) */
  lastStep: string | null = null;
  /** set once the test timed out: the unwinding that follows must not erase what was running */
  private frozen = false;

  constructor(private readonly info: TestInfo) {}

  /** After a test timeout Playwright closes the pages, which rejects the pending waits: keep the picture. */
  frozenByTimeout(): boolean {
    if (!this.frozen) this.frozen = this.info.status === 'timedOut';
    return this.frozen;
  }
}

const byTest = new WeakMap<TestInfo, Activity>();

/** The running test's activity; null outside a test (a self-test calling a page object). */
function activity(): Activity | null {
  let info: TestInfo;
  try {
    info = test.info();
  } catch {
    return null;
  }
  let a = byTest.get(info);
  if (!a) byTest.set(info, (a = new Activity(info)));
  return a;
}

export function enterStep(title: string): void {
  const a = activity();
  if (!a) return;
  a.steps.push(title);
  a.lastStep = title;
}

export function leaveStep(): void {
  const a = activity();
  if (a && !a.frozenByTimeout()) a.steps.pop();
}

/** `"outer" › "inner"`, or the last step entered, or null before the first step. */
export function currentStep(): string | null {
  const a = activity();
  if (!a) return null;
  if (a.steps.length) return a.steps.map((s) => `"${s}"`).join(' › ');
  return a.lastStep ? `after "${a.lastStep}"` : null;
}

export function pendingWait(): string | null {
  return activity()?.pending.at(-1) ?? null;
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
  const a = activity();
  a?.pending.push(what);
  try {
    return await fn();
  } catch (e) {
    if (!isPlaywrightTimeout(e) || e instanceof InvariantError) throw e;
    const at = where ? ` on ${where.url()}` : '';
    throw new InvariantError('HARNESS-004', `timed out waiting for ${what}${at}`, { details: { playwright: firstLine((e as Error).message) } });
  } finally {
    if (a && !a.frozenByTimeout()) a.pending.pop();
  }
}
