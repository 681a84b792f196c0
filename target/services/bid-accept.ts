// Bid windows: placing a bid — a competitive bid or an instant / emergency accept (contract §6.2).
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q1, tx, isUniqueViolation, getPool } from '../db.js';
import { acceptLanded, acceptRead, assignOf } from './race-gates.js';
import { effectiveMode, loadAssignment, notifyBidWon, shiftStart, weekCount, type WindowRow } from './bidding.js';

const waiting = new Map<string, { arrived: number; release: () => void; released: Promise<void> }>();

/** Wait until a second accept of this window arrives (at most 2 s): the fault's deterministic race. */
function meetAnotherAccept(windowId: string): Promise<void> {
  let gate = waiting.get(windowId);
  if (!gate) {
    let release = () => {};
    const released = new Promise<void>((r) => (release = r));
    gate = { arrived: 0, release, released };
    waiting.set(windowId, gate);
    setTimeout(() => gate!.release(), 2000).unref();
  }
  gate.arrived += 1;
  if (gate.arrived >= 2) gate.release();
  return gate.released;
}

export class BidError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

export type BidResult =
  | { status: 'won'; assignmentId: string; bonusPercent: number }
  | { status: 'pending'; bid: { id: string; assignmentId: string; status: string; bidAt: string; windowClosesAt: string } };

/** POST /api/bids core. Throws BidError with the contract's status and message. */
export async function placeBid(user: { id: string; organizationId: string; isFlagged: boolean; weeklyCap: number }, assignmentId: string): Promise<BidResult> {
  const flagged = await q1<{ is_flagged: boolean; weekly_cap: number }>(
    `SELECT is_flagged, weekly_cap FROM "user" WHERE id = $1`,
    [user.id],
  );
  if (!flagged || flagged.is_flagged) throw new BidError(403, 'Flagged drivers cannot submit bids');

  const anyOrg = isOn('bids-accept-cross-org');
  // Without the fault only an open window is found; with it, the latest resolved one too, and the
  // instant accept below skips its status check.
  const noLock = isOn('instant-accept-no-lock');
  const found = await q1<WindowRow & { date: string }>(
    `SELECT bw.*, a.date FROM bid_windows bw
     JOIN assignments a ON a.id = bw.assignment_id JOIN warehouses w ON w.id = a.warehouse_id
     WHERE bw.assignment_id = $1 AND (bw.status = 'open' OR ($4::boolean AND bw.status = 'resolved'))
       AND ($2::boolean OR w.organization_id = $3)
     ORDER BY (bw.status = 'open') DESC, bw.opens_at DESC, bw.id DESC
     LIMIT 1`,
    [assignmentId, anyOrg, user.organizationId, noLock],
  );
  if (!found) throw new BidError(404, 'No open bid window found for this assignment');
  const n = now();
  if (found.closes_at <= n) throw new BidError(400, 'Bid window has closed');
  const mode = effectiveMode(found, found.date, n);

  if (mode === 'competitive') {
    const prior = await q1(`SELECT id FROM bids WHERE bid_window_id = $1 AND user_id = $2`, [found.id, user.id]);
    if (prior) throw new BidError(400, 'You have already bid on this assignment');
    const orgForCap = anyOrg ? (await loadAssignment(getPool(), assignmentId))!.org_id : user.organizationId;
    if ((await weekCount(getPool(), user.id, orgForCap, found.date)) >= flagged.weekly_cap) {
      throw new BidError(400, 'You have reached your weekly cap for that week');
    }
    try {
      const bid = (await q1<{ id: string; assignment_id: string; status: string; bid_at: Date; window_closes_at: Date }>(
        `INSERT INTO bids (assignment_id, bid_window_id, user_id, status, bid_at, window_closes_at)
         VALUES ($1, $2, $3, 'pending', $4, $5) RETURNING id, assignment_id, status, bid_at, window_closes_at`,
        [assignmentId, found.id, user.id, n, found.closes_at],
      ))!;
      return {
        status: 'pending',
        bid: {
          id: bid.id,
          assignmentId: bid.assignment_id,
          status: bid.status,
          bidAt: bid.bid_at.toISOString(),
          windowClosesAt: bid.window_closes_at.toISOString(),
        },
      };
    } catch (err) {
      if (isUniqueViolation(err)) throw new BidError(400, 'You have already bid on this assignment');
      throw err;
    }
  }

  // Instant / emergency: first accept wins.
  const a0 = await loadAssignment(getPool(), assignmentId);
  if (!a0) throw new BidError(404, 'No open bid window found for this assignment');
  if ((await weekCount(getPool(), user.id, a0.org_id, found.date)) >= flagged.weekly_cap) {
    throw new BidError(400, 'You have reached your weekly cap for that week');
  }
  try {
    return await tx(async (c) => {
      // Fault instant-accept-race: the window is read without its row lock, and the accept waits
      // for a second accept of the same window before it writes (so the race is lost every time).
      // Fault accept-overrides-manual-assign: no lock either, and the accept waits for a racing
      // manual assign of the same assignment to land, then writes over it.
      const race = isOn('instant-accept-race');
      const overManager = isOn('accept-overrides-manual-assign');
      const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1${race || overManager ? '' : ' FOR UPDATE'}`, [found.id], c);
      if (race) await meetAnotherAccept(found.id);
      if (overManager) {
        acceptRead(assignmentId);
        await assignOf(assignmentId);
      }
      if (!w || (w.status !== 'open' && !noLock)) throw new BidError(400, 'Route already assigned');
      const a = (await loadAssignment(c, assignmentId))!;
      const clash = await q1(
        `SELECT 1 FROM assignments WHERE user_id = $1 AND date = $2 AND status <> 'cancelled' AND id <> $3`,
        [user.id, a.date, a.id],
        c,
      );
      if (clash) throw new BidError(400, 'You already have a shift on this date');
      const at = now();
      await c.query(
        `INSERT INTO bids (assignment_id, bid_window_id, user_id, score, status, bid_at, window_closes_at, resolved_at)
         VALUES ($1, $2, $3, NULL, 'won', $4, $5, $4)
         ON CONFLICT (bid_window_id, user_id) DO UPDATE SET status = 'won', score = NULL, resolved_at = EXCLUDED.resolved_at`,
        [a.id, w.id, user.id, at, shiftStart(a.date)],
      );
      await c.query(
        `UPDATE assignments SET user_id = $2, status = 'scheduled', assigned_by = 'bid', assigned_at = $3,
                confirmed_at = NULL, updated_at = now() WHERE id = $1`,
        [a.id, user.id, at],
      );
      if (!isOn('accept-leaves-window-open')) {
        await c.query(`UPDATE bid_windows SET status = 'resolved', winner_id = $2 WHERE id = $1`, [w.id, user.id]);
      }
      await c.query(`DELETE FROM shifts WHERE assignment_id = $1`, [a.id]);
      await c.query(
        `UPDATE bids SET status = 'lost', resolved_at = $2 WHERE bid_window_id = $1 AND status = 'pending'`,
        [w.id, at],
      );
      await c.query(
        `UPDATE driver_metrics SET bid_pickups = bid_pickups + 1, urgent_pickups = urgent_pickups + 1, updated_at = now()
         WHERE user_id = $1`,
        [user.id],
      );
      await notifyBidWon(c, user.id, a, w.id);
      return { status: 'won' as const, assignmentId: a.id, bonusPercent: w.pay_bonus_percent };
    }).finally(() => acceptLanded(assignmentId));
  } catch (err) {
    if (err instanceof BidError) throw err;
    if (isUniqueViolation(err, 'uq_assignments_active_user_date')) throw new BidError(400, 'You already have a shift on this date');
    throw new BidError(400, 'Unable to accept shift right now');
  }
}
