// Manager-driven assignment changes: overrides (§6.3), manual assign, bid-window manual assign.
import { isOn } from '../faults.js';
import { now } from '../clock.js';
import { q, q1, isUniqueViolation, type Client, type Db } from '../db.js';
import { loadAssignment, notifyBidLost, shiftNoticeData, weekCount, type AssignmentCtx } from './bidding.js';
import { notify } from './notify.js';

export interface DriverCheck {
  ok: boolean;
  reason?: 'not_found' | 'flagged' | 'at_cap';
  name?: string;
}

/** A driver the manager may assign: role driver, same org, not flagged, under the weekly cap. */
export async function checkDriver(db: Db, driverId: string, orgId: string, date: string): Promise<DriverCheck> {
  const d = await q1<{ name: string; role: string; organization_id: string; is_flagged: boolean; weekly_cap: number }>(
    `SELECT name, role, organization_id, is_flagged, weekly_cap FROM "user" WHERE id = $1`,
    [driverId],
    db,
  );
  if (!d || d.role !== 'driver' || d.organization_id !== orgId) return { ok: false, reason: 'not_found' };
  // Fault assign-allows-flagged: a flagged driver passes the manual-assign check.
  if (d.is_flagged && !isOn('assign-allows-flagged')) return { ok: false, reason: 'flagged' };
  if ((await weekCount(db, driverId, orgId, date)) >= d.weekly_cap) return { ok: false, reason: 'at_cap' };
  return { ok: true, name: d.name };
}

export class ConflictError extends Error {}

/**
 * Make driverId the assignment's driver (scheduled, assigned_by manager). Throws ConflictError when
 * the driver already holds a non-cancelled shift that date (checked first, and by the unique index).
 */
export async function setManagerAssignee(c: Client, a: AssignmentCtx, driverId: string, at: Date): Promise<void> {
  const clash = await q1(
    `SELECT 1 FROM assignments WHERE user_id = $1 AND date = $2 AND status <> 'cancelled' AND id <> $3`,
    [driverId, a.date, a.id],
    c,
  );
  if (clash) throw new ConflictError('Driver already has a non-cancelled shift on this date');
  await c.query('SAVEPOINT manager_assign');
  try {
    await c.query(
      `UPDATE assignments SET user_id = $2, status = 'scheduled', assigned_by = 'manager', assigned_at = $3,
              confirmed_at = NULL, updated_at = now() WHERE id = $1`,
      [a.id, driverId, at],
    );
  } catch (err) {
    await c.query('ROLLBACK TO SAVEPOINT manager_assign');
    if (isUniqueViolation(err)) throw new ConflictError('Driver already has a non-cancelled shift on this date');
    throw err;
  }
}

/** `assignment_confirmed` to the driver a manager assigned (contract §6.8). */
export async function notifyAssigned(c: Client, a: AssignmentCtx, driverId: string, windowId: string | null): Promise<void> {
  const data = shiftNoticeData(a, windowId);
  await notify(c, {
    userId: driverId,
    orgId: a.org_id,
    type: 'assignment_confirmed',
    title: 'Shift Assigned',
    body: `You have been assigned ${a.route_name} on ${a.date}.`,
    data,
  });
}

/**
 * Give the assignment to driverId (assigned_by manager), resolve any open window with no winner and
 * lose its pending bids, then notify. Throws ConflictError when the driver already has a shift that date.
 */
export async function assignByManager(c: Client, a: AssignmentCtx, driverId: string): Promise<{ bidWindowId: string | null }> {
  const at = now();
  await setManagerAssignee(c, a, driverId, at);
  const open = await q1<{ id: string }>(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open' FOR UPDATE`, [a.id], c);
  let losers: { user_id: string }[] = [];
  if (open) {
    await c.query(`UPDATE bid_windows SET status = 'resolved', winner_id = NULL WHERE id = $1`, [open.id]);
    losers = await q<{ user_id: string }>(
      `UPDATE bids SET status = 'lost', resolved_at = $2 WHERE bid_window_id = $1 AND status = 'pending' RETURNING user_id`,
      [open.id, at],
      c,
    );
  }
  await notifyAssigned(c, a, driverId, open?.id ?? null);
  // Fault reassign-skips-bid-lost: the other pending bidders are not told.
  if (!isOn('reassign-skips-bid-lost')) for (const l of losers) if (l.user_id !== driverId) await notifyBidLost(c, l.user_id, a, open?.id ?? null);
  return { bidWindowId: open?.id ?? null };
}

/** Close any open window of the assignment (pending bids lost). */
export async function closeOpenWindow(c: Client, assignmentId: string): Promise<void> {
  const open = await q1<{ id: string }>(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open' FOR UPDATE`, [assignmentId], c);
  if (!open) return;
  await c.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [open.id]);
  await c.query(`UPDATE bids SET status = 'lost', resolved_at = $2 WHERE bid_window_id = $1 AND status = 'pending'`, [open.id, now()]);
}

export { loadAssignment };
