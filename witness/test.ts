/**
 * What journeys import: `test` and `expect` with the suite's fixtures. One slot (org pair) per
 * parallel index; a reset before each test; actors signed in once per role per slot; the witness.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { setClock } from './hooks.js';
import { writeDbSnapshot } from './snapshot.js';
import { CHECK_ATTACHMENT, evidenceBase } from './evidence.js';
import pg from 'pg';
import { buildSlot, type ActorName, type OrgKey, type Slot, type SlotUser } from '../fixtures/slots.js';
import { resetSlot } from '../fixtures/seed.js';
import { makeWorld, type World } from '../fixtures/builders.js';
import { makePool, probeReachability } from './db.js';
import { openActor, storageStateFor, type Actor } from './actors.js';
import { Witness, WitnessContext } from './witness.js';
import { SignInPage } from '../journeys/pages/SignInPage.js';
import { RequestTrail, runRequestHeaders } from './requests.js';
import { currentStep, enterStep, leaveStep, pendingWait, resetActivity } from './activity.js';
import { ensureRunId } from './run.js';
import { freezeScenarioNow, runIsShifted, scenarioNow } from './time.js';

export { expect };

/** A scenario id is the first word of the test title (design §4). */
export const SCENARIO_RE = /^((?:SCH|BID|NOS|HLT|API|UI|ADV)-\d{3})\b/;

export interface SlotContext {
  slot: Slot;
  pool: pg.Pool;
  password: string;
}

interface WorkerFixtures {
  slotContext: SlotContext;
  lockClient: pg.Client;
}

/** The scenario's "now": real time, unless a @clock journey set the target's clock. */
export interface ScenarioTime {
  fixed: Date | null;
  now(): Date;
}

export interface TargetClock {
  /** Set the target's business clock and every actor browser's clock to this instant (frozen). */
  set(iso: string): Promise<void>;
}

interface TestFixtures {
  scenarioTime: ScenarioTime;
  clock: TargetClock;
  scenarioId: string;
  world: World;
  /** a baseline user by name, or a scenario user a builder made: signed in, with a page and an API context */
  actor: (who: ActorName | SlotUser) => Promise<Actor>;
  witness: Witness;
  signIn: SignInPage;
  /** the org whose behaviour the journey exercises (annotation organizationUnderTest) */
  underTest: (org: OrgKey) => void;
  runLock: void;
  globalInvariants: void;
  failureSnapshot: void;
  /** the x-request-id of every request the test makes, and where each one is recorded */
  trail: RequestTrail;
  /** on a test timeout: the step, the pending wait and whether target and database still answered */
  timeoutProbe: void;
}

/** The actor pages of each running test, so a clock change reaches them all. */
const scenarioPages = new Map<string, Page[]>();

/** One advisory-lock key for the whole suite: journeys share it, serial ones hold it alone. */
const RUN_LOCK_KEY = 6_140_027;
const EXCLUSIVE_TAGS = ['@serial', '@clock'];

function requiredEnv(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`HARNESS-001 ${name} is not set: run the suite through playwright.config.ts (its global setup sets it)`);
  return v;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  slotContext: [
    async ({}, use, workerInfo) => {
      const pool = makePool(requiredEnv('WITNESS_DATABASE_URL'), 3);
      const slot = buildSlot(workerInfo.parallelIndex);
      await use({ slot, pool, password: process.env.WITNESS_PASSWORD || 'test1234' });
      await pool.end();
    },
    { scope: 'worker', box: true },
  ],

  lockClient: [
    async ({}, use) => {
      const client = new pg.Client({ connectionString: requiredEnv('WITNESS_DATABASE_URL') });
      await client.connect();
      await use(client);
      await client.end();
    },
    { scope: 'worker', box: true },
  ],

  /**
   * Every journey holds the run lock while it runs; cron and @clock journeys hold it exclusively,
   * so they never overlap another journey (design §5 "Serial journeys").
   */
  runLock: [
    async ({ lockClient }, use, testInfo) => {
      const exclusive = testInfo.tags.some((t) => EXCLUSIVE_TAGS.includes(t));
      await lockClient.query(exclusive ? 'select pg_advisory_lock($1)' : 'select pg_advisory_lock_shared($1)', [RUN_LOCK_KEY]);
      try {
        await use();
      } finally {
        await lockClient.query(exclusive ? 'select pg_advisory_unlock($1)' : 'select pg_advisory_unlock_shared($1)', [RUN_LOCK_KEY]);
      }
    },
    { auto: true, box: true },
  ],

  /** After each journey, the global invariants on the slot's orgs (design §5 "Invariants"). */
  globalInvariants: [
    async ({ world, witness }, use) => {
      await use();
      await witness.globalInvariants(Object.values(world.slot.orgs).map((o) => o.id), world.slot.orgs.A.label);
    },
    { auto: true, box: true },
  ],

  /** On a failed attempt: the database evidence snapshot next to the check evidence. */
  failureSnapshot: [
    async ({ slotContext, scenarioId }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      const file = `${evidenceBase(scenarioId, testInfo, 99, 'db-snapshot')}.json`;
      const keyEntityIds: Record<string, string> = {};
      for (const a of testInfo.annotations) {
        if (a.type !== 'keyEntityId' || !a.description) continue;
        const i = a.description.indexOf('=');
        keyEntityIds[a.description.slice(0, i)] = a.description.slice(i + 1);
      }
      const offendingRows = testInfo.attachments
        .filter((a) => a.name === CHECK_ATTACHMENT && a.body)
        .map((a) => JSON.parse(a.body!.toString('utf8')) as { verdict: string; checkId: string; invariantId: string; db: { rows: unknown[] } })
        .filter((r) => r.verdict === 'fail')
        .map((r) => ({ checkId: r.checkId, invariantId: r.invariantId, rows: r.db.rows }));
      const orgLabels = Object.fromEntries(Object.values(slotContext.slot.orgs).map((o) => [o.id, o.label]));
      try {
        await writeDbSnapshot(slotContext.pool, file, { scenarioId, orgLabels, keyEntityIds, offendingRows });
        await testInfo.attach('db-snapshot', { path: file, contentType: 'application/json' });
      } catch {
        /* the database may be the reason the test failed; the failure itself says so */
      }
    },
    { auto: true, box: true },
  ],

  /**
   * A test timeout is never Infra/CI by itself (design §5): at the moment it happens, ask the
   * target and the database whether they answer, and note the step and the wait that were
   * pending. The reporter turns this into HARNESS-006 (both answered) or INFRA-001/INFRA-002.
   */
  timeoutProbe: [
    async ({}, use, testInfo) => {
      resetActivity();
      await use();
      if (testInfo.status !== 'timedOut') return;
      const target = requiredEnv('WITNESS_TARGET_URL');
      const scenario = SCENARIO_RE.exec(testInfo.title)?.[1] ?? 'UNKNOWN';
      const probe = await probeReachability(target, requiredEnv('WITNESS_DATABASE_URL'), runRequestHeaders(`timeout probe ${scenario} a${testInfo.retry}`, 'GET', `${target}/sign-in`));
      testInfo.annotations.push({
        type: 'witness-timeout',
        description: JSON.stringify({ step: currentStep(), pending: pendingWait(), probe, timeoutMs: testInfo.timeout }),
      });
    },
    { auto: true, box: true },
  ],

  trail: [
    async ({ scenarioId }, use, testInfo) => {
      const trail = new RequestTrail(ensureRunId(), scenarioId, testInfo.retry);
      await use(trail);
      const file = await trail.flush(`${evidenceBase(scenarioId, testInfo, 98, 'requests')}.json`);
      if (file) await testInfo.attach('requests', { path: file, contentType: 'application/json' });
    },
    { box: true },
  ],

  /**
   * Every browser context of the test (the `page` fixture's too) stamps its requests, and in a
   * run shifted by WITNESS_NOW its clock runs from the scenario's now.
   */
  context: async ({ context, trail }, use) => {
    await trail.attach(context);
    if (runIsShifted()) await context.clock.install({ time: scenarioNow() });
    await use(context);
  },

  baseURL: async ({}, use) => {
    await use(requiredEnv('WITNESS_TARGET_URL'));
  },

  scenarioId: [
    async ({}, use, testInfo) => {
      const m = SCENARIO_RE.exec(testInfo.title);
      const id = m?.[1] ?? 'UNKNOWN';
      testInfo.annotations.push({ type: 'scenarioId', description: id });
      testInfo.annotations.push({ type: 'slot', description: String(testInfo.parallelIndex) });
      await use(id);
    },
    { box: true },
  ],

  underTest: [
    async ({ slotContext }, use, testInfo) => {
      const set = (org: OrgKey) => {
        const label = slotContext.slot.orgs[org].label;
        const existing = testInfo.annotations.find((a) => a.type === 'organizationUnderTest');
        if (existing) existing.description = label;
        else testInfo.annotations.push({ type: 'organizationUnderTest', description: label });
      };
      set('A');
      await use(set);
    },
    { box: true },
  ],

  scenarioTime: [
    async ({}, use) => {
      const t: ScenarioTime = { fixed: null, now: () => t.fixed ?? scenarioNow() };
      await use(t);
    },
    { box: true },
  ],

  /**
   * The target's test clock (design §5 "Time"). Only @clock journeys may use it (they run alone);
   * against a target without one the journey is reported skipped with the reason.
   */
  clock: [
    async ({ scenarioTime, baseURL, actor: _actor }, use, testInfo) => {
      if (!testInfo.tags.includes('@clock')) {
        throw new Error('HARNESS-001 a journey that sets the clock must be tagged @clock, so it never overlaps another journey');
      }
      testInfo.skip(
        process.env.WITNESS_TARGET_HOOKS !== '1',
        'needs the reference target\'s test clock; this target has none (a real Drive, or the reference started with --strict)',
      );
      await use({
        async set(iso) {
          await setClock(baseURL!, iso, true);
          scenarioTime.fixed = new Date(iso);
          freezeScenarioNow(scenarioTime.fixed);
          for (const page of scenarioPages.get(testInfo.testId) ?? []) await page.clock.setFixedTime(scenarioTime.fixed);
        },
      });
      // Back to the run's time: real time, or the run's WITNESS_NOW running on.
      freezeScenarioNow(null);
      await setClock(baseURL!, runIsShifted() ? scenarioNow().toISOString() : null);
    },
    { box: true },
  ],

  world: [
    async ({ slotContext, underTest: _underTest, scenarioTime }, use, testInfo) => {
      const { slot, pool, password } = slotContext;
      try {
        await resetSlot(pool, slot, password);
      } catch (e) {
        throw new Error(`HARNESS-001 reset of slot ${slot.index} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      for (const org of Object.values(slot.orgs)) {
        testInfo.annotations.push({ type: 'keyEntityId', description: `${org.label}.organizationId=${org.id}` });
      }
      const world = makeWorld(
        pool,
        slot,
        {
          key: (name, value) => testInfo.annotations.push({ type: 'keyEntityId', description: `${name}=${value}` }),
          timeSensitive: (why) => {
            if (!testInfo.annotations.some((a) => a.type === 'time-sensitive')) testInfo.annotations.push({ type: 'time-sensitive', description: why });
          },
        },
        () => scenarioTime.now(),
        password,
      );
      await use(world);
    },
    { box: true },
  ],

  actor: [
    async ({ browser, baseURL, slotContext, world: _world, scenarioTime, viewport, locale, timezoneId, serviceWorkers, isMobile, hasTouch, deviceScaleFactor, userAgent, trail }, use, testInfo) => {
      const opened = new Map<string, { actor: Actor; close: () => Promise<void> }>();
      const pages: Page[] = [];
      scenarioPages.set(testInfo.testId, pages);
      const open = async (who: ActorName | SlotUser): Promise<Actor> => {
        const { slot, password } = slotContext;
        const user = typeof who === 'string' ? slot.users[who] : who;
        const have = opened.get(user.id);
        if (have) return have.actor;
        // Baseline users sign in once per run; a scenario user (new every test) signs in for this test.
        const state = await storageStateFor(baseURL!, slot, user, password, trail, user.scenario ? `t${testInfo.testId}-r${testInfo.retry}` : undefined);
        const o = await openActor(browser, baseURL!, { viewport, locale, timezoneId, serviceWorkers, isMobile, hasTouch, deviceScaleFactor, userAgent }, slot, user, state, trail);
        opened.set(user.id, o);
        pages.push(o.actor.page);
        if (scenarioTime.fixed) await o.actor.page.clock.setFixedTime(scenarioTime.fixed);
        testInfo.annotations.push({ type: 'keyEntityId', description: `${user.key}.userId=${user.id}` });
        return o.actor;
      };
      await use((who) => {
        // A journey may start an actor early and await it later (a sign-in overlapping other
        // steps): the promise is awaited there, so it must not count as unhandled meanwhile.
        const p = open(who);
        void p.catch((e: unknown) => e);
        return p;
      });
      for (const o of opened.values()) await o.close();
      scenarioPages.delete(testInfo.testId);
    },
    { box: true },
  ],

  witness: [
    async ({ slotContext, scenarioId, trail }, use, testInfo) => {
      const ctx = new WitnessContext(slotContext.pool, testInfo, scenarioId, trail);
      await use(new Witness(ctx));
      await ctx.flush(); // every screenshot on disk and attached before the reporter reads them
    },
    { box: true },
  ],

  signIn: async ({ page }, use) => {
    await use(new SignInPage(page));
  },
});

/**
 * `test.step` that keeps track of the step the journey is in, so a test timeout can name it.
 * The journeys call it as Playwright's own.
 */
const playwrightStep = test.step.bind(test);
const trackedStep = ((title: string, body: (step: unknown) => unknown, options?: unknown) =>
  playwrightStep(
    title,
    async (step) => {
      enterStep(title);
      try {
        return await body(step);
      } finally {
        leaveStep();
      }
    },
    options as Parameters<typeof playwrightStep>[2],
  )) as typeof test.step;
Object.assign(trackedStep, { skip: test.step.skip });
test.step = trackedStep;
