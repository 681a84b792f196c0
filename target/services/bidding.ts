// Bid windows: shared rules, creation and fan-out, and the bid notifications (contract §6.2).
// Accepting a bid is in bid-accept.ts, resolution in bid-resolution.ts.
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q, q1, isUniqueViolation, type Client, type Db } from '../db.js';
import { addDays, DAY, HOUR, torontoDate, torontoInstant, weekStartOf } from '../time.js';
import { insertNotification, notify, otherOrgs, otherOrgThan } from './notify.js';

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

export async function fanOut(db: Db, a: AssignmentCtx, w: { mode: Mode; closes_at: Date }): Promise<number> {
  const emergency = w.mode === 'emergency';
  const announce = async (orgId: string): Promise<number> => {
    let n = 0;
    for (const userId of await eligibleDrivers(db, orgId, a.date)) {
      const ok = await notify(db, {
        userId,
        orgId,
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
  };
  const n = await announce(a.org_id);
  // Fault emergency-fanout-every-org: an emergency window is announced to every organization's
  // eligible drivers too (each stamped with the recipient's own organization; not counted).
  if (emergency && isOn('emergency-fanout-every-org')) for (const org of await otherOrgs(db, a.org_id)) await announce(org);
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
  // Fault urgent-bonus-wrong-org: the bonus is read from another organization's settings.
  const from = isOn('urgent-bonus-wrong-org') ? await otherOrgThan(db, orgId) : orgId;
  const r = await q1<{ p: number }>(
    `SELECT emergency_bonus_percent AS p FROM organization_dispatch_settings WHERE organization_id = $1`,
    [from],
    db,
  );
  return r?.p ?? 20;
}

export async function notifyBidWon(c: Client, userId: string, a: AssignmentCtx, windowId: string): Promise<void> {
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

export { loadAssignment, DAY };
export type { AssignmentCtx };
