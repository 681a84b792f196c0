// Driver APIs: schedule, bidding, confirm/cancel, history, preferences, dashboard (contract §4.1, §4.3).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { isOn, isOnOnce } from '../faults.js';
import { q, q1, tx } from '../db.js';
import { type AppEnv, fail, HttpError, iso, isUuid, readJson, requireUser } from '../http.js';
import { addDays, torontoDate, weekStartOf, HOUR } from '../time.js';
import {
  BidError, createBidWindow, placeBid, resolveExpiredForOrg, shiftStart, type BidResult,
} from '../services/bidding.js';
import { ASSIGNMENT_SELECT, confirmationWindow, toAssignment, type AssignmentRow } from '../services/lifecycle.js';
import { notifyRouteManager } from '../services/notify.js';

export const driverApi = new Hono<AppEnv>();

// ── Schedule ─────────────────────────────────────────────────────────────────────────────────
driverApi.get('/api/assignments/mine', async (c) => {
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

// ── Bidding ──────────────────────────────────────────────────────────────────────────────────
driverApi.get('/api/bids/available', async (c) => {
  const user = requireUser(c, 'driver');
  await resolveExpiredForOrg(user.organizationId);
  const me = await q1<{ is_flagged: boolean; weekly_cap: number }>(`SELECT is_flagged, weekly_cap FROM "user" WHERE id = $1`, [user.id]);
  if (!me || me.is_flagged) return c.json({ bidWindows: [] });
  const crossOrg = isOn('bids-available-cross-org') || isOnOnce('bids-available-cross-org-once');
  const rows = await q<{
    id: string; assignment_id: string; date: string; route_name: string; start_time: string; warehouse_name: string;
    mode: string; pay_bonus_percent: number; opens_at: Date; closes_at: Date; org_id: string;
  }>(
    `SELECT bw.id, bw.assignment_id, a.date, r.name AS route_name, r.start_time, w.name AS warehouse_name,
            bw.mode, bw.pay_bonus_percent, bw.opens_at, bw.closes_at, w.organization_id AS org_id
     FROM bid_windows bw
     JOIN assignments a ON a.id = bw.assignment_id
     JOIN routes r ON r.id = a.route_id
     JOIN warehouses w ON w.id = a.warehouse_id
     WHERE bw.status = 'open' AND bw.closes_at > $2
       AND ($3::boolean OR w.organization_id = $4)
       AND NOT EXISTS (SELECT 1 FROM bids b WHERE b.bid_window_id = bw.id AND b.user_id = $1)
     ORDER BY bw.closes_at, bw.id`,
    [user.id, now(), crossOrg, user.organizationId],
  );
  // Weekly cap: count the caller's non-cancelled assignments (in their org) per Monday week.
  const counts = new Map<string, number>();
  const mine = await q<{ date: string }>(
    `SELECT a.date FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
     WHERE a.user_id = $1 AND a.status <> 'cancelled' AND w.organization_id = $2`,
    [user.id, user.organizationId],
  );
  for (const { date } of mine) counts.set(weekStartOf(date), (counts.get(weekStartOf(date)) ?? 0) + 1);
  const bidWindows = rows
    .filter((r) => (counts.get(weekStartOf(r.date)) ?? 0) < me.weekly_cap)
    .map((r) => ({
      id: r.id,
      assignmentId: r.assignment_id,
      assignmentDate: r.date,
      routeName: r.route_name,
      routeStartTime: r.start_time,
      warehouseName: r.warehouse_name,
      mode: r.mode,
      payBonusPercent: r.pay_bonus_percent,
      opensAt: r.opens_at.toISOString(),
      closesAt: r.closes_at.toISOString(),
    }));
  return c.json({ bidWindows });
});

driverApi.get('/api/bids/mine', async (c) => {
  const user = requireUser(c, 'driver');
  const rows = await q(
    `SELECT b.id, b.assignment_id, a.date, r.name AS route_name, r.start_time, w.name AS warehouse_name,
            b.status, b.score, b.bid_at, b.window_closes_at, b.resolved_at
     FROM bids b JOIN assignments a ON a.id = b.assignment_id
     JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     WHERE b.user_id = $1 ORDER BY b.bid_at DESC, b.id DESC`,
    [user.id],
  );
  const dropClosesAt = isOn('bids-mine-drops-field');
  return c.json({
    bids: rows.map((r) => ({
      id: r.id,
      assignmentId: r.assignment_id,
      assignmentDate: r.date,
      routeName: r.route_name,
      routeStartTime: r.start_time,
      warehouseName: r.warehouse_name,
      // Fault bids-mine-stale-status: every bid is reported as still pending.
      status: isOn('bids-mine-stale-status') ? 'pending' : r.status,
      score: r.score,
      bidAt: iso(r.bid_at),
      ...(dropClosesAt ? {} : { windowClosesAt: iso(r.window_closes_at) }),
      resolvedAt: iso(r.resolved_at),
    })),
  });
});

const bidBody = z.strictObject({ assignmentId: z.uuid() });

driverApi.post('/api/bids', async (c) => {
  const user = requireUser(c, 'driver');
  const body = await readJson(c);
  const parsed = bidBody.safeParse(body);
  if (!parsed.success) fail(400, 'assignmentId must be a valid assignment ID');
  let result: BidResult;
  try {
    result = await placeBid(user, parsed.data.assignmentId);
  } catch (err) {
    if (err instanceof BidError) fail(err.status, err.message);
    throw err;
  }
  return c.json({ success: true, ...result });
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

driverApi.post('/api/assignments/:id/confirm', async (c) => {
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

driverApi.post('/api/assignments/:id/cancel', async (c) => {
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
  const { deadline } = confirmationWindow(a.date, a.start_time);
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
    if (created.ok) return { status: 'created', bidWindowId: created.window.id, reason: null };
    if (created.reason === 'open_window_exists') {
      const open = await q1<{ id: string }>(`SELECT id FROM bid_windows WHERE assignment_id = $1 AND status = 'open'`, [a.id], cl);
      return { status: 'already_open', bidWindowId: open?.id ?? null, reason: created.message };
    }
    return { status: 'not_created', bidWindowId: null, reason: created.message };
  });
  return c.json({ assignment: { id: a.id, status: 'cancelled' }, replacementWindow: out });
});

// ── History ──────────────────────────────────────────────────────────────────────────────────
function intParam(v: string | undefined, def: number, min: number, max: number): number {
  if (v === undefined || !/^\d+$/.test(v)) return def;
  const n = Number(v);
  return n < min || n > max ? def : n;
}

driverApi.get('/api/history', async (c) => {
  const user = requireUser(c, 'driver');
  const offset = intParam(c.req.query('offset'), 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(c.req.query('limit'), 20, 1, 50);
  const today = torontoDate(now());
  const where = `a.user_id = $1 AND (a.status = 'completed' OR a.date < $2)`;
  const total = (await q1<{ n: number }>(`SELECT count(*)::int AS n FROM assignments a WHERE ${where}`, [user.id, today]))!.n;
  const rows = await q(
    `SELECT a.id, a.date, a.status, r.name AS route_name, w.name AS warehouse_name,
            s.id AS shift_id, s.parcels_start, s.parcels_delivered, s.parcels_returned, s.excepted_returns,
            s.exception_notes, s.arrived_at, s.completed_at
     FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     LEFT JOIN shifts s ON s.assignment_id = a.id
     WHERE ${where} ORDER BY a.date DESC, a.id LIMIT $3 OFFSET $4`,
    [user.id, today, limit, offset],
  );
  return c.json({
    history: rows.map((r) => ({
      id: r.id,
      date: r.date,
      status: r.status,
      routeName: r.route_name,
      warehouseName: r.warehouse_name,
      shift: r.shift_id
        ? {
            parcelsStart: r.parcels_start,
            parcelsDelivered: r.parcels_delivered,
            parcelsReturned: r.parcels_returned,
            exceptedReturns: r.excepted_returns,
            exceptionNotes: r.exception_notes,
            arrivedAt: iso(r.arrived_at),
            completedAt: iso(r.completed_at),
          }
        : null,
    })),
    pagination: { offset, limit, total, hasMore: offset + rows.length < total },
  });
});

// ── Preferences ──────────────────────────────────────────────────────────────────────────────
async function preferencesPayload(userId: string) {
  const p = await q1<{ id: string; user_id: string; preferred_days: number[]; preferred_routes: string[]; updated_at: Date; locked_at: Date | null }>(
    `SELECT * FROM driver_preferences WHERE user_id = $1`,
    [userId],
  );
  if (!p) return null;
  const details = await q<{ id: string; name: string; warehouse_name: string }>(
    `SELECT r.id, r.name, w.name AS warehouse_name FROM routes r JOIN warehouses w ON w.id = r.warehouse_id WHERE r.id = ANY($1::uuid[])`,
    [p.preferred_routes],
  );
  const byId = new Map(details.map((d) => [d.id, d]));
  return {
    id: p.id,
    userId: p.user_id,
    preferredDays: p.preferred_days,
    preferredRoutes: p.preferred_routes,
    updatedAt: iso(p.updated_at),
    lockedAt: iso(p.locked_at),
    preferredRoutesDetails: p.preferred_routes
      .map((id) => byId.get(id))
      .filter((d): d is NonNullable<typeof d> => !!d)
      .map((d) => ({ id: d.id, name: d.name, warehouseName: d.warehouse_name })),
  };
}

driverApi.get('/api/preferences', async (c) => {
  const user = requireUser(c, 'driver');
  const preferences = await preferencesPayload(user.id);
  const dayRows = await q<{ day: number; n: number }>(
    `SELECT d AS day, count(*)::int AS n FROM driver_preferences p JOIN "user" u ON u.id = p.user_id,
            unnest(p.preferred_days) AS d
     WHERE u.organization_id = $1 AND u.role = 'driver' GROUP BY d`,
    [user.organizationId],
  );
  const dayCounts: Record<string, number> = {};
  for (let d = 0; d < 7; d++) dayCounts[String(d)] = 0;
  for (const r of dayRows) if (r.day >= 0 && r.day <= 6) dayCounts[String(r.day)] = r.n;
  const me = await q1<{ weekly_cap: number }>(`SELECT weekly_cap FROM "user" WHERE id = $1`, [user.id]);
  return c.json({ preferences, isLocked: false, lockDeadline: null, lockedUntil: null, dayCounts, weeklyCap: me?.weekly_cap ?? 4 });
});

const prefsBody = z.object({
  preferredDays: z.array(z.number().int().min(0).max(6)).max(7),
  preferredRoutes: z.array(z.uuid()).max(3),
});

driverApi.put('/api/preferences', async (c) => {
  const user = requireUser(c, 'driver');
  const parsed = prefsBody.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const days = [...new Set(parsed.data.preferredDays)];
  const routes = [...new Set(parsed.data.preferredRoutes)];
  if (routes.length) {
    const ok = await q1<{ n: number }>(
      `SELECT count(*)::int AS n FROM routes r JOIN warehouses w ON w.id = r.warehouse_id
       WHERE r.id = ANY($1::uuid[]) AND w.organization_id = $2`,
      [routes, user.organizationId],
    );
    if ((ok?.n ?? 0) !== routes.length) fail(400, 'One or more route IDs are invalid');
  }
  await q(
    `INSERT INTO driver_preferences (user_id, preferred_days, preferred_routes, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (user_id) DO UPDATE SET preferred_days = EXCLUDED.preferred_days,
       preferred_routes = EXCLUDED.preferred_routes, updated_at = now()`,
    [user.id, days, routes],
  );
  return c.json({ preferences: await preferencesPayload(user.id), isLocked: false, lockDeadline: null, lockedUntil: null });
});

driverApi.get('/api/preferences/routes', async (c) => {
  const user = requireUser(c, 'driver');
  const term = (c.req.query('q') ?? '').trim();
  const rows = await q<{ id: string; name: string; warehouse_name: string }>(
    `SELECT r.id, r.name, w.name AS warehouse_name FROM routes r JOIN warehouses w ON w.id = r.warehouse_id
     WHERE w.organization_id = $1 AND ($2 = '' OR r.name ILIKE '%' || $2 || '%' OR w.name ILIKE '%' || $2 || '%')
     ORDER BY r.name LIMIT 50`,
    [user.organizationId, term],
  );
  return c.json({ routes: rows.map((r) => ({ id: r.id, name: r.name, warehouseName: r.warehouse_name })) });
});

// ── Dashboard & metrics ──────────────────────────────────────────────────────────────────────
async function metricsRow(userId: string) {
  return q1<{ total_shifts: number; completed_shifts: number; attendance_rate: number; completion_rate: number; total_assigned: number; avg_parcels_delivered: number; updated_at: Date }>(
    `SELECT * FROM driver_metrics WHERE user_id = $1`,
    [userId],
  );
}

driverApi.get('/api/metrics', async (c) => {
  const user = requireUser(c, 'driver');
  const m = await metricsRow(user.id);
  return c.json({
    metrics: {
      totalShifts: m?.total_shifts ?? 0,
      completedShifts: m?.completed_shifts ?? 0,
      attendanceRate: m?.attendance_rate ?? 0,
      completionRate: m?.completion_rate ?? 0,
      updatedAt: iso(m?.updated_at ?? null),
    },
  });
});

driverApi.get('/api/dashboard', async (c) => {
  const user = requireUser(c, 'driver');
  await resolveExpiredForOrg(user.organizationId);
  const n = now();
  const today = torontoDate(n);
  const weekStart = weekStartOf(today);
  const nextWeekStart = addDays(weekStart, 7);
  const rows = await q<AssignmentRow>(
    `SELECT ${ASSIGNMENT_SELECT} WHERE a.user_id = $1 AND ((a.date >= $2 AND a.date < $3) OR a.status = 'active')
     ORDER BY a.date, a.id`,
    [user.id, weekStart, addDays(weekStart, 14)],
  );
  const all = rows.map(toAssignment);
  const todayShift = all.find((a) => a.status === 'active') ?? all.find((a) => a.date === today && a.status !== 'cancelled') ?? null;
  const week = (start: string) => {
    const list = all.filter((a) => a.date >= start && a.date < addDays(start, 7) && a.status !== 'cancelled');
    return { weekStart: start, assignedDays: new Set(list.map((a) => a.date)).size, assignments: list };
  };
  const m = await metricsRow(user.id);
  const pending = await q(
    `SELECT b.id, b.assignment_id, a.date, r.name AS route_name, r.start_time, w.name AS warehouse_name, b.bid_at, b.window_closes_at
     FROM bids b JOIN assignments a ON a.id = b.assignment_id JOIN routes r ON r.id = a.route_id
     JOIN warehouses w ON w.id = a.warehouse_id WHERE b.user_id = $1 AND b.status = 'pending' ORDER BY b.bid_at DESC`,
    [user.id],
  );
  const unconfirmed = all
    .filter((a) => a.status === 'scheduled' && a.date >= today && n.getTime() <= new Date(a.confirmationDeadline).getTime())
    .map((a) => ({
      id: a.id,
      date: a.date,
      routeName: a.routeName,
      routeStartTime: a.routeStartTime,
      warehouseName: a.warehouseName,
      confirmationOpensAt: a.confirmationOpensAt,
      confirmationDeadline: a.confirmationDeadline,
      isConfirmable: a.isConfirmable,
      confirmedAt: a.confirmedAt,
    }));
  const incomplete = all.find((a) => a.shift?.arrivedAt && !a.shift.completedAt) ?? null;
  return c.json({
    todayShift,
    thisWeek: week(weekStart),
    nextWeek: week(nextWeekStart),
    metrics: {
      totalShifts: m?.total_shifts ?? 0,
      completedShifts: m?.completed_shifts ?? 0,
      attendanceRate: m?.attendance_rate ?? 0,
      completionRate: m?.completion_rate ?? 0,
      totalAssigned: m?.total_assigned ?? 0,
      avgParcelsDelivered: m?.avg_parcels_delivered ?? 0,
    },
    pendingBids: pending.map((b) => ({
      id: b.id,
      assignmentId: b.assignment_id,
      assignmentDate: b.date,
      routeName: b.route_name,
      routeStartTime: b.start_time,
      warehouseName: b.warehouse_name,
      bidAt: iso(b.bid_at),
      windowClosesAt: iso(b.window_closes_at),
    })),
    unconfirmedShifts: unconfirmed,
    isNewDriver: (m?.total_shifts ?? 0) === 0,
    incompleteShift: incomplete
      ? { assignmentId: incomplete.id, date: incomplete.date, routeName: incomplete.routeName, warehouseName: incomplete.warehouseName, shift: incomplete.shift }
      : null,
  });
});
