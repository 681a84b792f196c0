// Manager APIs (contract §4.7): parcels per week over the manager's linked warehouses.
import { Hono } from 'hono';
import { q } from '../db.js';
import { type AppEnv, fail, iso, requireUser } from '../http.js';
import { addDays, weekday } from '../time.js';
import { isOn } from '../faults.js';

export const weeklyReportsApi = new Hono<AppEnv>();

/**
 * Completed assignments with a completed shift, in warehouses of the manager ($1) linked to her and in
 * her org ($2). Fault weekly-report-unscoped ($3): the week's shifts of every organization's warehouses.
 */
const done = (joins = '', where = '') => `
  FROM assignments a
  JOIN shifts s ON s.assignment_id = a.id AND s.completed_at IS NOT NULL
  JOIN warehouses w ON w.id = a.warehouse_id ${joins}
  WHERE a.status = 'completed' ${where}
    AND ($3::boolean OR (w.organization_id = $2 AND EXISTS (SELECT 1 FROM warehouse_managers wm WHERE wm.warehouse_id = w.id AND wm.user_id = $1)))`;

const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

weeklyReportsApi.get('/api/weekly-reports', async (c) => {
  const user = requireUser(c, 'manager');
  const rows = await q(
    `SELECT date_trunc('week', x.date::timestamp)::date AS week_start,
            sum(coalesce(x.parcels_delivered, 0))::int AS delivered, sum(coalesce(x.parcels_returned, 0))::int AS returned,
            sum(coalesce(x.excepted_returns, 0))::int AS excepted, count(*)::int AS shifts
     FROM (SELECT a.date, s.parcels_delivered, s.parcels_returned, s.excepted_returns ${done()} LIMIT 5000) x
     GROUP BY 1 ORDER BY 1 DESC`,
    [user.id, user.organizationId, false],
  );
  const weeks = rows.map((r, i) => {
    const weekStart = ymd(r.week_start);
    return { weekStart, weekEnd: addDays(weekStart, 6), weekLabel: `WK ${rows.length - i}`, totalDelivered: r.delivered, totalReturned: r.returned, totalExcepted: r.excepted, shiftCount: r.shifts };
  });
  return c.json({ weeks });
});

weeklyReportsApi.get('/api/weekly-reports/:weekStart', async (c) => {
  const user = requireUser(c, 'manager');
  const weekStart = c.req.param('weekStart');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(weekStart) || Number.isNaN(Date.parse(`${weekStart}T00:00:00Z`))) fail(400, 'Invalid date format — expected YYYY-MM-DD');
  if (weekday(weekStart) !== 1) fail(400, 'weekStart must be a Monday');
  const weekEnd = addDays(weekStart, 6);
  const rows = await q(
    `SELECT a.id, a.date, r.name AS route_name, w.name AS warehouse_name, u.name AS driver_name,
            s.parcels_start, s.parcels_delivered, s.parcels_returned, s.excepted_returns, s.exception_notes, s.completed_at
     ${done('JOIN routes r ON r.id = a.route_id LEFT JOIN "user" u ON u.id = a.user_id', 'AND a.date BETWEEN $4 AND $5')}
     ORDER BY a.date, r.name`,
    [user.id, user.organizationId, isOn('weekly-report-unscoped'), weekStart, weekEnd],
  );
  return c.json({
    weekStart,
    weekEnd,
    shifts: rows.map((r) => ({
      assignmentId: r.id,
      date: ymd(r.date),
      routeName: r.route_name,
      warehouseName: r.warehouse_name,
      driverName: r.driver_name,
      parcelsStart: r.parcels_start,
      parcelsDelivered: r.parcels_delivered,
      parcelsReturned: r.parcels_returned,
      exceptedReturns: r.excepted_returns,
      exceptionNotes: r.exception_notes,
      completedAt: iso(r.completed_at),
    })),
  });
});
