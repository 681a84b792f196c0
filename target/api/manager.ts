// Manager APIs: routes, overrides, manual assignment, bid windows, warehouses, drivers (contract §4.4–§4.7).
import { Hono } from 'hono';
import { z } from 'zod';
import { now } from '../clock.js';
import { isOn } from '../faults.js';
import { getPool, q, q1, tx, isUniqueViolation, type Db } from '../db.js';
import { type AppEnv, fail, HttpError, iso, isUuid, readJson, readJsonOptional, requireUser } from '../http.js';
import { addDays, HHMM, HOUR, isValidDate, serverLocalDate, torontoDate } from '../time.js';
import { listRoutes, ROUTE_STATUSES } from '../services/routes.js';
import {
  createBidWindow, emergencyBonus, loadAssignment, notifyBidLost, resolveExpiredForOrg, resolveWindow, type WindowRow,
} from '../services/bidding.js';
import { assignByManager, checkDriver, closeOpenWindow, ConflictError, notifyAssigned, setManagerAssignee } from '../services/assign.js';
import { arrivalDeadline } from '../services/lifecycle.js';
import { notify } from '../services/notify.js';
import { healthResponse } from '../services/health.js';

export const managerApi = new Hono<AppEnv>();

/** Warehouse linked to the manager and in the manager's org. */
async function canManageWarehouse(db: Db, userId: string, orgId: string, warehouseId: string): Promise<boolean> {
  const r = await q1(
    `SELECT 1 FROM warehouses w JOIN warehouse_managers wm ON wm.warehouse_id = w.id AND wm.user_id = $1
     WHERE w.id = $3 AND w.organization_id = $2`,
    [userId, orgId, warehouseId],
    db,
  );
  return !!r;
}

/**
 * The 403 for a warehouse or route the manager may not touch (`throw await denied(...)`). The one
 * place where the denial-leaks-entity fault names the entity.
 */
async function denied(message: string, table: 'warehouses' | 'routes', id: string): Promise<HttpError> {
  if (isOn('denial-leaks-entity') && isUuid(id)) {
    const row = await q1<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1`, [id]);
    if (row) return new HttpError(403, { message: `${message} (${row.name})` });
  }
  return new HttpError(403, { message });
}

// ── Routes ───────────────────────────────────────────────────────────────────────────────────
managerApi.get('/api/routes', async (c) => {
  const user = requireUser(c, 'manager');
  const date = c.req.query('date') ?? serverLocalDate(now());
  if (!isValidDate(date)) fail(400, 'Invalid date');
  const status = c.req.query('status');
  if (status !== undefined && !(ROUTE_STATUSES as readonly string[]).includes(status)) fail(400, 'Invalid status');
  const warehouseId = c.req.query('warehouseId');
  if (warehouseId !== undefined && !isUuid(warehouseId)) fail(400, 'Invalid warehouse ID');
  const routes = await listRoutes(user, date, { status, warehouseId });
  return c.json({ routes, date });
});

const routeName = z.string().trim().min(1).max(100);
const routeStart = z.string().regex(HHMM);
const routeManager = z.string().min(1).max(128);

const routeCreate = z.object({
  name: routeName,
  warehouseId: z.uuid(),
  startTime: routeStart,
  managerId: routeManager.nullable().optional(),
});

const routePatch = z.strictObject({
  name: routeName.optional(),
  warehouseId: z.uuid().optional(),
  managerId: routeManager.nullable().optional(),
  startTime: routeStart.optional(),
});

/** The route list item for one route and date (the route must be in a linked warehouse). */
async function routeItem(user: { id: string; organizationId: string }, routeId: string, date: string) {
  const [item] = await listRoutes(user, date, { routeId });
  if (!item) fail(404, 'Route not found');
  return item;
}

/**
 * A warehouse a route may be put in: 400 when it does not exist, 403 when the manager is not linked
 * to it in their org. Locks the row so name checks in that warehouse are serialized.
 */
async function routeWarehouse(cl: Db, user: { id: string; organizationId: string }, warehouseId: string, deniedMessage: string) {
  const w = await q1(`SELECT id FROM warehouses WHERE id = $1 FOR UPDATE`, [warehouseId], cl);
  if (!w) fail(400, 'Warehouse not found');
  if (!(await canManageWarehouse(cl, user.id, user.organizationId, warehouseId))) throw await denied(deniedMessage, 'warehouses', warehouseId);
}

/** A route's primary manager: a manager of the caller's organization. */
async function checkRouteManager(cl: Db, orgId: string, managerId: string) {
  const m = await q1(`SELECT 1 FROM "user" WHERE id = $1 AND organization_id = $2 AND role = 'manager'`, [managerId, orgId], cl);
  if (!m) fail(400, 'Manager not found');
}

async function routeNameTaken(cl: Db, warehouseId: string, name: string, exceptId: string | null): Promise<boolean> {
  const r = await q1(
    `SELECT 1 FROM routes WHERE warehouse_id = $1 AND name = $2 AND ($3::uuid IS NULL OR id <> $3::uuid)`,
    [warehouseId, name, exceptId],
    cl,
  );
  return !!r;
}

/** The route (404) and the manager's access to its warehouse (403 `No access to this route`). */
async function accessibleRoute(cl: Db, user: { id: string; organizationId: string }, id: string) {
  if (!isUuid(id)) fail(404, 'Route not found');
  const r = await q1<{ id: string; name: string; warehouse_id: string }>(
    `SELECT id, name, warehouse_id FROM routes WHERE id = $1 FOR UPDATE`,
    [id],
    cl,
  );
  if (!r) fail(404, 'Route not found');
  if (!(await canManageWarehouse(cl, user.id, user.organizationId, r.warehouse_id))) throw await denied('No access to this route', 'routes', r.id);
  return r;
}

managerApi.post('/api/routes', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = routeCreate.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const body = parsed.data;
  const id = await tx(async (cl) => {
    await routeWarehouse(cl, user, body.warehouseId, 'No access to this warehouse');
    const managerId = body.managerId === undefined ? user.id : body.managerId;
    if (managerId !== null) await checkRouteManager(cl, user.organizationId, managerId);
    if (await routeNameTaken(cl, body.warehouseId, body.name, null)) fail(409, 'Route name must be unique within warehouse');
    const row = (await q1<{ id: string }>(
      `INSERT INTO routes (name, warehouse_id, manager_id, start_time, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [body.name, body.warehouseId, managerId, body.startTime, user.id],
      cl,
    ))!;
    return row.id;
  });
  return c.json({ route: await routeItem(user, id, serverLocalDate(now())) }, 201);
});

managerApi.patch('/api/routes/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const date = c.req.query('date') ?? serverLocalDate(now());
  if (!isValidDate(date)) fail(400, 'Invalid date');
  const parsed = routePatch.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const body = parsed.data;
  const id = c.req.param('id');
  await tx(async (cl) => {
    const r = await accessibleRoute(cl, user, id);
    const warehouseId = body.warehouseId ?? r.warehouse_id;
    if (warehouseId !== r.warehouse_id) await routeWarehouse(cl, user, warehouseId, 'No access to target warehouse');
    else await q1(`SELECT id FROM warehouses WHERE id = $1 FOR UPDATE`, [warehouseId], cl);
    if (body.managerId) await checkRouteManager(cl, user.organizationId, body.managerId);
    const name = body.name ?? r.name;
    if ((name !== r.name || warehouseId !== r.warehouse_id) && (await routeNameTaken(cl, warehouseId, name, r.id))) {
      fail(409, 'Route name must be unique within warehouse');
    }
    await cl.query(
      `UPDATE routes SET name = $2, warehouse_id = $3, start_time = coalesce($4, start_time),
              manager_id = CASE WHEN $5::boolean THEN $6 ELSE manager_id END, updated_at = now()
       WHERE id = $1`,
      [r.id, name, warehouseId, body.startTime ?? null, body.managerId !== undefined, body.managerId ?? null],
    );
  });
  return c.json({ route: await routeItem(user, id, date) });
});

managerApi.delete('/api/routes/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  await tx(async (cl) => {
    const r = await accessibleRoute(cl, user, id);
    const future = await q1(`SELECT 1 FROM assignments WHERE route_id = $1 AND date > $2 LIMIT 1`, [r.id, serverLocalDate(now())], cl);
    if (future) fail(400, 'Cannot delete route with future assignments');
    // Past assignments keep their route (no cascade): such a route stays.
    const past = await q1(`SELECT 1 FROM assignments WHERE route_id = $1 LIMIT 1`, [r.id], cl);
    if (past) fail(409, 'Cannot delete route with assignment history');
    await cl.query(`DELETE FROM routes WHERE id = $1`, [r.id]);
  });
  return c.json({ success: true });
});

// ── Overrides ────────────────────────────────────────────────────────────────────────────────
function overrideFail(status: number, code: string, message: string): never {
  throw new HttpError(status, { code, message });
}

const overrideBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('reassign'), driverId: z.string().min(1).max(128) }),
  z.strictObject({ action: z.literal('open_bidding') }),
  z.strictObject({ action: z.literal('open_urgent_bidding') }),
  z.strictObject({ action: z.literal('suspend_route') }),
  z.strictObject({ action: z.literal('resume_route') }),
]);

function windowJson(w: WindowRow | null | undefined) {
  if (!w) return null;
  return { id: w.id, mode: w.mode, status: w.status, closesAt: w.closes_at.toISOString(), payBonusPercent: w.pay_bonus_percent };
}

async function runOverride(
  user: { id: string; organizationId: string },
  assignmentId: string,
  body: z.infer<typeof overrideBody>,
) {
  return tx(async (cl) => {
    const locked = await q1<{ id: string; status: string; user_id: string | null; warehouse_id: string; org_id: string }>(
      `SELECT a.id, a.status, a.user_id, a.warehouse_id, w.organization_id AS org_id
       FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id WHERE a.id = $1 FOR UPDATE OF a`,
      [assignmentId],
      cl,
    );
    if (!locked) overrideFail(404, 'assignment_not_found', 'Assignment not found');
    if (!isOn('override-no-org-check') && !(await canManageWarehouse(cl, user.id, user.organizationId, locked.warehouse_id))) {
      overrideFail(403, 'forbidden', 'You do not have access to this assignment');
    }
    const a = (await loadAssignment(cl, assignmentId))!;
    const open = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE assignment_id = $1 AND status = 'open' FOR UPDATE`, [a.id], cl);
    let bidWindow: WindowRow | null = null;
    let notifiedCount: number | null = null;
    const at = now();

    switch (body.action) {
      case 'reassign': {
        if (a.status !== 'scheduled' && a.status !== 'unfilled') overrideFail(409, 'invalid_assignment_state', 'Only scheduled or unfilled assignments can be reassigned');
        const check = await checkDriver(cl, body.driverId, a.org_id, a.date);
        if (!check.ok) {
          if (check.reason === 'flagged') overrideFail(400, 'driver_flagged', 'Flagged drivers cannot be assigned');
          if (check.reason === 'at_cap') overrideFail(400, 'driver_at_weekly_cap', 'Driver is at weekly assignment cap');
          overrideFail(400, 'driver_not_found', 'Driver not found');
        }
        try {
          await assignByManager(cl, a, body.driverId);
        } catch (err) {
          if (err instanceof ConflictError) overrideFail(409, 'driver_has_shift_on_date', err.message);
          throw err;
        }
        break;
      }
      case 'suspend_route': {
        if (a.status === 'active' || a.status === 'completed') overrideFail(409, 'invalid_assignment_state', 'Active or completed assignments cannot be suspended');
        if (a.status === 'cancelled' && a.user_id === null && !open) break; // already suspended
        await closeOpenWindow(cl, a.id);
        const keepDriver = isOn('suspend-keeps-driver');
        const sameDate = isOn('suspend-cancels-same-date');
        await cl.query(
          `UPDATE assignments SET status = 'cancelled', user_id = CASE WHEN $3::boolean THEN user_id ELSE NULL END,
                  assigned_by = NULL, assigned_at = NULL, confirmed_at = NULL, cancel_type = NULL, cancelled_at = $2,
                  updated_at = now()
           WHERE id = $1 OR ($4::boolean AND date = $5 AND status <> 'cancelled')`,
          [a.id, at, keepDriver, sameDate, a.date],
        );
        if (a.user_id) {
          await notify(cl, {
            userId: a.user_id,
            orgId: a.org_id,
            type: 'shift_cancelled',
            title: 'Shift Cancelled',
            body: `${a.route_name} on ${a.date} has been cancelled by your manager.`,
            data: { assignmentId: a.id, routeName: a.route_name, assignmentDate: a.date },
          });
        }
        break;
      }
      case 'resume_route': {
        if (!(a.status === 'cancelled' && a.user_id === null)) overrideFail(409, 'invalid_assignment_state', 'Only suspended routes can be resumed');
        if (open) overrideFail(409, 'open_window_exists', 'An open bid window already exists for this assignment');
        await cl.query(
          `UPDATE assignments SET status = 'unfilled', user_id = NULL, assigned_by = NULL, assigned_at = NULL,
                  confirmed_at = NULL, cancel_type = NULL, cancelled_at = NULL, updated_at = now()
           WHERE id = $1`,
          [a.id],
        );
        break;
      }
      case 'open_bidding': {
        if (a.status !== 'unfilled') overrideFail(409, 'invalid_assignment_state', 'Only unfilled assignments can be opened for bidding');
        if (open) overrideFail(409, 'open_window_exists', 'An open bid window already exists for this assignment');
        if (at >= arrivalDeadline(a.date, a.route_start_time)) overrideFail(409, 'invalid_assignment_state', 'The shift has already started');
        const created = await createBidWindow(cl, { assignmentId: a.id, trigger: 'manager' });
        if (!created.ok) {
          if (created.reason === 'open_window_exists') overrideFail(409, 'open_window_exists', created.message);
          overrideFail(409, 'invalid_assignment_state', created.message);
        }
        bidWindow = created.window;
        notifiedCount = created.notifiedCount;
        break;
      }
      case 'open_urgent_bidding': {
        if (a.status !== 'scheduled' && a.status !== 'unfilled') overrideFail(409, 'invalid_assignment_state', 'Only scheduled or unfilled assignments can be opened for urgent bidding');
        if (open && open.mode === 'emergency') {
          bidWindow = open;
          break;
        }
        if (open) await closeOpenWindow(cl, a.id);
        const created = await createBidWindow(cl, {
          assignmentId: a.id,
          trigger: 'manager',
          mode: 'emergency',
          allowPastShift: true,
          payBonusPercent: await emergencyBonus(cl, a.org_id),
        });
        if (!created.ok) overrideFail(409, created.reason === 'open_window_exists' ? 'open_window_exists' : 'invalid_assignment_state', created.message);
        bidWindow = created.window;
        notifiedCount = created.notifiedCount;
        break;
      }
    }
    const after = (await q1<{ id: string; status: string; user_id: string | null; route_id: string; driver_name: string | null }>(
      `SELECT a.id, a.status, a.user_id, a.route_id, u.name AS driver_name FROM assignments a LEFT JOIN "user" u ON u.id = a.user_id WHERE a.id = $1`,
      [a.id],
      cl,
    ))!;
    return {
      action: body.action,
      assignment: { id: after.id, status: after.status, userId: after.user_id, driverName: after.driver_name, routeId: after.route_id },
      bidWindow: windowJson(bidWindow),
      notifiedCount,
    };
  });
}

managerApi.post('/api/assignments/:id/override', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    overrideFail(400, 'validation_failed', 'Invalid JSON body');
  }
  const parsed = overrideBody.safeParse(raw);
  if (!parsed.success) overrideFail(400, 'validation_failed', 'Validation failed');
  if (!isUuid(id)) overrideFail(400, 'validation_failed', 'Invalid assignment ID');
  return c.json(await runOverride(user, id, parsed.data));
});

managerApi.post('/api/assignments/:id/emergency-reopen', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  try {
    if (!isUuid(id)) overrideFail(400, 'validation_failed', 'Invalid assignment ID');
    const out = await runOverride(user, id, { action: 'open_urgent_bidding' });
    return c.json({ success: true, bidWindowId: out.bidWindow?.id ?? null, notifiedCount: out.notifiedCount });
  } catch (err) {
    if (err instanceof HttpError) fail(err.status, String(err.body.message));
    throw err;
  }
});

// ── Manual assign ────────────────────────────────────────────────────────────────────────────
managerApi.post('/api/assignments/:id/assign', async (c) => {
  const user = requireUser(c, 'manager');
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid assignment ID');
  const parsed = z.strictObject({ userId: z.string().min(1).max(128) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const driverId = parsed.data.userId;
  const out = await tx(async (cl) => {
    const row = await q1<{ id: string; status: string; warehouse_id: string }>(
      `SELECT a.id, a.status, a.warehouse_id FROM assignments a JOIN warehouses w ON w.id = a.warehouse_id
       WHERE a.id = $1 AND w.organization_id = $2 FOR UPDATE OF a`,
      [id, user.organizationId],
      cl,
    );
    if (!row) fail(404, 'Assignment not found');
    if (!(await canManageWarehouse(cl, user.id, user.organizationId, row.warehouse_id))) {
      throw await denied('No access to this warehouse', 'warehouses', row.warehouse_id);
    }
    if (row.status !== 'unfilled') fail(409, 'Assignment must be unfilled to assign manually');
    const a = (await loadAssignment(cl, id))!;
    const check = await checkDriver(cl, driverId, a.org_id, a.date);
    if (!check.ok) {
      if (check.reason === 'flagged') fail(400, 'Flagged drivers cannot be assigned');
      if (check.reason === 'at_cap') fail(400, 'Driver is at weekly assignment cap');
      fail(400, 'Driver not found');
    }
    try {
      const { bidWindowId } = await assignByManager(cl, a, driverId);
      return {
        assignment: { id: a.id, routeId: a.route_id, routeName: a.route_name, date: a.date, status: 'scheduled', userId: driverId, driverName: check.name ?? null },
        bidWindowId,
      };
    } catch (err) {
      if (err instanceof ConflictError) fail(409, err.message);
      throw err;
    }
  });
  return c.json(out);
});

// ── Bid windows ──────────────────────────────────────────────────────────────────────────────
const WINDOW_ITEM_SQL = `
  SELECT bw.id, bw.assignment_id, a.date, r.name AS route_name, w.name AS warehouse_name, bw.opens_at, bw.closes_at,
         bw.status, bw.winner_id, u.name AS winner_name,
         (SELECT count(*)::int FROM bids b WHERE b.bid_window_id = bw.id) AS bid_count, a.warehouse_id
  FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
  JOIN routes r ON r.id = a.route_id JOIN warehouses w ON w.id = a.warehouse_id
  LEFT JOIN "user" u ON u.id = bw.winner_id`;

function windowItem(r: Record<string, any>) {
  return {
    id: r.id,
    assignmentId: r.assignment_id,
    assignmentDate: r.date,
    routeName: r.route_name,
    warehouseName: r.warehouse_name,
    opensAt: iso(r.opens_at),
    closesAt: iso(r.closes_at),
    status: r.status === 'open' ? 'open' : 'resolved',
    winnerId: r.winner_id,
    winnerName: r.winner_name,
    bidCount: r.bid_count,
  };
}

managerApi.get('/api/bid-windows', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = z
    .object({
      status: z.enum(['open', 'resolved', 'all']).default('all'),
      since: z.string().optional(),
      warehouseId: z.uuid().optional(),
    })
    .safeParse(c.req.query());
  if (!parsed.success) fail(400, 'Invalid query parameters');
  const { status, warehouseId } = parsed.data;
  let since = new Date(now().getTime() - 24 * HOUR);
  if (parsed.data.since !== undefined) {
    since = new Date(parsed.data.since);
    if (Number.isNaN(since.getTime())) fail(400, 'Invalid query parameters');
  }
  if (warehouseId && !(await canManageWarehouse(getPool(), user.id, user.organizationId, warehouseId))) {
    throw await denied('No access to this warehouse', 'warehouses', warehouseId);
  }
  await resolveExpiredForOrg(user.organizationId);
  const rows = await q(
    `${WINDOW_ITEM_SQL}
     WHERE w.organization_id = $2 AND EXISTS (SELECT 1 FROM warehouse_managers wm WHERE wm.warehouse_id = w.id AND wm.user_id = $1)
       AND ($3::uuid IS NULL OR a.warehouse_id = $3::uuid)
       AND bw.status <> 'closed'
       AND (CASE $4
              WHEN 'open' THEN bw.status = 'open'
              WHEN 'resolved' THEN bw.status = 'resolved' AND bw.closes_at >= $5
              ELSE bw.status = 'open' OR bw.closes_at >= $5 END)
     ORDER BY bw.closes_at, bw.id`,
    [user.id, user.organizationId, warehouseId ?? null, status, since],
  );
  return c.json({ bidWindows: rows.map(windowItem), lastUpdated: now().toISOString() });
});

async function windowForManager(user: { id: string; organizationId: string }, id: string) {
  if (!isUuid(id)) fail(400, 'Invalid bid window ID');
  const row = await q1(`${WINDOW_ITEM_SQL} WHERE bw.id = $1`, [id]);
  if (!row) fail(404, 'Bid window not found');
  if (!(await canManageWarehouse(getPool(), user.id, user.organizationId, row.warehouse_id))) {
    throw await denied('No access to this warehouse', 'warehouses', row.warehouse_id);
  }
  return row;
}

managerApi.post('/api/bid-windows/:id/close', async (c) => {
  const user = requireUser(c, 'manager');
  const row = await windowForManager(user, c.req.param('id'));
  if (row.status !== 'open') fail(409, 'Bid window already closed');
  const pending = await q1<{ n: number }>(`SELECT count(*)::int AS n FROM bids WHERE bid_window_id = $1 AND status = 'pending'`, [row.id]);
  if ((pending?.n ?? 0) === 0) {
    await tx(async (cl) => {
      const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [row.id], cl);
      if (!w || w.status !== 'open') fail(409, 'Bid window already closed');
      await cl.query(`UPDATE bid_windows SET status = 'closed' WHERE id = $1`, [w.id]);
      await cl.query(
        `UPDATE assignments SET status = 'unfilled', user_id = NULL, updated_at = now() WHERE id = $1`,
        [w.assignment_id],
      );
    });
  } else {
    const outcome = await resolveWindow(row.id);
    if (outcome === 'skipped') fail(409, 'Bid window already closed');
  }
  const fresh = await q1(`${WINDOW_ITEM_SQL} WHERE bw.id = $1`, [row.id]);
  return c.json({ bidWindow: windowItem(fresh!) });
});

managerApi.post('/api/bid-windows/:id/assign', async (c) => {
  const user = requireUser(c, 'manager');
  const row = await windowForManager(user, c.req.param('id'));
  const parsed = z.strictObject({ driverId: z.string().regex(/^[A-Za-z0-9:_-]{1,128}$/) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const driverId = parsed.data.driverId;
  await tx(async (cl) => {
    const w = await q1<WindowRow>(`SELECT * FROM bid_windows WHERE id = $1 FOR UPDATE`, [row.id], cl);
    if (!w) fail(404, 'Bid window not found');
    if (w.status === 'resolved') fail(409, 'Bid window already resolved');
    const a = (await loadAssignment(cl, w.assignment_id))!;
    if (a.status !== 'unfilled' && a.status !== 'cancelled') fail(409, 'Assignment already filled');
    const d = await q1<{ role: string; organization_id: string }>(`SELECT role, organization_id FROM "user" WHERE id = $1`, [driverId], cl);
    // Reference behaviour (design §6): a driver of another organization is "not found".
    if (!d || d.role !== 'driver' || d.organization_id !== a.org_id) fail(400, 'Driver not found');
    const at = now();
    try {
      await setManagerAssignee(cl, a, driverId, at);
    } catch (err) {
      if (err instanceof ConflictError) fail(409, err.message);
      throw err;
    }
    await cl.query(`UPDATE bid_windows SET status = 'resolved', winner_id = $2 WHERE id = $1`, [w.id, driverId]);
    await cl.query(`UPDATE bids SET status = 'won', resolved_at = $3 WHERE bid_window_id = $1 AND user_id = $2 AND status = 'pending'`, [w.id, driverId, at]);
    const losers = await q<{ user_id: string }>(
      `UPDATE bids SET status = 'lost', resolved_at = $2 WHERE bid_window_id = $1 AND status = 'pending' RETURNING user_id`,
      [w.id, at],
      cl,
    );
    await notifyAssigned(cl, a, driverId, w.id);
    for (const l of losers) await notifyBidLost(cl, l.user_id, a, w.id);
  });
  const fresh = await q1(`${WINDOW_ITEM_SQL} WHERE bw.id = $1`, [row.id]);
  return c.json({ bidWindow: windowItem(fresh!) });
});

// ── Warehouses ───────────────────────────────────────────────────────────────────────────────
async function warehouseRows(orgId: string, where: string, params: unknown[]) {
  const today = torontoDate(now());
  return q(
    `SELECT w.id, w.name, w.address, w.created_by, w.created_at, w.updated_at,
       (SELECT count(*)::int FROM routes r WHERE r.warehouse_id = w.id) AS route_count,
       (SELECT count(DISTINCT a.user_id) FROM assignments a WHERE a.warehouse_id = w.id AND a.user_id IS NOT NULL
          AND a.status <> 'cancelled' AND a.date >= $2 AND a.date < $3) AS assigned_next,
       (SELECT count(DISTINCT a.user_id)::int FROM assignments a WHERE a.warehouse_id = w.id AND a.user_id IS NOT NULL
          AND a.status <> 'cancelled' AND a.date >= $4 AND a.date < $2) AS assigned_prev,
       (SELECT count(*) FROM assignments a WHERE a.warehouse_id = w.id AND a.status = 'unfilled'
          AND a.date >= $2 AND a.date < $3) AS unfilled_next,
       (SELECT count(*)::int FROM assignments a WHERE a.warehouse_id = w.id AND a.status = 'unfilled'
          AND a.date >= $4 AND a.date < $2) AS unfilled_prev,
       (SELECT count(*)::int FROM bid_windows bw JOIN assignments a ON a.id = bw.assignment_id
          WHERE a.warehouse_id = w.id AND bw.status = 'open') AS open_windows,
       (SELECT count(*)::int FROM warehouse_managers wm WHERE wm.warehouse_id = w.id) AS manager_count
     FROM warehouses w WHERE $1::uuid IS NOT NULL AND ${where} ORDER BY w.name, w.id`,
    [orgId, today, addDays(today, 7), addDays(today, -7), ...params],
  );
}

function warehouseJson(r: Record<string, any>) {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    routeCount: r.route_count,
    // Serialized as strings, as the real app does (contract §4.6, §8 item 12).
    assignedDriversNext7: String(r.assigned_next),
    assignedDriversDelta7: Number(r.assigned_next) - r.assigned_prev,
    unfilledRoutesNext7: String(r.unfilled_next),
    unfilledRoutesDelta7: Number(r.unfilled_next) - r.unfilled_prev,
    openBidWindows: r.open_windows,
    managerCount: r.manager_count,
  };
}

managerApi.get('/api/warehouses', async (c) => {
  const user = requireUser(c, 'manager');
  const rows = await warehouseRows(
    user.organizationId,
    `w.organization_id = $1 AND EXISTS (SELECT 1 FROM warehouse_managers wm WHERE wm.warehouse_id = w.id AND wm.user_id = $5)`,
    [user.id],
  );
  return c.json({ warehouses: rows.map(warehouseJson) });
});

const warehouseCreate = z.object({ name: z.string().trim().min(1).max(100), address: z.string().trim().min(1).max(500) });

managerApi.post('/api/warehouses', async (c) => {
  const user = requireUser(c, 'manager');
  const parsed = warehouseCreate.safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const id = await tx(async (cl) => {
    const w = (await q1<{ id: string }>(
      `INSERT INTO warehouses (name, address, organization_id, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [parsed.data.name, parsed.data.address, user.organizationId, user.id],
      cl,
    ))!;
    await cl.query(`INSERT INTO warehouse_managers (warehouse_id, user_id) VALUES ($1, $2)`, [w.id, user.id]);
    return w.id;
  });
  const rows = await warehouseRows(user.organizationId, `w.id = $5`, [id]);
  return c.json({ warehouse: warehouseJson(rows[0]!) }, 201);
});

/** 403 first (also for unknown ids), then 404 — contract §1.6. */
async function warehouseAccess(c: { req: { param: (k: string) => string } }, user: { id: string; organizationId: string }): Promise<string> {
  const id = c.req.param('id');
  if (!isUuid(id)) fail(400, 'Invalid warehouse ID');
  if (isOn('warehouse-detail-no-org-check')) {
    const exists = await q1(`SELECT 1 FROM warehouses WHERE id = $1`, [id]);
    if (exists) return id;
  }
  if (!(await canManageWarehouse(getPool(), user.id, user.organizationId, id))) throw await denied('No access to this warehouse', 'warehouses', id);
  return id;
}

managerApi.get('/api/warehouses/:id', async (c) => {
  const user = requireUser(c, 'manager');
  if (isOn('warehouse-detail-always-403')) throw await denied('No access to this warehouse', 'warehouses', c.req.param('id'));
  const id = await warehouseAccess(c, user);
  const rows = await warehouseRows(user.organizationId, `w.id = $5`, [id]);
  if (!rows[0]) fail(404, 'Warehouse not found');
  return c.json({ warehouse: warehouseJson(rows[0]) });
});

managerApi.patch('/api/warehouses/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const parsed = z
    .strictObject({ name: z.string().trim().min(1).max(100).optional(), address: z.string().trim().min(1).max(500).optional() })
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const upd = await q1(
    `UPDATE warehouses SET name = coalesce($2, name), address = coalesce($3, address), updated_at = now() WHERE id = $1 RETURNING id`,
    [id, parsed.data.name ?? null, parsed.data.address ?? null],
  );
  if (!upd) fail(404, 'Warehouse not found');
  const rows = await warehouseRows(user.organizationId, `w.id = $5`, [id]);
  return c.json({ warehouse: warehouseJson(rows[0]!) });
});

managerApi.delete('/api/warehouses/:id', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const routes = await q1<{ n: number }>(`SELECT count(*)::int AS n FROM routes WHERE warehouse_id = $1`, [id]);
  if ((routes?.n ?? 0) > 0) fail(400, 'Cannot delete warehouse with attached routes');
  const del = await q1(`DELETE FROM warehouses WHERE id = $1 RETURNING id`, [id]);
  if (!del) fail(404, 'Warehouse not found');
  return c.json({ success: true });
});

managerApi.get('/api/warehouses/:id/managers', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const rows = await q(
    `SELECT wm.id, wm.user_id, u.name, u.email, wm.created_at FROM warehouse_managers wm JOIN "user" u ON u.id = wm.user_id
     WHERE wm.warehouse_id = $1 ORDER BY wm.created_at, wm.id`,
    [id],
  );
  return c.json({
    managers: rows.map((r) => ({ id: r.id, userId: r.user_id, userName: r.name, userEmail: r.email, createdAt: iso(r.created_at) })),
  });
});

managerApi.post('/api/warehouses/:id/managers', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const parsed = z.object({ userId: z.string().min(1) }).safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const exists = await q1(`SELECT 1 FROM warehouses WHERE id = $1`, [id]);
  if (!exists) fail(404, 'Warehouse not found');
  const target = await q1<{ role: string; organization_id: string }>(`SELECT role, organization_id FROM "user" WHERE id = $1`, [parsed.data.userId]);
  // Reference behaviour (design §6): a user of another organization is "not found".
  if (!target || target.organization_id !== user.organizationId) fail(404, 'User not found');
  if (target.role !== 'manager') fail(400, 'User must be a manager');
  try {
    const row = (await q1(
      `INSERT INTO warehouse_managers (warehouse_id, user_id) VALUES ($1, $2) RETURNING id, warehouse_id, user_id, created_at`,
      [id, parsed.data.userId],
    ))!;
    return c.json({ warehouseManager: { id: row.id, warehouseId: row.warehouse_id, userId: row.user_id, createdAt: iso(row.created_at) } }, 201);
  } catch (err) {
    if (isUniqueViolation(err)) fail(409, 'Manager already assigned to warehouse');
    throw err;
  }
});

managerApi.delete('/api/warehouses/:id/managers', async (c) => {
  const user = requireUser(c, 'manager');
  const id = await warehouseAccess(c, user);
  const parsed = z.object({ userId: z.string().min(1) }).safeParse(await readJsonOptional(c));
  if (!parsed.success) fail(400, 'Validation failed');
  const count = await q1<{ n: number }>(`SELECT count(*)::int AS n FROM warehouse_managers WHERE warehouse_id = $1`, [id]);
  if (parsed.data.userId === user.id && (count?.n ?? 0) <= 1) fail(400, 'Cannot remove last manager from warehouse');
  const del = await q1(`DELETE FROM warehouse_managers WHERE warehouse_id = $1 AND user_id = $2 RETURNING id`, [id, parsed.data.userId]);
  if (!del) fail(404, 'Manager assignment not found');
  return c.json({ success: true });
});

// ── Drivers ──────────────────────────────────────────────────────────────────────────────────
const DRIVER_SQL = `
  SELECT u.id, u.name, u.email, u.phone, u.role, u.weekly_cap, u.is_flagged, u.flag_warning_date, u.created_at,
         coalesce(m.total_shifts, 0) AS total_shifts, coalesce(m.completed_shifts, 0) AS completed_shifts,
         coalesce(m.attendance_rate, 0) AS attendance_rate, coalesce(m.completion_rate, 0) AS completion_rate,
         coalesce(m.avg_parcels_delivered, 0) AS avg_parcels_delivered,
         hs.current_score, coalesce(hs.assignment_pool_eligible, true) AS pool_eligible
  FROM "user" u LEFT JOIN driver_metrics m ON m.user_id = u.id LEFT JOIN driver_health_state hs ON hs.user_id = u.id`;

managerApi.get('/api/drivers', async (c) => {
  const user = requireUser(c, 'manager');
  const rows = await q(`${DRIVER_SQL} WHERE u.organization_id = $1 AND u.role = 'driver' ORDER BY u.name, u.id`, [user.organizationId]);
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

async function orgDriver(user: { organizationId: string }, id: string) {
  const row = await q1(`${DRIVER_SQL} WHERE u.id = $1 AND u.organization_id = $2`, [id, user.organizationId]);
  if (!row) fail(404, 'Driver not found');
  if (row.role !== 'driver') fail(400, 'User is not a driver');
  return row;
}

managerApi.patch('/api/drivers/:id', async (c) => {
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
    if (body.weeklyCap !== undefined) await cl.query(`UPDATE "user" SET weekly_cap = $2, updated_at = now() WHERE id = $1`, [id, body.weeklyCap]);
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

managerApi.get('/api/drivers/:id/health', async (c) => {
  const user = requireUser(c, 'manager');
  const d = await orgDriver(user, c.req.param('id'));
  return c.json(await healthResponse(d.id));
});

managerApi.get('/api/drivers/:id/shifts', async (c) => {
  const user = requireUser(c, 'manager');
  const d = await orgDriver(user, c.req.param('id'));
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

// ── Dispatch settings ────────────────────────────────────────────────────────────────────────
async function dispatchSettings(orgId: string) {
  await q(`INSERT INTO organization_dispatch_settings (organization_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orgId]);
  const s = (await q1(`SELECT * FROM organization_dispatch_settings WHERE organization_id = $1`, [orgId]))!;
  return {
    emergencyBonusPercent: s.emergency_bonus_percent,
    rewardMinAttendancePercent: s.reward_min_attendance_percent,
    correctiveCompletionThresholdPercent: s.corrective_completion_threshold_percent,
    updatedBy: s.updated_by,
    updatedAt: iso(s.updated_at),
  };
}

async function isOwner(user: { id: string; organizationId: string }): Promise<boolean> {
  const r = await q1(`SELECT 1 FROM organizations WHERE id = $1 AND owner_user_id = $2`, [user.organizationId, user.id]);
  return !!r;
}

managerApi.get('/api/settings/dispatch', async (c) => {
  const user = requireUser(c, 'manager');
  const owner = await isOwner(user);
  return c.json({ settings: await dispatchSettings(user.organizationId), permissions: { canEditEmergencyBonusPercent: owner, canEditDriverHealthSettings: owner } });
});

managerApi.patch('/api/settings/dispatch', async (c) => {
  const user = requireUser(c, 'manager');
  if (!(await isOwner(user))) fail(403, 'Forbidden');
  const pct = z.number().int().min(0).max(100).optional();
  const parsed = z
    .strictObject({ emergencyBonusPercent: pct, rewardMinAttendancePercent: pct, correctiveCompletionThresholdPercent: pct })
    .refine((b) => Object.values(b).some((v) => v !== undefined))
    .safeParse(await readJson(c));
  if (!parsed.success) fail(400, 'Validation failed');
  await dispatchSettings(user.organizationId);
  const b = parsed.data;
  await q(
    `UPDATE organization_dispatch_settings SET
       emergency_bonus_percent = coalesce($2, emergency_bonus_percent),
       reward_min_attendance_percent = coalesce($3, reward_min_attendance_percent),
       corrective_completion_threshold_percent = coalesce($4, corrective_completion_threshold_percent),
       updated_by = $5, updated_at = now()
     WHERE organization_id = $1`,
    [user.organizationId, b.emergencyBonusPercent ?? null, b.rewardMinAttendancePercent ?? null, b.correctiveCompletionThresholdPercent ?? null, user.id],
  );
  return c.json({ settings: await dispatchSettings(user.organizationId) });
});
