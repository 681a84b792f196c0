/**
 * The context every check of a test shares: the database pool, the test, its scenario id and its
 * request trail; it writes each check's evidence record (docs/architecture.md#witness-checks).
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type pg from 'pg';
import type { Slot, SlotUser } from '../fixtures/slots.js';
import type { ScenarioClock } from './time.js';
import { evidenceBase, outlinedScreenshot, recordCheck, relToRun, type CheckRecord, type Outline } from './evidence.js';
import { InvariantError } from './failure.js';
import type { RequestTrail } from './requests.js';
import { currentStep, isPlaywrightTimeout } from './activity.js';

/** How long a check keeps re-reading a page or the database that does not match yet, and how often. */
export const SETTLE_MS = 4_000;
const SETTLE_POLL_MS = 250;

export class WitnessContext {
  private seq = 0;
  readonly pool: pg.Pool;
  readonly slot: Slot;
  readonly testInfo: TestInfo;
  readonly scenarioId: string;
  readonly trail: RequestTrail;
  readonly clock: ScenarioClock;

  constructor(parts: { pool: pg.Pool; slot: Slot; testInfo: TestInfo; scenarioId: string; trail: RequestTrail; clock: ScenarioClock }) {
    ({ pool: this.pool, slot: this.slot, testInfo: this.testInfo, scenarioId: this.scenarioId, trail: this.trail, clock: this.clock } = parts);
  }

  /** the scenario's now (docs/architecture.md#time) */
  now(): Date {
    return this.clock.now();
  }

  /** the report label of a user's organization (org-a, org-b…) */
  orgLabel(user: SlotUser): string {
    return this.slot.orgs[user.org].label;
  }

  /**
   * Run a check as a boxed step of the journey: it shows in the trace and the report under its
   * title, and a failure inside points at the spec line that called it, not at the witness.
   * Playwright takes that line from the async call stack, one frame above the step's caller: so
   * this stays a plain function and each public check is an `async` method that awaits it
   * directly (its frame is the one skipped; the spec's is next).
   */
  check<T>(title: string, body: () => Promise<T>): Promise<T> {
    return test.step(title, body, { box: true });
  }

  /**
   * Read until the reading is right, within `ms` (a page or a row may settle a moment after the
   * action that changes it); the last reading is the verdict, right or wrong. A reading `final`
   * calls wrong for good (no later reading could undo it, e.g. another organization's row on the
   * page) ends the wait at once.
   */
  async settle<T>(read: () => Promise<T>, ok: (reading: T) => boolean, ms = SETTLE_MS, final?: (reading: T) => boolean): Promise<T> {
    let last = await read();
    const done = (r: T) => ok(r) || Boolean(final?.(r));
    if (done(last)) return last;
    try {
      await expect.poll(async () => done((last = await read())), { timeout: ms, intervals: [SETTLE_POLL_MS] }).toBe(true);
    } catch (e) {
      if (!isPlaywrightTimeout(e)) throw e; // still wrong after settling: the last reading is the finding
    }
    return last;
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** screenshots still being drawn and written (awaited by `flush`) */
  private readonly shots: Promise<unknown>[] = [];

  /** Every screenshot written and attached; HARNESS-003 for the first that could not be. */
  async flush(): Promise<void> {
    const results = await Promise.allSettled(this.shots.splice(0, this.shots.length));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** A check starts: the requests it makes carry its name (and land in its evidence record). */
  async begin(checkId: string): Promise<void> {
    await this.trail.name(checkId, this.seq + 1);
  }

  /**
   * Record one check: its rows file (and, with `shot`, the outlined screenshot) under evidence/,
   * attached to the test with the verdict. Returns the rows file, relative to the run folder.
   */
  async record(c: {
    checkId: string;
    invariantId: string;
    org: string;
    /** 'not-evaluated': the check could not be judged (a refusal whose positive control failed) */
    ok: boolean | 'not-evaluated';
    summary: string;
    /** what identifies this check across runs (witness/signature.ts) */
    signature: string;
    db: CheckRecord['db'];
    notEvaluated?: CheckRecord['notEvaluated'];
    actor?: CheckRecord['actor'];
    page?: CheckRecord['page'];
    diff?: CheckRecord['diff'];
    shot?: { page: Page; outlines: Outline[] };
  }): Promise<string> {
    const seq = this.nextSeq();
    const base = evidenceBase(this.scenarioId, this.testInfo, seq, c.checkId);
    const requests = await this.trail.take();
    let screenshot: string | undefined;
    if (c.shot) {
      const file = `${base}.png`;
      try {
        const { written } = await outlinedScreenshot(c.shot.page, c.shot.outlines, file);
        this.shots.push(
          written.then(
            () => this.testInfo.attach(`${c.checkId}: screenshot`, { path: file, contentType: 'image/png' }),
            (e: Error) => {
              throw new InvariantError('HARNESS-003', `could not write the screenshot for ${c.checkId}: ${e.message}`);
            },
          ),
        );
        screenshot = file;
      } catch (e) {
        throw new InvariantError('HARNESS-003', `could not capture the screenshot for ${c.checkId}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const record: CheckRecord = {
      seq,
      checkId: c.checkId,
      scenarioId: this.scenarioId,
      invariantId: c.invariantId,
      verdict: c.ok === 'not-evaluated' ? 'not-evaluated' : c.ok ? 'pass' : 'fail',
      signature: c.signature,
      notEvaluated: c.notEvaluated,
      organizationUnderTest: c.org,
      actor: c.actor,
      page: c.page,
      db: c.db,
      diff: c.diff,
      summary: c.summary,
      screenshot: screenshot ? relToRun(screenshot) : undefined,
      rowsFile: relToRun(`${base}.json`),
      requests,
      at: new Date().toISOString(),
    };
    await recordCheck(this.testInfo, record);
    // What follows until the next check (an action of a step) is named after the step it is in.
    await this.trail.name(currentStep() ?? `after-${c.checkId}`, seq + 1);
    return record.rowsFile;
  }
}
