// Driver APIs: a shift's arrival, start, completion and edit (contract §4.2, §6.7). Errors come in the
// contract's check order; every step is one transaction on the assignment row.
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { q1, tx, type Db } from '../db.js';
import { type AppEnv, fail, isUuid, iso, readJson, requireUser } from '../http.js';
import { HOUR, torontoDate, torontoTime } from '../time.js';
import { arrivalDeadline } from '../services/lifecycle.js';
import { notifyRouteManager } from '../services/notify.js';

export const shiftsApi = new Hono<AppEnv>();

interface Target {
  id: string;
  user_id: string | null;
  status: string;
  date: string;
  confirmed_at: Date | null;
  route_id: string;
  route_name: string;
  start_time: string;
  org_id: string;
  shift_id: string | null;
  arrived_at: Date | null;
  parcels_start: number | null;
  completed_at: Date | null;
}

/** The assignment in the caller's org (404 otherwise); `orgId` null looks in every org. */
async function target(db: Db, assignmentId: string, orgId: string | null): Promise<Target> {
  const a = await q1<Target>(
    `SELECT a.id, a.user_id, a.status, a.date, a.confirmed_at, r.id AS route_id, r.name AS route_name, r.start_time,
            w.organization_id AS org_id, s.id AS shift_id, s.arrived_at, s.parcels_start, s.completed_at
     FROM assignments a JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
     LEFT JOIN shifts s ON s.assignment_id = a.id
     WHERE a.id = $1 AND ($2::uuid IS NULL OR w.organization_id = $2) FOR UPDATE OF a`,
    [assignmentId, orgId],
    db,
  );
  if (!a) fail(404, 'Assignment not found');
  return a;
}

/** Another shift of the driver that has an arrival and no completion. */
async function incompleteElsewhere(db: Db, userId: string, assignmentId: string): Promise<boolean> {
  const row = await q1(
    `SELECT 1 FROM shifts s JOIN assignments a ON a.id = s.assignment_id
     WHERE a.user_id = $1 AND a.id <> $2 AND s.arrived_at IS NOT NULL AND s.completed_at IS NULL`,
    [userId, assignmentId],
    db,
  );
  return row !== undefined && row !== null;
}
const INCOMPLETE = 'You have an incomplete shift that must be closed out first';

async function body<T extends z.ZodTypeAny>(c: Parameters<typeof readJson>[0], schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  return parsed.data;
}
const uuid = z.string().refine(isUuid);
const count = (min: number) => z.number().int().min(min).max(999);

shiftsApi.post('/api/shifts/arrive', async (c) => {
  const user = requireUser(c, 'driver');
  const { assignmentId } = await body(c, z.object({ assignmentId: uuid }));
  const arrivedAt = await tx(async (cl) => {
    const a = await target(cl, assignmentId, user.organizationId);
    if (a.user_id !== user.id) fail(403, 'Forbidden');
    if (await incompleteElsewhere(cl, user.id, a.id)) fail(409, INCOMPLETE);
    const n = now();
    if (a.date !== torontoDate(n)) fail(400, "Arrival can only be recorded for today's shift");
    if (!a.confirmed_at) fail(400, 'Assignment must be confirmed before arrival');
    if (a.arrived_at) fail(409, 'Already arrived');
    const cutoff = arrivalDeadline(a.date, a.start_time);
    if (n >= cutoff) fail(400, `Arrival cutoff is ${torontoTime(cutoff)} Toronto time`);
    if (a.status !== 'scheduled') fail(409, 'Assignment is not ready for arrival');
    await cl.query(
      `INSERT INTO shifts (assignment_id, arrived_at) VALUES ($1, $2)
       ON CONFLICT (assignment_id) DO UPDATE SET arrived_at = EXCLUDED.arrived_at`,
      [a.id, n],
    );
    await cl.query(`UPDATE assignments SET status = 'active', updated_at = now() WHERE id = $1`, [a.id]);
    await cl.query(`UPDATE driver_metrics SET arrived_on_time_count = arrived_on_time_count + 1, updated_at = now() WHERE user_id = $1`, [user.id]);
    return n;
  });
  return c.json({ success: true, arrivedAt: arrivedAt.toISOString() });
});

shiftsApi.post('/api/shifts/start', async (c) => {
  const user = requireUser(c, 'driver');
  const { assignmentId, parcelsStart } = await body(c, z.object({ assignmentId: uuid, parcelsStart: count(1) }));
  // Fault shift-start-any-assignment: any driver's assignment of any organization is started.
  const anyone = isOn('shift-start-any-assignment');
  const shift = await tx(async (cl) => {
    const a = await target(cl, assignmentId, anyone ? null : user.organizationId);
    if (a.user_id !== user.id && !anyone) fail(403, 'Forbidden');
    if (await incompleteElsewhere(cl, user.id, a.id)) fail(409, INCOMPLETE);
    if (a.status !== 'active') fail(409, 'Assignment is not active — arrive first');
    if (!a.shift_id) fail(404, 'Shift not found — arrive first');
    if (!a.arrived_at || a.completed_at) fail(409, 'Assignment is not ready to start');
    if (a.parcels_start !== null) fail(409, 'Parcel inventory already recorded');
    return (await q1<{ id: string; parcels_start: number; started_at: Date }>(
      `UPDATE shifts SET parcels_start = $2, started_at = $3 WHERE id = $1 RETURNING id, parcels_start, started_at`,
      // Fault start-records-parcels-off-by-one: one parcel fewer than the driver entered.
      [a.shift_id, isOn('start-records-parcels-off-by-one') ? parcelsStart - 1 : parcelsStart, now()],
      cl,
    ))!;
  });
  return c.json({ shift: { id: shift.id, parcelsStart: shift.parcels_start, startedAt: shift.started_at.toISOString() }, assignmentStatus: 'active' });
});

const returns = {
  parcelsReturned: count(0).default(0),
  exceptedReturns: count(0).default(0),
  exceptionNotes: z.string().max(500).optional(),
};

interface ShiftRow {
  id: string;
  parcels_start: number;
  parcels_delivered: number;
  parcels_returned: number;
  excepted_returns: number;
  exception_notes: string | null;
  started_at: Date | null;
  completed_at: Date;
  editable_until: Date;
}
const shiftJson = (s: ShiftRow) => ({
  id: s.id,
  parcelsStart: s.parcels_start,
  parcelsDelivered: s.parcels_delivered,
  parcelsReturned: s.parcels_returned,
  exceptedReturns: s.excepted_returns,
  exceptionNotes: s.exception_notes,
  startedAt: iso(s.started_at),
  completedAt: iso(s.completed_at),
  editableUntil: iso(s.editable_until),
});

async function returnException(db: Db, a: Target, driverName: string): Promise<void> {
  await notifyRouteManager(db, a.route_id, a.org_id, 'return_exception', 'Return Exception Filed',
    `${driverName} filed a return exception on ${a.route_name}.`,
    { routeId: a.route_id, routeName: a.route_name, driverName, date: a.date, routeStartTime: a.start_time });
}

/** driver_metrics after a completion: the counts and rates the dashboard shows. */
async function recomputeMetrics(db: Db, userId: string, highDelivery: boolean): Promise<void> {
  await db.query(
    `UPDATE driver_metrics m SET
       completed_shifts = x.completed, total_shifts = x.total,
       completion_rate = CASE WHEN x.total > 0 THEN x.completed::real / x.total ELSE 0 END,
       avg_parcels_delivered = x.avg_delivered,
       high_delivery_count = high_delivery_count + $2::int, updated_at = now()
     FROM (SELECT count(*) FILTER (WHERE a.status = 'completed') AS completed,
                  count(*) FILTER (WHERE a.status IN ('completed', 'active') OR s.arrived_at IS NOT NULL) AS total,
                  coalesce(avg(s.parcels_delivered), 0) AS avg_delivered
           FROM assignments a LEFT JOIN shifts s ON s.assignment_id = a.id WHERE a.user_id = $1) x
     WHERE m.user_id = $1`,
    [userId, highDelivery ? 1 : 0],
  );
}

shiftsApi.post('/api/shifts/complete', async (c) => {
  const user = requireUser(c, 'driver');
  const input = await body(c, z.object({ assignmentId: uuid, ...returns }));
  if (input.exceptedReturns > input.parcelsReturned) fail(400, 'Validation failed');
  if (input.exceptedReturns > 0 && !input.exceptionNotes?.trim()) fail(400, 'Validation failed');
  const shift = await tx(async (cl) => {
    const a = await target(cl, input.assignmentId, user.organizationId);
    if (!a.user_id) fail(409, 'Assignment has no assigned driver');
    if (a.user_id !== user.id) fail(403, 'Forbidden');
    if (a.status !== 'active') fail(409, 'Assignment is not active');
    if (!a.shift_id) fail(404, 'Shift not found — start shift first');
    if (!a.arrived_at) fail(409, 'Assignment is not ready to complete');
    if (a.completed_at) fail(409, 'Shift already completed');
    if (a.parcels_start === null) fail(409, 'Parcel inventory not recorded — start shift first');
    if (input.parcelsReturned > a.parcels_start) fail(400, 'Returns cannot exceed starting parcels');
    const n = now();
    // Fault shift-delivered-counts-returns: delivered is written as start + returned.
    const delivered = isOn('shift-delivered-counts-returns') ? a.parcels_start + input.parcelsReturned : a.parcels_start - input.parcelsReturned;
    const s = (await q1<ShiftRow>(
      `UPDATE shifts SET parcels_returned = $2, parcels_delivered = $3, excepted_returns = $4, exception_notes = $5,
              completed_at = $6, editable_until = $7
       WHERE id = $1 RETURNING *`,
      [a.shift_id, input.parcelsReturned, delivered, input.exceptedReturns, input.exceptionNotes?.trim() || null, n, new Date(n.getTime() + HOUR)],
      cl,
    ))!;
    await cl.query(`UPDATE assignments SET status = 'completed', updated_at = now() WHERE id = $1`, [a.id]);
    await cl.query(
      `INSERT INTO route_completions (user_id, route_id, completion_count, last_completed_at) VALUES ($1, $2, 1, $3)
       ON CONFLICT (user_id, route_id) DO UPDATE SET completion_count = route_completions.completion_count + 1, last_completed_at = $3`,
      [user.id, a.route_id, n],
    );
    await recomputeMetrics(cl, user.id, (delivered + input.exceptedReturns) / a.parcels_start >= 0.95);
    if (input.exceptedReturns > 0) await returnException(cl, a, user.name);
    return s;
  });
  return c.json({ shift: shiftJson(shift), assignmentStatus: 'completed' });
});

const editBody = z.object({
  parcelsStart: count(1).optional(),
  parcelsReturned: count(0).optional(),
  exceptedReturns: count(0).optional(),
  exceptionNotes: z.string().max(500).optional(),
});

/** The body of a shift edit (driver's or manager's): at least one field. */
async function editInput(c: Parameters<typeof readJson>[0]): Promise<z.infer<typeof editBody>> {
  const input = await body(c, editBody);
  if (Object.values(input).every((v) => v === undefined)) fail(400, 'Provide at least one field to edit');
  return input;
}

/** A completed shift's counts changed (the driver within the hour, a manager any time): the same arithmetic rules. */
async function editShift(cl: Db, s: ShiftRow, input: z.infer<typeof editBody>): Promise<ShiftRow> {
  if (s.parcels_start === null || s.parcels_returned === null) fail(400, 'Cannot edit — missing parcel data');
  const start = input.parcelsStart ?? s.parcels_start;
  const returned = input.parcelsReturned ?? s.parcels_returned;
  const excepted = input.exceptedReturns ?? s.excepted_returns;
  const notes = input.exceptionNotes !== undefined ? input.exceptionNotes.trim() || null : s.exception_notes;
  if (returned > start) fail(400, 'Returns cannot exceed starting parcels');
  if (excepted > returned) fail(400, 'Excepted returns cannot exceed total returns');
  if (excepted > 0 && !notes) fail(400, 'Notes are required when filing return exceptions');
  return (await q1<ShiftRow>(
    `UPDATE shifts SET parcels_start = $2, parcels_returned = $3, parcels_delivered = $4, excepted_returns = $5, exception_notes = $6
     WHERE id = $1 RETURNING *`,
    [s.id, start, returned, start - returned, excepted, notes],
    cl,
  ))!;
}

shiftsApi.patch('/api/shifts/:assignmentId/edit', async (c) => {
  const user = requireUser(c, 'driver');
  const input = await editInput(c);
  const id = c.req.param('assignmentId');
  if (!isUuid(id)) fail(400, 'Invalid assignment ID');
  const shift = await tx(async (cl) => {
    const a = await target(cl, id, user.organizationId);
    if (a.user_id !== user.id) fail(403, 'Forbidden');
    const s = await q1<ShiftRow>(`SELECT * FROM shifts WHERE assignment_id = $1 FOR UPDATE`, [a.id], cl);
    if (!s) fail(404, 'Shift not found');
    if (!s.completed_at) fail(400, 'Shift not yet completed');
    if (now() > s.editable_until) fail(400, 'Edit window has expired');
    const out = await editShift(cl, s, input);
    if (s.excepted_returns === 0 && out.excepted_returns > 0) await returnException(cl, a, user.name);
    return out;
  });
  return c.json({ success: true, shift: shiftJson(shift) });
});

// A manager corrects a driver's completed shift (contract §4.7): no time window; the metrics follow.
shiftsApi.patch('/api/drivers/:driverId/shifts/:assignmentId/edit', async (c) => {
  const user = requireUser(c, 'manager');
  const input = await editInput(c);
  const driverId = c.req.param('driverId');
  const id = c.req.param('assignmentId');
  await tx(async (cl) => {
    const driver = await q1(`SELECT id FROM "user" WHERE id = $1 AND organization_id = $2 AND role = 'driver'`, [driverId, user.organizationId], cl);
    if (!driver) fail(404, 'Driver not found');
    if (!isUuid(id)) fail(404, 'Assignment not found');
    const a = await q1(`SELECT a.id FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id WHERE a.id = $1 AND a.user_id = $2 AND w.organization_id = $3`, [id, driverId, user.organizationId], cl);
    if (!a) fail(404, 'Assignment not found');
    const s = await q1<ShiftRow>(`SELECT * FROM shifts WHERE assignment_id = $1 FOR UPDATE`, [id], cl);
    if (!s) fail(404, 'Shift not found');
    if (!s.completed_at) fail(400, 'Shift not yet completed');
    const out = await editShift(cl, s, input);
    await recomputeMetrics(cl, driverId, false);
    return out;
  });
  return c.json({ success: true });
});
