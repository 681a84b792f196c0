// Driver APIs: schedule, confirm and cancel (contract §4.1).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q, q1, tx } from '../db.js';
import { type AppEnv, fail, HttpError, isUuid, readJson, requireUser } from '../http.js';
import { addDays, torontoDate, weekStartOf, HOUR } from '../time.js';
import { createBidWindow, shiftStart } from '../services/bidding.js';
import { ASSIGNMENT_SELECT, confirmationWindow, toAssignment, type AssignmentRow } from '../services/lifecycle.js';
import { notifyRouteManager } from '../services/notify.js';

export const driverAssignmentsApi = new Hono<AppEnv>();

// ── Schedule ─────────────────────────────────────────────────────────────────────────────────
driverAssignmentsApi.get('/api/assignments/mine', async (c) => {
  const user = requireUser(c, 'driver');
  const today = torontoDate(now());
  const weekStart = weekStartOf(today);
  const nextWeekStart = addDays(weekStart, 7);
  const hideRecent = isOn('schedule-hides-recent');
  const rows = await q<AssignmentRow>(
    `SELECT ${ASSIGNMENT_SELECT}
     WHERE a.user_id = $1 AND a.date >= $2 AND a.date < $3
       AND (NOT $4::boolean OR a.updated_at < now() - interval '1 minute')
     ORDER BY a.date, a.id`,
    [user.id, weekStart, addDays(weekStart, 14), hideRecent],
  );
  return c.json({ weekStart, nextWeekStart, assignments: rows.map(toAssignment) });
});

// ── Confirm / cancel ─────────────────────────────────────────────────────────────────────────
async function ownAssignment(id: string, userId: string) {
  if (!isUuid(id)) fail(400, 'Invalid assignment ID');
  const a = await q1<{ id: string; user_id: string | null; status: string; date: string; confirmed_at: Date | null; start_time: string; route_id: string; route_name: string; org_id: string; cancel_type: string | null }>(
    `SELECT a.id, a.user_id, a.status, a.date, a.confirmed_at, a.cancel_type, r.start_time, r.id AS route_id,
            r.name AS route_name, w.organization_id AS org_id
     FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id WHERE a.id = $1`,
    [id],
  );
  if (!a) fail(404, 'Assignment not found');
  if (a.user_id !== userId) fail(403, 'Forbidden');
  return a;
}

driverAssignmentsApi.post('/api/assignments/:id/confirm', async (c) => {
  const user = requireUser(c, 'driver');
  const a = await ownAssignment(c.req.param('id'), user.id);
  if (a.status !== 'scheduled') fail(400, 'Only scheduled assignments can be confirmed');
  if (a.confirmed_at) fail(400, 'Assignment already confirmed');
  const n = now();
  const s = shiftStart(a.date).getTime();
  if (n.getTime() < s - 168 * HOUR) fail(400, 'Confirmation window not yet open');
  if (n.getTime() > s - 48 * HOUR) fail(400, 'Confirmation deadline has passed');
  const updated = await tx(async (cl) => {
    const row = await q1<{ confirmed_at: Date }>(
      `UPDATE assignments SET confirmed_at = $2, updated_at = now()
       WHERE id = $1 AND status = 'scheduled' AND confirmed_at IS NULL AND user_id = $3 RETURNING confirmed_at`,
      [a.id, n, user.id],
      cl,
    );
    if (row) await cl.query(`UPDATE driver_metrics SET confirmed_shifts = confirmed_shifts + 1, updated_at = now() WHERE user_id = $1`, [user.id]);
    return row;
  });
  if (!updated) fail(400, 'state_changed');
  return c.json({ success: true, confirmedAt: updated.confirmed_at.toISOString() });
});

const cancelBody = z.object({
  reason: z.enum(['vehicle_breakdown', 'medical_emergency', 'family_emergency', 'traffic_accident', 'weather_conditions', 'personal_emergency', 'other']),
});

driverAssignmentsApi.post('/api/assignments/:id/cancel', async (c) => {
  const user = requireUser(c, 'driver');
  const body = await readJson(c);
  const parsed = cancelBody.safeParse(body);
  if (!parsed.success) fail(400, 'Validation failed');
  const a = await ownAssignment(c.req.param('id'), user.id);
  const n = now();
  if (a.status === 'cancelled') {
    const open = await q1<{ id: string }>(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open'`, [a.id]);
    return c.json({
      assignment: { id: a.id, status: 'cancelled' },
      replacementWindow: open
        ? { status: 'already_open', bidWindowId: open.id, reason: 'open_window_exists' }
        : { status: 'not_created', bidWindowId: null, reason: 'already_cancelled' },
      alreadyCancelled: true,
    });
  }
  if (!(a.date > torontoDate(n))) fail(400, 'Assignments must be cancelled in advance');
  const { deadline: onTime } = confirmationWindow(a.date, a.start_time);
  // Fault late-cancel-off-by-a-day: the deadline taken 24 h before the start instead of 48 h.
  const deadline = isOn('late-cancel-off-by-a-day') ? new Date(onTime.getTime() + 24 * HOUR) : onTime;
  const late = a.confirmed_at !== null && n >= deadline;
  const out = await tx(async (cl) => {
    const upd = await q1(
      `UPDATE assignments SET status = 'cancelled', cancel_type = $2, cancelled_at = $3, updated_at = now()
       WHERE id = $1 AND status <> 'cancelled' AND user_id = $4 RETURNING id`,
      [a.id, late ? 'late' : 'driver', n, user.id],
      cl,
    );
    if (!upd) throw new HttpError(409, { message: 'Assignment already cancelled' });
    if (late) await cl.query(`UPDATE driver_metrics SET late_cancellations = late_cancellations + 1, updated_at = now() WHERE user_id = $1`, [user.id]);
    await notifyRouteManager(cl, a.route_id, a.org_id, 'route_cancelled', 'Route Cancelled',
      `${user.name} cancelled ${a.route_name} on ${a.date}.`,
      { routeId: a.route_id, routeName: a.route_name, driverName: user.name, date: a.date, routeStartTime: a.start_time });
    const created = await createBidWindow(cl, { assignmentId: a.id, trigger: 'cancellation' });
    // Fault cancel-keeps-driver: the assignment turns unfilled but keeps its driver.
    if (created.ok && isOn('cancel-keeps-driver')) await cl.query(`UPDATE assignments SET user_id = $2 WHERE id = $1`, [a.id, user.id]);
    if (created.ok) return { status: 'created', bidWindowId: created.window.id, reason: null };
    if (created.reason === 'open_window_exists') {
      const open = await q1<{ id: string }>(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open'`, [a.id], cl);
      return { status: 'already_open', bidWindowId: open?.id ?? null, reason: created.message };
    }
    return { status: 'not_created', bidWindowId: null, reason: created.message };
  });
  return c.json({ assignment: { id: a.id, status: 'cancelled' }, replacementWindow: out });
});
