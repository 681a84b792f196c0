// Driver APIs: dashboard, metrics and health (contract §4.1).
import { Hono } from 'hono';
import { now } from '../clock.js';
import { q, q1 } from '../db.js';
import { type AppEnv, iso, requireUser } from '../http.js';
import { addDays, torontoDate, weekStartOf } from '../time.js';
import { resolveExpiredForOrg } from '../services/bid-resolution.js';
import { ASSIGNMENT_SELECT, confirmationWindow, toAssignment, type AssignmentRow } from '../services/lifecycle.js';
import { isOn } from '../faults.js';
import { healthResponse } from '../services/health.js';

export const dashboardApi = new Hono<AppEnv>();

// ── Dashboard & metrics ──────────────────────────────────────────────────────────────────────
async function metricsRow(userId: string) {
  return q1<{ total_shifts: number; completed_shifts: number; attendance_rate: number; completion_rate: number; total_assigned: number; avg_parcels_delivered: number; updated_at: Date }>(
    `SELECT * FROM driver_metrics WHERE user_id = $1`,
    [userId],
  );
}

dashboardApi.get('/api/metrics', async (c) => {
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

// The caller's own health card data (HealthResponse, the same a manager reads per driver).
dashboardApi.get('/api/driver-health', async (c) => {
  const user = requireUser(c, 'driver');
  return c.json(await healthResponse(user.id));
});

dashboardApi.get('/api/dashboard', async (c) => {
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
  // Pending bids: the caller's bids still pending whose window has not closed, soonest to close first.
  const pending = await q(
    `SELECT b.id, b.assignment_id, a.date, r.name AS route_name, r.start_time, w.name AS warehouse_name, b.bid_at, b.window_closes_at
     FROM bids b JOIN assignments a ON a.id = b.assignment_id JOIN routes r ON r.id = a.route_id
     JOIN warehouses w ON w.id = a.warehouse_id
     WHERE ($2::boolean OR b.user_id = $1) AND w.organization_id = $3 AND b.status = 'pending' AND b.window_closes_at >= $4
     ORDER BY b.window_closes_at, b.id`,
    // Fault dashboard-bids-unscoped: the pending bids of every driver of the organization.
    [user.id, isOn('dashboard-bids-unscoped'), user.organizationId, n],
  );
  // Upcoming confirmations, as the real app's header counts them: the shift start fixed at 07:00
  // Toronto on the date, whatever the route's start (opens at D 07:00 − 168 h, deadline D 07:00 − 48 h).
  const upcoming = await q<AssignmentRow>(
    `SELECT ${ASSIGNMENT_SELECT} WHERE a.user_id = $1 AND a.status = 'scheduled' AND a.date >= $2 ORDER BY a.date, a.id`,
    [user.id, today],
  );
  const countsConfirmed = isOn('needs-confirmation-counts-confirmed');
  const unconfirmed = upcoming
    .map((row) => ({ a: toAssignment(row), w: confirmationWindow(row.date, '07:00') }))
    .filter(({ w }) => n.getTime() <= w.deadline.getTime())
    .map(({ a, w }) => ({
      id: a.id,
      date: a.date,
      routeName: a.routeName,
      routeStartTime: a.routeStartTime,
      warehouseName: a.warehouseName,
      confirmationOpensAt: w.opensAt.toISOString(),
      confirmationDeadline: w.deadline.toISOString(),
      // Fault needs-confirmation-counts-confirmed: a confirmed shift still reads as confirmable.
      isConfirmable: (a.confirmedAt === null || countsConfirmed) && w.opensAt.getTime() <= n.getTime() && n.getTime() <= w.deadline.getTime(),
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
