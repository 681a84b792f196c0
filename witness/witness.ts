/**
 * The witness: checks that compare what a user sees with what PostgreSQL holds, each leaving a
 * paired piece of evidence and failing with the invariant id it guards.
 */
import type { Locator, Page, TestInfo } from '@playwright/test';
import type pg from 'pg';
import type { Actor } from './actors.js';
import type { Shift } from '../fixtures/builders.js';
import type { SlotUser } from '../fixtures/slots.js';
import { compareMultisets, isEmptyDiff, type MultisetDiff } from './multiset.js';
import { evidenceBase, outlinedScreenshot, recordCheck, relToRun, type CheckRecord, type Outline } from './evidence.js';
import { InvariantError, reportViolation } from './failure.js';
import { namedSignature, pageSignature } from './signature.js';
import * as probe from './probe.js';
import { scenarioNow, torontoDate, torontoInstant } from './time.js';
import { routeDayKey, type Vocabulary } from '../journeys/pages/parse.js';
import { AuthWitness } from './auth.js';
import { ApiWitness } from './api.js';
import { checkGlobalInvariants } from './invariants/global.js';
import type { RequestTrail } from './requests.js';
import { currentStep, isPlaywrightTimeout } from './activity.js';
import { expect } from '@playwright/test';

interface PageRow {
  key: string;
  /** the org the row belongs to, when the database can tell */
  organizationId: string | null;
  text?: string;
}

interface ListSpec {
  checkId: string;
  path: string;
  open(actor: Actor): Promise<void>;
  /** the list's loaded state on the page as it is (no navigation) */
  waitLoaded(actor: Actor): Promise<void>;
  root(actor: Actor): Locator;
  readPage(actor: Actor): Promise<PageRow[]>;
  expected(actor: Actor): Promise<{ result: probe.ProbeResult<unknown>; keys: string[] }>;
  /** does this page/database key stand for that shift? */
  matches(key: string, shift: Shift): boolean;
  /** how the shift reads in messages */
  describe(shift: Shift): string;
  rowLocator(actor: Actor, key: string): Locator | null;
}

export class WitnessContext {
  private seq = 0;
  constructor(
    readonly pool: pg.Pool,
    readonly testInfo: TestInfo,
    readonly scenarioId: string,
    readonly trail: RequestTrail,
  ) {}

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

export class ListWitness {
  private readonly shows: Shift[] = [];
  private readonly lacks: Shift[] = [];

  constructor(
    private readonly ctx: WitnessContext,
    private readonly spec: ListSpec,
    private readonly actor: Actor,
  ) {}

  /** The list must show this row (and the database must hold it). */
  showing(shift: Shift): this {
    this.shows.push(shift);
    return this;
  }

  /** The list must not show this row; checked only once the list has loaded. */
  lacking(shift: Shift): this {
    this.lacks.push(shift);
    return this;
  }

  /** One reading of the page against the database, and what is wrong with it. */
  private async compare(): Promise<Comparison> {
    const { spec, actor } = this;
    const shown = await spec.readPage(actor);
    const { result, keys: dbKeys } = await spec.expected(actor);
    const pageKeys = shown.map((r) => r.key);
    const diff: MultisetDiff = compareMultisets(pageKeys, dbKeys);
    const foreign = shown.filter((r) => r.organizationId !== null && r.organizationId !== actor.org.id);
    const onPage = (s: Shift) => pageKeys.filter((k) => spec.matches(k, s));
    const missingTargets = this.shows.filter((s) => onPage(s).length === 0);
    const presentForbidden = this.lacks.filter((s) => onPage(s).length > 0);
    let invariantId = 'WITNESS-001';
    const problems: string[] = [];
    if (foreign.length) {
      invariantId = 'TENANT-001';
      problems.push(`${foreign.length} row(s) of another organization: ${foreign.map((f) => f.key).join('; ')}`);
    }
    const kinds: string[] = [];
    if (presentForbidden.length) (problems.push(`shows what it must not: ${presentForbidden.map((s) => spec.describe(s)).join('; ')}`), kinds.push('forbidden'));
    if (missingTargets.length) (problems.push(`does not show: ${missingTargets.map((s) => spec.describe(s)).join('; ')}`), kinds.push('unshown'));
    if (diff.missing.length) (problems.push(`missing vs database: ${diff.missing.join('; ')}`), kinds.push('missing'));
    if (diff.extra.length && !foreign.length) (problems.push(`extra vs database: ${diff.extra.join('; ')}`), kinds.push('extra'));
    if (diff.duplicated.length) (problems.push(`shown twice: ${diff.duplicated.join('; ')}`), kinds.push('duplicated'));
    return { shown, pageKeys, dbKeys, result, diff, foreign, onPage, presentForbidden, invariantId, problems, kinds, ok: problems.length === 0 && isEmptyDiff(diff) };
  }

  /**
   * Compare the page with the database as multisets, record the pair, fail with an id. The page
   * is opened first, or with `inPlace` read as it stands after an action (once loaded). A client
   * may still be rendering a moment after its loaded signal (a row removed, a chip updated): the
   * reading is repeated for up to `settleMs` until it matches, and the last reading is the verdict.
   */
  async matchesDb(opts: { inPlace?: boolean; settleMs?: number } = {}): Promise<void> {
    const { ctx, spec, actor } = this;
    await ctx.begin(spec.checkId);
    if (opts.inPlace) await spec.waitLoaded(actor);
    else await spec.open(actor);
    let c = await this.compare();
    if (!c.ok) {
      try {
        await expect
          .poll(async () => (c = await this.compare()).ok, { timeout: opts.settleMs ?? SETTLE_MS, intervals: [SETTLE_POLL_MS] })
          .toBe(true);
      } catch (e) {
        if (!isPlaywrightTimeout(e)) throw e; // still different after settling: the last reading is the finding
      }
    }
    const { shown, pageKeys, dbKeys, result, diff, foreign, onPage, presentForbidden, invariantId, problems, ok } = c;

    const outlines: Outline[] = [{ locator: spec.root(actor), tone: 'checked' }];
    for (const s of this.shows) {
      for (const k of onPage(s)) {
        const l = spec.rowLocator(actor, k);
        if (l) outlines.push({ locator: l, tone: 'expected' });
      }
    }
    for (const k of [...diff.extra, ...diff.duplicated, ...presentForbidden.flatMap((s) => onPage(s))]) {
      const l = spec.rowLocator(actor, k);
      if (l) outlines.push({ locator: l, tone: 'error' });
    }
    const summary = ok
      ? `${spec.path} of ${actor.user.email} shows exactly the ${dbKeys.length} row(s) the database holds`
      : `${spec.path} of ${actor.user.email} (${actor.org.label}) ${problems.join(' | ')}`;
    // The kind of row in error names the failure across runs: which rows is the evidence's job.
    const rowKind = ok ? undefined : [foreign.length ? 'foreign' : '', c.kinds.join('+')].filter(Boolean).join('+');
    const signature = pageSignature(invariantId, spec.path, spec.checkId, rowKind);
    const rowsFile = await ctx.record({
      checkId: spec.checkId,
      invariantId,
      org: actor.org.label,
      ok,
      summary,
      signature,
      actor: { name: actor.name, id: actor.user.id, org: actor.org.label },
      page: { url: actor.page.url(), shown },
      db: { query: result.query, params: result.params, rows: result.rows },
      diff: { ...diff, shows: this.shows.map((s) => spec.describe(s)), lacks: this.lacks.map((s) => spec.describe(s)), foreign },
      shot: { page: actor.page, outlines },
    });
    if (!ok) {
      reportViolation(
        new InvariantError(invariantId, summary, {
          signature,
          entities: [...diff.extra, ...diff.missing, ...diff.duplicated],
          evidenceFile: rowsFile,
          details: { page: pageKeys, screenshot: rowsFile.replace(/\.json$/, '.png') },
          rows: result.rows,
        }),
      );
    }
  }
}

/** How long a list check keeps re-reading a page that does not match yet, and how often. */
const SETTLE_MS = 4_000;
const SETTLE_POLL_MS = 250;

interface Comparison {
  shown: PageRow[];
  pageKeys: string[];
  dbKeys: string[];
  result: probe.ProbeResult<unknown>;
  diff: MultisetDiff;
  foreign: PageRow[];
  onPage: (s: Shift) => string[];
  presentForbidden: Shift[];
  invariantId: string;
  problems: string[];
  /** the kinds of row in error: forbidden, unshown, missing, extra, duplicated */
  kinds: string[];
  ok: boolean;
}

/** Checks on the database alone (no page), with the rows as evidence. */
export class DbWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private async record(
    checkId: string,
    invariantId: string,
    org: string,
    ok: boolean,
    summary: string,
    db: { query: string; params: unknown[]; rows: unknown[] },
    entities: string[] = [],
  ): Promise<void> {
    const signature = namedSignature(invariantId, 'db', checkId);
    const rowsFile = await this.ctx.record({ checkId, invariantId, org, ok, summary, signature, db });
    if (!ok) reportViolation(new InvariantError(invariantId, summary, { signature, entities, evidenceFile: rowsFile, rows: db.rows }));
  }

  /** ASSIGN-001: the assignment has this status and this driver (null = none). */
  async assignmentIs(shift: Shift, expected: { status: string; user: SlotUser | null }): Promise<void> {
    const { queries, state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
    const a = state.assignment;
    const want = expected.user?.id ?? null;
    const ok = a !== null && a.status === expected.status && (a.user_id ?? null) === want;
    await this.record(
      'assignment-state',
      'ASSIGN-001',
      shift.org.label,
      ok,
      ok
        ? `assignment ${shift.assignmentId} is ${expected.status} held by ${want ?? 'nobody'}`
        : `assignment ${shift.assignmentId} (${shift.org.label}) should be ${expected.status} held by ${want ?? 'nobody'}, is ${a ? `${String(a.status)} held by ${String(a.user_id ?? 'nobody')}` : 'missing'}`,
      { query: queries[0]!, params: [shift.assignmentId], rows: a ? [a] : [] },
    );
  }

  /** ASSIGN-002: the shift's window is resolved with `winner`, and exactly one bid, the winner's, is won. */
  async windowWonBy(shift: Shift, winner: SlotUser): Promise<void> {
    const { queries, state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
    const w = state.windows.find((x) => x.id === shift.bidWindowId);
    const won = state.bids.filter((b) => b.bid_window_id === shift.bidWindowId && b.status === 'won');
    const ok = !!w && w.status === 'resolved' && w.winner_id === winner.id && won.length === 1 && won[0]!.user_id === winner.id;
    await this.record(
      'window-winner',
      'ASSIGN-002',
      shift.org.label,
      ok,
      ok
        ? `bid window ${shift.bidWindowId} resolved, winner ${winner.id}, one won bid`
        : `bid window ${shift.bidWindowId} (${shift.org.label}) should be resolved with winner ${winner.id} and one won bid; is ${w ? `${String(w.status)} winner ${String(w.winner_id ?? 'none')}` : 'missing'} with ${won.length} won bid(s) by [${won.map((b) => String(b.user_id)).join(', ')}]`,
      { query: `${queries[1]}; ${queries[2]}`, params: [shift.assignmentId], rows: [...(w ? [w] : []), ...state.bids] },
    );
  }

  /** Take a snapshot of a shift's rows, to prove later that nothing touched them. */
  async snapshot(shift: Shift): Promise<{ shift: Shift; state: probe.AssignmentState }> {
    const { state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
    return { shift, state };
  }

  /** TENANT-006: the other org's rows are exactly as they were. */
  async unchanged(before: { shift: Shift; state: probe.AssignmentState }): Promise<void> {
    const { queries, state } = await probe.assignmentState(this.ctx.pool, before.shift.assignmentId);
    const was = JSON.stringify(before.state);
    const now = JSON.stringify(state);
    const ok = was === now;
    await this.record(
      'other-org-untouched',
      'TENANT-006',
      before.shift.org.label,
      ok,
      ok
        ? `${before.shift.org.label}'s assignment ${before.shift.assignmentId}, its window and bids are unchanged`
        : `${before.shift.org.label}'s assignment ${before.shift.assignmentId} changed while another org acted: before ${was} after ${now}`,
      { query: queries.join('; '), params: [before.shift.assignmentId], rows: [{ before: before.state, after: state }] },
    );
  }
}

/** The list specs: one per page list the witness reads. */
export function scheduleSpec(pool: pg.Pool): ListSpec {
  return {
    checkId: 'schedule',
    path: '/schedule',
    open: (a) => a.schedule.open(),
    waitLoaded: (a) => a.schedule.waitLoaded(),
    root: (a) => a.schedule.list,
    async readPage(a) {
      const ids = await a.schedule.assignmentIds();
      const owners = await probe.assignmentOrgs(pool, [...new Set(ids)]);
      const org = new Map(owners.rows.map((r) => [r.id, r.organization_id]));
      return ids.map((id) => ({ key: id, organizationId: org.get(id) ?? null }));
    },
    async expected(a) {
      const result = await probe.scheduleRows(pool, a.user.id);
      return { result, keys: result.rows.map((r) => r.assignment_id) };
    },
    matches: (key, s) => key === s.assignmentId,
    describe: (s) => `${s.assignmentId} (${s.routeName}, ${s.date})`,
    rowLocator: (a, key) => a.schedule.row(key),
  };
}

/** Every route and warehouse name the database knows, and the org each route-in-warehouse belongs to. */
async function loadNames(pool: pg.Pool): Promise<{ vocab: Vocabulary; orgOf: (route: string | null, warehouse: string | null) => string | null }> {
  const names = await probe.routeVocabulary(pool);
  const orgs = new Map(names.rows.map((r) => [`${r.name} | ${r.warehouse_name}`, r.organization_id]));
  return {
    vocab: { routes: names.rows.map((r) => r.name), warehouses: [...new Set(names.rows.map((r) => r.warehouse_name))] },
    orgOf: (route, warehouse) => orgs.get(`${route} | ${warehouse}`) ?? null,
  };
}

/** Positions of page items by key, for lists whose items carry no id: outline them by position. */
class ItemIndex {
  private readonly at = new Map<string, number[]>();
  add(key: string, i: number): void {
    this.at.set(key, [...(this.at.get(key) ?? []), i]);
  }
  locator(items: Locator, key: string): Locator | null {
    const idx = this.at.get(key);
    if (!idx?.length) return null;
    return idx.slice(1).reduce((l, i) => l.or(items.nth(i)), items.nth(idx[0]!));
  }
}

export function availableShiftsSpec(pool: pg.Pool): ListSpec {
  let index = new ItemIndex();
  return {
    checkId: 'available-shifts',
    path: '/bids',
    open: (a) => a.bids.open(),
    waitLoaded: (a) => a.bids.waitLoaded(),
    root: (a) => a.bids.section,
    async readPage(a) {
      const { vocab, orgOf } = await loadNames(pool);
      const items = await a.bids.read(vocab, torontoDate());
      index = new ItemIndex();
      return items.map((it, i) => {
        const key = it.routeName && it.warehouseName && it.date ? routeDayKey(it.routeName, it.warehouseName, it.date) : `unreadable item: ${it.text}`;
        index.add(key, i);
        return { key, text: it.text, organizationId: orgOf(it.routeName, it.warehouseName) };
      });
    },
    async expected(a) {
      const result = await probe.availableWindows(pool, a.user.id);
      return {
        result,
        keys: result.rows.map((r) => routeDayKey(r.route_name, r.warehouse_name, r.date)),
      };
    },
    matches: (key, s) => key === routeDayKey(s.routeName, s.warehouseName, s.date),
    describe: (s) => routeDayKey(s.routeName, s.warehouseName, s.date),
    rowLocator: (a, key) => index.locator(a.bids.items, key),
  };
}

/** The status chip a route shows for a date (contract §5.8, §6.9). */
export function routeStatusLabel(r: probe.RouteStatusRow, date: string, now = scenarioNow()): string {
  if (!r.assignment_id) return 'Unfilled';
  if (r.assignment_status === 'cancelled' && !r.user_id) return 'Suspended';
  if (r.assignment_status === 'unfilled') return r.open_window ? 'Bidding' : 'Unfilled';
  if (r.assignment_status === 'cancelled' || r.cancelled_at) return 'Cancelled';
  if (r.completed_at) return 'Completed';
  if (r.started_at) return 'In Progress';
  if (r.arrived_at) return 'Arrived';
  if (now >= torontoInstant(date, /^\d{2}:\d{2}$/.test(r.start_time) ? r.start_time : '09:00')) return 'No Show';
  if (r.confirmed_at) return 'Confirmed';
  return 'Unconfirmed';
}

/**
 * The time left on a bidding route's window as the Driver cell of /routes shows it (observed on
 * the real Drive, witness/contract/observed.ts): `45m left`, `3h left`, `2d left`, `Closed`.
 */
export function closesLabel(closesAt: Date, now: Date): string {
  const mins = Math.round((closesAt.getTime() - now.getTime()) / 60_000);
  if (mins < 0) return 'Closed';
  if (mins < 60) return `${mins}m left`;
  const hours = Math.round(mins / 60);
  if (hours < 24) return `${hours}h left`;
  return `${Math.round(hours / 24)}d left`;
}

/**
 * What the Driver cell of /routes shows for a route (contract §5.8 and what the real app showed):
 * the driver of an assigned route; `Suspended`; the time left on a bidding route's window; else
 * `Unassigned`. The time left is computed over the span in which the page may have rendered it,
 * so a label that rolled over between render and reading is still the app's one form.
 */
export function routeDriverCell(r: probe.RouteStatusRow, label: string, span: { from: Date; to: Date }, shown?: string): string {
  if (label === 'Suspended') return 'Suspended';
  if (label === 'Unfilled') return 'Unassigned';
  if (label === 'Bidding') {
    if (!r.window_closes_at) return 'Unassigned';
    const closes = new Date(r.window_closes_at);
    const options = new Set<string>();
    for (let t = span.from.getTime(); t <= span.to.getTime(); t += 15_000) options.add(closesLabel(closes, new Date(t)));
    options.add(closesLabel(closes, span.to));
    return shown !== undefined && options.has(shown) ? shown : closesLabel(closes, span.to);
  }
  return r.driver_name ?? '';
}

export function routeKey(name: string, warehouse: string, driver: string, status: string): string {
  return `${name} | ${warehouse} | ${driver} | ${status}`;
}

export function routesSpec(pool: pg.Pool): ListSpec {
  const date = () => torontoDate();
  /** what the page showed in the Driver cell, by route name, and since when it may have been rendered */
  let shownDriver = new Map<string, string>();
  let openedAt = scenarioNow();
  return {
    checkId: 'routes',
    path: '/routes',
    async open(a) {
      openedAt = scenarioNow();
      await a.routes.open();
    },
    waitLoaded: (a) => a.routes.waitLoaded(),
    root: (a) => a.routes.table,
    async readPage(a) {
      const { orgOf } = await loadNames(pool);
      const rows = await a.routes.read();
      shownDriver = new Map(rows.map((r) => [`${r.name} | ${r.warehouse}`, r.driver]));
      return rows.map((r) => ({
        key: routeKey(r.name, r.warehouse, r.driver, r.status),
        text: `${r.name} ${r.warehouse} ${r.start} ${r.driver} ${r.status}`,
        organizationId: orgOf(r.name, r.warehouse),
      }));
    },
    async expected(a) {
      const d = date();
      const result = await probe.managerRoutes(pool, a.user.id, d);
      const now = scenarioNow();
      const span = { from: new Date(openedAt.getTime() - 60_000), to: new Date(now.getTime() + 60_000) };
      return {
        result,
        keys: result.rows.map((r) => {
          const label = routeStatusLabel(r, d, now);
          return routeKey(r.name, r.warehouse_name, routeDriverCell(r, label, span, shownDriver.get(`${r.name} | ${r.warehouse_name}`)), label);
        }),
      };
    },
    matches: (key, s) => key.startsWith(`${s.routeName} | ${s.warehouseName} |`),
    describe: (s) => `${s.routeName} (${s.warehouseName})`,
    rowLocator: (a, key) => a.routes.row(key.split(' | ')[0]!),
  };
}

const BID_LABEL: Record<string, string> = { pending: 'Pending', won: 'Won', lost: 'Lost' };

/** /bids "My Bids": each bid's route-day with its status chip. */
export function myBidsSpec(pool: pg.Pool): ListSpec {
  let index = new ItemIndex();
  return {
    checkId: 'my-bids',
    path: '/bids (My Bids)',
    async open(a) {
      await a.bids.open();
      await a.bids.waitMyBidsLoaded();
    },
    waitLoaded: (a) => a.bids.waitMyBidsLoaded(),
    root: (a) => a.bids.myBids,
    async readPage(a) {
      const { vocab, orgOf } = await loadNames(pool);
      const items = await a.bids.readMyBids(vocab, torontoDate());
      index = new ItemIndex();
      return items.map((it, i) => {
        const key = `${routeDayKey(it.routeName, it.warehouseName, it.date)} | ${it.status ?? '?'}`;
        index.add(key, i);
        return { key, text: it.text, organizationId: orgOf(it.routeName, it.warehouseName) };
      });
    },
    async expected(a) {
      const result = await probe.myBids(pool, a.user.id);
      return {
        result,
        keys: result.rows.map((r) => `${routeDayKey(r.route_name, r.warehouse_name, r.date)} | ${BID_LABEL[r.status] ?? r.status}`),
      };
    },
    matches: (key, s) => key.startsWith(`${routeDayKey(s.routeName, s.warehouseName, s.date)} |`),
    describe: (s) => routeDayKey(s.routeName, s.warehouseName, s.date),
    rowLocator: (a, key) => index.locator(a.bids.myBidItems, key),
  };
}

export class Witness {
  readonly db: DbWitness;
  readonly auth: AuthWitness;
  readonly api: ApiWitness;
  constructor(private readonly ctx: WitnessContext) {
    this.db = new DbWitness(ctx);
    this.auth = new AuthWitness(ctx);
    this.api = new ApiWitness(ctx);
  }

  /** The global invariants on these orgs; one paired record, a failure names the first violated id. */
  async globalInvariants(orgIds: string[], orgLabel: string): Promise<void> {
    const { checked, violations } = await checkGlobalInvariants(this.ctx.pool, orgIds);
    const ok = violations.length === 0;
    const first = violations[0];
    const summary = ok
      ? `global invariants hold on the slot's orgs (${checked.map((c) => c.id).join(', ')})`
      : violations.map((v) => `${v.id}: ${v.rows.length} offending row(s)`).join('; ');
    const rowsFile = await this.ctx.record({
      checkId: 'global-invariants',
      invariantId: first?.id ?? checked.map((c) => c.id).join(','),
      org: orgLabel,
      ok,
      summary,
      signature: ok ? checked.map((c) => namedSignature(c.id, 'global')).join(', ') : violations.map((v) => namedSignature(v.id, 'global')).join(', '),
      db: { query: checked.map((c) => `-- ${c.id}\n${c.query}`).join('\n'), params: [orgIds], rows: checked.map((c) => ({ invariantId: c.id, rows: c.rows })) },
    });
    // One failure per violated invariant, each with its offending rows (a defect's follow-ons match on their ids).
    for (const v of violations) {
      const ids = v.rows.flatMap((r) => Object.values(r).filter((x): x is string => typeof x === 'string' && /\d/.test(x) && x.length >= 6));
      reportViolation(
        new InvariantError(v.id, `after the journey: ${v.rows.length} offending row(s) on the slot's organizations`, {
          signature: namedSignature(v.id, 'global'),
          entities: [...new Set(ids)],
          evidenceFile: rowsFile,
          rows: v.rows,
        }),
      );
    }
  }

  /** The user's current number of session rows (to prove a refused sign-in created none). */
  async sessionCount(user: SlotUser): Promise<number> {
    return (await probe.sessionCount(this.ctx.pool, user.id)).rows[0]?.sessions ?? 0;
  }

  /** /schedule of an actor, checked against their assignments. */
  schedule(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, scheduleSpec(this.ctx.pool), actor);
  }

  /** /routes of a manager: every route of the linked warehouses with today's status. */
  routes(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, routesSpec(this.ctx.pool), actor);
  }

  /** /bids "My Bids" of an actor: each bid with the status the database holds. */
  myBids(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, myBidsSpec(this.ctx.pool), actor);
  }

  /** /bids "Available Shifts" of an actor, checked against the open windows offered to them. */
  availableShifts(actor: Actor): ListWitness {
    return new ListWitness(this.ctx, availableShiftsSpec(this.ctx.pool), actor);
  }

  /** The vocabulary to read text-only lists with (every route and warehouse name). */
  async vocabulary(): Promise<Vocabulary> {
    return (await loadNames(this.ctx.pool)).vocab;
  }
}
