// Bid windows: creation, fan-out, accepting and resolution (contract §6.2).
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q, q1, tx, isUniqueViolation, getPool, type Client, type Db } from '../db.js';
import { addDays, DAY, HOUR, torontoDate, torontoInstant, weekStartOf } from '../time.js';
import { insertNotification, notify, notifyRouteManager, otherOrgThan } from './notify.js';

export type Mode = 'competitive' | 'instant' | 'emergency';

export interface WindowRow {
  id: string;
  assignment_id: string;
  mode: Mode;
  trigger: string | null;
  pay_bonus_percent: number;
  opens_at: Date;
  closes_at: Date;
  status: 'open' | 'closed' | 'resolved';
  winner_id: string | null;
}

/** Default shift start (07:00 Toronto) used for every bid-window timing rule. */
export function shiftStart(date: string): Date {
  return torontoInstant(date, '07:00');
}

/** End of the Toronto day of `at` (23:59). */
function endOfTorontoDay(at: Date): Date {
  return torontoInstant(torontoDate(at), '23:59');
}

export function effectiveMode(w: { mode: Mode }, assignmentDate: string, at: Date): Mode {
  if (w.mode === 'competitive' && at.getTime() >= shiftStart(assignmentDate).getTime() - 24 * HOUR) return 'instant';
  return w.mode;
}

/** Count of the driver's non-cancelled assignments in the org during the Monday–Sunday week of `date`. */
export async function weekCount(db: Db, userId: string, orgId: string, date: string): Promise<number> {
  const ws = weekStartOf(date);
  const row = await q1<{ n: number }>(
    `SELECT count(*)::int AS n FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
     WHERE a.user_id = $1 AND w.organization_id = $2 AND a.status <> 'cancelled' AND a.date >= $3 AND a.date <= $4`,
    [userId, orgId, ws, addDays(ws, 6)],
    db,
  );
  return row?.n ?? 0;
}

/** Role-driver, unflagged org members under their weekly cap for the week of `date`. */
export async function eligibleDrivers(db: Db, orgId: string, date: string): Promise<string[]> {
  const ws = weekStartOf(date);
  const rows = await q<{ id: string }>(
    `SELECT u.id FROM "user" u
     WHERE u.organization_id = $1 AND u.role = 'driver' AND u.is_flagged = false
       AND (SELECT count(*) FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
            WHERE a.user_id = u.id AND w.organization_id = $1 AND a.status <> 'cancelled'
              AND a.date >= $2 AND a.date <= $3) < u.weekly_cap
     ORDER BY u.id`,
    [orgId, ws, addDays(ws, 6)],
    db,
  );
  return rows.map((r) => r.id);
}

interface AssignmentCtx {
  id: string;
  date: string;
  status: string;
  user_id: string | null;
  route_id: string;
  route_name: string;
  route_start_time: string;
  org_id: string;
}

async function loadAssignment(db: Db, assignmentId: string): Promise<AssignmentCtx | undefined> {
  return q1<AssignmentCtx>(
    `SELECT a.id, a.date, a.status, a.user_id, a.route_id, r.name AS route_name, r.start_time AS route_start_time,
            w.organization_id AS org_id
     FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     WHERE a.id = $1`,
    [assignmentId],
    db,
  );
}

async function fanOut(db: Db, a: AssignmentCtx, w: { mode: Mode; closes_at: Date }): Promise<number> {
  const drivers = await eligibleDrivers(db, a.org_id, a.date);
  const emergency = w.mode === 'emergency';
  let n = 0;
  for (const userId of drivers) {
    const ok = await notify(db, {
      userId,
      orgId: a.org_id,
      type: emergency ? 'emergency_route_available' : 'bid_open',
      title: emergency ? 'Priority Route Available' : 'New Shift Available',
      body: emergency
        ? `${a.route_name} on ${a.date} needs a driver now. First to accept gets it.`
        : `${a.route_name} on ${a.date} is open for bids.`,
      data: { assignmentId: a.id, routeName: a.route_name, closesAt: w.closes_at.toISOString(), mode: w.mode },
    });
    if (ok) n++;
  }
  return n;
}

export type CreateResult =
  | { ok: true; window: WindowRow; notifiedCount: number }
  | { ok: false; reason: 'not_found' | 'open_window_exists' | 'shift_passed'; message: string };

/** createBidWindow (§6.2 Creation). Runs inside the caller's transaction. */
export async function createBidWindow(
  c: Client,
  opts: { assignmentId: string; trigger: string; mode?: 'emergency' | 'instant'; allowPastShift?: boolean; payBonusPercent?: number },
): Promise<CreateResult> {
  const a = await loadAssignment(c, opts.assignmentId);
  if (!a) return { ok: false, reason: 'not_found', message: 'Assignment not found' };
  const existing = await q1(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open'`, [a.id], c);
  if (existing) return { ok: false, reason: 'open_window_exists', message: 'Open bid window already exists for this assignment' };

  const n = now();
  const s = shiftStart(a.date);
  let mode: Mode;
  let closesAt: Date;
  if (opts.mode === 'emergency') {
    mode = 'emergency';
    closesAt = s > n ? s : endOfTorontoDay(n);
  } else if (s <= n) {
    if (!opts.allowPastShift) return { ok: false, reason: 'shift_passed', message: 'Shift has already passed' };
    mode = 'instant';
    closesAt = endOfTorontoDay(n);
  } else if (opts.mode === 'instant' || s.getTime() - n.getTime() <= 24 * HOUR) {
    mode = 'instant';
    closesAt = s;
  } else {
    mode = 'competitive';
    closesAt = new Date(s.getTime() - 24 * HOUR);
  }

  if (!(a.status === 'unfilled' && a.user_id === null)) {
    await c.query(`UPDATE assignments SET status = 'unfilled', user_id = NULL, updated_at = now() WHERE id = $1`, [a.id]);
  }
  await c.query('SAVEPOINT create_window');
  let window: WindowRow;
  try {
    window = (await q1<WindowRow>(
      `INSERT INTO bid_windows (assignment_id, mode, trigger, pay_bonus_percent, opens_at, closes_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'open') RETURNING *`,
      [a.id, mode, opts.trigger, opts.payBonusPercent ?? 0, n, closesAt],
      c,
    ))!;
  } catch (err) {
    await c.query('ROLLBACK TO SAVEPOINT create_window');
    if (isUniqueViolation(err)) return { ok: false, reason: 'open_window_exists', message: 'Open bid window already exists for this assignment' };
    throw err;
  }
  const notifiedCount = await fanOut(c, a, window);
  return { ok: true, window, notifiedCount };
}

/** Org emergency bonus (organization_dispatch_settings, default 20). */
export async function emergencyBonus(db: Db, orgId: string): Promise<number> {
  const r = await q1<{ p: number }>(
    `SELECT emergency_bonus_percent AS p FROM organization_dispatch_settings WHERE organization_id = $1`,
    [orgId],
    db,
  );
  return r?.p ?? 20;
}

async function notifyBidWon(c: Client, userId: string, a: AssignmentCtx, windowId: string): Promise<void> {
  const n = {
    userId,
    orgId: a.org_id,
    type: 'bid_won' as const,
    title: 'Bid Won',
    body: `You got ${a.route_name} on ${a.date}.`,
    data: shiftNoticeData(a, windowId),
  };
  if (isOn('bid-notification-wrong-org')) {
    await insertNotification(c, n, await otherOrgThan(c, a.org_id));
    return;
  }
  await notify(c, n);
}

/** The `data` of the bid and assignment notifications (contract §6.8). */
export function shiftNoticeData(a: AssignmentCtx, windowId: string | null): Record<string, string> {
  const data: Record<string, string> = {
    assignmentId: a.id,
    routeName: a.route_name,
    routeStartTime: a.route_start_time,
    assignmentDate: a.date,
  };
  if (windowId) data.bidWindowId = windowId;
  return data;
}

export async function notifyBidLost(c: Client, userId: string, a: AssignmentCtx, windowId: string | null): Promise<void> {
  const data = shiftNoticeData(a, windowId);
  await notify(c, {
    userId,
    orgId: a.org_id,
    type: 'bid_lost',
    title: 'Bid Not Won',
    body: `${a.route_name} on ${a.date} went to another driver.`,
    data,
  });
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
      const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [found.id], c);
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
    });
  } catch (err) {
    if (err instanceof BidError) throw err;
    if (isUniqueViolation(err, 'uq_assignments_active_user_date')) throw new BidError(400, 'You already have a shift on this date');
    throw new BidError(400, 'Unable to accept shift right now');
  }
}

/** Competitive score (§6.2.1). */
async function scoreBidder(db: Db, userId: string, routeId: string, at: Date): Promise<number> {
  const r = await q1<{ h: number | null; f: number | null; created_at: Date; prefs: string[] | null }>(
    `SELECT hs.current_score AS h, rc.completion_count AS f, u.created_at, dp.preferred_routes AS prefs
     FROM "user" u
     LEFT JOIN driver_health_state hs ON hs.user_id = u.id
     LEFT JOIN route_completions rc ON rc.user_id = u.id AND rc.route_id = $2
     LEFT JOIN driver_preferences dp ON dp.user_id = u.id
     WHERE u.id = $1`,
    [userId, routeId],
    db,
  );
  if (!r) return 0;
  const created = r.created_at;
  let months = (at.getUTCFullYear() - created.getUTCFullYear()) * 12 + (at.getUTCMonth() - created.getUTCMonth());
  if (at.getUTCDate() < created.getUTCDate()) months -= 1;
  const p = (r.prefs ?? []).slice(0, 3).includes(routeId) ? 1 : 0;
  return 0.45 * Math.min((r.h ?? 0) / 96, 1) + 0.25 * Math.min((r.f ?? 0) / 20, 1) + 0.15 * Math.min(months / 12, 1) + 0.15 * p;
}

export type ResolveOutcome = 'resolved' | 'transitioned_to_instant' | 'closed' | 'skipped';

/** Resolve one open window (cron, opportunistic, or manager close with bids). Own transaction. */
export async function resolveWindow(windowId: string): Promise<ResolveOutcome> {
  return tx(async (c) => {
    const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [windowId], c);
    if (!w || w.status !== 'open') return 'skipped';
    const a = (await loadAssignment(c, w.assignment_id))!;
    const at = now();
    const bids = await q<{ id: string; user_id: string; bid_at: Date }>(
      `SELECT id, user_id, bid_at FROM bids WHERE bid_window_id = $1 AND status = 'pending'`,
      [w.id],
      c,
    );
    if (bids.length) {
      const scored = [];
      for (const b of bids) scored.push({ ...b, score: await scoreBidder(c, b.user_id, a.route_id, at) });
      // Fault competitive-tiebreak-reversed: equal scores go to the latest bid instead of the earliest.
      const tie = isOn('competitive-tiebreak-reversed') ? -1 : 1;
      scored.sort((x, y) =>
        y.score - x.score || tie * (x.bid_at.getTime() - y.bid_at.getTime()) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
      );
      let winner: (typeof scored)[number] | null = null;
      for (const cand of scored) {
        const clash = await q1(
          `SELECT 1 FROM assignments WHERE user_id = $1 AND date = $2 AND status <> 'cancelled' AND id <> $3`,
          [cand.user_id, a.date, a.id],
          c,
        );
        if (clash) continue;
        await c.query('SAVEPOINT assign_winner');
        try {
          await c.query(
            `UPDATE assignments SET user_id = $2, status = 'scheduled', assigned_by = 'bid', assigned_at = $3,
                    confirmed_at = NULL, updated_at = now() WHERE id = $1`,
            [a.id, cand.user_id, at],
          );
          winner = cand;
          break;
        } catch (err) {
          await c.query('ROLLBACK TO SAVEPOINT assign_winner');
          if (!isUniqueViolation(err)) throw err;
        }
      }
      if (winner) {
        await c.query(`UPDATE bid_windows SET status = 'resolved', winner_id = $2 WHERE id = $1`, [w.id, winner.user_id]);
        for (const b of scored) {
          await c.query(`UPDATE bids SET score = $2, status = $3, resolved_at = $4 WHERE id = $1`, [
            b.id,
            b.score,
            b === winner ? 'won' : 'lost',
            at,
          ]);
        }
        await notifyBidWon(c, winner.user_id, a, w.id);
        for (const b of scored) if (b !== winner) await notifyBidLost(c, b.user_id, a, w.id);
        return 'resolved';
      }
    }
    // No bids (or every bidder conflicted).
    if (w.mode === 'competitive') {
      const s = shiftStart(a.date);
      if (s > at) {
        await c.query(`UPDATE bid_windows SET mode = 'instant', closes_at = $2 WHERE id = $1`, [w.id, s]);
        await fanOut(c, a, { mode: 'instant', closes_at: s });
        return 'transitioned_to_instant';
      }
      await c.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [w.id]);
      return 'closed';
    }
    await c.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [w.id]);
    await notifyRouteManager(c, a.route_id, a.org_id, 'route_unfilled', 'Route Unfilled',
      `${a.route_name} on ${a.date} was not picked up.`,
      { routeId: a.route_id, routeName: a.route_name, date: a.date, routeStartTime: a.route_start_time });
    return 'closed';
  });
}

/** Resolve every open window of the org whose closes_at has passed. Errors are swallowed per window. */
export async function resolveExpiredForOrg(orgId: string): Promise<void> {
  const due = await q<{ id: string }>(
    `SELECT bw.id FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
     JOIN warehouses w ON w.id = a.warehouse_id
     WHERE bw.status = 'open' AND bw.closes_at < $2 AND w.organization_id = $1 ORDER BY bw.closes_at`,
    [orgId, now()],
  );
  for (const { id } of due) {
    try {
      await resolveWindow(id);
    } catch (err) {
      process.stderr.write(`resolve window ${id} failed: ${(err as Error).message}\n`);
    }
  }
}

export { loadAssignment, DAY };
export type { AssignmentCtx };
