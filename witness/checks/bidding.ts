/**
 * Checks of bidding (docs/architecture.md#witness-checks): a window's mode and state, who was told
 * about it and about its result, a close-cron rerun changing nothing, a race's answers, a cron's
 * answer, an urgent window's bonus. Each reads the database (re-reading until it settles) and records the rows it judged.
 */
import type { Shift } from '../../fixtures/builders.js';
import type { SlotUser } from '../../fixtures/slots.js';
import type { Actor } from '../actors.js';
import type { Response } from '@playwright/test';
import type { CronAnswer } from '../cron.js';
import type { WitnessContext } from '../context.js';
import { dbCheck } from './db.js';
import { InvariantError, reportViolation } from '../failure.js';
import { namedSignature } from '../signature.js';

const WINDOW_SQL = `select id, assignment_id, mode, status, closes_at, winner_id, pay_bonus_percent from bid_windows where id = $1`;
const NOTIFIED_SQL = `select n.id, n.user_id, u.organization_id as user_org, n.organization_id, n.type, n.data, n.created_at
  from notifications n join "user" u on u.id = n.user_id
  where n.type = any($1) and n.data->>'assignmentId' = $2 order by n.created_at, n.id`;
const BIDS_SQL = `select id, user_id, status, score, bid_at, resolved_at from bids where bid_window_id = $1 order by bid_at, id`;

type Row = Record<string, unknown>;

export interface WindowExpectation {
  mode?: 'instant' | 'competitive' | 'emergency';
  status?: 'open' | 'resolved' | 'closed';
  closesAt?: Date;
  payBonusPercent?: number;
}

/** What a close-cron rerun must leave as it was: the window, its bids, the result notifications. */
export interface ResultState {
  shift: Shift;
  rows: { window: Row | null; bids: Row[]; results: Row[] };
}

function names(users: SlotUser[]): string {
  return users.map((u) => u.key).join(', ') || 'nobody';
}

export class BiddingWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private async windowRow(shift: Shift): Promise<Row | null> {
    return (await this.ctx.pool.query<Row>(WINDOW_SQL, [shift.bidWindowId])).rows[0] ?? null;
  }

  /**
   * STATE-002 (STATE-003 for the bonus): the shift's window has this mode, status, closing time and
   * bonus — e.g. a competitive window closed with no bids is now instant, open, closing at the shift start.
   */
  async windowIs(shift: Shift, want: WindowExpectation, why: string): Promise<void> {
    const invariantId = want.payBonusPercent !== undefined ? 'STATE-003' : 'STATE-002';
    const checkId = want.payBonusPercent !== undefined ? 'window-bonus' : 'window-state';
    const wanted = [
      want.mode && `mode ${want.mode}`,
      want.status && want.status,
      want.closesAt && `closing ${want.closesAt.toISOString()}`,
      want.payBonusPercent !== undefined && `bonus ${want.payBonusPercent}%`,
    ].filter(Boolean).join(', ');
    await dbCheck(this.ctx, `the bid window of ${shift.routeName} on ${shift.date} is ${wanted}: ${why}`, { checkId, invariantId, org: shift.org.label }, async () => {
      const w = await this.windowRow(shift);
      const closes = w?.closes_at instanceof Date ? w.closes_at.getTime() : null;
      const ok =
        !!w &&
        (!want.mode || w.mode === want.mode) &&
        (!want.status || w.status === want.status) &&
        (!want.closesAt || closes === want.closesAt.getTime()) &&
        (want.payBonusPercent === undefined || Number(w.pay_bonus_percent) === want.payBonusPercent);
      const is = w ? `mode ${String(w.mode)}, ${String(w.status)}, closing ${closes ? new Date(closes).toISOString() : '?'}, bonus ${String(w.pay_bonus_percent)}%` : 'missing';
      return {
        ok,
        summary: ok ? `bid window ${shift.bidWindowId} is ${wanted}` : `bid window ${shift.bidWindowId} (${shift.org.label}) should be ${wanted} (${why}); is ${is}`,
        db: { query: WINDOW_SQL, params: [shift.bidWindowId], rows: w ? [w] : [] },
        entities: [shift.bidWindowId ?? '', shift.assignmentId].filter(Boolean),
      };
    });
  }

  /**
   * NOTIF-002: the notifications of these types about the shift went to exactly these users, one
   * each — no other driver, no other organization, no duplicate.
   */
  async notified(shift: Shift, types: string[], to: SlotUser[], why: string): Promise<void> {
    const title = `${types.join('/')} about ${shift.routeName} on ${shift.date} went to exactly ${names(to)}: ${why}`;
    await dbCheck(this.ctx, title, { checkId: `notified-${types.join('-')}`, invariantId: 'NOTIF-002', org: shift.org.label }, async () => {
      const rows = (await this.ctx.pool.query<Row>(NOTIFIED_SQL, [types, shift.assignmentId])).rows;
      const want = new Map(to.map((u) => [u.id, 0]));
      const extra: Row[] = [];
      for (const r of rows) {
        const id = String(r.user_id);
        if (want.has(id)) want.set(id, want.get(id)! + 1);
        else extra.push(r);
      }
      const missing = [...want].filter(([, n]) => n === 0).map(([id]) => id);
      const twice = [...want].filter(([, n]) => n > 1).map(([id]) => id);
      const ok = !extra.length && !missing.length && !twice.length;
      const problems = [
        missing.length && `missing for ${missing.join(', ')}`,
        twice.length && `more than once for ${twice.join(', ')}`,
        extra.length && `also sent to ${extra.map((r) => `${String(r.user_id)} (org ${String(r.user_org)})`).join(', ')}`,
      ].filter(Boolean);
      return {
        ok,
        summary: ok
          ? `${rows.length} ${types.join('/')} notification(s) about ${shift.assignmentId}, one to each of ${names(to)}`
          : `${types.join('/')} about assignment ${shift.assignmentId} (${shift.org.label}) should go to exactly ${names(to)} once each: ${problems.join('; ')}`,
        db: { query: NOTIFIED_SQL, params: [types, shift.assignmentId], rows },
        entities: [...missing, ...twice, ...extra.map((r) => String(r.user_id)), shift.assignmentId],
      };
    });
  }

  /** The window, its bids and its result notifications now (to prove a rerun changed none of them). */
  async resultState(shift: Shift): Promise<ResultState> {
    const window = await this.windowRow(shift);
    const bids = (await this.ctx.pool.query<Row>(BIDS_SQL, [shift.bidWindowId])).rows;
    const results = (await this.ctx.pool.query<Row>(NOTIFIED_SQL, [['bid_won', 'bid_lost'], shift.assignmentId])).rows;
    return { shift, rows: { window, bids, results } };
  }

  /** IDEMP-004: running the close cron again left the window, its bids and its result notifications as they were. */
  async rerunChangedNothing(before: ResultState, why: string): Promise<void> {
    const { shift } = before;
    await dbCheck(this.ctx, `the window of ${shift.routeName} on ${shift.date}, its bids and its bid_won/bid_lost are as before: ${why}`, { checkId: 'rerun-unchanged', invariantId: 'IDEMP-004', org: shift.org.label }, async () => {
      const after = await this.resultState(shift);
      const was = JSON.stringify(before.rows);
      const is = JSON.stringify(after.rows);
      const ok = was === is;
      const added = after.rows.results.filter((r) => !before.rows.results.some((b) => b.id === r.id));
      return {
        ok,
        summary: ok
          ? `window ${shift.bidWindowId}: winner, ${before.rows.bids.length} bid(s) and ${before.rows.results.length} result notification(s) unchanged`
          : `window ${shift.bidWindowId} (${shift.org.label}) changed on the rerun: ${added.length} result notification(s) added, winner ${String(before.rows.window?.winner_id ?? 'none')} → ${String(after.rows.window?.winner_id ?? 'none')}`,
        db: { query: `${WINDOW_SQL}; ${BIDS_SQL}; ${NOTIFIED_SQL}`, params: [shift.bidWindowId, shift.assignmentId], rows: [{ before: before.rows, after: after.rows }] },
        entities: [shift.bidWindowId ?? '', ...added.map((r) => String(r.id))].filter(Boolean),
      };
    });
  }

  /**
   * STATE-003: the manager's urgent bidding left an open emergency window on the shift with the
   * bonus of its org's dispatch settings. Returns the shift with that window (null when none).
   */
  async urgentWindowOpened(shift: Shift, bonus: number): Promise<Shift | null> {
    let found: Shift | null = null;
    const sql = `select bw.id, bw.mode, bw.status, bw.pay_bonus_percent, bw.closes_at, ds.emergency_bonus_percent as org_bonus
      from bid_windows bw join assignments a on a.id = bw.assignment_id join warehouses w on w.id = a.warehouse_id
      left join organization_dispatch_settings ds on ds.organization_id = w.organization_id
      where bw.assignment_id = $1 order by bw.opens_at desc, bw.id desc`;
    await dbCheck(this.ctx, `an open urgent window on ${shift.routeName} on ${shift.date} carries ${shift.org.label}'s bonus ${bonus}%`, { checkId: 'urgent-window', invariantId: 'STATE-003', org: shift.org.label }, async () => {
      const rows = (await this.ctx.pool.query<Row>(sql, [shift.assignmentId])).rows;
      const open = rows.find((r) => r.status === 'open');
      const ok = !!open && open.mode === 'emergency' && Number(open.pay_bonus_percent) === bonus && Number(open.org_bonus) === bonus;
      found = open ? { ...shift, bidWindowId: String(open.id), mode: 'emergency' } : null;
      return {
        ok,
        summary: ok
          ? `open emergency window ${String(open!.id)} with bonus ${bonus}% (the org's setting)`
          : `assignment ${shift.assignmentId} (${shift.org.label}) should have an open emergency window with bonus ${bonus}% (its org's setting); has ${open ? `${String(open.mode)} ${String(open.status)} with ${String(open.pay_bonus_percent)}% (org setting ${String(open.org_bonus)}%)` : 'no open window'}`,
        db: { query: sql, params: [shift.assignmentId], rows },
        entities: [shift.assignmentId, ...(open ? [String(open.id)] : [])],
      };
    });
    return found;
  }

  /**
   * STATE-002: a manager's override opened a window on the shift: open, trigger manager, with this
   * mode. Returns the shift with the window's id for the checks that follow.
   */
  async windowOpened(shift: Shift, mode: 'competitive' | 'instant', why: string): Promise<Shift> {
    let found: Shift = shift;
    const sql = `select id, mode, trigger, status, closes_at from bid_windows where assignment_id = $1 order by opens_at desc, id desc`;
    await dbCheck(this.ctx, `an open ${mode} window on ${shift.routeName} on ${shift.date}: ${why}`, { checkId: 'window-opened', invariantId: 'STATE-002', org: shift.org.label }, async () => {
      const rows = (await this.ctx.pool.query<Row>(sql, [shift.assignmentId])).rows;
      const open = rows.find((r) => r.status === 'open');
      if (open) found = { ...shift, bidWindowId: String(open.id), mode };
      const ok = !!open && open.mode === mode && open.trigger === 'manager';
      return {
        ok,
        summary: ok ? `open ${mode} window ${String(open!.id)} (trigger manager)` : `assignment ${shift.assignmentId} (${shift.org.label}) should have an open ${mode} window opened by its manager (${why}); has ${open ? `${String(open.mode)} by ${String(open.trigger)}` : 'none open'}`,
        db: { query: sql, params: [shift.assignmentId], rows },
        entities: [shift.assignmentId, ...(open ? [String(open.id)] : [])],
      };
    });
    return found;
  }

  /** STATE-003: /bids offers the shift with the bonus badge the window holds (as the page stands). */
  async offeredWithBonus(actor: Actor, shift: Shift, bonus: number): Promise<void> {
    await this.ctx.check(`witness: /bids of ${actor.name} offers ${shift.routeName} on ${shift.date} with a ${bonus}% badge`, async () => {
      await this.ctx.begin('urgent-bonus-shown');
      await actor.bids.waitLoaded();
      const read = () => actor.bids.bonusOf(shift);
      const shown = await this.ctx.settle(read, (b) => b === `${bonus}%`);
      const ok = shown === `${bonus}%`;
      const w = await this.windowRow(shift);
      const summary = ok ? `/bids shows ${shown} on ${shift.routeName} on ${shift.date}, as the window holds` : `/bids of ${actor.user.email} shows ${shown ?? 'no bonus badge'} on ${shift.routeName} on ${shift.date}; the window holds ${String(w?.pay_bonus_percent)}%, ${bonus}% expected`;
      const signature = namedSignature('STATE-003', 'db', 'urgent-bonus-shown');
      const file = await this.ctx.record({
        checkId: 'urgent-bonus-shown', invariantId: 'STATE-003', org: shift.org.label, ok, summary, signature,
        actor: { name: actor.name, id: actor.user.id, org: actor.org.label },
        page: { url: actor.page.url(), shown: [shown ?? '(no badge)'] },
        db: { query: WINDOW_SQL, params: [shift.bidWindowId], rows: w ? [w] : [] },
        shot: { page: actor.page, outlines: [{ locator: await actor.bids.item(shift), tone: ok ? 'expected' : 'error' }] },
      });
      if (!ok) reportViolation(new InvariantError('STATE-003', summary, { signature, entities: [shift.assignmentId], evidenceFile: file, rows: w ? [w] : [] }));
    });
  }

  /** STATE-003: the accept's answer says won with the window's bonus. */
  async wonWithBonus(shift: Shift, actor: Actor, answer: Response, bonus: number): Promise<void> {
    await this.ctx.check(`witness: ${actor.name}'s accept of ${shift.routeName} on ${shift.date} won with a ${bonus}% bonus`, async () => {
      const body = (await answer.json().catch(() => null)) as { status?: unknown; bonusPercent?: unknown } | null;
      const ok = answer.status() === 200 && body?.status === 'won' && body.bonusPercent === bonus;
      const row = { actor: actor.name, status: answer.status(), body };
      const summary = ok ? `accept answered 200 won with bonusPercent ${bonus}` : `accept of assignment ${shift.assignmentId} (${shift.org.label}) answered ${answer.status()} ${JSON.stringify(body)}; won with bonusPercent ${bonus} expected`;
      const signature = namedSignature('STATE-003', 'db', 'urgent-bonus-won');
      const file = await this.ctx.record({ checkId: 'urgent-bonus-won', invariantId: 'STATE-003', org: shift.org.label, ok, summary, signature, db: { query: 'POST /api/bids (the page\'s own request)', params: [{ assignmentId: shift.assignmentId }], rows: [row] } });
      if (!ok) reportViolation(new InvariantError('STATE-003', summary, { signature, entities: [shift.assignmentId], evidenceFile: file, rows: [row] }));
    });
  }

  /** STATE-004: a cron job answered 200 with success (its counters count every org: only kept as evidence). */
  async cronSucceeded(answer: CronAnswer): Promise<void> {
    return await this.ctx.check(`witness: cron ${answer.job} answered 200 with success`, async () => {
      const body = answer.body as { success?: unknown } | null;
      const ok = answer.status === 200 && body?.success === true;
      const summary = ok ? `cron ${answer.job} answered 200 ${JSON.stringify(body)}` : `cron ${answer.job} answered ${answer.status} ${JSON.stringify(body).slice(0, 300)}`;
      const signature = namedSignature('STATE-004', 'cron', answer.job);
      const row = { job: answer.job, status: answer.status, requestId: answer.requestId, body: answer.body };
      const file = await this.ctx.record({ checkId: `cron-${answer.job}`, invariantId: 'STATE-004', org: 'all', ok, summary, signature, db: { query: `GET /api/cron/${answer.job}`, params: [], rows: [row] } });
      if (!ok) reportViolation(new InvariantError('STATE-004', summary, { signature, evidenceFile: file, rows: [row] }));
    });
  }
}
