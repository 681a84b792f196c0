// Manager APIs: drivers, their health and shifts (contract §4.7).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { getPool, q, q1, tx } from '../db.js';
import { type AppEnv, fail, iso, readJson, requireUser } from '../http.js';
import { healthResponse } from '../services/health.js';
import { checkDriver } from '../services/assign.js';
import { isOn } from '../faults.js';

export const driversApi = new Hono<AppEnv>();

// ── Drivers ──────────────────────────────────────────────────────────────────────────────────
const DRIVER_SQL = `
  SELECT u.id, u.name, u.email, u.phone, u.role, u.organization_id, u.weekly_cap, u.is_flagged, u.flag_warning_date, u.created_at,
         coalesce(m.total_shifts, 0) AS total_shifts, coalesce(m.completed_shifts, 0) AS completed_shifts,
         coalesce(m.attendance_rate, 0) AS attendance_rate, coalesce(m.completion_rate, 0) AS completion_rate,
         coalesce(m.avg_parcels_delivered, 0) AS avg_parcels_delivered,
         hs.current_score, coalesce(hs.assignment_pool_eligible, true) AS pool_eligible
  FROM "user" u LEFT JOIN driver_metrics m ON m.user_id = u.id LEFT JOIN driver_health_state hs ON hs.user_id = u.id`;

driversApi.get('/api/drivers', async (c) => {
  const user = requireUser(c, 'manager');
  // Fault assign-picker-lists-other-org: the picker's list (assignableFor) holds every organization's drivers.
  // Fault drivers-list-unscoped: the /drivers list (not the picker's) holds every organization's drivers.
  const everyOrg = (isOn('assign-picker-lists-other-org') && !!c.req.query('assignableFor')) || (isOn('drivers-list-unscoped') && !c.req.query('assignableFor'));
  let rows = await q(`${DRIVER_SQL} WHERE ($2::boolean OR u.organization_id = $1) AND u.role = 'driver' ORDER BY u.name, u.id`, [user.organizationId, everyOrg]);
  // The reference's Assign Driver picker asks for the drivers a manual assign of that assignment allows
  // (§4.4, §6.5.4: of the org, not flagged, under the weekly cap). The real app's picker lists them all.
  const forId = c.req.query('assignableFor');
  if (forId) {
    const a = await q1<{ date: string }>(
      `SELECT a.date FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id WHERE a.id = $1 AND w.organization_id = $2`,
      [forId, user.organizationId],
    );
    if (!a) fail(404, 'Assignment not found');
    const allowed = await Promise.all(rows.map(async (r) => everyOrg && r.organization_id !== user.organizationId ? true : (await checkDriver(getPool(), r.id, user.organizationId, a.date)).ok));
    rows = rows.filter((_, i) => allowed[i]);
  }
  const primary = await q<{ user_id: string; warehouse_id: string; warehouse_name: string }>(
    `SELECT DISTINCT ON (a.user_id) a.user_id, w.id AS warehouse_id, w.name AS warehouse_name
     FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
     WHERE w.organization_id = $1 AND a.user_id IS NOT NULL
     GROUP BY a.user_id, w.id, w.name ORDER BY a.user_id, count(*) DESC, w.name`,
    [user.organizationId],
  );
  const byUser = new Map(primary.map((p) => [p.user_id, p]));
  return c.json({
    drivers: rows.map((r) => {
      const threshold = r.total_shifts < 10 ? 0.8 : 0.7;
      let healthState = 'healthy';
      if (r.is_flagged) healthState = 'flagged';
      else if (r.total_shifts > 0 && r.attendance_rate < threshold) healthState = 'at_risk';
      else if (r.total_shifts > 0 && r.attendance_rate < threshold + 0.05) healthState = 'watch';
      else if (r.total_shifts >= 20 && r.attendance_rate >= 0.95 && r.completion_rate >= 0.95) healthState = 'high_performer';
      const p = byUser.get(r.id);
      return {
        ...driverFields(r),
        healthScore: r.current_score ?? null,
        assignmentPoolEligible: r.pool_eligible,
        primaryWarehouseId: p?.warehouse_id ?? null,
        primaryWarehouseName: p?.warehouse_name ?? null,
        warehouseCohortAvgParcels: null,
        avgParcelsDeltaVsCohort: null,
        attendanceThreshold: threshold,
        healthState,
      };
    }),
  });
});

/** The fields the driver list and the driver PATCH answer share (contract §4.7). */
function driverFields(r: Record<string, any>) {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    weeklyCap: r.weekly_cap,
    isFlagged: r.is_flagged,
    flagWarningDate: iso(r.flag_warning_date),
    createdAt: iso(r.created_at),
    totalShifts: r.total_shifts,
    completedShifts: r.completed_shifts,
    attendanceRate: r.attendance_rate,
    completionRate: r.completion_rate,
    avgParcelsDelivered: r.avg_parcels_delivered,
  };
}

async function orgDriver(user: { organizationId: string }, id: string, anyOrg = false) {
  const row = await q1(`${DRIVER_SQL} WHERE u.id = $1 AND (u.organization_id = $2 OR $3::boolean)`, [id, user.organizationId, anyOrg]);
  if (!row) fail(404, 'Driver not found');
  if (row.role !== 'driver') fail(400, 'User is not a driver');
  return row;
}

driversApi.patch('/api/drivers/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = z
    .strictObject({ weeklyCap: z.number().int().min(1).max(6).optional(), unflag: z.boolean().optional(), reinstate: z.boolean().optional() })
    .refine((b) => b.weeklyCap !== undefined || b.unflag !== undefined || b.reinstate !== undefined)
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const id = c.req.param('id');
  const d = await orgDriver(user, id);
  const body = parsed.data;
  await tx(async (cl) => {
    // Fault driver-cap-written-to-other-driver: the cap lands on the organization's first other driver.
    const capOf = isOn('driver-cap-written-to-other-driver')
      ? ((await q1<{ id: string }>(`SELECT id FROM "user" WHERE organization_id = $1 AND role = 'driver' AND id <> $2 ORDER BY name, id LIMIT 1`, [user.organizationId, id], cl))?.id ?? id)
      : id;
    if (body.weeklyCap !== undefined) await cl.query(`UPDATE "user" SET weekly_cap = $2, updated_at = now() WHERE id = $1`, [capOf, body.weeklyCap]);
    if (body.unflag) await cl.query(`UPDATE "user" SET is_flagged = false, flag_warning_date = NULL, updated_at = now() WHERE id = $1`, [id]);
    if (body.reinstate && !d.pool_eligible) {
      await cl.query(
        `UPDATE driver_health_state SET assignment_pool_eligible = true, requires_manager_intervention = false,
                reinstated_at = $2, updated_at = now() WHERE user_id = $1`,
        [id, now()],
      );
    }
  });
  const r = await orgDriver(user, id);
  return c.json({
    driver: { ...driverFields(r), role: r.role, assignmentPoolEligible: r.pool_eligible },
  });
});

driversApi.get('/api/drivers/:id/health', async (c) => {
  const user = requireUser(c, 'manager');
  const d = await orgDriver(user, c.req.param('id'));
  return c.json(await healthResponse(d.id));
});

driversApi.get('/api/drivers/:id/shifts', async (c) => {
  const user = requireUser(c, 'manager');
  // Fault driver-shifts-no-org-check: a driver of any organization is found.
  const d = await orgDriver(user, c.req.param('id'), isOn('driver-shifts-no-org-check'));
  const rows = await q(
    `SELECT a.id, a.date, a.status, a.cancel_type, r.name AS route_name, w.name AS warehouse_name,
            s.parcels_start, s.parcels_delivered, s.parcels_returned, s.excepted_returns, s.exception_notes,
            s.arrived_at, s.started_at, s.completed_at
     FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     LEFT JOIN shifts s ON s.assignment_id = a.id
     WHERE a.user_id = $1 AND a.status IN ('completed', 'cancelled') ORDER BY a.date DESC, a.id LIMIT 500`,
    [d.id],
  );
  return c.json({
    driverName: d.name,
    shifts: rows.map((r) => ({
      assignmentId: r.id,
      date: r.date,
      routeName: r.route_name,
      warehouseName: r.warehouse_name,
      status: r.status,
      cancelType: r.cancel_type,
      parcelsStart: r.parcels_start,
      parcelsDelivered: r.parcels_delivered,
      parcelsReturned: r.parcels_returned,
      exceptedReturns: r.excepted_returns,
      exceptionNotes: r.exception_notes,
      arrivedAt: iso(r.arrived_at),
      startedAt: iso(r.started_at),
      completedAt: iso(r.completed_at),
    })),
  });
});
