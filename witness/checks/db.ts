/**
 * Checks on the database alone (no page), with the rows as evidence: an assignment's state, a
 * window's winner, the other org untouched (docs/architecture.md#witness-checks). Each re-reads
 * until the rows are right or the settle bound passes (an action's write may land a moment after
 * the page answered); the last reading is the evidence.
 */
import type { Shift } from '../../fixtures/builders.js';
import type { SlotUser } from '../../fixtures/slots.js';
import { InvariantError, reportViolation } from '../failure.js';
import { namedSignature } from '../signature.js';
import * as probe from '../probe.js';
import type { WitnessContext } from '../context.js';

export interface DbVerdict {
  ok: boolean;
  summary: string;
  db: { query: string; params: unknown[]; rows: unknown[] };
  /** entity ids the failure names (defaults to none) */
  entities?: string[];
}

export interface DbCheckId {
  checkId: string;
  invariantId: string;
  org: string;
}

/**
 * A check on the database: read with `judge` until it holds (or the settle bound passes), record
 * the last reading, report it when wrong. Callers are `async` methods that await it directly, so a
 * failure points at the journey's line (docs/architecture.md#witness-checks).
 */
export function dbCheck(ctx: WitnessContext, title: string, what: DbCheckId, judge: () => Promise<DbVerdict>): Promise<void> {
  return ctx.check(`witness: ${title}`, async () => {
    const v = await ctx.settle(judge, (r) => r.ok);
    const signature = namedSignature(what.invariantId, 'db', what.checkId);
    const rowsFile = await ctx.record({ ...what, ok: v.ok, summary: v.summary, signature, db: v.db });
    if (!v.ok) reportViolation(new InvariantError(what.invariantId, v.summary, { signature, evidenceFile: rowsFile, rows: v.db.rows, entities: v.entities }));
  });
}

export class DbWitness {
  constructor(private readonly ctx: WitnessContext) {}

  private run(title: string, what: DbCheckId, judge: () => Promise<DbVerdict>): Promise<void> {
    return dbCheck(this.ctx, title, what, judge);
  }

  /** ASSIGN-001: the assignment has this status and this driver (null = none). */
  async assignmentIs(shift: Shift, expected: { status: string; user: SlotUser | null }): Promise<void> {
    const want = expected.user?.id ?? null;
    const title = `assignment ${shift.assignmentId} is ${expected.status} held by ${expected.user?.key ?? 'nobody'}`;
    await this.run(title, { checkId: 'assignment-state', invariantId: 'ASSIGN-001', org: shift.org.label }, async () => {
      const { queries, state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
      const a = state.assignment;
      const ok = a !== null && a.status === expected.status && (a.user_id ?? null) === want;
      return {
        ok,
        summary: ok
          ? `assignment ${shift.assignmentId} is ${expected.status} held by ${want ?? 'nobody'}`
          : `assignment ${shift.assignmentId} (${shift.org.label}) should be ${expected.status} held by ${want ?? 'nobody'}, is ${a ? `${String(a.status)} held by ${String(a.user_id ?? 'nobody')}` : 'missing'}`,
        db: { query: queries[0]!, params: [shift.assignmentId], rows: a ? [a] : [] },
      };
    });
  }

  /** ASSIGN-002: the shift's window is resolved with `winner`, and exactly one bid, the winner's, is won. */
  async windowWonBy(shift: Shift, winner: SlotUser): Promise<void> {
    await this.run(`the bid window of ${shift.routeName} on ${shift.date} is won by ${winner.key}`, { checkId: 'window-winner', invariantId: 'ASSIGN-002', org: shift.org.label }, async () => {
      const { queries, state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
      const w = state.windows.find((x) => x.id === shift.bidWindowId);
      const won = state.bids.filter((b) => b.bid_window_id === shift.bidWindowId && b.status === 'won');
      const ok = !!w && w.status === 'resolved' && w.winner_id === winner.id && won.length === 1 && won[0]!.user_id === winner.id;
      return {
        ok,
        summary: ok
          ? `bid window ${shift.bidWindowId} resolved, winner ${winner.id}, one won bid`
          : `bid window ${shift.bidWindowId} (${shift.org.label}) should be resolved with winner ${winner.id} and one won bid; is ${w ? `${String(w.status)} winner ${String(w.winner_id ?? 'none')}` : 'missing'} with ${won.length} won bid(s) by [${won.map((b) => String(b.user_id)).join(', ')}]`,
        db: { query: `${queries[1]}; ${queries[2]}`, params: [shift.assignmentId], rows: [...(w ? [w] : []), ...state.bids] },
      };
    });
  }

  /** Take a snapshot of a shift's rows, to prove later that nothing touched them. */
  async snapshot(shift: Shift): Promise<{ shift: Shift; state: probe.AssignmentState }> {
    const { state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
    return { shift, state };
  }

  /** TENANT-006: the other org's rows are exactly as they were. */
  async unchanged(before: { shift: Shift; state: probe.AssignmentState }): Promise<void> {
    const { shift } = before;
    await this.run(`${shift.org.label}'s assignment ${shift.assignmentId} is untouched`, { checkId: 'other-org-untouched', invariantId: 'TENANT-006', org: shift.org.label }, async () => {
      const { queries, state } = await probe.assignmentState(this.ctx.pool, shift.assignmentId);
      const was = JSON.stringify(before.state);
      const now = JSON.stringify(state);
      const ok = was === now;
      return {
        ok,
        summary: ok
          ? `${shift.org.label}'s assignment ${shift.assignmentId}, its window and bids are unchanged`
          : `${shift.org.label}'s assignment ${shift.assignmentId} changed while another org acted: before ${was} after ${now}`,
        db: { query: queries.join('; '), params: [shift.assignmentId], rows: [{ before: before.state, after: state }] },
      };
    });
  }
}
